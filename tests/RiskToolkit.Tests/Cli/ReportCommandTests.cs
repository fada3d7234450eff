using Xunit;

namespace RiskToolkit.Tests.Cli;

public sealed class ReportCommandTests
{
    [Fact]
    public void Report_of_the_bundled_data_is_written_with_the_default_scenario()
    {
        var dir = Directory.CreateTempSubdirectory("risk-report-cli-");
        try
        {
            var target = Path.Combine(dir.FullName, "out", "report.html");
            var (exit, stdout, stderr) = CliRunner.InProcess("report", "--data", RepoPaths.Data, "--trials", "200", "--out", target);

            Assert.True(exit == 0, stderr);
            Assert.Contains("12 charts, 19 tables with CSV downloads", stdout);
            var html = File.ReadAllText(target);
            Assert.Contains("AWS us-east-1 outage of 20 October 2025", html);
            Assert.Contains("aws-us-east-1-2025-10-20.json", html);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_folder_without_the_bundled_scenario_needs_one_named()
    {
        var dir = Directory.CreateTempSubdirectory("risk-report-cli-");
        try
        {
            var (exit, _, stderr) = CliRunner.InProcess("report", "--data", Path.Combine(RepoPaths.Data, "synthetic"), "--out", Path.Combine(dir.FullName, "r.html"));

            Assert.Equal(1, exit);
            Assert.Contains("has no bundled scenario, so name one with --scenario", stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Synthetic_population_reads_its_parameters_from_another_folder()
    {
        var dir = Directory.CreateTempSubdirectory("risk-report-cli-");
        try
        {
            var target = Path.Combine(dir.FullName, "synthetic.html");
            var (exit, stdout, stderr) = CliRunner.InProcess(
                "report", "--data", Path.Combine(RepoPaths.Data, "synthetic"), "--parameters", RepoPaths.Data,
                "--scenario", Path.Combine(RepoPaths.Data, "scenarios", "synthetic-aws-us-east-1-24h.json"), "--trials", "200", "--out", target);

            Assert.True(exit == 0, stderr);
            Assert.Contains("The data folder has no market tables", File.ReadAllText(target));
            Assert.Contains(" charts, ", stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--data", "no-such-folder", "no-such-folder: no such folder (--data).")]
    [InlineData("--scenario", "absent.json", "absent.json: no such scenario file (--scenario).")]
    public void Missing_inputs_are_named(string option, string value, string message)
    {
        string[] args = option == "--data"
            ? ["report", "--data", value, "--out", "r.html"]
            : ["report", "--data", RepoPaths.Data, option, value, "--out", "r.html"];

        var (exit, _, stderr) = CliRunner.InProcess(args);

        Assert.Equal(1, exit);
        Assert.Equal(message, stderr.Trim());
    }

    [Fact]
    public void Out_naming_a_folder_is_refused()
    {
        var (exit, _, stderr) = CliRunner.InProcess("report", "--data", RepoPaths.Data, "--out", RepoPaths.Data);

        Assert.Equal(1, exit);
        Assert.Contains("--out names a folder", stderr);
    }

    [Fact]
    public void Bad_trials_is_a_usage_error_without_a_stack_trace()
    {
        var (exit, _, stderr) = CliRunner.AsProcess(RepoPaths.Root, "report", "--data", "data", "--trials", "1", "--out", "r.html");

        Assert.Equal(2, exit);
        Assert.Contains("--trials must be an integer from 2 to 10,000,000, found '1'.", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
