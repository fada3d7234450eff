using Microsoft.CodeAnalysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>The first cell that failed: its number (counting every cell from 1) and a one-line message.</summary>
internal sealed record CellFailure(int CellNumber, string Message);

/// <summary>Runs a notebook's code cells in order in a fresh kernel, filling in each cell's outputs.</summary>
internal static class NotebookExecutor
{
    // The C# kernel resolves relative #r paths (and a notebook resolves relative file paths) against the process's current
    // directory, which is process-wide: notebooks therefore run one at a time, each with its own folder as the current
    // directory, and the previous directory is restored afterwards.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs the cells; returns the first failure, or <see langword="null"/> when every cell succeeded.</summary>
    public static async Task<CellFailure?> RunAsync(LoadedNotebook notebook, CancellationToken cancellationToken)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        var previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(Path.GetDirectoryName(notebook.FullPath)!);
            using var kernel = new NotebookKernel();
            var executionCount = 0;
            foreach (var cell in notebook.Cells)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (cell.Kind != CellKind.Code || string.IsNullOrWhiteSpace(cell.Source))
                {
                    continue;
                }

                cell.ExecutionCount = ++executionCount;
                if (cell.Language != "csharp")
                {
                    var unsupported = $"language '{cell.Language}' is not supported: this host runs C# cells only";
                    cell.Outputs.Add(new ErrorOutput("UnsupportedLanguage", unsupported, []));
                    return new CellFailure(cell.Number, unsupported);
                }

                var result = await kernel.SubmitAsync(cell.Source, cancellationToken);
                var failure = Collect(result, cell);
                if (failure is not null)
                {
                    cell.Outputs.Add(failure);
                    return new CellFailure(cell.Number, failure.Summary);
                }
            }

            notebook.Seed = kernel.Seed();
            return null;
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            OneAtATime.Release();
        }
    }

    /// <summary>Adds the cell's outputs; returns the error that failed it, if any.</summary>
    private static ErrorOutput? Collect(KernelCommandResult result, NotebookCell cell)
    {
        ErrorOutput? failure = null;
        var errors = new List<string>();
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case StandardOutputValueProduced stdout:
                    AddStream(cell, "stdout", Text(stdout.FormattedValues));
                    break;
                case StandardErrorValueProduced stderr:
                    AddStream(cell, "stderr", Text(stderr.FormattedValues));
                    break;
                case ReturnValueProduced value:
                    AddData(cell, value, isResult: true);
                    break;
                case DisplayedValueUpdated updated:
                    var index = cell.Outputs.FindIndex(o => o is DataOutput d && d.ValueId == updated.ValueId);
                    if (index >= 0)
                    {
                        cell.Outputs[index] = ToData(updated, ((DataOutput)cell.Outputs[index]).IsResult);
                    }
                    else
                    {
                        AddData(cell, updated, isResult: false);
                    }

                    break;
                case ErrorProduced error:
                    AddStream(cell, "stderr", error.Message + "\n");
                    break;
                case DisplayedValueProduced displayed:
                    AddData(cell, displayed, isResult: false);
                    break;
                case DiagnosticsProduced diagnostics:
                    errors.AddRange(diagnostics.Diagnostics
                        .Where(d => d.Severity == DiagnosticSeverity.Error)
                        .Select(Describe));
                    break;
                case CommandFailed failed:
                    failure = ToError(failed, errors);
                    break;
            }
        }

        if (failure is null && errors.Count > 0)
        {
            failure = new ErrorOutput("CompilationError", string.Join("; ", errors), errors);
        }

        return failure;
    }

    private static ErrorOutput ToError(CommandFailed failed, List<string> diagnostics)
    {
        if (diagnostics.Count > 0)
        {
            return new ErrorOutput("CompilationError", string.Join("; ", diagnostics), diagnostics);
        }

        if (failed.Exception is { } exception && exception.GetType().Name != "CodeSubmissionCompilationErrorException")
        {
            var name = exception.GetType().Name;
            return new ErrorOutput(name, NotebookLoader.FirstLine(exception.Message), Lines(failed.Message));
        }

        var lines = Lines(failed.Message);
        var text = lines.Count switch
        {
            0 => "the kernel reported a failure without a message",
            _ => string.Join("; ", lines.Select(l => l.Trim())),
        };
        return new ErrorOutput("Error", text, lines);
    }

    private static string Describe(Microsoft.DotNet.Interactive.Diagnostic d)
    {
        var start = d.LinePositionSpan.Start;
        return $"({start.Line + 1},{start.Character + 1}): error {d.Code}: {d.Message}";
    }

    private static List<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    private static string Text(IEnumerable<FormattedValue> values) =>
        string.Concat(values.Where(v => v.MimeType == "text/plain").Select(v => v.Value));

    private static void AddStream(NotebookCell cell, string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (cell.Outputs.Count > 0 && cell.Outputs[^1] is StreamOutput last && last.Name == name)
        {
            cell.Outputs[^1] = last with { Text = last.Text + text };
        }
        else
        {
            cell.Outputs.Add(new StreamOutput(name, text));
        }
    }

    private static void AddData(NotebookCell cell, DisplayEvent e, bool isResult)
    {
        var data = ToData(e, isResult);
        if (data.Data.Count > 0)
        {
            cell.Outputs.Add(data);
        }
    }

    private static DataOutput ToData(DisplayEvent e, bool isResult) =>
        new(
            isResult,
            e.FormattedValues
                .Where(v => !v.SuppressDisplay)
                .Select(v => new KeyValuePair<string, string>(v.MimeType, v.Value))
                .ToArray(),
            e.ValueId);
}
