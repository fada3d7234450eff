using System.Collections;
using System.Runtime.CompilerServices;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RiskToolkit.Reporting.Html;

namespace RiskToolkit.Reporting.Notebooks;

/// <summary>
/// Notebook display of the toolkit's values through Microsoft.DotNet.Interactive.Formatting: a Plotly.NET
/// <see cref="GenericChart"/> becomes an offline chart (no CDN, no require.js), a <see cref="DataFrame"/> an escaped
/// HTML table with a link that downloads all its rows as CSV (<see cref="HtmlTable.WithDownload"/>), and a list of records (any <see cref="IReadOnlyList{T}"/>, such as a <see cref="List{T}"/> or an array, of
/// a record, class or struct with public properties) an escaped HTML table with one column per property, through
/// <see cref="HtmlTable.From{T}(IEnumerable{T}, int)"/>, instead of the kernel's nested tree. Lists of strings, numbers,
/// dates, enums or nested sequences keep the kernel's own display, and so do strings. Registration happens automatically
/// the first time notebook code touches this assembly, and again harmlessly whenever <see cref="Register"/> is called.
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
            Formatter.Register<DataFrame>((frame, writer) => writer.Write(HtmlTable.WithDownload(frame, "table.csv")), HtmlMimeType);

            // Captured before the list formatter exists: the kernel's formatter for any object, which lists fall back to.
            var kernelDefault = Formatter.GetPreferredFormatterFor(typeof(object), HtmlMimeType);
            Formatter.Register(
                typeof(IReadOnlyList<>),
                (value, context) => RecordType(value) is { } type
                    ? WriteTable(value, type, context)
                    : kernelDefault.Format(value, context),
                HtmlMimeType);

            // A chart's or a frame's plain-text form is a long dump nobody reads; show the HTML only.
            Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlMimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlMimeType);
            registered = true;
        }
    }

    private static bool WriteTable(object list, Type recordType, FormatContext context)
    {
        context.Writer.Write(HtmlTable.FromRows((IEnumerable)list, recordType, HtmlTable.DefaultMaxRows));
        return true;
    }

    // The item type of a list that reads well as a table: a record, class or struct with public properties, not a scalar
    // (string, number, date, enum, anything formattable), not itself a sequence, and not a chart or frame, which have their
    // own display.
    private static Type? RecordType(object list) =>
        list.GetType().GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault(IsRecordLike);

    private static bool IsRecordLike(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return !type.IsPrimitive
            && !type.IsEnum
            && !type.IsPointer
            && type != typeof(string)
            && type != typeof(object)
            && !typeof(IFormattable).IsAssignableFrom(type)
            && !typeof(IEnumerable).IsAssignableFrom(type)
            && !typeof(Delegate).IsAssignableFrom(type)
            && type != typeof(GenericChart)
            && type != typeof(DataFrame)
            && HtmlTable.Columns(type).Length > 0;
    }

#pragma warning disable CA2255 // Registering display formatters on load is this assembly's documented notebook behaviour.
    [ModuleInitializer]
    internal static void RegisterOnLoad() => Register();
#pragma warning restore CA2255
}
