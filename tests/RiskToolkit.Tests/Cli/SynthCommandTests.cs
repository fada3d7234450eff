using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Cli;

public class SynthCommandTests
{
    [Fact]
    public void Synth_writes_a_valid_dependency_folder_with_its_calibration_table()
    {
        var dir = Directory.CreateTempSubdirectory("risk-synth-cli-");
        try
        {
            var (exit, output, error) = CliRunner.InProcess("synth", "--services", "50", "--seed", "9", "--out", dir.FullName, "--calibration", RepoPaths.Data);
            Assert.True(exit == 0, error);
            Assert.Contains("50 synthetic services", output, StringComparison.Ordinal);
            Assert.Empty(DependencyDataReader.Validate(dir.FullName));
            Assert.StartsWith("parameter,value,source\n", File.ReadAllText(Path.Combine(dir.FullName, "calibration.csv")), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("0", "1", "--services")]
    [InlineData("-5", "1", "--services")]
    [InlineData("ten", "1", "--services")]
    [InlineData("10", "-1", "--seed")]
    [InlineData("10", "1.5", "--seed")]
    public void Bad_numbers_are_usage_errors_naming_the_option(string services, string seed, string named)
    {
        var (exit, _, error) = CliRunner.InProcess("synth", "--services", services, "--seed", seed, "--out", Path.GetTempPath());
        Assert.Equal(2, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_seed_as_a_process_is_one_line_without_stack_trace()
    {
        var (exit, output, error) = CliRunner.AsProcess(Path.GetTempPath(), "synth", "--services", "10", "--seed", "x", "--out", "unused");
        Assert.Equal(2, exit);
        Assert.Contains("--seed must be an integer", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_calibration_folder_fails_with_one_line()
    {
        var (exit, _, error) = CliRunner.InProcess("synth", "--services", "10", "--seed", "1", "--out", Path.GetTempPath(), "--calibration", "no-such-folder");
        Assert.Equal(1, exit);
        Assert.Contains("no-such-folder", error, StringComparison.Ordinal);
        Assert.Contains("run from the repository root or pass --calibration", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
