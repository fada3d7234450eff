using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using Plotly.NET;
using RiskToolkit.Reporting.Html;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public sealed class OfflineHtmlTests
{
    private static readonly Provenance Stamp = new(
        "0.1.0", "abc123", new DateTimeOffset(2025, 10, 20, 7, 55, 0, TimeSpan.Zero), [new InputFileHash("shares.csv", new string('a', 64))], Seed: 42);

    private static GenericChart Scatter()
    {
        var trace = new Trace2D("scatter");
        trace.SetProperty("x", new[] { 1, 2, 3 });
        trace.SetProperty("y", new[] { 3, 1, 2 });
        return GenericChart.NewChart(trace, new Layout(), new Config(), new DisplayOptions());
    }

    private static HtmlPage Page(params HtmlBlock[] blocks) => new("Report <draft>", blocks, Stamp);

    private static int Count(string text, string value) => Regex.Matches(text, Regex.Escape(value)).Count;

    [Fact]
    public void Head_has_the_csp_meta_and_plotly_inlined_once_and_no_external_reference()
    {
        var html = OfflineHtml.Render(Page(HtmlBlock.Chart(Scatter()), HtmlBlock.Chart(Scatter())));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{OfflineHtml.ContentSecurityPolicy}\">", html);
        Assert.Equal(1, Count(html, "plotly.js v2.28.0"));
        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link\\b", RegexOptions.IgnoreCase), html);
        Assert.Contains("@media print", html);
        Assert.Contains("window.require = shim", html);
    }

    [Fact]
    public void Csp_forbids_every_fetch_base_changes_and_form_submission()
    {
        var directives = OfflineHtml.ContentSecurityPolicy.Split("; ");
        Assert.Equal(
            ["default-src 'none'", "script-src 'unsafe-inline'", "style-src 'unsafe-inline'", "img-src data:", "font-src data:", "base-uri 'none'", "form-action 'none'"],
            directives);
    }

    [Fact]
    public void Every_script_element_is_closed_only_by_its_own_end_tag()
    {
        var html = OfflineHtml.Render(Page(HtmlBlock.Chart(Scatter())));
        Assert.Equal(Count(html, "<script"), Count(html, "</script>"));
        Assert.Equal(Count(html, "<script"), Regex.Matches(html, "</script", RegexOptions.IgnoreCase).Count);
    }

    [Fact]
    public void Chart_ids_are_numbered_in_page_order_and_the_page_is_deterministic()
    {
        var page = Page(
            HtmlBlock.Chart(Scatter()),
            HtmlBlock.Section("Inner", HtmlBlock.TrustedHtml(ChartHtml.Fragment(Scatter()))),
            HtmlBlock.Chart(Scatter()));

        var first = OfflineHtml.Render(page);
        var second = OfflineHtml.Render(page);

        Assert.Equal(first, second);
        Assert.Contains("<div id=\"chart-1\">", first);
        Assert.Contains("<div id=\"chart-2\">", first);
        Assert.Contains("<div id=\"chart-3\">", first);
        Assert.Contains("Plotly.newPlot('chart-3'", first);
        var body = first[first.IndexOf("<body>", StringComparison.Ordinal)..];
        Assert.DoesNotMatch(new Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), body);
    }

    [Fact]
    public void Text_blocks_are_escaped_and_only_trusted_html_is_inserted_as_markup()
    {
        var html = OfflineHtml.Render(Page(
            HtmlBlock.Markdown("Hello <script>alert(1)</script> **bold** [x](javascript:alert(2))"),
            HtmlBlock.Preformatted("<b>pre</b>", "stdout"),
            HtmlBlock.Code("if (a < b) { }", "csharp"),
            HtmlBlock.Section("<i>heading</i>", HtmlBlock.TrustedHtml("<em>trusted</em>"))));

        var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        Assert.Contains("<h1>Report &lt;draft&gt;</h1>", body);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body);
        Assert.Contains("<strong>bold</strong>", body);
        Assert.DoesNotContain("javascript:", body);
        Assert.Contains("<pre class=\"output stdout\">&lt;b&gt;pre&lt;/b&gt;</pre>", body);
        Assert.Contains("if (a &lt; b) { }", body);
        Assert.Contains("<h2>&lt;i&gt;heading&lt;/i&gt;</h2>", body);
        Assert.Contains("<em>trusted</em>", body);
        Assert.Contains("<title>Report &lt;draft&gt;</title>", html);
    }

    [Fact]
    public void Chart_block_shows_its_data_table_and_caption()
    {
        var data = new DataFrame(new StringDataFrameColumn("provider", ["<A>", "B"]), new DoubleDataFrameColumn("share", [0.5, 0.25]));
        var html = OfflineHtml.Render(Page(HtmlBlock.Chart(Scatter(), data, "Source: <FACTS>")));
        Assert.Contains("<figcaption>Source: &lt;FACTS&gt;</figcaption>", html);
        Assert.Contains("<td>&lt;A&gt;</td><td>0.5</td>", html);
    }

    [Fact]
    public void Footer_states_version_commit_utc_time_input_hashes_and_seed()
    {
        var html = OfflineHtml.Render(Page());
        var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
        Assert.Contains("RiskToolkit 0.1.0, commit <code>abc123</code>", footer);
        Assert.Contains("2025-10-20T07:55:00Z", footer);
        Assert.Contains("<code>shares.csv</code> <code class=\"sha256\">" + new string('a', 64) + "</code>", footer);
        Assert.Contains("<dt>Random seed</dt><dd>42</dd>", footer);
    }

    [Fact]
    public void WriteFile_writes_the_rendered_page_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("risk-offline-html-").FullName;
        try
        {
            var path = Path.Combine(dir, "sub", "report.html");
            OfflineHtml.WriteFile(path, Page(HtmlBlock.Markdown("# Hi")));
            var written = File.ReadAllBytes(path);
            Assert.Equal(OfflineHtml.Render(Page(HtmlBlock.Markdown("# Hi"))), Encoding.UTF8.GetString(written));
            Assert.NotEqual(0xEF, written[0]);
            Assert.Single(Directory.EnumerateFiles(Path.Combine(dir, "sub")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Tables_and_paragraphs_escape_their_text_and_number_their_downloads()
    {
        var frame = new DataFrame(new StringDataFrameColumn("provider", ["<b>x</b>"]));
        var html = OfflineHtml.Render(Page(
            HtmlBlock.Paragraph("*not markdown* <i>"),
            HtmlBlock.Table(frame),
            HtmlBlock.Table(frame, "Shares <by> provider"),
            HtmlBlock.Chart(Scatter(), frame)));

        Assert.Contains("<p>*not markdown* &lt;i&gt;</p>", html);
        Assert.Contains("<td>&lt;b&gt;x&lt;/b&gt;</td>", html);
        Assert.Contains("<figcaption>Shares &lt;by&gt; provider</figcaption>", html);
        Assert.Contains("download=\"table-1.csv\"", html);
        Assert.Contains("download=\"02-shares-by-provider.csv\"", html);
        Assert.Contains("download=\"chart-data-3.csv\"", html);
    }
}

public sealed class ProvenanceTests
{
    [Fact]
    public void Create_hashes_inputs_by_file_name_and_reads_the_clock()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "provider_id,share\nx,1\n");
            var time = new FixedTime(new DateTimeOffset(2025, 10, 20, 9, 55, 0, TimeSpan.FromHours(2)));
            var stamp = Provenance.Create(time, [path], seed: 7);

            var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            Assert.Equal([new InputFileHash(Path.GetFileName(path), expected)], stamp.Inputs);
            Assert.Equal("2025-10-20T07:55:00Z", stamp.GeneratedUtcText);
            Assert.Equal(7, stamp.Seed);
            Assert.Matches("^[0-9]+\\.[0-9]+\\.[0-9]+", stamp.ToolkitVersion);
            Assert.NotEmpty(stamp.Commit);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class InputFileHashTests
{
    [Fact]
    public void FromFolder_hashes_every_file_of_the_folder_and_its_subfolders_sorted_ordinally_by_relative_name()
    {
        var dir = Directory.CreateTempSubdirectory("risk-input-hashes-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "b.csv"), "b\n");
            File.WriteAllText(Path.Combine(dir, "B.csv"), "B\n");
            File.WriteAllText(Path.Combine(dir, "a.json"), "{}");
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllText(Path.Combine(dir, "sub", "c.csv"), "c\n");

            var hashes = InputFileHash.FromFolder(dir);

            Assert.Equal(["B.csv", "a.json", "b.csv", "sub/c.csv"], hashes.Select(h => h.Name));
            // sha256("{}"), from `printf '{}' | sha256sum`.
            Assert.Equal("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", hashes[1].Sha256);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FromFolder_of_a_missing_folder_throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => InputFileHash.FromFolder(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }
}

public sealed class PlotlyJsTests
{
    [Fact]
    public void Inline_script_is_the_embedded_bundle_with_no_script_end_tag()
    {
        Assert.Contains(PlotlyJs.ResourceName, typeof(GenericChart).Assembly.GetManifestResourceNames());
        Assert.True(PlotlyJs.InlineScript.Length > 3_000_000);
        Assert.Contains("plotly.js v2.28.0", PlotlyJs.InlineScript);
        Assert.DoesNotMatch(new Regex("</script", RegexOptions.IgnoreCase), PlotlyJs.InlineScript);
    }

    [Fact]
    public void EscapeForScriptElement_breaks_every_script_end_tag_whatever_its_case()
    {
        Assert.Equal("a<\\/script>b<\\/SCRIPT c</div>", PlotlyJs.EscapeForScriptElement("a</script>b</SCRIPT c</div>"));
    }
}

public sealed class MarkdownHtmlTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("[a](javascript:alert(1))", "<a href=\"#\">a</a>")]
    [InlineData("[a](https://example.org/x)", "<a href=\"https://example.org/x\" rel=\"noopener noreferrer\">a</a>")]
    [InlineData("<https://example.org/y>", "<a href=\"https://example.org/y\" rel=\"noopener noreferrer\">https://example.org/y</a>")]
    [InlineData("see www.example.org/z", "<a href=\"http://www.example.org/z\" rel=\"noopener noreferrer\">www.example.org/z</a>")]
    [InlineData("[a](../data/README.md)", "<a href=\"../data/README.md\">a</a>")]
    public void Raw_html_shows_as_text_and_only_safe_links_survive(string markdown, string expected)
    {
        Assert.Contains(expected, MarkdownHtml.Render(markdown));
    }

    [Theory]
    [InlineData("![x <b>](https://example.org/a.png)", "<p>x &lt;b&gt;</p>")]
    [InlineData("![a *b* `c`](//example.org/a.png)", "<p>a b c</p>")]
    [InlineData("![local](figures/a.png)", "<p>local</p>")]
    [InlineData("![svg](data:text/html,<script>alert(1)</script>)", "<p>svg</p>")]
    [InlineData("[![badge](https://example.org/b.svg)](https://example.org)", "<a href=\"https://example.org\" rel=\"noopener noreferrer\">badge</a>")]
    public void Images_that_would_be_fetched_show_as_their_escaped_alt_text(string markdown, string expected)
    {
        var html = MarkdownHtml.Render(markdown);
        Assert.Contains(expected, html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public void Data_images_are_drawn()
    {
        const string Pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        Assert.Contains($"<img src=\"{Pixel}\" alt=\"dot\" />", MarkdownHtml.Render($"![dot]({Pixel})"));
    }

    [Fact]
    public void Pipe_tables_render()
    {
        var html = MarkdownHtml.Render("| a | b |\n|---|---|\n| 1 | <x> |\n");
        Assert.Contains("<table>", html);
        Assert.Contains("&lt;x&gt;", html);
    }
}
