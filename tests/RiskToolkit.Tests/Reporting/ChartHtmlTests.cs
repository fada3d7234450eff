using System.Text.RegularExpressions;
using Plotly.NET;
using RiskToolkit.Reporting.Html;
using Xunit;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace RiskToolkit.Tests.Reporting;

public sealed class ChartHtmlTests
{
    private const string HostileLabel = "</script><script>alert(1)</script>";
    private const string HostileTitle = "<!--<script>";

    private static readonly Provenance Stamp = new("0.1.0", "abc123", new DateTimeOffset(2025, 10, 20, 7, 55, 0, TimeSpan.Zero), []);

    private static GenericChart HostileChart()
    {
        var chart = CSharpChart.Column<double, string, string>(new[] { 1.0 }, new[] { HostileLabel });
        return Plotly.NET.Chart.withTitle(HostileTitle, null).Invoke(chart);
    }

    // The chart's script as an HTML parser sees it: from its start tag to the first "</script" after it.
    private static string ChartScript(string html)
    {
        var start = html.IndexOf("<script type=\"text/javascript\">", html.IndexOf("<div id=\"chart-1\">", StringComparison.Ordinal), StringComparison.Ordinal);
        var end = html.IndexOf("</script", start, StringComparison.OrdinalIgnoreCase);
        return html[start..end];
    }

    [Fact]
    public void Dataset_text_cannot_close_or_comment_out_the_chart_script()
    {
        var html = OfflineHtml.Render(new HtmlPage("Chart", [HtmlBlock.Chart(HostileChart())], Stamp));
        var script = ChartScript(html);

        // The first end tag after the start is the real one: the whole render function sits inside.
        Assert.EndsWith("renderPlotly_chart1();\n", script);
        Assert.DoesNotContain("<!--", script);
        Assert.DoesNotMatch(new Regex("<script", RegexOptions.IgnoreCase), script[1..]);
        Assert.DoesNotContain("alert(1)</script>", html);
        Assert.Equal(Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count, Regex.Matches(html, "</script", RegexOptions.IgnoreCase).Count);

        // The label and title still reach the chart, written with JavaScript's \u003c escape.
        Assert.Contains("\"x\":[\"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\"]", script);
        Assert.Contains("\"title\":{\"text\":\"\\u003c!--\\u003cscript>\"}", script);
    }

    [Fact]
    public void Quotes_and_backslashes_in_labels_do_not_end_the_escaping_early()
    {
        var chart = CSharpChart.Column<double, string, string>(new[] { 1.0, 2.0 }, new[] { "a\\\"</script>", "b'</SCRIPT><!--" });
        var fragment = ChartHtml.Fragment(chart);
        var script = fragment[fragment.IndexOf("<script", StringComparison.Ordinal)..fragment.LastIndexOf("</script>", StringComparison.Ordinal)];

        Assert.DoesNotMatch(new Regex("</script|<!--", RegexOptions.IgnoreCase), script);
        Assert.Contains("\"x\":[\"a\\\\\\\"\\u003c/script>\",\"b'\\u003c/SCRIPT>\\u003c!--\"]", script);
        Assert.Contains("Plotly.newPlot('", script);
    }

    [ChromiumFact]
    public void Chromium_draws_the_hostile_label_as_text_and_runs_no_injected_script()
    {
        var dir = Directory.CreateTempSubdirectory("risk-chart-html-").FullName;
        try
        {
            var path = Path.Combine(dir, "hostile.html");
            var html = OfflineHtml.Render(new HtmlPage("Chart", [HtmlBlock.Chart(HostileChart())], Stamp));
            File.WriteAllText(path, html);

            var dom = Chromium.DumpDom(path);

            Assert.Contains("class=\"main-svg\"", dom);
            Assert.Matches(new Regex("<text[^>]*>&lt;/script&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt;</text>"), dom);
            Assert.Matches(new Regex("<text class=\"gtitle\"[^>]*>&lt;!--&lt;script&gt;</text>"), dom);
            Assert.DoesNotContain("<script>alert(1)", dom);
            Assert.Equal(Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count, Regex.Matches(dom, "<script", RegexOptions.IgnoreCase).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
