using System.Text;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RiskToolkit.Reporting.Html;

/// <summary>Markdown to HTML with raw HTML disabled, so markdown from notebooks or datasets cannot inject markup.</summary>
public static class MarkdownHtml
{
    /// <summary>The <c>rel</c> value given to every link that leaves the page.</summary>
    public const string ExternalLinkRel = "noopener noreferrer";

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
    /// out as escaped text. Link targets with a scheme other than <c>http</c>, <c>https</c> or <c>mailto</c> (for example
    /// <c>javascript:</c>) are replaced by <c>#</c>, and links to <c>http</c> or <c>https</c> get
    /// <c>rel="noopener noreferrer"</c>. Only <c>data:image/…</c> images are drawn: any other image, which the browser would
    /// fetch, is shown as its alt text instead.
    /// </summary>
    /// <param name="markdown">The markdown source.</param>
    /// <returns>The HTML fragment.</returns>
    public static string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToArray())
        {
            if (link.IsImage)
            {
                if (!IsDataImage(link.Url))
                {
                    // ReplaceBy would keep the image's children beside the text; insert the text and drop the image.
                    link.InsertBefore(new LiteralInline(AltText(link)));
                    link.Remove();
                }

                continue;
            }

            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }

            if (IsWebUrl(link.Url))
            {
                link.GetAttributes().AddProperty("rel", ExternalLinkRel);
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }

            if (IsWebUrl(link.Url))
            {
                link.GetAttributes().AddProperty("rel", ExternalLinkRel);
            }
        }

        return document.ToHtml(Pipeline);
    }

    // The text an HTML renderer would put in the alt attribute: the image description without its markup.
    private static string AltText(ContainerInline image)
    {
        var text = new StringBuilder();
        foreach (var inline in image.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString();
    }

    private static bool IsDataImage(string? url) =>
        url is not null && url.TrimStart().StartsWith("data:image/", StringComparison.OrdinalIgnoreCase);

    private static bool IsWebUrl(string? url)
    {
        var trimmed = url?.Trim() ?? string.Empty;
        return trimmed.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("//", StringComparison.Ordinal);
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
