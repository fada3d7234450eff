using RiskToolkit.Reporting.Html;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>
/// Executes notebooks headless and exports each as an executed <c>.ipynb</c> and a self-contained offline <c>.html</c>.
/// This is <c>risk notebook run</c>.
/// </summary>
/// <remarks>
/// <para>Each notebook gets a fresh C# kernel. Its code cells run in order while the process's current directory is the
/// notebook's own folder, so relative paths in <c>#r "../src/…"</c> and in file names resolve as they do in the editor;
/// notebooks therefore run one at a time, and the previous current directory is restored afterwards.</para>
/// <para>Cell numbers in messages count every cell from 1, markdown cells included, so "cell 3" is the third cell the
/// editor shows. A compile error or an exception stops the run at that cell; the outputs are still written, with the error
/// in the failing cell, and later notebooks are not run.</para>
/// <para>The provenance stamp of each HTML lists the SHA-256 of the notebook and of every file in the data folder and its subfolders,
/// by file name, so a reader can check which dataset the figures came from.</para>
/// </remarks>
public static class NotebookRunner
{
    /// <summary>Exit code: every notebook ran.</summary>
    public const int Success = 0;

    /// <summary>Exit code: a cell failed.</summary>
    public const int CellFailed = 1;

    /// <summary>Exit code: bad input (missing path, unknown extension, unreadable notebook or data folder, unwritable output).</summary>
    public const int BadInput = 2;

    /// <summary>Runs the notebooks named by <paramref name="paths"/> and writes their executed copies and HTML.</summary>
    /// <param name="paths">Notebook files (.ipynb, .dib) or folders; a folder means its *.ipynb and *.dib files, sorted by
    /// name (ordinal), not recursive.</param>
    /// <param name="outDir">The output folder, created when missing; gets <c>{name}.ipynb</c> and <c>{name}.html</c> per
    /// notebook, each written atomically.</param>
    /// <param name="showCode">Whether the HTML shows code cells; outputs and markdown are always shown.</param>
    /// <param name="dataDir">The dataset folder whose files (with its subfolders, sorted by relative name) are hashed into each HTML's
    /// provenance stamp after the notebook; <see langword="null"/> to stamp the notebook only. Resolved against the current
    /// directory when the run starts.</param>
    /// <param name="stdout">Receives one progress line per notebook.</param>
    /// <param name="stderr">Receives one line per error: <c>path: cell N failed: message</c> or <c>path: message</c>.</param>
    /// <param name="cancellationToken">Stops the run between cells.</param>
    /// <returns><see cref="Success"/>, <see cref="CellFailed"/> or <see cref="BadInput"/>.</returns>
    public static Task<int> RunAsync(
        IReadOnlyList<string> paths,
        string outDir,
        bool showCode,
        string? dataDir,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken) =>
        RunAsync(paths, outDir, showCode, dataDir, stdout, stderr, TimeProvider.System, cancellationToken);

    /// <summary>As <see cref="RunAsync(IReadOnlyList{string}, string, bool, string, TextWriter, TextWriter, CancellationToken)"/>,
    /// with the clock that stamps the HTML.</summary>
    /// <param name="paths">Notebook files or folders.</param>
    /// <param name="outDir">The output folder.</param>
    /// <param name="showCode">Whether the HTML shows code cells.</param>
    /// <param name="dataDir">The dataset folder to hash into the stamp, or <see langword="null"/>.</param>
    /// <param name="stdout">Receives progress.</param>
    /// <param name="stderr">Receives errors.</param>
    /// <param name="time">The clock for the provenance stamp.</param>
    /// <param name="cancellationToken">Stops the run between cells.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> paths,
        string outDir,
        bool showCode,
        string? dataDir,
        TextWriter stdout,
        TextWriter stderr,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(time);

        List<LoadedNotebook> notebooks = [];
        IReadOnlyList<InputFileHash> dataFiles = [];
        try
        {
            if (string.IsNullOrWhiteSpace(outDir))
            {
                throw new NotebookInputException("--out: an output folder is required");
            }

            if (File.Exists(outDir))
            {
                throw new NotebookInputException($"{outDir}: --out names a file, not a folder");
            }

            foreach (var (displayPath, fullPath) in NotebookLoader.Expand(paths))
            {
                notebooks.Add(await NotebookLoader.LoadAsync(displayPath, fullPath));
            }

            dataFiles = HashDataFolder(dataDir);
        }
        catch (NotebookInputException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return BadInput;
        }

        foreach (var notebook in notebooks)
        {
            var started = time.GetTimestamp();
            var failure = await NotebookExecutor.RunAsync(notebook, cancellationToken);
            var ipynb = Path.Combine(outDir, notebook.Name + ".ipynb");
            var html = Path.Combine(outDir, notebook.Name + ".html");
            try
            {
                AtomicFile.WriteAllText(ipynb, IpynbWriter.ToJson(notebook));
                OfflineHtml.WriteFile(html, NotebookHtml.ToPage(notebook, showCode, dataFiles, time));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{outDir}: cannot write output for {notebook.DisplayPath}: {e.Message}");
                return BadInput;
            }

            if (failure is not null)
            {
                await stderr.WriteLineAsync($"{notebook.DisplayPath}: cell {failure.CellNumber} failed: {failure.Message}");
                return CellFailed;
            }

            var seconds = time.GetElapsedTime(started).TotalSeconds;
            await stdout.WriteLineAsync(
                FormattableString.Invariant($"{notebook.DisplayPath}: {notebook.Cells.Count} cells ran in {seconds:0.0} s -> {ipynb}, {html}"));
        }

        return Success;
    }

    // Hashed once before any notebook runs: the stamp describes the data the run started from.
    private static IReadOnlyList<InputFileHash> HashDataFolder(string? dataDir)
    {
        if (dataDir is null)
        {
            return [];
        }

        if (!Directory.Exists(dataDir))
        {
            throw new NotebookInputException($"{dataDir}: --data names no folder");
        }

        try
        {
            return InputFileHash.FromFolder(dataDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookInputException($"{dataDir}: cannot read a data file: {e.Message}");
        }
    }
}
