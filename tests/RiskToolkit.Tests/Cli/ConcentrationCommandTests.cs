using System.Text.Json;
using Xunit;

namespace RiskToolkit.Tests.Cli;

public class ConcentrationCommandTests
{
    private static string BundledShares => Path.Combine(RepoPaths.Data, "market_shares.csv");

    [Fact]
    public void Json_is_an_array_with_the_contract_keys_for_every_market_and_period()
    {
        var (exit, output, error) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--format", "json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(14, doc.RootElement.GetArrayLength()); // 10 Synergy quarters + 4 Gartner years
        string[] keys =
        [
            "marketId", "period", "n", "hhi", "hhiPoints", "cr1", "cr2", "cr3", "cr4", "equivalentFirms",
            "normalizedHhi", "gini", "entropy", "normalizedEntropy", "bands", "hhiInterval",
        ];
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            foreach (var key in keys)
            {
                Assert.True(item.TryGetProperty(key, out _), $"missing key {key}");
            }

            Assert.Equal(item.GetProperty("hhi").GetDouble(), item.GetProperty("hhiInterval").GetProperty("lower").GetDouble());
        }

        Assert.DoesNotContain("NaN", output);
    }

    [Fact]
    public void Synergy_2025q1_matches_the_hand_calculation()
    {
        // AWS 29%, Microsoft 22%, Google 12%, other 37% (Synergy, 1 May 2025).
        // HHI 29² + 22² + 12² = 841 + 484 + 144 = 1,469 points; upper end 1,469 + 3·144 + 1 = 1,902.
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--market", "cloud-infra-synergy", "--period", "2025Q1", "--format", "json");
        Assert.True(exit == 0, error);
        var item = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray().ToList());
        Assert.Equal(1469, item.GetProperty("hhiPoints").GetDouble(), 6);
        Assert.Equal(0.1902, item.GetProperty("hhiInterval").GetProperty("upper").GetDouble(), 9);
        Assert.Equal(0.63, item.GetProperty("cr3").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("cr4").ValueKind);
        var band = Assert.Single(item.GetProperty("bands").EnumerateArray().ToList());
        Assert.Equal("us2023", band.GetProperty("regime").GetString());
        Assert.Equal("moderately concentrated", band.GetProperty("lower").GetString());
        Assert.Equal("highly concentrated", band.GetProperty("upper").GetString());
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_market_and_period()
    {
        var (exit, output, _) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--market", "iaas-gartner", "--format", "csv");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("marketId,period,measure,n,", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("iaas-gartner,2020,revenue_usd,5,", lines[1]);
    }

    [Fact]
    public void Table_names_each_market_and_the_band()
    {
        var (exit, output, _) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--period", "2025Q4");
        Assert.Equal(0, exit);
        Assert.Contains("cloud-infra-synergy", output);
        Assert.Contains("highly concentrated", output);
    }

    [Fact]
    public void Unknown_market_is_an_error_not_an_empty_result()
    {
        var (exit, _, error) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--market", "nope");
        Assert.Equal(1, exit);
        Assert.Contains("nope", error);
    }
}
