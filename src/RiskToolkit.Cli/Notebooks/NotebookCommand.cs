using System.CommandLine;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>The <c>notebook</c> command group: <c>risk notebook run PATH… --out DIR [--data DIR] [--show-code]</c>.</summary>
public static class NotebookCommand
{
    /// <summary>The folder <c>--data</c> names when it is not given.</summary>
    internal const string DefaultDataFolderName = "data";

    /// <summary>Builds the <c>notebook</c> command with its <c>run</c> subcommand, ready to add to the root command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Notebooks (.ipynb, .dib) or folders; a folder means its *.ipynb and *.dib files, sorted, not recursive.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Folder for the executed {name}.ipynb and the offline {name}.html of each notebook.",
            Required = true,
        };
        var data = new Option<string?>("--data")
        {
            Description = $"Dataset folder whose files (and those of its subfolders, by relative name) get their SHA-256 in each HTML's provenance stamp, after the notebook's. Default: ./{DefaultDataFolderName} when that folder exists, else none.",
            HelpName = "DIR",
        };
        var showCode = new Option<bool>("--show-code")
        {
            Description = "Include code cells in the HTML (hidden by default).",
        };

        var run = new Command("run", "Execute notebooks headless and export each as executed .ipynb and offline HTML. Stops at the first failing cell (exit 1); cell numbers count every cell from 1, markdown cells included. Cells run with the notebook's folder as the current directory, so relative #r and file paths resolve as in the editor.")
        {
            paths,
            outDir,
            data,
            showCode,
        };
        run.SetAction((parse, cancellationToken) => NotebookRunner.RunAsync(
            parse.GetRequiredValue(paths),
            parse.GetRequiredValue(outDir),
            parse.GetValue(showCode),
            parse.GetResult(data) is null ? DefaultDataFolder(Directory.GetCurrentDirectory()) : parse.GetValue(data),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));

        return new Command("notebook", "Run notebooks and export them.") { run };
    }

    /// <summary>
    /// The default of <c>--data</c>: <see cref="DefaultDataFolderName"/> (relative, so no machine path is printed) when
    /// <paramref name="currentDirectory"/> holds that folder, else <see langword="null"/>.
    /// </summary>
    /// <param name="currentDirectory">The directory the command runs in.</param>
    /// <returns>The folder to hash, or <see langword="null"/> for none.</returns>
    internal static string? DefaultDataFolder(string currentDirectory) =>
        Directory.Exists(Path.Combine(currentDirectory, DefaultDataFolderName)) ? DefaultDataFolderName : null;
}
