using RiskToolkit.Cli.Notebooks;
using Xunit;

namespace RiskToolkit.Tests.Notebooks;

/// <summary>
/// Notebook runs start a C# kernel (a few seconds each) and change the process's current directory while they run, so
/// these tests share one collection that never runs beside other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection : ICollectionFixture<ExecutedNotebooks>
{
    public const string Name = "Notebook kernel";
}

/// <summary>The result of one <see cref="NotebookRunner.RunAsync(IReadOnlyList{string}, string, bool, string, TextWriter, TextWriter, CancellationToken)"/> call.</summary>
public sealed record RunResult(int ExitCode, string Stdout, string Stderr, string OutDir)
{
    public string Read(string fileName) => File.ReadAllText(Path.Combine(OutDir, fileName));
}

/// <summary>
/// Runs the passing fixture notebooks once (code hidden, with the fixture data folder; and code shown, without one) and
/// keeps the outputs for many tests.
/// </summary>
public sealed class ExecutedNotebooks : IAsyncLifetime
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Notebooks", name);

    /// <summary>A small dataset folder whose files the <see cref="Default"/> run stamps.</summary>
    public static string DataFolder => Fixture("data");

    public RunResult Default { get; private set; } = null!;

    public RunResult WithCode { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string[] notebooks = [Fixture("compute.ipynb"), Fixture("compute-dib.dib"), Fixture("chart-and-table.ipynb")];
        Default = await RunAsync(notebooks, showCode: false, dataDir: DataFolder);
        WithCode = await RunAsync([Fixture("compute.ipynb")], showCode: true);
    }

    public Task DisposeAsync()
    {
        foreach (var dir in new[] { Default?.OutDir, WithCode?.OutDir })
        {
            if (dir is not null && Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        return Task.CompletedTask;
    }

    public static async Task<RunResult> RunAsync(IReadOnlyList<string> paths, bool showCode, string? outDir = null, string? dataDir = null)
    {
        outDir ??= Directory.CreateTempSubdirectory("risk-notebooks-").FullName;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await NotebookRunner.RunAsync(paths, outDir, showCode, dataDir, stdout, stderr, CancellationToken.None);
        return new RunResult(exit, stdout.ToString(), stderr.ToString(), outDir);
    }
}
