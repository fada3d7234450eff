using Xunit;

namespace RiskToolkit.Tests.Cli;

public class BadInputProcessTests
{
    [Fact]
    public void Bad_share_file_prints_file_line_column_and_no_stack_trace()
    {
        var dir = Directory.CreateTempSubdirectory("risk-bad-");
        try
        {
            File.WriteAllText(
                Path.Combine(dir.FullName, "market_shares.csv"),
                "market_id,period,provider_id,share,revenue_usd,count,share_low,share_high,source_id,note\n" +
                "m,2025Q1,a,1.5,,,,,s,\n");
            var (exit, output, error) = CliRunner.AsProcess(dir.FullName, "concentration", "--shares", "market_shares.csv");
            Assert.Equal(1, exit);
            Assert.StartsWith("market_shares.csv:2:4:", error);
            Assert.DoesNotContain("   at ", error + output);
            Assert.DoesNotContain("Exception", error + output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_directory_for_validate_is_one_line_without_stack_trace()
    {
        var (exit, output, error) = CliRunner.AsProcess(Path.GetTempPath(), "validate", "no-such-directory");
        Assert.Equal(1, exit);
        Assert.Contains("no-such-directory", error);
        Assert.DoesNotContain("   at ", error + output);
    }

    [Fact]
    public void Bundled_data_validates()
    {
        var (exit, output, error) = CliRunner.InProcess("validate", RepoPaths.Data);
        Assert.True(exit == 0, error);
        Assert.Contains("valid", output);
    }

    [Fact]
    public void Version_names_the_commit()
    {
        var (exit, output, _) = CliRunner.AsProcess(Path.GetTempPath(), "--version");
        Assert.Equal(0, exit);
        // Informational version "0.1.0+<commit>": the SDK appends the git commit at build time.
        Assert.Matches(@"^\d+\.\d+\.\d+\+[0-9a-f]{7,40}", output.Trim());
    }
}
