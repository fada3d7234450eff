using System.Globalization;
using Microsoft.Data.Analysis;
using RiskToolkit.Concentration;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;
using RiskToolkit.Policy;
using RiskToolkit.Reporting.Html;

namespace RiskToolkit.Reporting;

/// <summary>What <see cref="RegulatorReport.Build"/> reads and how it runs the analyses.</summary>
public sealed record RegulatorReportOptions
{
    /// <summary>
    /// The data folder: the dependency tables (<c>nodes.csv</c>, <c>services.csv</c>, <c>requirements.csv</c>,
    /// <c>providers.csv</c>, <c>sources.csv</c>) are required; the market tables (<c>markets.csv</c>,
    /// <c>market_shares.csv</c>, <c>market_sizes.csv</c>) are used when present, and the report says so when they are not.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>The outage scenario (JSON; schema in data/README.md), e.g. <c>data/scenarios/aws-us-east-1-2025-10-20.json</c>.</summary>
    public required string ScenarioFile { get; init; }

    /// <summary>
    /// The folder with <c>sector_parameters.csv</c> and <c>outage_events.csv</c>, and optionally <c>io_sectors.csv</c> and
    /// <c>io_coefficients.csv</c> for the cascade; <see langword="null"/> means <see cref="DataDirectory"/>.
    /// </summary>
    public string? ParametersDirectory { get; init; }

    /// <summary>Monte Carlo trials of the event, and simulated years. Range: 2 to 10,000,000. Default 10,000.</summary>
    public int Trials { get; init; } = 10_000;

    /// <summary>Seed of the random streams; the same seed gives the same figures. Range: 0 to <see cref="long.MaxValue"/> (it is printed in the provenance stamp). Default 42.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Largest order of the minimal cut sets (1 = N-1 only, 2 = pairs, 3 = triples). Range: 1 to 3. Default 2.</summary>
    public int MaxOrder { get; init; } = 2;

    /// <summary>Rows shown in rankings and charts of contingencies and cut sets. Range: ≥ 1. Default 15.</summary>
    public int Top { get; init; } = 15;
}

/// <summary>
/// The regulator's report (DESIGN 'The HTML report'): one offline page that answers the three questions —
/// how concentrated each market is, which single failures take which services down, and what an outage costs — with
/// key figures first, each chart beside its data table (downloadable as CSV), the method, the assumptions and
/// limitations with the age of each dataset, the sources, and a provenance stamp. Built from library calls only, and
/// rendered by the same writer as the notebooks (<see cref="OfflineHtml"/>).
/// </summary>
public static class RegulatorReport
{
    /// <summary>The page title.</summary>
    public const string Title = "Concentration and outage risk of digital infrastructure: report";

    /// <summary>
    /// Reads the data folder and the scenario, runs the concentration, N-1 / cut-set and impact analyses, and returns the
    /// page. Every piece of dataset text (provider, node, service, source and scenario names) goes into escaped blocks.
    /// </summary>
    /// <param name="options">What to read and how to run.</param>
    /// <param name="time">The clock for the report date, the dataset ages and the provenance stamp; pass
    /// <see cref="TimeProvider.System"/> outside tests.</param>
    /// <returns>The page, ready for <see cref="OfflineHtml.WriteFile"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="RegulatorReportOptions.DataDirectory"/> or <see cref="RegulatorReportOptions.ScenarioFile"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the message names it.</exception>
    /// <exception cref="DirectoryNotFoundException">A folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The scenario file or a required table does not exist.</exception>
    /// <exception cref="DataValidationException">A table or the scenario is malformed; each fault names file, line and column.</exception>
    public static HtmlPage Build(RegulatorReportOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrEmpty(options.DataDirectory) || string.IsNullOrEmpty(options.ScenarioFile))
        {
            throw new ArgumentException("options.DataDirectory and options.ScenarioFile must name a folder and a file.", nameof(options));
        }

        InRange(options.Trials, 2, 10_000_000, "Trials");
        InRange(options.Seed, 0, long.MaxValue, "Seed");
        InRange(options.MaxOrder, 1, 3, "MaxOrder");
        InRange(options.Top, 1, int.MaxValue, "Top");
        string dataDir = options.DataDirectory;
        string parametersDir = options.ParametersDirectory ?? dataDir;
        foreach (string folder in new[] { dataDir, parametersDir })
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"{folder}: no such folder.");
            }
        }

        if (!File.Exists(options.ScenarioFile))
        {
            throw new FileNotFoundException($"{options.ScenarioFile}: no such scenario file.", options.ScenarioFile);
        }

        if (!ImpactDataReader.HasImpactTables(parametersDir))
        {
            throw new FileNotFoundException($"{parametersDir}: no sector_parameters.csv and outage_events.csv; name a folder that has them as the parameters folder (e.g. data).");
        }

        DateTimeOffset now = time.GetUtcNow();
        DateOnly today = DateOnly.FromDateTime(now.UtcDateTime);

        DependencyData dependencies = DependencyDataReader.Load(dataDir);
        DependencyModel model = DependencyModel.Build(dependencies);
        MarketData? markets = HasMarketTables(dataDir) ? MarketDataReader.Load(dataDir) : null;
        OutageScenario scenario = ScenarioReader.Load(options.ScenarioFile, dependencies);
        ImpactData impactData = ImpactDataReader.Load(parametersDir);
        IoTable? io = IoTableReader.HasIoTables(parametersDir) ? IoTableReader.Load(parametersDir) : null;

        IReadOnlyList<MarketConcentration> concentration = markets is null ? [] : ConcentrationAnalysis.Analyze(markets);
        ContingencyReport n1 = ContingencyAnalysis.NMinus1(model);
        CutSetReport cuts = CutSetAnalysis.MinimalCutSets(model, options.MaxOrder);
        RedundancyReport redundancy = RedundancyAnalysis.ByLayer(model);
        ImpactResult impact = ImpactAnalysis.Run(model, scenario, impactData, io, options.Trials, unchecked((ulong)options.Seed), parallel: true, progress: null);

        var sources = dependencies.Sources;
        var ages = DatasetAges.Of(dataDir, sources, today);
        var names = (markets?.Providers ?? dependencies.Providers).ToDictionary(p => p.ProviderId, p => p.Name, StringComparer.Ordinal);
        // The historical event the scenario replays, if any: an event of outage_events.csv that names one of the scenario's
        // failed nodes and is under way when the first window opens (an event without a recorded end counts as under way).
        var first = scenario.Failures.Min(f => f.StartUtc);
        var failedNodes = scenario.Failures.Select(f => f.NodeId).ToHashSet(StringComparer.Ordinal);
        var replayed = impactData.Events.FirstOrDefault(e =>
            e.NodeIds.Any(failedNodes.Contains) && e.StartUtc <= first && (e.EndUtc is not { } end || first < end));
        var timeline = CaseStudy.Timeline(scenario, model, replayed);
        var view = new ReportData(options, markets, concentration, names, model, n1, cuts, redundancy, scenario, impact, io, ages, replayed, timeline, RelianceAnalysis.Groups(dependencies.Providers));

        var blocks = new List<HtmlBlock>
        {
            HtmlBlock.Paragraph(
                $"Data folder '{Path.GetFileName(Path.GetFullPath(dataDir).TrimEnd(Path.DirectorySeparatorChar))}'; scenario '{scenario.Name}' ({Path.GetFileName(options.ScenarioFile)}); " +
                $"{options.Trials.ToString("N0", CultureInfo.InvariantCulture)} Monte Carlo trials with seed {options.Seed.ToString(CultureInfo.InvariantCulture)}; report date {today:yyyy-MM-dd} (UTC)."),
            HtmlBlock.Markdown(Texts.Reading),
            HtmlBlock.Section("Key figures", HtmlBlock.Table(KeyFigures(view), fileName: "key-figures.csv")),
            ConcentrationSection(view),
            FailureSection(view),
            ImpactSection(view),
            HtmlBlock.Section("Method", HtmlBlock.Markdown(Texts.Method)),
            LimitationsSection(view),
            HtmlBlock.Section(
                "Sources",
                HtmlBlock.Markdown("Every figure of the bundled tables cites one of these sources by its `source_id`; reliability A is the publisher's own statement, B a report of it by another, C unconfirmed (data/README.md)."),
                HtmlBlock.Table(SourceTable(sources), "Sources (sources.csv; each source's licence is in the file)", "sources-list.csv")),
        };

        var inputs = InputFileHash.FromFolder(dataDir).ToList();
        string scenarioFull = Path.GetFullPath(options.ScenarioFile);
        string dataFull = Path.GetFullPath(dataDir);
        bool scenarioInData = scenarioFull.StartsWith(dataFull.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!scenarioInData)
        {
            inputs.Add(InputFileHash.FromFile(options.ScenarioFile));
        }

        if (options.ParametersDirectory is { } p && Path.GetFullPath(p) != dataFull)
        {
            inputs.AddRange(InputFileHash.FromFolder(p).Select(h => h with { Name = "parameters/" + h.Name }));
        }

        var (version, commit) = Provenance.ToolkitVersionInfo();
        var stamp = new Provenance(version, commit, now.ToUniversalTime(), inputs, options.Seed);
        return new HtmlPage(Title, blocks, stamp);
    }

    private static DataFrame SourceTable(IReadOnlyList<Source> sources) => new(
        new StringDataFrameColumn("source_id", sources.Select(s => s.SourceId)),
        new StringDataFrameColumn("publisher", sources.Select(s => s.Publisher)),
        new StringDataFrameColumn("title", sources.Select(s => s.Title)),
        new StringDataFrameColumn("date", sources.Select(s => s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        new StringDataFrameColumn("url", sources.Select(s => s.Url)),
        new StringDataFrameColumn("reliability", sources.Select(s => s.Reliability)));

    private static void InRange(long value, long min, long max, string option)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException("options", value, $"options.{option} must be from {min:N0} to {max:N0}.");
        }
    }

    private static bool HasMarketTables(string directory) =>
        File.Exists(Path.Combine(directory, "markets.csv")) && File.Exists(Path.Combine(directory, "market_shares.csv"));

    private sealed record ReportData(
        RegulatorReportOptions Options,
        MarketData? Markets,
        IReadOnlyList<MarketConcentration> Concentration,
        IReadOnlyDictionary<string, string> Names,
        DependencyModel Model,
        ContingencyReport N1,
        CutSetReport Cuts,
        RedundancyReport Redundancy,
        OutageScenario Scenario,
        ImpactResult Impact,
        IoTable? Io,
        IReadOnlyList<DatasetAge> Ages,
        OutageEvent? Event,
        IReadOnlyList<TimelineWindow> Timeline,
        IReadOnlyDictionary<string, string> Groups)
    {
        // The market the concentration figures lead with: the cloud market with the most recent latest period
        // (periods are written 2025, 2025Q4, so ordinal order is time order within a year), then the most periods.
        public string? MainMarketId => Concentration
            .Where(r => MarketOf(r.MarketId) is { Layer: "cloud" })
            .GroupBy(r => r.MarketId)
            .OrderByDescending(g => g.Last().Period, StringComparer.Ordinal)
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault() ?? Concentration.Select(r => r.MarketId).FirstOrDefault();

        public Market? MarketOf(string marketId) => Markets?.Markets.FirstOrDefault(m => m.MarketId == marketId);

        public IReadOnlyList<MarketConcentration> LatestByMarket => Concentration
            .GroupBy(r => r.MarketId)
            .Select(g => g.Last())
            .ToList();
    }

    private static string Percent(double? share) => share is { } s ? (100 * s).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Points(HhiInterval i) =>
        Math.Round(i.LowerPoints) == Math.Round(i.UpperPoints)
            ? i.LowerPoints.ToString("N0", CultureInfo.InvariantCulture) + " points"
            : $"{i.LowerPoints.ToString("N0", CultureInfo.InvariantCulture)}–{i.UpperPoints.ToString("N0", CultureInfo.InvariantCulture)} points";

    private static string Band(MarketConcentration r, string regime) =>
        r.Bands.FirstOrDefault(b => b.Regime == regime)?.Verdict ?? "–";

    private static string Usd(double? usd) => usd is { } v ? ImpactCharts.Usd(v) : "–";

    private static DataFrame KeyFigures(ReportData d)
    {
        var rows = new List<(string Figure, string Value, string Basis)>();
        if (d.MainMarketId is { } main)
        {
            var latest = d.Concentration.Last(r => r.MarketId == main);
            var market = d.MarketOf(main)!;
            var leader = latest.Shares.Where(s => s.Share is not null).MaxBy(s => s.Share!.Value);
            rows.Add(($"HHI, {market.Name}, {latest.Period}", $"{Points(latest.HhiInterval)}: {Band(latest, ConcentrationBands.Us2023)} (US 2023 guidelines)", $"market_shares.csv; sources {string.Join(", ", latest.SourceIds)}"));
            rows.Add(($"CR3, {market.Name}, {latest.Period}", Percent(latest.Cr3), "the three largest providers' combined share"));
            if (leader is not null)
            {
                rows.Add(($"Largest provider, {market.Name}, {latest.Period}", $"{d.Names.GetValueOrDefault(leader.ProviderId, leader.ProviderId)}: {Percent(leader.Share)}", "share of the market's measure"));
            }

            var latestAll = d.LatestByMarket;
            string Names(IEnumerable<MarketConcentration> list) => string.Join(", ", list.Select(r => d.MarketOf(r.MarketId)?.Name ?? r.MarketId));
            var us2023 = latestAll.Select(r => (Result: r, Band: r.Bands.FirstOrDefault(b => b.Regime == ConcentrationBands.Us2023))).ToList();
            var certain = us2023.Where(x => x.Band?.Lower == ConcentrationBands.High).Select(x => x.Result).ToList();
            var possible = us2023.Where(x => x.Band?.Upper == ConcentrationBands.High && x.Band.Lower != ConcentrationBands.High).Select(x => x.Result).ToList();
            rows.Add((
                "Markets highly concentrated (US 2023: HHI above 1,800 points), latest period each",
                $"{certain.Count} of {latestAll.Count} at both ends of their HHI interval" + (certain.Count > 0 ? $" ({Names(certain)})" : "")
                    + $"; {possible.Count} more at the upper end only" + (possible.Count > 0 ? $" ({Names(possible)})" : ""),
                "an interval straddles 1,800 when rounding, ranges or unnamed firms leave the HHI open"));
        }
        else
        {
            rows.Add(("Concentration", "no market tables in the data folder", "markets.csv and market_shares.csv are absent"));
        }

        int services = d.N1.Baseline.Services.Services;
        var worst = d.N1.Contingencies.FirstOrDefault();
        if (worst is not null)
        {
            rows.Add(("Most severe single failure (N-1)", $"{worst.Name}: {worst.ServicesFailed.ToString("N0", CultureInfo.InvariantCulture)} of {services.ToString("N0", CultureInfo.InvariantCulture)} services ({Percent(worst.ServicesFailedShare)})", "share of the data folder's services, through direct and indirect dependencies, honouring redundancy; the bundled case lists only services named as affected by the outage, so its 100% reflects that selection, not market-wide reliance"));
        }

        int total = d.N1.Contingencies.Count(c => c.ServicesFailed == services && services > 0);
        rows.Add(("Nodes whose failure alone takes every service down", total.ToString("N0", CultureInfo.InvariantCulture) + $" of {d.Model.Nodes.Count.ToString("N0", CultureInfo.InvariantCulture)} nodes", "N-1 contingency analysis"));

        var r = d.Impact;
        var g = r.Distribution.GroundUp;
        rows.Add(($"Direct (ground-up) loss, {r.Scenario.Name}", Usd(r.Direct.DirectLossUsd), $"deterministic; {r.Direct.Scope.ServicesAffected.ToString("N0", CultureInfo.InvariantCulture)} services affected; {r.Direct.Scope.ServicesUsingSectorDefaults.ToString("N0", CultureInfo.InvariantCulture)} at their sector's default hourly loss (a lower bound)"));
        rows.Add(("Loss per event, Monte Carlo", $"mean {Usd(g.Mean)} (± {Usd(g.StandardError)} s.e.); p99 {Usd(g.P99)}; TVaR95 {Usd(g.Tvar95)}", $"{r.Distribution.Trials.ToString("N0", CultureInfo.InvariantCulture)} trials, seed {r.Distribution.Seed}"));
        rows.Add(("Insured loss per event (mean)", Usd(r.Distribution.Insured.Mean), $"waiting period {r.Scenario.Insurance.WaitingPeriodHours.ToString("0.#", CultureInfo.InvariantCulture)} h, take-up {r.Scenario.Insurance.TakeUp.ToString("0.##", CultureInfo.InvariantCulture)}"));
        rows.Add(("Average annual loss (AAL)", Usd(r.GroundUp.Aal.Aal), $"at {r.Frequency.AnnualRate.ToString("0.###", CultureInfo.InvariantCulture)} events a year" + (r.Frequency.EventCount is { } n ? $" ({n} events in {r.Frequency.Years?.ToString("0.#", CultureInfo.InvariantCulture)} years, outage_events.csv)" : " (given by the scenario)")));
        var oep100 = r.GroundUp.Ep.Rows.FirstOrDefault(x => x.ReturnPeriod == 100);
        rows.Add(("1-in-100-year loss (OEP)", oep100 is null ? "needs at least 100 simulated years" : Usd(oep100.Oep), "the largest event loss of a year, exceeded with probability 1%"));
        if (r.Cascade is { } c)
        {
            rows.Add(("Cascaded loss through the input-output table", $"{Usd(c.TotalCascadedLossUsd)} beyond the direct {Usd(c.TotalDirectLossUsd)} of US services", "Inoperability Input-Output Model over the BEA 2015 table"));
        }

        return new DataFrame(
            new StringDataFrameColumn("figure", rows.Select(x => x.Figure)),
            new StringDataFrameColumn("value", rows.Select(x => x.Value)),
            new StringDataFrameColumn("basis", rows.Select(x => x.Basis)));
    }

    private static HtmlBlock ConcentrationSection(ReportData d)
    {
        if (d.MainMarketId is not { } main)
        {
            return HtmlBlock.Section(
                "1. How concentrated is each market?",
                HtmlBlock.Paragraph("The data folder has no market tables (markets.csv, market_shares.csv), so this report has no concentration figures; run it on the bundled data folder for them."));
        }

        var series = d.Concentration.Where(r => r.MarketId == main).ToList();
        var market = d.MarketOf(main)!;
        var latest = series[^1];
        var latestAll = d.LatestByMarket;
        // Market ids keep the axis readable; the table above gives each market's name.
        var labelled = latestAll.Select(r => new LabelledResult($"{r.MarketId} ({r.Period})", r)).ToList();
        return HtmlBlock.Section(
            "1. How concentrated is each market?",
            HtmlBlock.Markdown(Texts.Concentration),
            HtmlBlock.Table(MarketTable(d, latestAll), "Every market in its latest period: HHI interval, CR3 and each regime's band", "markets-latest.csv"),
            HtmlBlock.Chart(ConcentrationCharts.HhiComparison(labelled, "HHI of each market, latest period (points 0–10,000)"), ConcentrationCharts.ComparisonTable(labelled)),
            HtmlBlock.Chart(ConcentrationCharts.HhiTrend(series, $"{market.Name}: HHI by period"), ConcentrationCharts.TrendTable(series)),
            HtmlBlock.Chart(ConcentrationCharts.SharesBar(latest, $"{market.Name}, {latest.Period}: shares", d.Names), ConcentrationCharts.SharesTable(latest, d.Names)));
    }

    private static DataFrame MarketTable(ReportData d, IReadOnlyList<MarketConcentration> latest) => new(
        new StringDataFrameColumn("market", latest.Select(r => d.MarketOf(r.MarketId)?.Name ?? r.MarketId)),
        new StringDataFrameColumn("market_id", latest.Select(r => r.MarketId)),
        new StringDataFrameColumn("period", latest.Select(r => r.Period)),
        new StringDataFrameColumn("measure", latest.Select(r => r.Measure)),
        new Int32DataFrameColumn("providers_named", latest.Select(r => r.N)),
        new DoubleDataFrameColumn("hhi_points_low", latest.Select(r => Math.Round(r.HhiInterval.LowerPoints))),
        new DoubleDataFrameColumn("hhi_points_high", latest.Select(r => Math.Round(r.HhiInterval.UpperPoints))),
        new DoubleDataFrameColumn("cr3_share", latest.Select(r => r.Cr3 is { } c ? Math.Round(c, 3) : (double?)null)),
        new StringDataFrameColumn("us2023", latest.Select(r => Band(r, ConcentrationBands.Us2023))),
        new StringDataFrameColumn("eu2004", latest.Select(r => Band(r, ConcentrationBands.Eu2004))),
        new StringDataFrameColumn("sources", latest.Select(r => string.Join(" ", r.SourceIds))));

    private static HtmlBlock FailureSection(ReportData d)
    {
        int top = d.Options.Top;
        var blocks = new List<HtmlBlock>
        {
            HtmlBlock.Markdown(Texts.Failures),
            HtmlBlock.Chart(DependencyCharts.ContingencyRanking(d.N1, top, "Services failed by each single failure (N-1)"), d.N1.ToDataFrame()),
            HtmlBlock.Chart(DependencyCharts.Sankey(d.Model, 40, 8, 40, "Dependency chains: services → what they need → what that needs"), DependencyCharts.SankeyTable(d.Model, 40, 8, 40)),
        };
        if (d.Options.MaxOrder >= 2 && d.Cuts.CutSets.Any(c => c.Order == 2))
        {
            blocks.Add(HtmlBlock.Chart(DependencyCharts.CutSets(d.Cuts, 2, top, "Largest order-2 minimal cut sets (N-2): pairs that fail together what neither fails alone"), DependencyCharts.CutSetTable(d.Cuts, 2, top)));
        }

        blocks.Add(HtmlBlock.Table(d.Cuts.ToDataFrame(), $"Minimal cut sets up to order {d.Options.MaxOrder}", "cut-sets.csv"));
        blocks.Add(HtmlBlock.Chart(DependencyCharts.Redundancy(d.Redundancy, "How services meet each layer: one provider, their own, or alternatives"), d.Redundancy.ToDataFrame()));
        blocks.Add(HtmlBlock.Markdown(Texts.Reliance));
        var finance = RelianceAnalysis.Analyse(d.Model, RelianceAnalysis.FinanceSector, null, d.Groups);
        blocks.Add(finance.Services == 0 || finance.Providers.Count == 0
            ? HtmlBlock.Paragraph("No service of the data folder is in NAICS sector 52 (finance and insurance), so there is no reliance view.")
            : HtmlBlock.Chart(
                PolicyCharts.Reliance(finance, top, $"Financial services (NAICS 52, {finance.Services} services): share relying on each provider, against the 10% criterion"),
                PolicyCharts.RelianceTable(finance)));
        return HtmlBlock.Section("2. Which single failures take which services down?", blocks);
    }

    private static HtmlBlock ImpactSection(ReportData d)
    {
        var r = d.Impact;
        var blocks = new List<HtmlBlock>
        {
            HtmlBlock.Markdown(Texts.Impact),
            HtmlBlock.Paragraph(r.Scenario.Description ?? r.Scenario.Name),
            HtmlBlock.Chart(CaseStudyCharts.ComponentGantt(d.Timeline, "The scenario's failure windows in UTC" + (d.Event is null ? string.Empty : ", with the whole event")), CaseStudyCharts.ComponentTable(d.Timeline)),
            ServiceWindowsBlock(d),
            HtmlBlock.Chart(ImpactCharts.LossHistogram(r.Distribution, "Loss per event: Monte Carlo distribution (USD)"), ImpactCharts.LossHistogramTable(r.Distribution)),
            HtmlBlock.Chart(ImpactCharts.ExceedanceCurves(r.GroundUp, r.Insured, "Exceedance probability: OEP and AEP by return period (USD)"), ImpactCharts.ExceedanceTable(r.GroundUp, r.Insured)),
            HtmlBlock.Table(r.Direct.ToDataFrame(), "Direct and insured loss by service (deterministic, USD)", "loss-by-service.csv"),
        };
        if (r.Cascade is { } c)
        {
            blocks.Add(HtmlBlock.Chart(ImpactCharts.SectorCascade(c, "Direct and cascaded loss by sector, US services (USD)"), ImpactCharts.SectorCascadeTable(c)));
        }
        else
        {
            blocks.Add(HtmlBlock.Paragraph(d.Io is null
                ? "No cascade: the parameters folder has no input-output table (io_sectors.csv, io_coefficients.csv)."
                : "No cascade: no US service has a loss in this scenario."));
        }

        return HtmlBlock.Section("3. What does the outage cost?", blocks);
    }

    // Services drawn one row each up to this many; beyond it the table alone (a chart of hundreds of rows reads as noise).
    private const int MaxServiceRows = 60;

    private static HtmlBlock ServiceWindowsBlock(ReportData d)
    {
        var windows = CaseStudy.ServiceWindows(d.Impact.Direct.Timeline, d.Model);
        if (windows.Count == 0)
        {
            return HtmlBlock.Paragraph("No service of the data folder goes down in this scenario.");
        }

        var table = CaseStudyCharts.ServiceTable(windows);
        return windows.Count <= MaxServiceRows
            ? HtmlBlock.Chart(CaseStudyCharts.ServiceGantt(windows, d.Event is null ? null : d.Timeline[0], "When each service is down (UTC; amber: recovery lag)"), table)
            : HtmlBlock.Table(table, $"When each of the {windows.Count:N0} affected services is down (UTC)", "service-windows.csv");
    }

    private static HtmlBlock LimitationsSection(ReportData d)
    {
        var s = d.Scenario;
        var assumptions = new DataFrame(
            new StringDataFrameColumn("assumption", new[]
            {
                "insurance waiting period (hours)", "insurance deductible (USD)", "insurance limit (USD)", "insurance take-up (share 0–1)",
                "duration spread (log-normal sd)", "loss-fraction concentration (beta)", "unknown-revenue spread (log-normal sd)",
                "default recovery lag (hours)", "event rate (a year)",
            }),
            new StringDataFrameColumn("value", new[]
            {
                s.Insurance.WaitingPeriodHours.ToString("0.##", CultureInfo.InvariantCulture),
                s.Insurance.DeductibleUsd.ToString("N0", CultureInfo.InvariantCulture),
                s.Insurance.LimitUsd?.ToString("N0", CultureInfo.InvariantCulture) ?? "none",
                s.Insurance.TakeUp.ToString("0.##", CultureInfo.InvariantCulture),
                s.Uncertainty.DurationLogSd.ToString("0.##", CultureInfo.InvariantCulture),
                s.Uncertainty.LossFractionConcentration?.ToString("0.##", CultureInfo.InvariantCulture) ?? "none (fixed)",
                s.Uncertainty.DefaultRevenueLogSd.ToString("0.##", CultureInfo.InvariantCulture),
                s.RecoveryLags.DefaultHours.ToString("0.##", CultureInfo.InvariantCulture),
                d.Impact.Frequency.AnnualRate.ToString("0.###", CultureInfo.InvariantCulture)
                    + (d.Impact.Frequency.ConfidenceLow95 is { } lo && d.Impact.Frequency.ConfidenceHigh95 is { } hi
                        ? $" (95% interval {lo.ToString("0.###", CultureInfo.InvariantCulture)}–{hi.ToString("0.###", CultureInfo.InvariantCulture)})" : string.Empty),
            }));
        var ages = d.Ages;
        var ageTable = new DataFrame(
            new StringDataFrameColumn("table", ages.Select(a => a.Table)),
            new Int32DataFrameColumn("rows", ages.Select(a => a.Rows)),
            new Int32DataFrameColumn("rows_citing_a_source", ages.Select(a => a.RowsWithSource)),
            new Int32DataFrameColumn("sources", ages.Select(a => a.SourceIds.Count)),
            new StringDataFrameColumn("oldest_source", ages.Select(a => a.OldestSource?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            new StringDataFrameColumn("newest_source", ages.Select(a => a.NewestSource?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            new DoubleDataFrameColumn("newest_age_years", ages.Select(a => a.NewestAgeYears is { } y ? Math.Round(y, 1) : (double?)null)),
            new DoubleDataFrameColumn("oldest_age_years", ages.Select(a => a.OldestAgeYears is { } y ? Math.Round(y, 1) : (double?)null)));
        return HtmlBlock.Section(
            "Assumptions and limitations",
            HtmlBlock.Markdown(Texts.Limitations),
            HtmlBlock.Table(ageTable, "Age of each dataset: the publication dates of the sources each table cites, in years before the report date", "dataset-ages.csv"),
            HtmlBlock.Table(assumptions, "The scenario's assumptions (from the scenario file)", "scenario-assumptions.csv"));
    }

    // The report's own prose: written here, never built from dataset text.
    private static class Texts
    {
        public const string Reading = """
            This report answers three questions about the digital infrastructure in the data folder: **how concentrated each
            market is**, **which single failures take which services down**, and **what the outage scenario costs**. Key
            figures come first; each chart has its data beside it (use *Download CSV* above a table to take the full table
            away); the method, the assumptions and limitations, and the sources follow. The page makes no network request
            and prints without its download links.
            """;

        public const string Concentration = """
            **Herfindahl–Hirschman index (HHI)**: the sum of squared market shares, in points from 0 to 10,000 (shares in
            per cent). Where shares are published rounded, as ranges, or with an unallocated remainder, the HHI is an
            interval and both ends are shown. **Bands**: the US 2023 Merger Guidelines call a market highly concentrated
            above 1,800 points; the EU 2004 horizontal merger guidelines are unlikely to find concerns below 1,000.
            **CR3**: the three largest providers' combined share. Revenue shares are not reliance: a market with a moderate
            HHI can still hold providers on which many services depend; section 2 measures that.
            """;

        public const string Failures = """
            Each node of the dependency model (provider, region, component) is failed alone (**N-1 contingency**); a
            service fails when any layer it requires has no working alternative (AND across required layers, OR across
            alternatives), through direct and indirect dependencies, to a fixpoint. **Minimal cut sets** are the smallest
            sets of nodes whose joint failure takes a service down; order 2 shows pairs (N-2).
            """;

        public const string Impact = """
            The scenario's failure windows are replayed through the dependency model; each affected service loses revenue
            per hour × loss fraction for its hours down (or its sector's default hourly loss when its revenue is unknown).
            The Monte Carlo varies the outage's length, the loss fractions and unknown revenues with a fixed seed; simulated
            years draw a Poisson number of events to give the **exceedance probability (EP) curves** (OEP: the largest event
            of a year; AEP: the year's sum) and the **average annual loss (AAL)**. The cascade feeds US services' direct
            loss through the **Inoperability Input-Output Model** on the BEA 2015 table, spread over the scenario's whole
            span (from the first failure to the last recovery), so its hours can exceed any one service's time down; direct
            and cascaded losses are reported apart.
            """;

        public const string Reliance = """
            **Reliance in the style of DORA.** Regulators measure reliance, not revenue: the EU's Digital Operational
            Resilience Act (Regulation (EU) 2022/2554, Art. 31) and Commission Delegated Regulation (EU) 2024/1502
            (Art. 2) screen an ICT provider as possibly critical when at least 10% of the financial entities of a category,
            holding at least 10% of that category's assets, use it for critical or important functions. The chart below
            applies that test to the financial services (NAICS 52) of the data folder: the share of them that a provider's
            failure alone takes down, and the share that use it at all; revenue stands in for assets, and where revenue is
            unknown the asset test stays undecided. Providers are assessed as groups (each provider's top parent in
            providers.csv, so Amazon Route 53 counts with Amazon Web Services), because DORA Art. 31(3) considers a
            provider that belongs to a group through the services of the group as a whole. Step 1 of the regulation also
            asks about systemically important institutions (Art. 3(1)) and substitutability (Art. 5(1)); those are not
            measured here.
            """;

        public const string Method = """
            - **Concentration** (formulas and sources in the README's 'Methods'): HHI = Σ sᵢ² (shares 0–1; × 10,000 for points); CRk = the sum of
              the k largest shares; intervals from rounding, ranges, unnamed ranks and unallocated remainders; bands of the
              US 2023 Merger Guidelines §2.1, the US 2010 Horizontal Merger Guidelines §5.3, the US 1992 guidelines §1.51
              and the EU 2004 horizontal merger guidelines ¶19–21.
            - **Single points of failure**: failure propagation over the requirement graph (AND across layers, OR within a
              group) to a fixpoint, so dependency cycles are handled; N-1 contingencies ranked by services failed; minimal
              cut sets by enumeration up to the chosen order; redundancy counted per layer.
            - **Direct loss**: hours down × hourly loss; hourly loss = annual revenue ÷ 8,760 × loss fraction, or the
              sector's default (ITIC 2024) when revenue is unknown. **Insured loss** = take-up × min(limit, loss beyond the
              waiting period − deductible).
            - **Monte Carlo**: a log-normal stretch of the whole timeline per trial, a log-normal multiplier per sector on the
              defaults, a beta loss fraction per service and trial; streams of xoshiro256** seeded by SplitMix64, in blocks,
              so parallel runs equal serial runs exactly. Statistics: mean with standard error, R-7 percentiles, VaR95 and
              TVaR95 (the mean of the worst 5%).
            - **Frequency and EP curves**: rate = events ÷ years from outage_events.csv with Garwood's exact 95% interval;
              simulated years with Poisson event counts, each event drawing a trial's loss (as the Oasis framework pairs
              occurrences with samples); OEP and AEP read at return periods 5–1,000 years as ktools does; AAL = the mean
              of the yearly sums with its 95% interval.
            - **Cascade**: Inoperability Input-Output Model (Santos & Haimes 2004; Haimes et al. 2005): q = (I − A*)⁻¹ c*,
              with A* the normalised BEA 2015 direct-requirements table aggregated to 15 sectors.
            """;

        public const string Limitations = """
            - **Reliance is modelled, not observed**: the dependency tables record what the sources say a service needs;
              a service's own fail-over or a provider's internal redundancy that the sources do not describe is absent.
            - **The bundled case is selected by outcome**: its 36 services are those the press named as affected on
              20 October 2025, so every one of them relies on us-east-1 by construction; their shares in section 2
              describe that event, not reliance across the market. The synthetic population (notebooks 02–05) models
              the wider market.
            - **Losses at sector defaults are lower bounds**: where revenue is unknown, the hourly loss is ITIC's 2024
              survey floor ($300,000 an hour for most mid-size and large firms); the loss and recovery fractions, the
              insurance terms and the uncertainty spreads are assumptions (table below), and the EP curves inherit them.
            - **Few events**: the event rate rests on a handful of historical outages; the AAL scales with it, and its
              interval is wide.
            - **The cascade** uses a 2015 US table and US services only; it ignores substitution, inventories and imports.
            - **Ages**: concentration and dependency figures are only as recent as their sources; the table below gives the
              age of each table's sources on the report date.
            """;
    }
}
