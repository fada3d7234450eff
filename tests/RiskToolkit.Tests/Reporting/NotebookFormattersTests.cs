using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RiskToolkit.Reporting.Notebooks;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public sealed class NotebookFormattersTests
{
    private sealed record Provider(string Name, double Share);

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
    public void Data_frame_formats_as_an_escaped_table_with_a_csv_download()
    {
        NotebookFormatters.Register();
        var frame = new DataFrame(new StringDataFrameColumn("x", ["<b>bold</b>"]));
        var html = frame.ToDisplayString("text/html");
        Assert.StartsWith("<div class=\"data-table-block\">\n<p class=\"csv-download\"><a download=\"table.csv\"", html);
        Assert.Contains("</p>\n<table class=\"data-table\">", html);
        Assert.Contains("<td>&lt;b&gt;bold&lt;/b&gt;</td>", html);
        Assert.Contains("<a download=\"table.csv\" href=\"data:text/csv;charset=utf-8;base64,", html);
    }

    [Fact]
    public void List_of_records_formats_as_an_escaped_table_not_a_tree()
    {
        NotebookFormatters.Register();
        var providers = new List<Provider> { new("<img src=x onerror=alert(1)>", 0.5), new("b", double.NaN) };

        var html = providers.ToDisplayString("text/html");

        Assert.StartsWith("<table class=\"data-table\">", html);
        Assert.Contains("<th scope=\"col\">Name</th><th scope=\"col\">Share</th>", html);
        Assert.Contains("<tr><td>&lt;img src=x onerror=alert(1)&gt;</td><td>0.5</td></tr>", html);
        Assert.Contains("<tr><td>b</td><td title=\"undefined (NaN)\">–</td></tr>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("dni-treeview", html);
        Assert.Equal(["text/html"], Formatter.GetPreferredMimeTypesFor(typeof(List<Provider>)));
    }

    [Fact]
    public void Arrays_and_read_only_lists_of_records_format_as_tables_too()
    {
        NotebookFormatters.Register();
        IReadOnlyList<Provider> list = new[] { new Provider("<a>", 1) }.AsReadOnly();
        Assert.Contains("<td>&lt;a&gt;</td><td>1</td>", new[] { new Provider("<a>", 1) }.ToDisplayString("text/html"));
        Assert.Contains("<td>&lt;a&gt;</td><td>1</td>", list.ToDisplayString("text/html"));
        Assert.Contains("<td>x</td><td>2</td>", new[] { new { Name = "x", Count = 2 } }.ToDisplayString("text/html"));
    }

    [Fact]
    public void Strings_and_lists_of_scalars_keep_the_kernel_display()
    {
        NotebookFormatters.Register();
        var text = "<b>bold</b>".ToDisplayString("text/html");
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", text);
        Assert.DoesNotContain("data-table", text);
        Assert.Equal(["text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(string)));

        Assert.Contains("[ 1, 2 ]", new List<int> { 1, 2 }.ToDisplayString("text/html"));
        var strings = new List<string> { "<i>a</i>" }.ToDisplayString("text/html");
        Assert.DoesNotContain("data-table", strings);
        Assert.DoesNotContain("<i>a", strings);
        Assert.DoesNotContain("data-table", new List<DateTime> { new(2025, 10, 20) }.ToDisplayString("text/html"));
    }
}
