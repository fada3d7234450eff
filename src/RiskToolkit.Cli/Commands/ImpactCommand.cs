using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;

namespace RiskToolkit.Cli.Commands;

/// <summary>
/// <c>risk impact --data DIR --scenario FILE [--parameters DIR] [--trials N] [--seed S] [--format table|json|csv] [--oasis DIR]</c>:
/// direct, insured and cascaded loss of an outage scenario with its Monte Carlo distribution, exceedance curves
/// and AAL. JSON holds <c>mean</c>, <c>percentiles {p50, p90, p99}</c>, <c>var95</c>, <c>tvar95</c>, <c>aal</c> and
/// <c>epTable [{returnPeriod, oep, aep}]</c> for the ground-up loss, the same under <c>insured</c>, and the
/// deterministic losses, the rate and the cascade. CSV is the EP table of both measures.
/// </summary>
public static class ImpactCommand
{
    /// <summary>Trials above which progress goes to stderr.</summary>
    private const int ProgressFrom = 200_000;

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder with the dependency tables (nodes.csv, services.csv, requirements.csv, sources.csv, providers.csv), e.g. data or data/synthetic.", Required = true };
        var scenario = new Option<string>("--scenario") { Description = "Scenario file (JSON; schema in data/README.md), e.g. data/scenarios/aws-us-east-1-2025-10-20.json.", Required = true };
        var parameters = new Option<string?>("--parameters") { Description = "Folder with sector_parameters.csv and outage_events.csv, and io_sectors.csv and io_coefficients.csv for the cascade (default: --data; use data for data/synthetic)." };
        var trials = RiskCommand.TrialsOption();
        var seed = RiskCommand.SeedOption(ulong.MaxValue);
        var format = new Option<string>("--format") { Description = "Output format: table, json, or csv (the EP table).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "table", "json", "csv");
        var oasis = new Option<string?>("--oasis") { Description = "Also write the Oasis ORD tables (SELT, MELT, SPLT, EPT, PALT) to DIR/gul and DIR/il." };
        var command = new Command("impact", "Economic impact of an outage scenario: direct and insured loss, Monte Carlo distribution, OEP/AEP exceedance curves, AAL, and cascaded loss by sector.")
        {
            data, scenario, parameters, trials, seed, format, oasis,
        };
        command.SetAction(result => RiskCommand.Guarded(result, output =>
        {
            string dir = result.GetRequiredValue(data);
            string tablesDir = result.GetValue(parameters) ?? dir;
            var error = result.InvocationConfiguration.Error;
            foreach ((string folder, string option) in new[] { (dir, "--data"), (tablesDir, "--parameters") })
            {
                if (!Directory.Exists(folder))
                {
                    error.WriteLine($"{folder}: no such folder ({option}).");
                    return RiskCommand.Failed;
                }
            }

            if (result.GetValue(oasis) is { } target && File.Exists(target))
            {
                error.WriteLine($"{target}: --oasis names a file; it needs a folder (created when missing).");
                return RiskCommand.Failed;
            }

            if (!ImpactDataReader.HasImpactTables(tablesDir))
            {
                error.WriteLine($"{tablesDir}: no sector_parameters.csv and outage_events.csv; point --parameters at a folder that has them (e.g. --parameters data).");
                return RiskCommand.Failed;
            }

            DependencyData dependencies = DependencyDataReader.Load(dir);
            DependencyModel model = DependencyModel.Build(dependencies);
            OutageScenario s = ScenarioReader.Load(result.GetRequiredValue(scenario), dependencies);
            ImpactData impact = ImpactDataReader.Load(tablesDir);
            IoTable? io = IoTableReader.HasIoTables(tablesDir) ? IoTableReader.Load(tablesDir) : null;
            int n = result.GetValue(trials);
            ImpactResult r = ImpactAnalysis.Run(model, s, impact, io, n, result.GetValue(seed), parallel: true, n >= ProgressFrom ? new ConsoleProgress(error, n) : null);
            if (r.Direct.Scope.ServicesInScope == 0)
            {
                error.WriteLine($"warning: the scenario's filters keep none of the {r.Direct.Scope.ServicesInModel:N0} services of {dir}, so every loss is 0.");
            }
            if (result.GetValue(oasis) is { } oasisDir)
            {
                OasisTables.Write(Path.Join(oasisDir, "gul"), [r.Catalogue[0]], r.GroundUp.Periods);
                OasisTables.Write(Path.Join(oasisDir, "il"), [r.Catalogue[1]], r.Insured.Periods);
            }

            switch (result.GetValue(format)!.ToLowerInvariant())
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(Json(r), ConcentrationCommand.Json));
                    break;
                case "csv":
                    ConcentrationCommand.WriteCsv(EpFrame(r), output);
                    break;
                default:
                    WriteTable(r, io is null, output);
                    break;
            }

            return RiskCommand.Ok;
        }));
        return command;
    }

    private static Microsoft.Data.Analysis.DataFrame EpFrame(ImpactResult r)
    {
        var g = r.GroundUp.Ep.Rows;
        var i = r.Insured.Ep.Rows;
        return new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.Int32DataFrameColumn("return_period", g.Select(x => x.ReturnPeriod)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("oep_usd", g.Select(x => x.Oep)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("aep_usd", g.Select(x => x.Aep)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("oep_tvar_usd", g.Select(x => x.OepTvar)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("aep_tvar_usd", g.Select(x => x.AepTvar)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("insured_oep_usd", i.Select(x => x.Oep)),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("insured_aep_usd", i.Select(x => x.Aep)));
    }

    /// <summary>AAL at the ends of the rate's 95% interval: AAL is proportional to λ, so this carries the rate's uncertainty, which the simulation interval leaves out.</summary>
    private static object? AalAtRate(ExceedanceResult e, EventRate f) => f.ConfidenceLow95 is { } low && f.ConfidenceHigh95 is { } high && f.AnnualRate > 0
        ? new { low = e.Aal.Aal * low / f.AnnualRate, high = e.Aal.Aal * high / f.AnnualRate }
        : null;

    private static object Measure(LossStatistics s, ExceedanceResult e, EventRate f) => new
    {
        mean = s.Mean,
        standardError = s.StandardError,
        standardDeviation = s.StandardDeviation,
        percentiles = new { p50 = s.P50, p90 = s.P90, p99 = s.P99 },
        var95 = s.Var95,
        tvar95 = s.Tvar95,
        aal = e.Aal.Aal,
        aalStandardDeviation = e.Aal.StandardDeviation,
        aalConfidence95 = new { low = e.Aal.ConfidenceLow95, high = e.Aal.ConfidenceHigh95 },
        aalAtRateConfidence95 = AalAtRate(e, f),
        periods = e.Ep.Periods,
        epTable = e.Ep.Rows.Select(x => new { returnPeriod = x.ReturnPeriod, oep = x.Oep, aep = x.Aep, oepTvar = x.OepTvar, aepTvar = x.AepTvar }),
        returnPeriodsOmitted = e.Ep.Omitted,
    };

    private static object Json(ImpactResult r)
    {
        return new
        {
            scenarioId = r.Scenario.ScenarioId,
            name = r.Scenario.Name,
            trials = r.Distribution.Trials,
            seed = r.Distribution.Seed,
            unit = "USD",
            measure = "ground-up (direct) loss per event; aal and epTable per year",
            mean = r.Distribution.GroundUp.Mean,
            standardError = r.Distribution.GroundUp.StandardError,
            percentiles = new { p50 = r.Distribution.GroundUp.P50, p90 = r.Distribution.GroundUp.P90, p99 = r.Distribution.GroundUp.P99 },
            var95 = r.Distribution.GroundUp.Var95,
            tvar95 = r.Distribution.GroundUp.Tvar95,
            aal = r.GroundUp.Aal.Aal,
            aalStandardDeviation = r.GroundUp.Aal.StandardDeviation,
            aalConfidence95 = new { low = r.GroundUp.Aal.ConfidenceLow95, high = r.GroundUp.Aal.ConfidenceHigh95 },
            aalAtRateConfidence95 = AalAtRate(r.GroundUp, r.Frequency),
            epTable = r.GroundUp.Ep.Rows.Select(x => new { returnPeriod = x.ReturnPeriod, oep = x.Oep, aep = x.Aep, oepTvar = x.OepTvar, aepTvar = x.AepTvar }),
            returnPeriodsOmitted = r.GroundUp.Ep.Omitted,
            insured = Measure(r.Distribution.Insured, r.Insured, r.Frequency),
            frequency = new
            {
                annualRate = r.Frequency.AnnualRate,
                eventCount = r.Frequency.EventCount,
                years = r.Frequency.Years,
                eventIds = r.Frequency.EventIds,
                confidence95 = new { low = r.Frequency.ConfidenceLow95, high = r.Frequency.ConfidenceHigh95 },
                sourceId = r.Frequency.SourceId,
            },
            deterministic = new
            {
                directLossUsd = r.Direct.DirectLossUsd,
                insuredLossUsd = r.Direct.InsuredLossUsd,
                scope = r.Direct.Scope,
                bySector = r.Direct.BySector,
                byCountry = r.Direct.ByCountry,
                services = r.Direct.Services,
            },
            meanBySector = r.Distribution.MeanBySector,
            cascade = r.Cascade is not { } c ? null : new
            {
                scope = "US services' deterministic direct loss through the US input-output table",
                durationHours = c.DurationHours,
                directLossUsd = c.TotalDirectLossUsd,
                cascadedLossUsd = c.TotalCascadedLossUsd,
                totalLossUsd = c.TotalLossUsd,
                sectors = c.Sectors,
            },
            convergence = r.Distribution.Convergence,
            timeline = r.Direct.Timeline.Steps.Select(t => new { startUtc = t.StartUtc, endUtc = t.EndUtc, failedNodeIds = t.FailedNodeIds, nodesDown = t.NodesDown, servicesDown = t.ServicesDown }),
        };
    }

    private static void WriteTable(ImpactResult r, bool noIoTable, TextWriter output)
    {
        LossStatistics g = r.Distribution.GroundUp, ins = r.Distribution.Insured;
        LossScope scope = r.Direct.Scope;
        output.WriteLine($"{r.Scenario.Name} ({r.Scenario.ScenarioId}); {r.Distribution.Trials:N0} trials, seed {r.Distribution.Seed}; losses in USD.");
        output.WriteLine($"Services: {scope.ServicesAffected:N0} affected of the {scope.ServicesInScope:N0} the filters keep ({scope.ServicesInModel:N0} in the model); {scope.ServicesAffectedOutsideScope:N0} affected outside the filters; {scope.ServicesUsingSectorDefaults:N0} at their sector's default hourly loss (revenue unknown).");
        output.WriteLine($"Deterministic: direct {Money(r.Direct.DirectLossUsd)}, insured {Money(r.Direct.InsuredLossUsd)}.");
        if (scope.ServicesUsingSectorDefaults > 0)
        {
            output.WriteLine("Services at a sector default: the default (ITIC 2024) is a floor for most mid-size and large firms, so their losses are lower bounds.");
        }

        double waiting = r.Scenario.Insurance.WaitingPeriodHours;
        if (r.Direct.Services.Count > 0 && r.Direct.Services.Max(x => x.Hours) <= waiting)
        {
            output.WriteLine($"Insured loss is 0: no affected service is down longer than the {waiting:0.#} h waiting period (longest {r.Direct.Services.Max(x => x.Hours):0.##} h).");
        }
        output.WriteLine();
        TextTable.Write(
            ["per event", "mean", "± s.e.", "p50", "p90", "p99", "VaR95", "TVaR95"],
            [
                ["ground-up", Money(g.Mean), Money(g.StandardError), Money(g.P50), Money(g.P90), Money(g.P99), Money(g.Var95), Money(g.Tvar95)],
                ["insured", Money(ins.Mean), Money(ins.StandardError), Money(ins.P50), Money(ins.P90), Money(ins.P99), Money(ins.Var95), Money(ins.Tvar95)],
            ],
            output,
            i => i >= 1);
        output.WriteLine();
        EventRate f = r.Frequency;
        output.WriteLine(f.EventCount is { } count
            ? $"Frequency: {f.AnnualRate:0.###} a year ({count} events in {f.Years:0.#} years: {string.Join(", ", f.EventIds)}; 95% interval {f.ConfidenceLow95:0.###}–{f.ConfidenceHigh95:0.###})."
            : $"Frequency: {f.AnnualRate:0.###} a year (given{(f.SourceId is null ? "" : $", {f.SourceId}")}).");
        string simulation = r.GroundUp.Aal.ConfidenceLow95 is null ? "" : $" (simulation 95% interval {Money(r.GroundUp.Aal.ConfidenceLow95)}–{Money(r.GroundUp.Aal.ConfidenceHigh95)})";
        string atRate = f.ConfidenceLow95 is { } low && f.ConfidenceHigh95 is { } high && f.AnnualRate > 0
            ? $"; {Money(r.GroundUp.Aal.Aal * low / f.AnnualRate)}–{Money(r.GroundUp.Aal.Aal * high / f.AnnualRate)} at the ends of the rate's interval"
            : "";
        output.WriteLine($"AAL: ground-up {Money(r.GroundUp.Aal.Aal)}{simulation}{atRate}; insured {Money(r.Insured.Aal.Aal)}.");
        output.WriteLine($"Exceedance over {r.GroundUp.Ep.Periods:N0} simulated years{(r.GroundUp.Ep.Omitted.Count > 0 ? $" (return periods {string.Join(", ", r.GroundUp.Ep.Omitted)} need more years)" : "")}:");
        TextTable.Write(
            ["return period", "OEP", "AEP", "insured OEP", "insured AEP"],
            r.GroundUp.Ep.Rows.Zip(r.Insured.Ep.Rows).Select(p => new[]
            {
                p.First.ReturnPeriod.ToString("N0", CultureInfo.InvariantCulture), Money(p.First.Oep), Money(p.First.Aep), Money(p.Second.Oep), Money(p.Second.Aep),
            }).ToList(),
            output,
            i => true);
        output.WriteLine();
        output.WriteLine("Direct loss by sector (deterministic):");
        TextTable.Write(
            ["sector", "services", "direct", "insured"],
            r.Direct.BySector.Select(x => new[] { x.Label, x.Services.ToString("N0", CultureInfo.InvariantCulture), Money(x.DirectLossUsd), Money(x.InsuredLossUsd) }).ToList(),
            output,
            i => i >= 1);
        output.WriteLine();
        if (r.Cascade is { } c)
        {
            output.WriteLine($"Cascade through the US input-output table (US services, {c.DurationHours:0.#} h): direct {Money(c.TotalDirectLossUsd)}, cascaded {Money(c.TotalCascadedLossUsd)}, total {Money(c.TotalLossUsd)}.");
        }
        else
        {
            output.WriteLine(noIoTable ? "Cascade: no io_sectors.csv and io_coefficients.csv in the parameters folder." : "Cascade: no US service has a loss.");
        }
    }

    private static string Money(double? usd) => usd is not { } v ? "–"
        : Math.Abs(v) >= 1e9 ? (v / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " bn"
        : Math.Abs(v) >= 1e6 ? (v / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M"
        : v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Writes trials done to stderr at most every two seconds.</summary>
    private sealed class ConsoleProgress(TextWriter error, int total) : IProgress<int>
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly object gate = new();
        private long lastMs;

        public void Report(int value)
        {
            lock (gate)
            {
                if (value < total && clock.ElapsedMilliseconds - lastMs < 2000)
                {
                    return;
                }

                lastMs = clock.ElapsedMilliseconds;
                error.WriteLine($"trials: {value:N0} of {total:N0} ({100.0 * value / total:0}%), {clock.Elapsed.TotalSeconds:0.0} s");
            }
        }
    }
}
