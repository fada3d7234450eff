using System.Globalization;
using System.Text;

namespace RiskToolkit.Reporting.Html;

/// <summary>
/// Writes a complete, self-contained HTML page that opens offline: plotly.js inlined once, a Content-Security-Policy that
/// forbids every network request, a print stylesheet, and a provenance footer. Shared by the notebook export and the report.
/// </summary>
/// <remarks>
/// Nothing on the page refers to another URL for loading: no <c>script src</c>, no stylesheet link, no web font. Chart
/// <c>div</c> ids are numbered <c>chart-1</c>, <c>chart-2</c>, … in page order, so the same input gives the same page.
/// </remarks>
public static class OfflineHtml
{
    /// <summary>
    /// The Content-Security-Policy of every page: no network requests of any kind; inline scripts and styles (plotly.js and
    /// the charts are inline) and <c>data:</c> images and fonts only; no <c>&lt;base&gt;</c> element may change where
    /// relative links point, and no form may be submitted anywhere.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// Defines <c>require</c>/<c>requirejs</c> when the page has none, so chart snippets written for require.js (as the
    /// Plotly.NET.Interactive formatter writes them) get the inlined <c>Plotly</c> instead of fetching it.
    /// </summary>
    internal const string RequireShim = """
        (function () {
          if (typeof window.require === "function") { return; }
          var shim = function (deps, callback) {
            var modules = (deps || []).map(function (name) { return /plotly/i.test(name) ? window.Plotly : undefined; });
            if (typeof callback === "function") { callback.apply(window, modules); }
          };
          shim.config = function () { return shim; };
          window.require = shim;
          window.requirejs = shim;
        })();
        """;

    /// <summary>Renders <paramref name="page"/> as a complete HTML document.</summary>
    /// <param name="page">The page.</param>
    /// <returns>The document text.</returns>
    public static string Render(HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var html = new StringBuilder(PlotlyJs.InlineScript.Length + 64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"generator\" content=\"RiskToolkit ").Append(HtmlText.Escape(page.Provenance.ToolkitVersion)).Append("\">\n");
        html.Append("<title>").Append(HtmlText.Escape(page.Title)).Append("</title>\n");
        html.Append("<style>\n").Append(Stylesheet).Append("</style>\n");
        html.Append("<script>/* plotly.js ").Append(PlotlyJs.Version).Append(", inlined */\n")
            .Append(PlotlyJs.InlineScript).Append("\n</script>\n");
        html.Append("<script>\n").Append(RequireShim).Append("</script>\n");
        html.Append("</head>\n<body>\n<main>\n");
        if (page.ShowTitle)
        {
            html.Append("<h1>").Append(HtmlText.Escape(page.Title)).Append("</h1>\n");
        }

        var counters = new Counters();
        foreach (var block in page.Blocks)
        {
            Append(html, block, counters, depth: 2);
        }

        html.Append("</main>\n");
        AppendProvenance(html, page.Provenance);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Renders <paramref name="page"/> and writes it to <paramref name="path"/> atomically (UTF-8, no BOM).</summary>
    /// <param name="path">The output file; its folder is created when missing.</param>
    /// <param name="page">The page.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(string path, HtmlPage page) => AtomicFile.WriteAllText(path, Render(page));

    private static void Append(StringBuilder html, HtmlBlock block, Counters counters, int depth)
    {
        switch (block)
        {
            case MarkdownBlock markdown:
                html.Append("<div class=\"markdown\">\n").Append(MarkdownHtml.Render(markdown.Text)).Append("</div>\n");
                break;
            case PreformattedBlock pre:
                html.Append("<pre class=\"output")
                    .Append(pre.CssClass is null ? string.Empty : " " + HtmlText.Escape(pre.CssClass))
                    .Append("\">").Append(HtmlText.Escape(pre.Text)).Append("</pre>\n");
                break;
            case CodeBlock code:
                html.Append("<pre class=\"code\"><code class=\"language-").Append(HtmlText.Escape(code.Language)).Append("\">")
                    .Append(HtmlText.Escape(code.Text)).Append("</code></pre>\n");
                break;
            case TrustedHtmlBlock trusted:
                html.Append("<div class=\"output html\">").Append(ChartHtml.Renumber(trusted.Html, ref counters.NextChart)).Append("</div>\n");
                break;
            case ChartBlock chart:
                html.Append("<figure class=\"chart\">\n<div class=\"chart-plot\">")
                    .Append(ChartHtml.Renumber(ChartHtml.Fragment(chart.Figure), ref counters.NextChart)).Append("</div>\n");
                if (chart.Caption is not null)
                {
                    html.Append("<figcaption>").Append(HtmlText.Escape(chart.Caption)).Append("</figcaption>\n");
                }

                if (chart.Data is not null)
                {
                    var name = FileName(chart.Caption, "chart-data", ++counters.Tables);
                    html.Append("<div class=\"chart-data\">").Append(HtmlTable.WithDownload(chart.Data, name)).Append("</div>\n");
                }

                html.Append("</figure>\n");
                break;
            case TableBlock table:
                html.Append("<figure class=\"table\">\n");
                if (table.Caption is not null)
                {
                    html.Append("<figcaption>").Append(HtmlText.Escape(table.Caption)).Append("</figcaption>\n");
                }

                var tableName = table.FileName ?? FileName(table.Caption, "table", ++counters.Tables);
                // Short tables show whole; long ones scroll in a box like a chart's data.
                html.Append(table.Data.Rows.Count > 12 ? "<div class=\"chart-data\">" : "<div class=\"table-data\">")
                    .Append(HtmlTable.WithDownload(table.Data, tableName)).Append("</div>\n</figure>\n");
                break;
            case ParagraphBlock paragraph:
                html.Append("<p>").Append(HtmlText.Escape(paragraph.Text)).Append("</p>\n");
                break;
            case SectionBlock section:
                var level = Math.Min(depth, 6).ToString(CultureInfo.InvariantCulture);
                html.Append("<section>\n<h").Append(level).Append('>').Append(HtmlText.Escape(section.Heading))
                    .Append("</h").Append(level).Append(">\n");
                foreach (var inner in section.Blocks)
                {
                    Append(html, inner, counters, depth + 1);
                }

                html.Append("</section>\n");
                break;
            default:
                throw new ArgumentException($"Unknown block type {block.GetType().Name}.", nameof(block));
        }
    }

    // A download name from the caption's first words, else the kind and its position on the page.
    private static string FileName(string? caption, string kind, int number)
    {
        var letters = (caption ?? string.Empty).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray();
        var words = new string(letters).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8);
        var slug = string.Join('-', words);
        return slug.Length == 0 ? $"{kind}-{number}.csv" : $"{number:00}-{slug}.csv";
    }

    private sealed class Counters
    {
        public int NextChart = 1;
        public int Tables;
    }

    private static void AppendProvenance(StringBuilder html, Provenance provenance)
    {
        html.Append("<footer class=\"provenance\">\n<h2>Provenance</h2>\n<dl>\n");
        html.Append("<dt>Toolkit</dt><dd>RiskToolkit ").Append(HtmlText.Escape(provenance.ToolkitVersion))
            .Append(", commit <code>").Append(HtmlText.Escape(provenance.Commit)).Append("</code></dd>\n");
        html.Append("<dt>Generated</dt><dd><time datetime=\"").Append(provenance.GeneratedUtcText).Append("\">")
            .Append(provenance.GeneratedUtcText).Append("</time> (UTC)</dd>\n");
        html.Append("<dt>Random seed</dt><dd>")
            .Append(provenance.Seed is { } seed ? seed.ToString(CultureInfo.InvariantCulture) : "none used")
            .Append("</dd>\n");
        html.Append("<dt>Inputs (SHA-256)</dt><dd>");
        if (provenance.Inputs.Count == 0)
        {
            html.Append("none");
        }
        else
        {
            html.Append("<ul class=\"hashes\">");
            foreach (var input in provenance.Inputs)
            {
                html.Append("<li><code>").Append(HtmlText.Escape(input.Name)).Append("</code> <code class=\"sha256\">")
                    .Append(HtmlText.Escape(input.Sha256)).Append("</code></li>");
            }

            html.Append("</ul>");
        }

        html.Append("</dd>\n<dt>Charts</dt><dd>plotly.js ").Append(PlotlyJs.Version).Append(", inlined; this page makes no network requests.</dd>\n");
        html.Append("</dl>\n</footer>\n");
    }

    private const string Stylesheet = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --soft: #f6f8fa; --accent: #0b5cad; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main, footer.provenance { max-width: 72rem; margin: 0 auto; padding: 1.5rem 2rem; }
        h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.6em; }
        h1 { font-size: 2rem; margin-top: 0.5em; }
        a { color: var(--accent); }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.875rem; }
        pre { background: var(--soft); border: 1px solid var(--rule); border-radius: 4px; padding: 0.75rem 1rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
        pre.code { border-left: 4px solid var(--accent); }
        pre.output.stderr, pre.output.error { border-left: 4px solid #b42318; background: #fff5f5; }
        .output.html { margin: 0.75rem 0; overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.875rem; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
        thead th { background: var(--soft); position: sticky; top: 0; }
        caption.table-note { caption-side: bottom; text-align: left; color: var(--muted); font-style: italic; padding-top: 0.3rem; }
        figure.chart { margin: 1.5rem 0; }
        figure.chart figcaption { color: var(--muted); font-size: 0.875rem; }
        .chart-data { max-height: 24rem; overflow: auto; }
        .table-data { overflow-x: auto; }
        p.csv-download { margin: 0.25rem 0 0.75rem; font-size: 0.8125rem; color: var(--muted); }
        figure.table { margin: 1.5rem 0; }
        figure.table figcaption { font-weight: 600; margin-bottom: 0.25rem; }
        blockquote { margin: 0; padding-left: 1rem; border-left: 4px solid var(--rule); color: var(--muted); }
        footer.provenance { border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.875rem; }
        footer.provenance h2 { font-size: 1rem; }
        footer.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
        footer.provenance dd { margin: 0; }
        footer.provenance ul { margin: 0; padding: 0; list-style: none; }
        code.sha256 { word-break: break-all; }
        @media print {
          body { font-size: 11pt; }
          main, footer.provenance { max-width: none; padding: 0; }
          pre { white-space: pre-wrap; border: 1px solid #999; background: none; }
          figure.chart, table, pre { break-inside: avoid; }
          h1, h2, h3, h4 { break-after: avoid; }
          .chart-data { max-height: none; overflow: visible; }
          p.csv-download { display: none; }
          thead th { position: static; }
          .modebar-container { display: none !important; }
          a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: var(--muted); }
        }

        """;
}
