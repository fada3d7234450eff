using System.Text;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace RiskToolkit.Reporting.Html;

/// <summary>Chart markup that draws with a plotly.js already on the page, with no reference to any CDN.</summary>
public static partial class ChartHtml
{
    private static readonly DisplayOptions NoReference =
        DisplayOptions.setPlotlyReference(PlotlyJSReference.NoReference).Invoke(new DisplayOptions());

    private const string ScriptStart = "<script type=\"text/javascript\">";
    private const string ScriptEnd = "</script>";

    /// <summary>
    /// The chart's <c>div</c> and inline <c>script</c> from <c>GenericChart.toChartHTML</c>, without any plotly.js reference.
    /// Plotly.NET names the <c>div</c> with a fresh GUID; <see cref="OfflineHtml"/> renumbers such ids to
    /// <c>chart-1</c>, <c>chart-2</c>, … when it writes a page.
    /// </summary>
    /// <remarks>
    /// The script holds the chart's data and layout as JSON, and so holds dataset text such as provider names and titles.
    /// Every <c>&lt;</c> inside a string literal of the script is written as the escape <c>\u003c</c>, which JavaScript
    /// reads back as the same character, so no text in the data can end the script element (<c>&lt;/script</c>) or switch
    /// the parser into its escaped states (<c>&lt;!--</c>). The label still reaches the chart unchanged.
    /// </remarks>
    /// <param name="chart">The chart.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="InvalidOperationException">Plotly.NET's markup does not have the expected shape.</exception>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var offline = GenericChart.addDisplayOptions(NoReference, chart);
        return EscapeScriptStrings(GenericChart.toChartHTML(offline));
    }

    /// <summary>
    /// Rewrites the body of the chart script in a <c>toChartHTML</c> fragment so that every <c>&lt;</c> inside a JavaScript
    /// string literal becomes <c>\u003c</c>. The script body runs from the first <c>&lt;script type="text/javascript"&gt;</c>
    /// to the last <c>&lt;/script&gt;</c>: Plotly.NET writes the data before the end tag, so an end tag inside the data
    /// comes earlier than the real one.
    /// </summary>
    /// <param name="fragment">Markup from <c>GenericChart.toChartHTML</c>.</param>
    /// <returns>The fragment with a script that cannot be closed or altered by its data.</returns>
    /// <exception cref="InvalidOperationException">The fragment has no chart script, or markup remains in the script
    /// outside a string literal.</exception>
    internal static string EscapeScriptStrings(string fragment)
    {
        var start = fragment.IndexOf(ScriptStart, StringComparison.Ordinal);
        var end = fragment.LastIndexOf(ScriptEnd, StringComparison.Ordinal);
        if (start < 0 || end < start + ScriptStart.Length)
        {
            throw new InvalidOperationException("Plotly.NET's chart markup has no <script type=\"text/javascript\"> element.");
        }

        var bodyStart = start + ScriptStart.Length;
        var body = EscapeLessThanInStrings(fragment.AsSpan(bodyStart, end - bodyStart));
        if (body.Contains("</script", StringComparison.OrdinalIgnoreCase) || body.Contains("<!--", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Plotly.NET's chart script holds markup outside a string literal.");
        }

        return string.Concat(fragment.AsSpan(0, bodyStart), body, fragment.AsSpan(end));
    }

    // A small scanner for the code Plotly.NET writes: `var data = <JSON>; var layout = <JSON>; … Plotly.newPlot('id', …)`.
    // It tracks single- and double-quoted string literals with their backslash escapes; the code has no comments, regular
    // expressions or template literals.
    private static string EscapeLessThanInStrings(ReadOnlySpan<char> script)
    {
        var result = new StringBuilder(script.Length + 16);
        var quote = '\0';
        var escaped = false;
        foreach (var c in script)
        {
            if (quote == '\0')
            {
                if (c is '"' or '\'')
                {
                    quote = c;
                }
            }
            else if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == quote)
            {
                quote = '\0';
            }
            else if (c == '<')
            {
                result.Append("\\u003c");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>
    /// Replaces the GUID ids Plotly.NET gives chart <c>div</c>s (and the matching render-function names) by
    /// <c>chart-N</c>, numbering from <paramref name="next"/>.
    /// </summary>
    /// <param name="html">A fragment that may hold charts.</param>
    /// <param name="next">The next chart number; advanced by the number of charts found.</param>
    /// <returns>The fragment with deterministic ids.</returns>
    internal static string Renumber(string html, ref int next)
    {
        var matches = ChartDivId().Matches(html);
        foreach (Match match in matches)
        {
            var guid = match.Groups["guid"].Value;
            var number = next++;
            html = html
                .Replace(guid, $"chart-{number}", StringComparison.Ordinal)
                .Replace(guid.Replace("-", string.Empty, StringComparison.Ordinal), $"chart{number}", StringComparison.Ordinal);
        }

        return html;
    }

    [GeneratedRegex("""<div id="(?<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"><!-- Plotly chart""", RegexOptions.CultureInvariant)]
    private static partial Regex ChartDivId();
}
