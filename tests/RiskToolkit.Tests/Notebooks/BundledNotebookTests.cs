using System.Text.Json;
using System.Text.RegularExpressions;
using RiskToolkit.Cli.Notebooks;
using Xunit;

namespace RiskToolkit.Tests.Notebooks;

/// Runs every bundled notebook against this test build, so a notebook that no longer compiles or
/// runs fails `dotnet test` and not only the main job.
[Collection(KernelCollection.Name)]
public class BundledNotebookTests
{
    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Bundled_notebook_runs_on_the_bundled_data_and_draws_its_charts(string name)
    {
        var work = Directory.CreateTempSubdirectory("risk-notebook-");
        try
        {
            // The same layout as the checkout: notebooks/ beside data/. The notebook's #r of the Release
            // build is pointed at this test's own build of RiskToolkit.Reporting.
            var notebooks = Directory.CreateDirectory(Path.Combine(work.FullName, "notebooks"));
            var data = Directory.CreateDirectory(Path.Combine(work.FullName, "data"));
            foreach (var file in Directory.GetFiles(RepoPaths.Data, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(data.FullName, Path.GetRelativePath(RepoPaths.Data, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            var reporting = Path.Combine(AppContext.BaseDirectory, "RiskToolkit.Reporting.dll").Replace("\\", "/");
            var text = File.ReadAllText(Path.Combine(RepoPaths.Notebooks, name));
            var rewritten = Regex.Replace(text, @"#r \\""[^""\\]*RiskToolkit\.Reporting\.dll\\""", _ => $"#r \\\"{reporting}\\\"");
            Assert.NotEqual(text, rewritten);
            var notebook = Path.Combine(notebooks.FullName, name);
            File.WriteAllText(notebook, rewritten);

            var output = new StringWriter();
            var error = new StringWriter();
            var outDir = Path.Combine(work.FullName, "reports");
            var exit = await NotebookRunner.RunAsync([notebook], outDir, showCode: false, dataDir: data.FullName, output, error, CancellationToken.None);

            Assert.True(exit == 0, error.ToString());
            var html = File.ReadAllText(Path.Combine(outDir, Path.ChangeExtension(name, ".html")));
            var charts = Regex.Matches(html, @"var renderPlotly_\w+ = function").Count;
            var chartCells = JsonDocument.Parse(rewritten).RootElement.GetProperty("cells").EnumerateArray()
                .Count(c => c.GetProperty("source").EnumerateArray().Any(l => l.GetString()!.Contains("Charts.")) && c.GetProperty("cell_type").GetString() == "code"
                    && !c.GetProperty("source").EnumerateArray().Any(l => l.GetString()!.Contains("Table(")));
            Assert.True(chartCells > 0);
            Assert.Equal(chartCells, charts);
            // The provenance stamp names every data file with its SHA-256.
            foreach (var file in Directory.GetFiles(data.FullName, "*", SearchOption.AllDirectories))
            {
                Assert.Contains(Path.GetRelativePath(data.FullName, file).Replace(Path.DirectorySeparatorChar, '/'), html);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
