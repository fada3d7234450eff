using System.Runtime.CompilerServices;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RiskToolkit.Reporting.Html;

namespace RiskToolkit.Reporting.Notebooks;

/// <summary>
/// Notebook display of the toolkit's values through Microsoft.DotNet.Interactive.Formatting: a Plotly.NET
/// <see cref="GenericChart"/> becomes an offline chart (no CDN, no require.js), and a <see cref="DataFrame"/> an escaped
/// HTML table. Registration happens automatically the first time notebook code touches this assembly, and again harmlessly
/// whenever <see cref="Register"/> is called.
/// </summary>
/// <remarks>
/// The chart markup draws with a plotly.js already on the page: the <c>risk notebook run</c> export inlines it once.
/// Opened in another front end the chart shows once that front end has loaded plotly.js.
/// </remarks>
public static class NotebookFormatters
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>The MIME type the formatters write.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary>Registers the formatters once; later calls do nothing.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Fragment(chart)), HtmlMimeType);
            Formatter.Register<DataFrame>((frame, writer) => writer.Write(HtmlTable.From(frame)), HtmlMimeType);

            // A chart's or a frame's plain-text form is a long dump nobody reads; show the HTML only.
            Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlMimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlMimeType);
            registered = true;
        }
    }

#pragma warning disable CA2255 // Registering display formatters on load is this assembly's documented notebook behaviour.
    [ModuleInitializer]
    internal static void RegisterOnLoad() => Register();
#pragma warning restore CA2255
}
