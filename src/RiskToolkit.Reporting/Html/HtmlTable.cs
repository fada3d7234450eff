using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Data.Analysis;

namespace RiskToolkit.Reporting.Html;

/// <summary>Escaped HTML tables for data frames and sequences of records.</summary>
public static class HtmlTable
{
    /// <summary>The default number of rows shown before the rest are left out with a visible note.</summary>
    public const int DefaultMaxRows = 500;

    /// <summary>The text of a cell whose number is NaN or infinite; its <c>title</c> says which.</summary>
    public const string UndefinedText = "–";

    /// <summary>
    /// A <c>&lt;table&gt;</c> with one header cell per column and one row per data-frame row, every cell HTML-escaped.
    /// Numbers use the invariant culture; missing values show as an empty cell; a NaN or infinite number shows as
    /// <see cref="UndefinedText"/> with the title <c>undefined (NaN)</c>, <c>undefined (+∞)</c> or <c>undefined (−∞)</c>,
    /// never as the words <c>NaN</c> or <c>Infinity</c>. When the frame has more than
    /// <paramref name="maxRows"/> rows, the first <paramref name="maxRows"/> are shown followed by a note saying how many
    /// were left out.
    /// </summary>
    /// <param name="frame">The data.</param>
    /// <param name="maxRows">The most rows to show. Range: ≥ 0.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is negative.</exception>
    public static string From(DataFrame frame, int maxRows = DefaultMaxRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);

        var columns = frame.Columns;
        var headers = columns.Select(c => c.Name).ToArray();
        var total = frame.Rows.Count;
        var shown = Math.Min(total, maxRows);
        var rows = new List<CellText[]>((int)shown);
        for (long r = 0; r < shown; r++)
        {
            var cells = new CellText[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                cells[c] = Cell(columns[c][r]);
            }

            rows.Add(cells);
        }

        return Build(headers, rows, total);
    }

    /// <summary>
    /// The table of <see cref="From(DataFrame, int)"/> after a link that downloads every row of
    /// <paramref name="frame"/> (not only those shown) as CSV (<see cref="CsvText"/>), from a <c>data:</c> URI, so the link
    /// works offline and makes no network request.
    /// </summary>
    /// <param name="frame">The data.</param>
    /// <param name="fileName">The suggested file name; characters other than ASCII letters, digits, <c>.</c>, <c>-</c> and
    /// <c>_</c> become <c>-</c>, and <c>.csv</c> is appended when missing.</param>
    /// <param name="maxRows">The most rows to show in the table. Range: ≥ 0.</param>
    /// <returns>The HTML fragment: a <c>div.data-table-block</c> holding the table and the link.</returns>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is negative.</exception>
    public static string WithDownload(DataFrame frame, string fileName, int maxRows = DefaultMaxRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var table = From(frame, maxRows);
        var name = SafeFileName(fileName);
        var rows = frame.Rows.Count;
        // The link comes first, so it shows even when a long table scrolls inside its box.
        return new StringBuilder(table.Length + 256)
            .Append("<div class=\"data-table-block\">\n")
            .Append("<p class=\"csv-download\"><a download=\"").Append(HtmlText.Escape(name)).Append("\" href=\"")
            .Append(CsvText.DataUri(frame)).Append("\">Download CSV</a> ")
            .Append(CultureInfo.InvariantCulture, $"({rows:N0} {(rows == 1 ? "row" : "rows")}, {frame.Columns.Count:N0} {(frame.Columns.Count == 1 ? "column" : "columns")})")
            .Append("</p>\n").Append(table).Append("\n</div>")
            .ToString();
    }

    /// <summary>A download file name of ASCII letters, digits, <c>.</c>, <c>-</c> and <c>_</c>, ending in <c>.csv</c>.</summary>
    internal static string SafeFileName(string name)
    {
        var safe = new string(name.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
        return safe.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? safe : safe + ".csv";
    }

    /// <summary>
    /// A <c>&lt;table&gt;</c> with one column per public readable instance property of <typeparamref name="T"/> (in
    /// declaration order) and one row per item, every cell HTML-escaped, with numbers, missing values and NaN or infinite
    /// numbers shown and rows capped like <see cref="From(DataFrame, int)"/>.
    /// </summary>
    /// <typeparam name="T">A record or class type.</typeparam>
    /// <param name="rows">The items.</param>
    /// <param name="maxRows">The most rows to show. Range: ≥ 0.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is negative.</exception>
    public static string From<T>(IEnumerable<T> rows, int maxRows = DefaultMaxRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        return FromRows(rows, typeof(T), maxRows);
    }

    /// <summary>The columns <see cref="From{T}(IEnumerable{T}, int)"/> makes for items of <paramref name="type"/>.</summary>
    /// <param name="type">The declared item type.</param>
    /// <returns>Its public readable instance properties without parameters, in declaration order.</returns>
    internal static PropertyInfo[] Columns(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToArray();

    /// <summary>As <see cref="From{T}(IEnumerable{T}, int)"/> for items whose type is known only at run time.</summary>
    /// <param name="rows">The items, each of type <paramref name="type"/> or <see langword="null"/>.</param>
    /// <param name="type">The declared item type, whose properties become the columns.</param>
    /// <param name="maxRows">The most rows to show. Range: ≥ 0.</param>
    /// <returns>The HTML fragment.</returns>
    internal static string FromRows(System.Collections.IEnumerable rows, Type type, int maxRows)
    {
        var properties = Columns(type);
        var shown = new List<CellText[]>();
        long total = 0;
        foreach (var item in rows)
        {
            total++;
            if (shown.Count < maxRows)
            {
                shown.Add(properties.Select(p => item is null ? default : Cell(p.GetValue(item))).ToArray());
            }
        }

        return Build(properties.Select(p => p.Name).ToArray(), shown, total);
    }

    private static CellText Cell(object? value) => value switch
    {
        null => default,
        double d when !double.IsFinite(d) => Undefined(d),
        float f when !float.IsFinite(f) => Undefined(f),
        _ => new CellText(Text(value), null),
    };

    private static CellText Undefined(double value) =>
        new(UndefinedText, double.IsNaN(value) ? "undefined (NaN)" : value > 0 ? "undefined (+∞)" : "undefined (−∞)");

    private static string? Text(object value) => value switch
    {
        string s => s,
        // Ten significant digits: enough to copy a figure, without binary noise like 0.15890000000000004.
        double d => d.ToString("G10", CultureInfo.InvariantCulture),
        float f => f.ToString("G7", CultureInfo.InvariantCulture),
        // ISO 8601, as in the data files; a date without a time of day stays a date.
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Build(IReadOnlyList<string> headers, IReadOnlyList<CellText[]> rows, long total)
    {
        var html = new StringBuilder();
        html.Append("<table class=\"data-table\">\n");
        var omitted = total - rows.Count;
        if (omitted > 0)
        {
            // A caption must be the table's first child; CSS shows it below the rows.
            html.Append("<caption class=\"table-note\">")
                .Append(CultureInfo.InvariantCulture, $"Showing the first {rows.Count:N0} of {total:N0} rows; {omitted:N0} more {(omitted == 1 ? "row is" : "rows are")} not shown.")
                .Append("</caption>\n");
        }

        html.Append("<thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th scope=\"col\">").Append(HtmlText.Escape(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell.Title is null ? "<td>" : $"<td title=\"{HtmlText.Escape(cell.Title)}\">")
                    .Append(HtmlText.Escape(cell.Text)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n");
        html.Append("</table>");
        return html.ToString();
    }

    private readonly record struct CellText(string? Text, string? Title);
}
