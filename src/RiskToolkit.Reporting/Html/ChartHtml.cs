using System.Text.RegularExpressions;
using Plotly.NET;

namespace RiskToolkit.Reporting.Html;

/// <summary>Chart markup that draws with a plotly.js already on the page, with no reference to any CDN.</summary>
public static partial class ChartHtml
{
    private static readonly DisplayOptions NoReference =
        DisplayOptions.setPlotlyReference(PlotlyJSReference.NoReference).Invoke(new DisplayOptions());

    /// <summary>
    /// The chart's <c>div</c> and inline <c>script</c> from <c>GenericChart.toChartHTML</c>, without any plotly.js reference.
    /// Plotly.NET names the <c>div</c> with a fresh GUID; <see cref="OfflineHtml"/> renumbers such ids to
    /// <c>chart-1</c>, <c>chart-2</c>, … when it writes a page.
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The HTML fragment.</returns>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var offline = GenericChart.addDisplayOptions(NoReference, chart);
        return GenericChart.toChartHTML(offline);
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
