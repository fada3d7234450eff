using RiskToolkit.Reporting.Html;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>Turns an executed notebook into an <see cref="HtmlPage"/> for <see cref="OfflineHtml"/>.</summary>
internal static class NotebookHtml
{
    /// <summary>The page for an executed notebook, stamped with the SHA-256 of the notebook and of the dataset files.</summary>
    /// <param name="notebook">The executed notebook.</param>
    /// <param name="showCode">Whether code cells are shown.</param>
    /// <param name="dataFiles">Dataset files stamped after the notebook itself, in the order given.</param>
    /// <param name="time">The clock for the stamp.</param>
    public static HtmlPage ToPage(LoadedNotebook notebook, bool showCode, IReadOnlyList<InputFileHash> dataFiles, TimeProvider time)
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
        var stamp = Provenance.Create(time, [notebook.FullPath], notebook.Seed);
        return new HtmlPage(
            heading ?? notebook.Name,
            blocks,
            stamp with { Inputs = [.. stamp.Inputs, .. dataFiles] },
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
