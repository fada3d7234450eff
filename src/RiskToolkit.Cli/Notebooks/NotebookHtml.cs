using RiskToolkit.Reporting.Html;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>Turns an executed notebook into an <see cref="HtmlPage"/> for <see cref="OfflineHtml"/>.</summary>
internal static class NotebookHtml
{
    public static HtmlPage ToPage(LoadedNotebook notebook, bool showCode, TimeProvider time)
    {
        var blocks = new List<HtmlBlock>();
        foreach (var cell in notebook.Cells)
        {
            if (cell.Kind == CellKind.Markdown)
            {
                blocks.Add(HtmlBlock.Markdown(cell.Source));
                continue;
            }

            if (showCode && !string.IsNullOrWhiteSpace(cell.Source))
            {
                blocks.Add(HtmlBlock.Code(cell.Source, cell.Language));
            }

            foreach (var output in cell.Outputs)
            {
                blocks.Add(output switch
                {
                    DataOutput data when data.Get("text/html") is { } html && !IsPlainTextWrapper(html, data) =>
                        HtmlBlock.TrustedHtml(html),
                    DataOutput data => HtmlBlock.Preformatted(
                        data.Get("text/plain") ?? string.Join("\n", data.Data.Select(d => $"[{d.Key}]"))),
                    StreamOutput stream => HtmlBlock.Preformatted(stream.Text, stream.Name),
                    ErrorOutput error => HtmlBlock.Preformatted($"Cell {cell.Number} failed: {error.Summary}", "error"),
                    _ => throw new InvalidOperationException($"Unknown output {output.GetType().Name}."),
                });
            }
        }

        var heading = FirstHeading(notebook);
        return new HtmlPage(
            heading ?? notebook.Name,
            blocks,
            Provenance.Create(time, [notebook.FullPath]),
            ShowTitle: heading is null);
    }

    // The kernel's HTML for a plain value is its text in <pre> followed by a shared stylesheet; the text/plain form says the
    // same without restyling the page.
    private static bool IsPlainTextWrapper(string html, DataOutput data) =>
        html.StartsWith("<div class=\"dni-plaintext\">", StringComparison.Ordinal) && data.Get("text/plain") is not null;

    private static string? FirstHeading(LoadedNotebook notebook) =>
        notebook.Cells
            .Where(c => c.Kind == CellKind.Markdown)
            .SelectMany(c => c.Source.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("# ", StringComparison.Ordinal))
            .Select(l => l[2..].Trim())
            .FirstOrDefault();
}
