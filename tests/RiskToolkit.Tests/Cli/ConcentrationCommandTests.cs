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
        // One result per market and period of the bundled table.
        var groups = RiskToolkit.Data.MarketDataReader.ReadMarketShares(BundledShares).Select(r => (r.MarketId, r.Period)).Distinct().Count();
        Assert.Equal(groups, doc.RootElement.GetArrayLength());
        string[] keys =
        [
            "marketId", "period", "n", "hhi", "hhiPoints", "cr1", "cr2", "cr3", "cr4", "equivalentFirms",
            "normalizedHhi", "gini", "entropy", "normalizedEntropy", "bands", "hhiInterval",
            "hhiMin", "dualHhi", "dominance", "stenbacka", "grs", "simpson", "normalizedGini", "palma", "rosenbluth",
            "theil", "atkinson", "generalizedEntropy", "hannahKay", "bergerParker", "lorenz", "intervals", "parameters",
            "wholeMarket", "shareRounding", "reasons",
        ];
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            foreach (var key in keys)
            {
                Assert.True(item.TryGetProperty(key, out _), $"missing key {key}");
            }

            // The point HHI lies in its interval; a market published as ranges, or with unnamed ranks, has none.
            if (item.GetProperty("hhi").ValueKind == JsonValueKind.Number)
            {
                var hhi = item.GetProperty("hhi").GetDouble();
                Assert.InRange(hhi, item.GetProperty("hhiInterval").GetProperty("lower").GetDouble() - 1e-12, item.GetProperty("hhiInterval").GetProperty("upper").GetDouble() + 1e-12);
            }

            // Every regime, each with its citation.
            Assert.Equal(["us2023", "us2010", "us1992", "eu2004"], item.GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("regime").GetString()));
            Assert.All(item.GetProperty("bands").EnumerateArray(), b => Assert.False(string.IsNullOrEmpty(b.GetProperty("citation").GetString())));
        }

        Assert.DoesNotContain("NaN", output);
    }

    [Fact]
    public void Synergy_2025q1_matches_the_hand_calculation()
    {
        // AWS 29%, Microsoft 22%, Google 12%, other 37% (Synergy, 1 May 2025), each rounded to whole percents.
        // Point HHI 29² + 22² + 12² = 841 + 484 + 144 = 1,469 points.
        // Lower end: each share may be 0.5 points lower, but 'other' is at most 37.5%, so the named firms hold at
        // least 62.5% against 61.5% at their low ends: the extra 1 point goes to the smallest firm, Google
        // (11.5 → 12.5): 0.285² + 0.215² + 0.125² = 0.081225 + 0.046225 + 0.015625 = 0.143075.
        // Upper end: AWS at 29.5%, 'other' at its least, 36.5%, so Microsoft and Google hold 34%; with Google
        // at c the remainder packs into three firms of c when c = 0.365/3: Microsoft 0.34 − c = 0.218333…,
        // HHI = 0.295² + 0.218333…² + 4·(0.365/3)² = 0.087025 + 0.0476694 + 0.0592111 = 0.1939056.
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--market", "cloud-infra-synergy", "--period", "2025Q1", "--format", "json");
        Assert.True(exit == 0, error);
        var item = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray().ToList());
        Assert.Equal(1469, item.GetProperty("hhiPoints").GetDouble(), 6);
        Assert.Equal(0.143075, item.GetProperty("hhiInterval").GetProperty("lower").GetDouble(), 9);
        Assert.Equal(0.087025 + Math.Pow(0.34 - (0.365 / 3), 2) + (4 * Math.Pow(0.365 / 3, 2)), item.GetProperty("hhiInterval").GetProperty("upper").GetDouble(), 9);
        Assert.Equal(0.63, item.GetProperty("cr3").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("cr4").ValueKind);
        var bands = item.GetProperty("bands").EnumerateArray().ToList();
        Assert.Equal(["us2023", "us2010", "us1992", "eu2004"], bands.Select(b => b.GetProperty("regime").GetString()));
        var band = bands[0];
        Assert.Equal("moderately concentrated", band.GetProperty("lower").GetString());
        Assert.Equal("highly concentrated", band.GetProperty("upper").GetString());
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_market_and_period()
    {
        var (exit, output, _) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--market", "iaas-gartner", "--format", "csv");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(",", RiskToolkit.Concentration.ConcentrationAnalysis.Columns), lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("iaas-gartner,2020,revenue_usd,5,", lines[1]);
        // Gartner 2023 (USD millions): (54,648² + 32,197² + 11,454² + 11,119² + 5,980²) / 139,999²
        // = 4,313,637,390 / 19,599,720,001 = 0.2200867 → HHI 2,200.9 points over the five named firms.
        var y2023 = lines[4].Split(',');
        Assert.Equal(2200.9, double.Parse(y2023[6], System.Globalization.CultureInfo.InvariantCulture), 1);
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
    public void Unknown_market_is_an_error_that_lists_the_known_ones()
    {
        var (exit, _, error) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--market", "nope");
        Assert.Equal(1, exit);
        Assert.Contains("'nope'", error);
        var known = RiskToolkit.Data.MarketDataReader.ReadMarketShares(BundledShares).Select(r => r.MarketId).Distinct().Order(StringComparer.Ordinal);
        Assert.Contains(string.Join(", ", known), error);
    }

    [Fact]
    public void Format_is_case_insensitive_and_a_typo_is_one_usage_line()
    {
        Assert.Equal(0, CliRunner.InProcess("concentration", "--shares", BundledShares, "--format", "JSON").Exit);
        var (exit, output, error) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--format", "jsn");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the error, then where to find usage
        Assert.Contains("jsn", lines[0]);
    }

    [Fact]
    public void Share_file_without_markets_csv_beside_it_runs_with_a_note()
    {
        var dir = Directory.CreateTempSubdirectory("risk-shares-");
        try
        {
            var file = Path.Combine(dir.FullName, "shares.csv");
            File.WriteAllText(file, "market_id,period,provider_id,share,revenue_usd,count,share_low,share_high,source_id,note\nm,2020,a,0.6,,,,,s,\nm,2020,b,0.4,,,,,s,\n");
            var (exit, output, error) = CliRunner.InProcess("concentration", "--shares", file, "--format", "json");
            Assert.Equal(0, exit);
            Assert.Contains("no markets.csv", error);
            // 0.6² + 0.4² = 0.52; the two firms are the whole market: normalised (0.52 − 0.5)/0.5 = 0.04.
            var item = JsonDocument.Parse(output).RootElement[0];
            Assert.Equal(0.52, item.GetProperty("hhi").GetDouble(), 12);
            Assert.Equal(0.04, item.GetProperty("normalizedHhi").GetDouble(), 12);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
