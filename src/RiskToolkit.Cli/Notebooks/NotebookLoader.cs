using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>Bad command-line input: a message naming the file, for a one-line error and exit code 2.</summary>
internal sealed class NotebookInputException(string message) : Exception(message);

/// <summary>Expands the command's paths into notebook files and reads them.</summary>
internal static partial class NotebookLoader
{
    private static readonly string[] Extensions = [".ipynb", ".dib"];

    /// <summary>
    /// A file is taken as given (it must end in .ipynb or .dib); a folder means its *.ipynb and *.dib files, not recursive,
    /// sorted by file name with ordinal comparison.
    /// </summary>
    public static IReadOnlyList<(string DisplayPath, string FullPath)> Expand(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new NotebookInputException("no notebook given: pass a .ipynb or .dib file, or a folder holding some");
        }

        var result = new List<(string, string)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Select(Path.GetFileName)
                    .Order(StringComparer.Ordinal)
                    .ToArray();
                if (files.Length == 0)
                {
                    throw new NotebookInputException($"{path}: folder holds no .ipynb or .dib notebook");
                }

                result.AddRange(files.Select(f => (Path.Combine(path, f!), Path.GetFullPath(Path.Combine(path, f!)))));
            }
            else if (File.Exists(path))
            {
                if (!Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
                {
                    throw new NotebookInputException($"{path}: not a notebook (expected a .ipynb or .dib file)");
                }

                result.Add((path, Path.GetFullPath(path)));
            }
            else
            {
                throw new NotebookInputException($"{path}: no such file or folder");
            }
        }

        var duplicate = result
            .GroupBy(r => Path.GetFileNameWithoutExtension(r.Item2), StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new NotebookInputException(
                $"{string.Join(", ", duplicate.Select(d => d.Item1))}: same output name '{duplicate.Key}'; run them separately");
        }

        return result;
    }

    /// <summary>Reads one notebook; any read or parse failure becomes a <see cref="NotebookInputException"/>.</summary>
    public static async Task<LoadedNotebook> LoadAsync(string displayPath, string fullPath)
    {
        InteractiveDocument document;
        try
        {
            var kernels = new KernelInfoCollection
            {
                new KernelInfo("csharp", "C#", ["c#", "C#", "cs"]),
                new KernelInfo("markdown", "Markdown", ["md"]),
            };
            kernels.DefaultKernelName = "csharp";
            document = await InteractiveDocument.LoadAsync(new FileInfo(fullPath), kernels);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new NotebookInputException($"{displayPath}: cannot read notebook: {FirstLine(e.Message)}");
        }

        var cells = new List<NotebookCell>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var element in document.Elements)
        {
            number++;
            var language = NormalizeLanguage(element.KernelName);
            var kind = language == "markdown" ? CellKind.Markdown : CellKind.Code;
            var id = element.Id is { } given && ValidId().IsMatch(given) && !usedIds.Contains(given)
                ? given
                : UniqueId(number, usedIds);
            usedIds.Add(id);
            cells.Add(new NotebookCell(number, id, kind, language, element.Contents ?? string.Empty));
        }

        return new LoadedNotebook(displayPath, fullPath, cells);
    }

    private static string NormalizeLanguage(string? kernelName) => kernelName switch
    {
        null or "" or "csharp" or "c#" or "C#" or "cs" => "csharp",
        "markdown" or "md" => "markdown",
        _ => kernelName,
    };

    private static string UniqueId(int number, HashSet<string> used)
    {
        var id = $"cell-{number}";
        for (var suffix = 2; used.Contains(id); suffix++)
        {
            id = $"cell-{number}-{suffix}";
        }

        return id;
    }

    internal static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "unknown error" : line;
    }

    // nbformat 4.5: a cell id is 1 to 64 letters, digits, '-' or '_'.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}
