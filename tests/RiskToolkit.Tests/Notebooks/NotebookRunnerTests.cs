using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using RiskToolkit.Cli.Notebooks;
using Xunit;

namespace RiskToolkit.Tests.Notebooks;

[Collection(KernelCollection.Name)]
public sealed class NotebookRunnerTests(ExecutedNotebooks executed)
{
    private static string Fixture(string name) => ExecutedNotebooks.Fixture(name);

    [Fact]
    public void Passing_notebooks_exit_0_with_one_progress_line_each()
    {
        Assert.Equal(NotebookRunner.Success, executed.Default.ExitCode);
        Assert.Equal(string.Empty, executed.Default.Stderr);
        Assert.Equal(3, executed.Default.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("compute")]
    [InlineData("compute-dib")]
    public void Computed_value_is_in_the_executed_ipynb_and_the_html(string name)
    {
        var ipynb = JsonDocument.Parse(executed.Default.Read(name + ".ipynb"));
        var compute = ipynb.RootElement.GetProperty("cells")[1];
        var result = compute.GetProperty("outputs").EnumerateArray()
            .Single(o => o.GetProperty("output_type").GetString() == "execute_result");
        Assert.Equal(1, result.GetProperty("execution_count").GetInt32());
        Assert.Contains("42", JoinLines(result.GetProperty("data").GetProperty("text/plain")));

        var stream = ipynb.RootElement.GetProperty("cells")[2].GetProperty("outputs")[0];
        Assert.Equal("stream", stream.GetProperty("output_type").GetString());
        Assert.Equal("stdout", stream.GetProperty("name").GetString());
        Assert.Equal("stdout says 43\n", JoinLines(stream.GetProperty("text")));

        var html = executed.Default.Read(name + ".html");
        Assert.Contains("<pre class=\"output\">42</pre>", html);
        Assert.Contains("stdout says 43", html);
    }

    [Theory]
    [InlineData("compute")]
    [InlineData("compute-dib")]
    [InlineData("chart-and-table")]
    public void Executed_ipynb_is_valid_nbformat_4_5(string name)
    {
        using var ipynb = JsonDocument.Parse(executed.Default.Read(name + ".ipynb"));
        var root = ipynb.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal(5, root.GetProperty("nbformat_minor").GetInt32());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("metadata").ValueKind);

        var cells = root.GetProperty("cells").EnumerateArray().ToArray();
        var ids = cells.Select(c => c.GetProperty("id").GetString()).ToArray();
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{1,64}$", id!));
        Assert.Equal(ids.Length, ids.Distinct().Count());

        var counts = cells.Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => c.GetProperty("execution_count").GetInt32())
            .ToArray();
        Assert.Equal(Enumerable.Range(1, counts.Length), counts);

        string[] outputTypes = ["display_data", "execute_result", "stream", "error"];
        foreach (var cell in cells)
        {
            Assert.Contains(cell.GetProperty("cell_type").GetString(), new[] { "markdown", "code" });
            Assert.Equal(JsonValueKind.Array, cell.GetProperty("source").ValueKind);
            Assert.Equal(JsonValueKind.Object, cell.GetProperty("metadata").ValueKind);
            if (cell.GetProperty("cell_type").GetString() == "code")
            {
                Assert.All(cell.GetProperty("outputs").EnumerateArray(), o => Assert.Contains(o.GetProperty("output_type").GetString(), outputTypes));
            }
            else
            {
                Assert.False(cell.TryGetProperty("outputs", out _));
            }
        }
    }

    [Fact]
    public void Html_is_self_contained_with_csp_and_exactly_one_inlined_plotly()
    {
        foreach (var name in new[] { "compute", "compute-dib", "chart-and-table" })
        {
            var html = executed.Default.Read(name + ".html");
            Assert.Contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'\">",
                html);
            Assert.Equal(1, Count(html, "plotly.js v2.28.0"));
            Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc=", RegexOptions.IgnoreCase), html);
            Assert.DoesNotMatch(new Regex("<link\\b", RegexOptions.IgnoreCase), html);
            Assert.DoesNotMatch(new Regex("<script[^>]*https?://", RegexOptions.IgnoreCase), html);
            Assert.Equal(Count(html, "<script"), Count(html, "</script>"));
        }
    }

    [Theory]
    [InlineData("compute")]
    [InlineData("chart-and-table")]
    public void Footer_stamps_the_notebook_then_every_data_file_by_name(string name)
    {
        var html = executed.Default.Read(name + ".html");
        var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
        var notebook = Fixture(name + ".ipynb");
        var names = Regex.Matches(footer, "<li><code>([^<]*)</code>").Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal([name + ".ipynb", "market_shares.csv", "providers.csv"], names);
        Assert.Contains($"<li><code>{name}.ipynb</code> <code class=\"sha256\">{Sha256(notebook)}</code></li>", footer);
        Assert.Contains($"<li><code>providers.csv</code> <code class=\"sha256\">{Sha256(Path.Combine(ExecutedNotebooks.DataFolder, "providers.csv"))}</code></li>", footer);
        Assert.DoesNotContain(ExecutedNotebooks.DataFolder, html);
        Assert.DoesNotContain(AppContext.BaseDirectory, html);
    }

    [Fact]
    public void Without_a_data_folder_the_footer_stamps_the_notebook_only()
    {
        var html = executed.WithCode.Read("compute.html");
        var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
        Assert.Single(Regex.Matches(footer, "<code class=\"sha256\">"));
        Assert.Contains($"<li><code>compute.ipynb</code> <code class=\"sha256\">{Sha256(Fixture("compute.ipynb"))}</code></li>", footer);
    }

    [Fact]
    public void Code_cells_are_hidden_by_default_and_shown_with_show_code()
    {
        var hidden = executed.Default.Read("compute.html");
        Assert.DoesNotContain("var x = 6 * 7;", hidden);
        Assert.DoesNotContain("<pre class=\"code\">", hidden);
        Assert.Contains("Compute a value", hidden);

        var shown = executed.WithCode.Read("compute.html");
        Assert.Equal(NotebookRunner.Success, executed.WithCode.ExitCode);
        Assert.Contains("<pre class=\"code\"><code class=\"language-csharp\">var x = 6 * 7;", shown);
        Assert.Contains("<pre class=\"output\">42</pre>", shown);
    }

    [Fact]
    public void Chart_cell_yields_exactly_one_offline_chart_div()
    {
        var html = executed.Default.Read("chart-and-table.html");
        var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        Assert.Equal(1, Count(body, "<div id=\"chart-"));
        Assert.Contains("<div id=\"chart-1\">", body);
        Assert.Contains("Plotly.newPlot('chart-1'", body);
        Assert.DoesNotMatch(new Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), body);
        Assert.DoesNotContain("cdn.plot.ly", body);
    }

    [Fact]
    public void Markdown_script_tag_is_escaped()
    {
        var html = executed.Default.Read("chart-and-table.html");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);
    }

    [Fact]
    public void Data_frame_cells_are_escaped()
    {
        var html = executed.Default.Read("chart-and-table.html");
        Assert.Contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("<th scope=\"col\">share</th>", html);
    }

    [Fact]
    public void List_of_records_shows_as_an_escaped_table()
    {
        var html = executed.Default.Read("chart-and-table.html");
        Assert.Contains("<th scope=\"col\">Name</th><th scope=\"col\">Share</th>", html);
        Assert.Contains("<tr><td>&lt;img src=x onerror=alert(2)&gt;</td><td>0.5</td></tr>", html);
        Assert.Contains("<tr><td>Example</td><td title=\"undefined (NaN)\">–</td></tr>", html);
        Assert.DoesNotContain("dni-treeview", html);
    }

    [Fact]
    public async Task A_notebook_seed_variable_is_stamped_in_the_provenance()
    {
        var run = await ExecutedNotebooks.RunAsync([Fixture("seeded.dib")], showCode: false);
        try
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("<dt>Random seed</dt><dd>7</dd>", run.Read("seeded.html"));
        }
        finally
        {
            Directory.Delete(run.OutDir, recursive: true);
        }
    }

    [Fact]
    public void A_notebook_without_a_seed_says_none_was_used()
    {
        Assert.Contains("<dt>Random seed</dt><dd>none used</dd>", executed.Default.Read("compute.html"));
    }

    [Fact]
    public async Task Exception_in_cell_3_exits_1_naming_notebook_and_cell()
    {
        var path = Fixture("fails-in-cell-3.ipynb");
        var run = await ExecutedNotebooks.RunAsync([path], showCode: false);
        try
        {
            Assert.Equal(NotebookRunner.CellFailed, run.ExitCode);
            Assert.Equal(
                $"{path}: cell 3 failed: InvalidOperationException: cell three is broken",
                run.Stderr.TrimEnd());
            Assert.DoesNotContain("   at ", run.Stderr);

            using var ipynb = JsonDocument.Parse(run.Read("fails-in-cell-3.ipynb"));
            var cells = ipynb.RootElement.GetProperty("cells");
            var error = cells[2].GetProperty("outputs")[0];
            Assert.Equal("error", error.GetProperty("output_type").GetString());
            Assert.Equal("InvalidOperationException", error.GetProperty("ename").GetString());
            Assert.Equal(0, cells[3].GetProperty("outputs").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, cells[3].GetProperty("execution_count").ValueKind);
            Assert.DoesNotContain("never printed", run.Read("fails-in-cell-3.html").Split("<body>")[1]);
        }
        finally
        {
            Directory.Delete(run.OutDir, recursive: true);
        }
    }

    [Fact]
    public async Task Compile_error_is_a_failure_of_that_cell()
    {
        var path = Fixture("compile-error.dib");
        var run = await ExecutedNotebooks.RunAsync([path], showCode: false);
        try
        {
            Assert.Equal(NotebookRunner.CellFailed, run.ExitCode);
            Assert.StartsWith($"{path}: cell 2 failed: (1,14): error CS0029:", run.Stderr);
            Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        }
        finally
        {
            Directory.Delete(run.OutDir, recursive: true);
        }
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_notebook_folder_and_the_current_directory_is_restored()
    {
        var before = Directory.GetCurrentDirectory();
        var dir = Directory.CreateTempSubdirectory("risk-notebook-cwd-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "value.txt"), "from the notebook folder");
            File.WriteAllText(
                Path.Combine(dir, "reads.dib"),
                "#!csharp\n\nConsole.WriteLine(System.IO.File.ReadAllText(\"value.txt\"));\n");
            var run = await ExecutedNotebooks.RunAsync([Path.Combine(dir, "reads.dib")], showCode: false, Path.Combine(dir, "out"));
            Assert.True(run.ExitCode == NotebookRunner.Success, run.Stderr);
            Assert.Contains("from the notebook folder", run.Read("reads.html"));
            Assert.Equal(before, Directory.GetCurrentDirectory());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string JoinLines(JsonElement lines) =>
        lines.ValueKind == JsonValueKind.Array ? string.Concat(lines.EnumerateArray().Select(l => l.GetString())) : lines.GetString()!;

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
