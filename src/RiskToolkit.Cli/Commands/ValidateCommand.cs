using System.CommandLine;
using RiskToolkit.Data;

namespace RiskToolkit.Cli.Commands;

/// <summary><c>risk validate DIR</c>: checks every table of a data directory.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command. Exit 0 when valid; exit 1 with one <c>file:line:column: message</c> line per fault on stderr.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "Data directory holding sources.csv, providers.csv, markets.csv, market_shares.csv and market_sizes.csv." };
        var command = new Command("validate", "Check every table of a data directory against its schema (see data/datapackage.json).") { dir };
        command.SetAction(result => RiskCommand.Guarded(result, output =>
        {
            var path = result.GetRequiredValue(dir);
            var errors = MarketDataReader.Validate(path);
            if (errors.Count == 0)
            {
                output.WriteLine($"{path}: valid");
                return RiskCommand.Ok;
            }

            foreach (var e in errors)
            {
                result.InvocationConfiguration.Error.WriteLine(e);
            }

            result.InvocationConfiguration.Error.WriteLine($"{errors.Count} fault(s) found.");
            return RiskCommand.Failed;
        }));
        return command;
    }
}
