namespace RiskToolkit.Cli.Notebooks;

/// <summary>What a notebook cell holds.</summary>
internal enum CellKind
{
    Markdown,
    Code,
}

/// <summary>One output of an executed code cell.</summary>
internal abstract record CellOutput;

/// <summary>A displayed value (<c>display_data</c>) or the cell's return value (<c>execute_result</c>).</summary>
/// <param name="IsResult">True for the cell's return value.</param>
/// <param name="Data">Formatted values by MIME type, in the order the kernel produced them.</param>
/// <param name="ValueId">The kernel's id for a displayed value that can be updated later, if any.</param>
internal sealed record DataOutput(bool IsResult, IReadOnlyList<KeyValuePair<string, string>> Data, string? ValueId) : CellOutput
{
    public string? Get(string mimeType) =>
        Data.FirstOrDefault(d => d.Key.Equals(mimeType, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>Text written to standard output or standard error.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text.</param>
internal sealed record StreamOutput(string Name, string Text) : CellOutput;

/// <summary>The error that stopped a cell.</summary>
/// <param name="Name">The exception type name, <c>CompilationError</c>, or another short category.</param>
/// <param name="Message">The one-line message.</param>
/// <param name="Details">Further lines: every diagnostic, or the exception text.</param>
internal sealed record ErrorOutput(string Name, string Message, IReadOnlyList<string> Details) : CellOutput
{
    /// <summary>The message for the one-line error report: exceptions are prefixed by their type name.</summary>
    public string Summary => Name is "CompilationError" or "Error" or "UnsupportedLanguage" ? Message : $"{Name}: {Message}";
}

/// <summary>A notebook cell and, after a run, what it produced.</summary>
/// <param name="Number">The position of the cell in the notebook, counting every cell (markdown too) from 1.</param>
/// <param name="Id">The cell id: the notebook's own when valid and unique, otherwise <c>cell-N</c>.</param>
/// <param name="Kind">Markdown or code.</param>
/// <param name="Language">The kernel name of a code cell, for example <c>csharp</c>; <c>markdown</c> for markdown.</param>
/// <param name="Source">The cell text.</param>
internal sealed record NotebookCell(int Number, string Id, CellKind Kind, string Language, string Source)
{
    /// <summary>The execution count (1, 2, … over the code cells that ran), or <see langword="null"/> when not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The outputs, in the order produced.</summary>
    public List<CellOutput> Outputs { get; } = [];
}

/// <summary>A notebook read from disk.</summary>
/// <param name="DisplayPath">The path as the user gave it (or folder + file name), used in every message.</param>
/// <param name="FullPath">The absolute path.</param>
/// <param name="Cells">The cells in order.</param>
internal sealed record LoadedNotebook(string DisplayPath, string FullPath, IReadOnlyList<NotebookCell> Cells)
{
    public string Name => Path.GetFileNameWithoutExtension(FullPath);

    /// <summary>The value of the notebook's integer variable <c>seed</c> after its run, for the provenance stamp; null when it has none.</summary>
    public long? Seed { get; set; }
}
