using RiskToolkit.Tests.Data;
using Xunit;

namespace RiskToolkit.Tests.Cli;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("risk-kashaf-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Import_writes_tables_that_validate()
    {
        KashafImporterTests.WriteMinimal(Path.Combine(dir, "raw"));
        var (exit, output, error) = CliRunner.InProcess("import", "kashaf", Path.Combine(dir, "raw"), "--out", Path.Combine(dir, "out"));
        Assert.True(exit == 0, error);
        Assert.Contains("Imported 4 sites", output);
        Assert.True(File.Exists(Path.Combine(dir, "out", "aliases.csv")));
        var (vexit, voutput, verror) = CliRunner.InProcess("validate", Path.Combine(dir, "out"));
        Assert.True(vexit == 0, verror);
        Assert.Contains("valid", voutput);
    }

    [Fact]
    public void Validate_names_the_expected_files_for_a_folder_without_tables()
    {
        var (exit, _, error) = CliRunner.InProcess("validate", dir);
        Assert.Equal(1, exit);
        Assert.Contains("expected markets.csv", error);
        Assert.Contains("nodes.csv", error);
    }

    [Fact]
    public void Missing_out_option_is_a_usage_error()
    {
        var (exit, _, _) = CliRunner.InProcess("import", "kashaf", dir);
        Assert.Equal(2, exit);
    }

    [Fact]
    public void Bad_raw_file_prints_file_line_column_and_no_stack_trace()
    {
        KashafImporterTests.WriteMinimal(dir);
        File.WriteAllText(Path.Combine(dir, "cdn", "data", "CDNCurrent"), "1,a.com,Akamai\nbad\n");
        var (exit, output, error) = CliRunner.AsProcess(dir, "import", "kashaf", ".", "--out", "out");
        Assert.Equal(1, exit);
        Assert.StartsWith(Path.Join(".", "cdn/data/CDNCurrent") + ":2:2:", error);
        Assert.DoesNotContain("   at ", error + output);
        Assert.DoesNotContain("Exception", error + output);
    }
}
