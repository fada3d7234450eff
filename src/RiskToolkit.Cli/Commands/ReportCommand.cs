using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using RiskToolkit.Reporting;
using RiskToolkit.Reporting.Html;

namespace RiskToolkit.Cli.Commands;

/// <summary>
/// <c>risk report --data DIR [--scenario FILE] [--parameters DIR] [--trials N] [--seed S] [--max-order K] --out FILE.html</c>:
/// the regulator's offline HTML report (<see cref="RegulatorReport"/>), written by the same writer as
/// <c>risk notebook run</c> (<see cref="OfflineHtml"/>).
/// </summary>
public static partial class ReportCommand
{
    /// <summary>The scenario used when <c>--scenario</c> is not given, relative to the data folder: the bundled 20 October 2025 us-east-1 outage.</summary>
    public const string DefaultScenario = "scenarios/aws-us-east-1-2025-10-20.json";

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder: the dependency tables (required) and the market tables (used when present), e.g. data.", Required = true };
        var scenario = new Option<string?>("--scenario") { Description = $"Scenario file (JSON; schema in data/README.md). Default: DIR/{DefaultScenario}, the 20 October 2025 us-east-1 outage." };
        var parameters = new Option<string?>("--parameters") { Description = "Folder with sector_parameters.csv and outage_events.csv, and the input-output table for the cascade (default: --data; use data for data/synthetic)." };
        var trials = RiskCommand.TrialsOption();
        // The provenance stamp holds a signed 64-bit seed.
        var seed = RiskCommand.SeedOption(long.MaxValue);
        var maxOrder = new Option<int>("--max-order")
        {
            Description = "Largest order of the minimal cut sets (1 to 3).",
            DefaultValueFactory = _ => 2,
            CustomParser = r => RiskCommand.Integer(r, "--max-order", 1, 3),
        };
        var output = new Option<string>("--out", "-o") { Description = "The HTML file to write (its folder is created when missing).", Required = true };
        var command = new Command("report", "The regulator's report: one offline HTML file with key figures, concentration, single points of failure and economic impact (charts with downloadable data tables), method, assumptions and limitations with dataset ages, sources and provenance.")
        {
            data, scenario, parameters, trials, seed, maxOrder, output,
        };
        command.SetAction(result => RiskCommand.Guarded(result, stdout =>
        {
            string dir = result.GetRequiredValue(data);
            string target = result.GetRequiredValue(output);
            var error = result.InvocationConfiguration.Error;
            if (!Directory.Exists(dir))
            {
                error.WriteLine($"{dir}: no such folder (--data).");
                return RiskCommand.Failed;
            }

            if (Directory.Exists(target))
            {
                error.WriteLine($"{target}: --out names a folder; it needs a file name such as report.html.");
                return RiskCommand.Failed;
            }

            string scenarioFile = result.GetValue(scenario) ?? Path.Join(dir, DefaultScenario);
            if (!File.Exists(scenarioFile))
            {
                error.WriteLine(result.GetValue(scenario) is null
                    ? $"{scenarioFile}: no such file; {dir} has no bundled scenario, so name one with --scenario."
                    : $"{scenarioFile}: no such scenario file (--scenario).");
                return RiskCommand.Failed;
            }

            var page = RegulatorReport.Build(
                new RegulatorReportOptions
                {
                    DataDirectory = dir,
                    ScenarioFile = scenarioFile,
                    ParametersDirectory = result.GetValue(parameters),
                    Trials = result.GetValue(trials),
                    Seed = checked((long)result.GetValue(seed)),
                    MaxOrder = result.GetValue(maxOrder),
                },
                TimeProvider.System);
            string html = OfflineHtml.Render(page);
            AtomicFile.WriteAllText(target, html);
            int charts = ChartScript().Count(html);
            int tables = html.AsSpan().Count("class=\"csv-download\"");
            stdout.WriteLine($"{target}: {charts} charts, {tables} tables with CSV downloads, {new FileInfo(target).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes; opens offline.");
            return RiskCommand.Ok;
        }));
        return command;
    }

    [GeneratedRegex(@"var renderPlotly_\w+ = function", RegexOptions.CultureInvariant)]
    private static partial Regex ChartScript();
}
