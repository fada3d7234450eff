using System.CommandLine;
using RiskToolkit.Cli.Notebooks;

var root = new RootCommand("risk: concentration, single-point-of-failure and outage-impact analysis.")
{
    NotebookCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
