using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RiskToolkit.Reporting.Notebooks;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public sealed class NotebookFormattersTests
{
    [Fact]
    public void Chart_formats_as_an_offline_div_without_require_or_cdn()
    {
        NotebookFormatters.Register();
        NotebookFormatters.Register();
        var trace = new Trace2D("bar");
        trace.SetProperty("x", new[] { "a", "b" });
        trace.SetProperty("y", new[] { 1, 2 });
        var chart = GenericChart.NewChart(trace, new Layout(), new Config(), new DisplayOptions());

        var html = chart.ToDisplayString("text/html");

        Assert.Contains("Plotly.newPlot(", html);
        Assert.Contains("\"type\":\"bar\"", html);
        Assert.DoesNotContain("require", html);
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.DoesNotContain("<script src", html);
        Assert.Equal(["text/html"], Formatter.GetPreferredMimeTypesFor(typeof(GenericChart)));
    }

    [Fact]
    public void Data_frame_formats_as_an_escaped_table()
    {
        NotebookFormatters.Register();
        var frame = new DataFrame(new StringDataFrameColumn("x", ["<b>bold</b>"]));
        var html = frame.ToDisplayString("text/html");
        Assert.StartsWith("<table class=\"data-table\">", html);
        Assert.Contains("<td>&lt;b&gt;bold&lt;/b&gt;</td>", html);
    }
}
