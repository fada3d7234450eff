using System.CommandLine;
using RiskToolkit.Data;

namespace RiskToolkit.Cli.Commands;

/// <summary>
/// <c>risk validate DIR</c>: checks every table of a data directory: the market tables (markets.csv,
/// market_shares.csv, market_sizes.csv) when any is there, the dependency tables (nodes.csv,
/// services.csv, requirements.csv) when any is there, the impact tables (sector_parameters.csv,
/// outage_events.csv) when either is there, each with the sources.csv and providers.csv they cite, the
/// outage indicators (outage_indicators.csv, with the outage_events.csv it cites) when the file is there, and the
/// input-output table (io_sectors.csv, io_coefficients.csv) when either file is there. A folder with none of
/// these is a fault naming the expected files.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Builds the command. Exit 0 when valid; exit 1 with one <c>file:line:column: message</c> line per fault on stderr.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "Data directory holding sources.csv and providers.csv with markets.csv, market_shares.csv and market_sizes.csv, or with nodes.csv, services.csv and requirements.csv, and/or with sector_parameters.csv and outage_events.csv; outage_indicators.csv, io_sectors.csv and io_coefficients.csv are checked when present." };
        var command = new Command("validate", "Check every table of a data directory against its schema (see data/datapackage.json).") { dir };
        command.SetAction(result => RiskCommand.Guarded(result, output =>
        {
            var path = result.GetRequiredValue(dir);
            var errors = Validate(path);
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

    private static readonly string[] MarketFiles = ["markets.csv", "market_shares.csv", "market_sizes.csv"];

    /// <summary>Faults of the market, dependency, impact, indicator and input-output tables, each kind checked when the folder has any of its files; shared tables' faults once.</summary>
    private static IReadOnlyList<DataError> Validate(string path)
    {
        bool market = !Directory.Exists(path) || MarketFiles.Any(f => File.Exists(Path.Join(path, f)));
        bool dependency = Directory.Exists(path) && DependencyDataReader.HasDependencyTables(path);
        bool impact = Directory.Exists(path) && ImpactDataReader.HasImpactTables(path);
        bool indicators = Directory.Exists(path) && OutageIndicatorReader.HasIndicatorTable(path);
        bool io = Directory.Exists(path) && IoTableReader.HasIoTables(path);
        if (!market && !dependency && !impact && !indicators && !io)
        {
            return [new DataError(path, 0, 0, "no tables: expected markets.csv, market_shares.csv and market_sizes.csv, or nodes.csv, services.csv and requirements.csv, or sector_parameters.csv and outage_events.csv (with outage_indicators.csv), each with sources.csv and providers.csv; or io_sectors.csv and io_coefficients.csv with sources.csv")];
        }

        // Each kind reads sources.csv (and most providers.csv) again: a fault of a shared table is kept once.
        var errors = new List<DataError>();
        foreach (var (present, validate) in new (bool, Func<string, IReadOnlyList<DataError>>)[]
        {
            (market, MarketDataReader.Validate),
            (dependency, DependencyDataReader.Validate),
            (impact, ImpactDataReader.Validate),
            (indicators, OutageIndicatorReader.Validate),
            (io, IoTableReader.Validate),
        })
        {
            if (present)
            {
                var seen = errors.ToHashSet();
                errors.AddRange(validate(path).Where(e => !seen.Contains(e)));
            }
        }

        return errors;
    }
}
