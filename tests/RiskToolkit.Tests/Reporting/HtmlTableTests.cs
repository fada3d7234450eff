using Microsoft.Data.Analysis;
using RiskToolkit.Reporting.Html;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public sealed class HtmlTableTests
{
    private sealed record Row(string Name, double Share, int? Rank);

    [Fact]
    public void Data_frame_cells_and_headers_are_escaped_and_numbers_are_invariant()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("<name>", ["<img src=x onerror=alert(1)>", null]),
            new DoubleDataFrameColumn("share", [0.125, 1.5]));

        var html = HtmlTable.From(frame);

        Assert.Contains("<th scope=\"col\">&lt;name&gt;</th>", html);
        Assert.Contains("<tr><td>&lt;img src=x onerror=alert(1)&gt;</td><td>0.125</td></tr>", html);
        Assert.Contains("<tr><td></td><td>1.5</td></tr>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("table-note", html);
    }

    [Fact]
    public void Doubles_show_ten_significant_digits_without_binary_noise()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; 1917.9999999999998 is 1,918 points.
        var frame = new DataFrame(new PrimitiveDataFrameColumn<double>("x", [0.1 + 0.2, 1917.9999999999998, 0.390345645326]));
        var html = HtmlTable.From(frame);
        Assert.Contains("<td>0.3</td>", html);
        Assert.Contains("<td>1918</td>", html);
        Assert.Contains("<td>0.3903456453</td>", html);
    }

    [Fact]
    public void NaN_and_infinite_numbers_show_as_a_dash_titled_undefined()
    {
        var frame = new DataFrame(
            new DoubleDataFrameColumn("x", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.5]),
            new SingleDataFrameColumn("y", [float.NaN, 1f, float.PositiveInfinity, float.NegativeInfinity]));

        var html = HtmlTable.From(frame);

        Assert.Contains("<tr><td title=\"undefined (NaN)\">–</td><td title=\"undefined (NaN)\">–</td></tr>", html);
        Assert.Contains("<tr><td title=\"undefined (+∞)\">–</td><td>1</td></tr>", html);
        Assert.Contains("<tr><td title=\"undefined (−∞)\">–</td><td title=\"undefined (+∞)\">–</td></tr>", html);
        Assert.Contains("<tr><td>0.5</td><td title=\"undefined (−∞)\">–</td></tr>", html);
        Assert.DoesNotContain("NaN<", html);
        Assert.DoesNotContain("Infinity", html);
        Assert.DoesNotContain("∞<", html);
    }

    [Fact]
    public void NaN_in_a_record_property_shows_as_a_dash_titled_undefined()
    {
        var html = HtmlTable.From([new Row("a", double.NaN, 1)]);
        Assert.Contains("<tr><td>a</td><td title=\"undefined (NaN)\">–</td><td>1</td></tr>", html);
    }

    [Fact]
    public void Dates_are_iso_8601()
    {
        var frame = new DataFrame(new PrimitiveDataFrameColumn<DateTime>("date", [new DateTime(2025, 5, 1), new DateTime(2025, 10, 20, 6, 48, 0)]));
        var html = HtmlTable.From(frame);
        Assert.Contains("<td>2025-05-01</td>", html);
        Assert.Contains("<td>2025-10-20T06:48:00</td>", html);
    }

    [Fact]
    public void Rows_past_the_cap_are_left_out_with_a_visible_note()
    {
        var frame = new DataFrame(new Int32DataFrameColumn("n", Enumerable.Range(0, 503)));

        var html = HtmlTable.From(frame, maxRows: 500);

        Assert.Equal(500, html.Split("<tr><td>").Length - 1);
        Assert.Contains("Showing the first 500 of 503 rows; 3 more rows are not shown.", html);
        Assert.Contains("<td>499</td>", html);
        Assert.DoesNotContain("<td>500</td>", html);
    }

    [Fact]
    public void Records_become_columns_in_declaration_order()
    {
        var html = HtmlTable.From([new Row("<a>", 0.5, null), new Row("b", 0.25, 2)], maxRows: 1);
        Assert.Contains("<th scope=\"col\">Name</th><th scope=\"col\">Share</th><th scope=\"col\">Rank</th>", html);
        Assert.Contains("<tr><td>&lt;a&gt;</td><td>0.5</td><td></td></tr>", html);
        Assert.Contains("1 more row is not shown.", html);
    }

    [Fact]
    public void Negative_cap_is_rejected_naming_the_parameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HtmlTable.From(new DataFrame(), -1));
        Assert.Equal("maxRows", e.ParamName);
    }

    [Fact]
    public void Download_link_carries_every_row_even_when_the_table_shows_fewer()
    {
        var frame = new DataFrame(new Int32DataFrameColumn("n", Enumerable.Range(1, 5)));

        var html = HtmlTable.WithDownload(frame, "five rows.csv", maxRows: 2);

        Assert.Contains("Showing the first 2 of 5 rows", html);
        var match = System.Text.RegularExpressions.Regex.Match(html, "<a download=\"five-rows.csv\" href=\"data:text/csv;charset=utf-8;base64,(?<b64>[A-Za-z0-9+/=]+)\">Download CSV</a> \\(5 rows, 1 column\\)");
        Assert.True(match.Success, html);
        var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups["b64"].Value)).TrimStart('\uFEFF');
        Assert.Equal("n\n1\n2\n3\n4\n5\n", csv.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Download_names_keep_only_safe_characters_and_end_in_csv()
    {
        var html = HtmlTable.WithDownload(new DataFrame(new Int32DataFrameColumn("n", [1])), "\"><script>x");

        Assert.Contains("download=\"---script-x.csv\"", html);
        Assert.DoesNotContain("<script>", html);
    }
}
