using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RiskToolkit.Reporting.Html;

/// <summary>Markdown to HTML with raw HTML disabled, so markdown from notebooks or datasets cannot inject markup.</summary>
public static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseTaskLists()
        .UseAutoLinks()
        .UseAutoIdentifiers()
        .DisableHtml()
        .Build();

    /// <summary>
    /// Renders CommonMark with pipe and grid tables, footnotes, task lists and emphasis extras. HTML tags in the source come
    /// out as escaped text, and link or image targets with a scheme other than <c>http</c>, <c>https</c> or <c>mailto</c>
    /// (for example <c>javascript:</c>) are replaced by <c>#</c>.
    /// </summary>
    /// <param name="markdown">The markdown source.</param>
    /// <returns>The HTML fragment.</returns>
    public static string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        return document.ToHtml(Pipeline);
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var firstSeparator = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstSeparator >= 0 && firstSeparator < colon))
        {
            return true; // relative reference or fragment
        }

        var scheme = trimmed[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }
}
