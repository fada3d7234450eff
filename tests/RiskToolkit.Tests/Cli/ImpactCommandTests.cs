using System.Text.Json;
using Xunit;

namespace RiskToolkit.Tests.Cli;

public class ImpactCommandTests
{
    private static readonly string CaseScenario = Path.Join(RepoPaths.Data, "scenarios", "aws-us-east-1-2025-10-20.json");

    private static (int Exit, string Out, string Err) Case(params string[] more) =>
        CliRunner.InProcess(["impact", "--data", RepoPaths.Data, "--scenario", CaseScenario, .. more]);

    [Fact]
    public void Json_has_the_contract_fields()
    {
        var (exit, output, error) = Case("--format", "json", "--trials", "2000");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        foreach (string field in new[] { "mean", "var95", "tvar95", "aal", "epTable", "insured", "frequency", "deterministic", "cascade" })
        {
            Assert.True(root.TryGetProperty(field, out _), field);
        }

        JsonElement p = root.GetProperty("percentiles");
        Assert.True(p.GetProperty("p50").GetDouble() <= p.GetProperty("p90").GetDouble());
        Assert.True(p.GetProperty("p90").GetDouble() <= p.GetProperty("p99").GetDouble());
        JsonElement row = root.GetProperty("epTable")[0];
        Assert.Equal(5, row.GetProperty("returnPeriod").GetInt32());
        Assert.True(row.TryGetProperty("oep", out _) && row.TryGetProperty("aep", out _));

        // Three AWS cloud events of outage_events.csv in 2016-2025: 3 ÷ 10.0014 years.
        Assert.Equal(3 / (3653 / 365.25), root.GetProperty("frequency").GetProperty("annualRate").GetDouble(), 9);

        // 36 services at the 300,000 USD/h default, down 2 h 52 min, recovery 0.3: 36 × 300,000 × 2.8667 × 0.7.
        Assert.Equal(36 * 300_000 * (172 / 60.0) * 0.7, root.GetProperty("deterministic").GetProperty("directLossUsd").GetDouble(), 3);
    }

    [Fact]
    public void The_same_seed_gives_identical_output_and_another_seed_another()
    {
        var a = Case("--format", "json", "--trials", "3000", "--seed", "7");
        var b = Case("--format", "json", "--trials", "3000", "--seed", "7");
        var c = Case("--format", "json", "--trials", "3000", "--seed", "8");
        Assert.Equal(0, a.Exit);
        Assert.Equal(a.Out, b.Out);
        Assert.NotEqual(a.Out, c.Out);
    }

    [Fact]
    public void No_return_period_beyond_the_simulated_years()
    {
        var (exit, output, _) = Case("--format", "json", "--trials", "100");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        int[] periods = json.RootElement.GetProperty("epTable").EnumerateArray().Select(r => r.GetProperty("returnPeriod").GetInt32()).ToArray();
        Assert.Equal([5, 10, 20, 30, 50, 100], periods);
        Assert.Equal([200, 250, 500, 1000], json.RootElement.GetProperty("returnPeriodsOmitted").EnumerateArray().Select(r => r.GetInt32()));
    }

    [Fact]
    public void Table_and_csv_show_the_losses_and_the_ep_table()
    {
        var (exit, output, _) = Case("--trials", "1000");
        Assert.Equal(0, exit);
        Assert.Contains("Deterministic: direct 21.67 M, insured 0.", output, StringComparison.Ordinal);
        Assert.Contains("Cascade through the US input-output table", output, StringComparison.Ordinal);

        var (csvExit, csv, _) = Case("--trials", "1000", "--format", "csv");
        Assert.Equal(0, csvExit);
        Assert.StartsWith("return_period,oep_usd,aep_usd,", csv);
        Assert.Equal(1 + 10, csv.TrimEnd().Split('\n').Length); // header + the ten standard return periods, all within 1,000 years
    }

    [Fact]
    public void Oasis_tables_are_written_for_ground_up_and_insured_loss()
    {
        var dir = Directory.CreateTempSubdirectory("risk-oasis-");
        try
        {
            var (exit, _, error) = Case("--trials", "500", "--oasis", dir.FullName);
            Assert.True(exit == 0, error);
            foreach (string measure in new[] { "gul", "il" })
            {
                foreach (string file in new[] { "elt_selt.csv", "elt_melt.csv", "plt_splt.csv", "ept.csv", "palt.csv" })
                {
                    Assert.True(File.Exists(Path.Join(dir.FullName, measure, file)), $"{measure}/{file}");
                }
            }

            Assert.Equal("SummaryId,EPCalc,EPType,ReturnPeriod,Loss", File.ReadLines(Path.Join(dir.FullName, "gul", "ept.csv")).First());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_folder_without_impact_tables_names_the_option_that_fixes_it()
    {
        var (exit, _, error) = CliRunner.InProcess(
            "impact", "--data", Path.Join(RepoPaths.Data, "synthetic"), "--scenario", Path.Join(RepoPaths.Data, "scenarios", "synthetic-aws-us-east-1-24h.json"));
        Assert.Equal(1, exit);
        Assert.Contains("--parameters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_synthetic_scenario_runs_with_the_parameters_of_data()
    {
        var (exit, output, error) = CliRunner.InProcess(
            "impact", "--data", Path.Join(RepoPaths.Data, "synthetic"), "--parameters", RepoPaths.Data,
            "--scenario", Path.Join(RepoPaths.Data, "scenarios", "synthetic-aws-us-east-1-24h.json"), "--trials", "1000");
        Assert.True(exit == 0, error);
        Assert.Contains("42 affected of the 500 the filters keep (2,000 in the model)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_scenario_file_names_the_field_and_prints_no_stack_trace()
    {
        var dir = Directory.CreateTempSubdirectory("risk-scenario-");
        try
        {
            string text = File.ReadAllText(CaseScenario).Replace("\"takeUp\": 0.3", "\"takeUp\": 3", StringComparison.Ordinal);
            File.WriteAllText(Path.Join(dir.FullName, "bad.json"), text);
            var (exit, output, error) = CliRunner.AsProcess(
                dir.FullName, "impact", "--data", RepoPaths.Data, "--scenario", "bad.json", "--trials", "10");
            Assert.Equal(1, exit);
            Assert.StartsWith("bad.json:", error);
            Assert.Contains("insurance.takeUp", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error + output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_data_folder_is_named_as_such()
    {
        var (exit, _, error) = CliRunner.InProcess("impact", "--data", "no-such-folder", "--scenario", CaseScenario);
        Assert.Equal(1, exit);
        Assert.Equal("no-such-folder: no such folder (--data).", error.Trim());
    }

    [Fact]
    public void An_oasis_target_that_is_a_file_is_refused_before_any_work()
    {
        string file = Path.GetTempFileName();
        try
        {
            var (exit, _, error) = Case("--oasis", file);
            Assert.Equal(1, exit);
            Assert.Contains("--oasis names a file", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Filters_that_keep_no_service_are_warned_about()
    {
        var dir = Directory.CreateTempSubdirectory("risk-scenario-");
        try
        {
            string text = File.ReadAllText(CaseScenario).Replace("\"recoveryLag\"", "\"filters\": { \"countries\": [\"ZZ\"] },\n  \"recoveryLag\"", StringComparison.Ordinal);
            string path = Path.Join(dir.FullName, "nobody.json");
            File.WriteAllText(path, text);
            var (exit, _, error) = CliRunner.InProcess("impact", "--data", RepoPaths.Data, "--scenario", path, "--trials", "10");
            Assert.Equal(0, exit);
            Assert.Contains("warning: the scenario's filters keep none of the 36 services", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_bad_seed_is_explained_without_type_names()
    {
        var (exit, _, error) = Case("--seed", "x");
        Assert.NotEqual(0, exit);
        Assert.Contains("--seed: expected a whole number from 0 to 18446744073709551615, found 'x'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("UInt64", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--trials", "0")]
    [InlineData("--trials", "1")]
    [InlineData("--trials", "x")]
    [InlineData("--seed", "-1")]
    public void Bad_options_are_parse_errors_without_stack_traces(string option, string value)
    {
        var (exit, output, error) = Case(option, value);
        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("   at ", error + output);
    }
}
