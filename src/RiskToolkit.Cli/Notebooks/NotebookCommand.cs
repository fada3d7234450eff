using System.CommandLine;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>The <c>notebook</c> command group: <c>risk notebook run PATH… --out DIR [--show-code]</c>.</summary>
public static class NotebookCommand
{
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
        var showCode = new Option<bool>("--show-code")
        {
            Description = "Include code cells in the HTML (hidden by default).",
        };

        var run = new Command("run", "Execute notebooks headless and export each as executed .ipynb and offline HTML. Stops at the first failing cell (exit 1); cell numbers count every cell from 1, markdown cells included. Cells run with the notebook's folder as the current directory, so relative #r and file paths resolve as in the editor.")
        {
            paths,
            outDir,
            showCode,
        };
        run.SetAction((parse, cancellationToken) => NotebookRunner.RunAsync(
            parse.GetRequiredValue(paths),
            parse.GetRequiredValue(outDir),
            parse.GetValue(showCode),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));

        return new Command("notebook", "Run notebooks and export them.") { run };
    }
}
