using System.Text;
using Microsoft.Data.Analysis;
using RiskToolkit.Reporting.Html;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public sealed class CsvTextTests
{
    private static DataFrame Frame() => new(
        new StringDataFrameColumn("name", ["plain", "a, comma", "say \"hi\"", "two\nlines", null]),
        new DoubleDataFrameColumn("share", [0.1, 1.0 / 3, 29.0 * 29 / 10_000 + 22.0 * 22 / 10_000 + 12.0 * 12 / 10_000, double.NaN, null]));

    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted_numbers_carry_twelve_digits_and_undefined_is_empty()
    {
        var csv = CsvText.From(Frame());

        // 29² + 22² + 12² = 841 + 484 + 144 = 1,469 → 0.1469 (binary arithmetic gives 0.14690000000000003).
        Assert.Equal(
            "name,share\n"
            + "plain,0.1\n"
            + "\"a, comma\",0.333333333333\n"
            + "\"say \"\"hi\"\"\",0.1469\n"
            + "\"two\nlines\",\n"
            + ",\n",
            csv.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_data_uri_holds_the_csv_as_utf8_with_a_byte_order_mark()
    {
        var frame = new DataFrame(new StringDataFrameColumn("provider", ["Zürich Cloud"]));

        var uri = CsvText.DataUri(frame);

        const string prefix = "data:text/csv;charset=utf-8;base64,";
        Assert.StartsWith(prefix, uri, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(uri[prefix.Length..]);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(CsvText.From(frame), Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Downloads_keep_formulas_in_dataset_text_from_running_in_a_spreadsheet()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("name", ["=HYPERLINK(\"http://example.invalid\")", "+1", "-x", "@SUM(A1)", "\tTab", "plain", "a=b"]),
            new DoubleDataFrameColumn("value", [-1.5, 1, 2, 3, 4, 5, 6]));

        var csv = Encoding.UTF8.GetString(Convert.FromBase64String(CsvText.DataUri(frame).Split(',', 2)[1])).TrimStart('\uFEFF');

        Assert.Equal(
            "name,value\n"
            + "\"'=HYPERLINK(\"\"http://example.invalid\"\")\",-1.5\n"
            + "'+1,1\n'-x,2\n'@SUM(A1),3\n'\tTab,4\nplain,5\na=b,6\n",
            csv.ReplaceLineEndings("\n"));
        // The printed CSV of the commands is data for programs and keeps the text as it is.
        Assert.StartsWith("name,value\n\"=HYPERLINK(", CsvText.From(frame).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
