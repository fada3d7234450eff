using System.Diagnostics;
using Xunit;

namespace RiskToolkit.Tests.Notebooks;

/// <summary>The real <c>risk</c> executable on bad input: one line on stderr, exit 2, no stack trace.</summary>
public sealed class NotebookProcessTests
{
    [Fact]
    public async Task Risk_notebook_run_on_a_missing_file_prints_one_line_and_exits_2()
    {
        var risk = Path.Combine(AppContext.BaseDirectory, "risk.dll");
        var outDir = Directory.CreateTempSubdirectory("risk-process-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { risk, "notebook", "run", "missing.ipynb", "--out", outDir })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Equal(2, process.ExitCode);
            Assert.Equal("missing.ipynb: no such file or folder", (await stderr).TrimEnd());
            Assert.Equal(string.Empty, await stdout);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
