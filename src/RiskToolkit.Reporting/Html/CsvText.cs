using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using nietras.SeparatedValues;

namespace RiskToolkit.Reporting.Html;

/// <summary>
/// RFC 4180 CSV of a data frame, as the <c>risk</c> commands print it and as a report offers each table for download.
/// </summary>
public static class CsvText
{
    /// <summary>
    /// Writes <paramref name="frame"/> as CSV with a header row: comma-separated, fields holding commas, quotes or line
    /// breaks quoted (Sep's escaping), numbers in the invariant culture to 12 significant digits, a missing value and an
    /// undefined number (NaN, ±∞) as an empty field, every row of the frame (no cap). Text is written as it is.
    /// </summary>
    /// <param name="frame">The data.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static void Write(DataFrame frame, TextWriter output) => WriteRows(frame, output, spreadsheetSafe: false);

    private static void WriteRows(DataFrame frame, TextWriter output, bool spreadsheetSafe)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true);
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            using var row = writer.NewRow();
            foreach (var column in frame.Columns)
            {
                row[column.Name].Set(column[i] switch
                {
                    null => "",
                    double d => double.IsFinite(d) ? Number(d) : "",
                    float f => float.IsFinite(f) ? Number(f) : "",
                    string text => spreadsheetSafe ? Inert(text) : text,
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString() ?? "",
                });
            }
        }
    }

    /// <summary>The CSV text of <paramref name="frame"/>, as <see cref="Write"/> writes it.</summary>
    /// <param name="frame">The data.</param>
    /// <returns>The CSV, header first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is <see langword="null"/>.</exception>
    public static string From(DataFrame frame) => Text(frame, spreadsheetSafe: false);

    private static string Text(DataFrame frame, bool spreadsheetSafe)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteRows(frame, text, spreadsheetSafe);
        return text.ToString();
    }

    /// <summary>
    /// A text cell a spreadsheet program will not run as a formula: one that starts with <c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>, a tab or a carriage return gets a leading apostrophe (OWASP, "CSV Injection").
    /// </summary>
    private static string Inert(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>
    /// A <c>data:</c> URI holding the CSV of <paramref name="frame"/> as UTF-8 with a byte-order mark (so spreadsheet
    /// programs read non-ASCII names correctly), base64-encoded, for an <c>&lt;a download&gt;</c> link that works offline
    /// and makes no network request. Text cells that a spreadsheet would read as a formula (starting with <c>=</c>,
    /// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) get a leading apostrophe, because dataset text such as a
    /// provider's name must never run in the reader's spreadsheet; numbers are written as numbers.
    /// </summary>
    /// <param name="frame">The data.</param>
    /// <returns>The URI, <c>data:text/csv;charset=utf-8;base64,…</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is <see langword="null"/>.</exception>
    public static string DataUri(DataFrame frame)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Text(frame, spreadsheetSafe: true))).ToArray();
        return "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String(bytes);
    }

    /// <summary>A number in the invariant culture rounded to 12 significant digits, shortest round-trip form (<c>0.1</c>, not <c>0.1000000000000000055</c>).</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Number(double value) =>
        double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
}
