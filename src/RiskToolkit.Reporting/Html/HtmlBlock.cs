using Microsoft.Data.Analysis;
using Plotly.NET;

namespace RiskToolkit.Reporting.Html;

/// <summary>
/// One piece of an <see cref="HtmlPage"/>. Text given to <see cref="Markdown"/>, <see cref="Preformatted"/>,
/// <see cref="Code"/> and <see cref="Section"/> headings is always escaped; only <see cref="TrustedHtml"/> is inserted as markup.
/// </summary>
public abstract record HtmlBlock
{
    private protected HtmlBlock()
    {
    }

    /// <summary>Markdown rendered with raw HTML disabled: tags in the text show as text.</summary>
    /// <param name="markdown">CommonMark text with pipe tables, footnotes and emphasis extras.</param>
    /// <returns>The block.</returns>
    public static HtmlBlock Markdown(string markdown) => new MarkdownBlock(markdown);

    /// <summary>Escaped preformatted text, such as console output.</summary>
    /// <param name="text">The text, shown verbatim.</param>
    /// <param name="cssClass">An optional extra class, for example <c>error</c> or <c>stderr</c>.</param>
    /// <returns>The block.</returns>
    public static HtmlBlock Preformatted(string text, string? cssClass = null) => new PreformattedBlock(text, cssClass);

    /// <summary>Escaped source code.</summary>
    /// <param name="code">The source text.</param>
    /// <param name="language">The language name, for example <c>csharp</c>.</param>
    /// <returns>The block.</returns>
    public static HtmlBlock Code(string code, string language) => new CodeBlock(code, language);

    /// <summary>
    /// A fragment of HTML inserted as is. Only for markup produced by the toolkit's own formatters (charts, tables) or the
    /// notebook kernel's formatters, never for dataset text.
    /// </summary>
    /// <param name="html">The fragment.</param>
    /// <returns>The block.</returns>
    public static HtmlBlock TrustedHtml(string html) => new TrustedHtmlBlock(html);

    /// <summary>A Plotly.NET chart drawn offline, optionally with its data as a table beside it.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="data">The data behind the chart, shown as an escaped table; <see langword="null"/> for none.</param>
    /// <param name="caption">An optional caption (escaped), for example the figure's source.</param>
    /// <returns>The block.</returns>
    public static HtmlBlock Chart(GenericChart chart, DataFrame? data = null, string? caption = null) =>
        new ChartBlock(chart, data, caption);

    /// <summary>A data table (escaped) with a link that downloads all its rows as CSV, and an optional caption above it.</summary>
    /// <param name="data">The data.</param>
    /// <param name="caption">An optional caption (escaped).</param>
    /// <param name="fileName">The suggested download name (see <see cref="HtmlTable.WithDownload"/>); by default from the
    /// caption, or <c>table-N.csv</c> numbered in page order.</param>
    /// <returns>The block.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty or white space.</exception>
    public static HtmlBlock Table(DataFrame data, string? caption = null, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (fileName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        }

        return new TableBlock(data, caption, fileName);
    }

    /// <summary>Escaped plain text as one paragraph; for dataset text, which must not be read as Markdown.</summary>
    /// <param name="text">The text, shown as is.</param>
    /// <returns>The block.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static HtmlBlock Paragraph(string text) => new ParagraphBlock(text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>A titled section holding further blocks.</summary>
    /// <param name="heading">The heading text (escaped).</param>
    /// <param name="blocks">The section's content.</param>
    /// <returns>The block.</returns>
    public static HtmlBlock Section(string heading, params IEnumerable<HtmlBlock> blocks) =>
        new SectionBlock(heading, blocks.ToArray());
}

/// <summary>Markdown rendered with raw HTML disabled.</summary>
/// <param name="Text">The markdown source.</param>
public sealed record MarkdownBlock(string Text) : HtmlBlock;

/// <summary>Escaped preformatted text.</summary>
/// <param name="Text">The text.</param>
/// <param name="CssClass">An optional extra class.</param>
public sealed record PreformattedBlock(string Text, string? CssClass) : HtmlBlock;

/// <summary>Escaped source code.</summary>
/// <param name="Text">The source.</param>
/// <param name="Language">The language name.</param>
public sealed record CodeBlock(string Text, string Language) : HtmlBlock;

/// <summary>An HTML fragment inserted as is.</summary>
/// <param name="Html">The fragment.</param>
public sealed record TrustedHtmlBlock(string Html) : HtmlBlock;

/// <summary>A chart with optional data table and caption.</summary>
/// <param name="Figure">The chart.</param>
/// <param name="Data">The data shown beside it, or <see langword="null"/>.</param>
/// <param name="Caption">The caption, or <see langword="null"/>.</param>
public sealed record ChartBlock(GenericChart Figure, DataFrame? Data, string? Caption) : HtmlBlock;

/// <summary>A data table with a CSV download link.</summary>
/// <param name="Data">The data.</param>
/// <param name="Caption">The caption, or <see langword="null"/>.</param>
/// <param name="FileName">The suggested download name, or <see langword="null"/> for one from the caption or position.</param>
public sealed record TableBlock(DataFrame Data, string? Caption, string? FileName) : HtmlBlock;

/// <summary>Escaped plain text as one paragraph.</summary>
/// <param name="Text">The text.</param>
public sealed record ParagraphBlock(string Text) : HtmlBlock;

/// <summary>A titled section.</summary>
/// <param name="Heading">The heading.</param>
/// <param name="Blocks">The content.</param>
public sealed record SectionBlock(string Heading, IReadOnlyList<HtmlBlock> Blocks) : HtmlBlock;

/// <summary>A complete page for <see cref="OfflineHtml"/>.</summary>
/// <param name="Title">The document title (escaped), shown in the browser tab and, when <paramref name="ShowTitle"/>, as the top heading.</param>
/// <param name="Blocks">The content in reading order.</param>
/// <param name="Provenance">The stamp printed in the footer.</param>
/// <param name="ShowTitle">Whether to repeat the title as an <c>h1</c>; notebooks usually bring their own.</param>
public sealed record HtmlPage(string Title, IReadOnlyList<HtmlBlock> Blocks, Provenance Provenance, bool ShowTitle = true);
