using MathNet.Numerics.Statistics;
using RiskToolkit.Concentration;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Impact;

/// <summary>
/// The steps of an outage case study (notebook 04): the event's timeline in UTC and Pacific time, the cascade
/// through the dependency model stretch by stretch, each service's down windows, our loss beside a published
/// estimate, published indicators beside the model's counts, and a market's concentration beside the reliance
/// of a model's services on a region and its provider.
/// </summary>
/// <remarks>
/// Pure functions over results of <see cref="OutageTimeline"/>, <see cref="FailurePropagation"/>,
/// <see cref="MonteCarloLoss"/> and <see cref="ConcentrationAnalysis"/>; they compute nothing those do not
/// define, they line results up for comparison.
/// </remarks>
public static class CaseStudy
{
    /// <summary>IANA id of US Pacific time, in which AWS's post-event summaries give their times.</summary>
    public const string PacificTimeZoneId = "America/Los_Angeles";

    private static readonly TimeZoneInfo Pacific = SystemOrRules();

    // A machine without the time-zone database (a slim container) still converts: the US rules since 2007
    // (Energy Policy Act of 2005 §110) cover every event in the bundled data, 2016 onwards.
    private static TimeZoneInfo SystemOrRules()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(PacificTimeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return PacificSince2007();
        }
    }

    /// <summary>
    /// US Pacific time by the rules in force since 2007: UTC − 8 h, and UTC − 7 h from 02:00 local time on the second
    /// Sunday of March to 02:00 on the first Sunday of November (Energy Policy Act of 2005 §110).
    /// </summary>
    internal static TimeZoneInfo PacificSince2007()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(2007, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone(PacificTimeZoneId, TimeSpan.FromHours(-8), "US Pacific", "PST", "PDT", [rule]);
    }

    /// <summary>
    /// A UTC time in US Pacific time, daylight saving included (PDT = UTC − 7 h from the second Sunday of March to
    /// the first Sunday of November, PST = UTC − 8 h otherwise), from the time-zone database, or by the rules since
    /// 2007 on a machine without one.
    /// </summary>
    /// <param name="utc">A time (any offset; it is converted, not reinterpreted).</param>
    /// <returns>The same instant with the Pacific offset of that instant.</returns>
    public static DateTimeOffset ToPacific(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Pacific);

    /// <summary>
    /// The bars of an event's Gantt chart: the whole event first (when given), then each failure window of the
    /// scenario in scenario order, labelled with the node's display name.
    /// </summary>
    /// <param name="scenario">The scenario holding the component windows.</param>
    /// <param name="model">The model the scenario's nodes belong to (for their names).</param>
    /// <param name="wholeEvent">The event row of outage_events.csv, or <see langword="null"/> to leave the whole event out.</param>
    /// <returns>The windows.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="scenario"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">When a failed node is not a node of the model, or the event has no end.</exception>
    public static IReadOnlyList<TimelineWindow> Timeline(OutageScenario scenario, DependencyModel model, OutageEvent? wholeEvent)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<TimelineWindow>();
        if (wholeEvent is not null)
        {
            DateTimeOffset end = wholeEvent.EndUtc ?? throw new ArgumentException($"Event '{wholeEvent.EventId}' has no end time, so it has no bar.", nameof(wholeEvent));
            rows.Add(new TimelineWindow($"whole event ({wholeEvent.EventId})", null, wholeEvent.StartUtc, end, wholeEvent.SourceId, wholeEvent.Note));
        }

        foreach (NodeFailure f in scenario.Failures)
        {
            rows.Add(new TimelineWindow(NodeName(model, f.NodeId), f.NodeId, f.StartUtc, f.EndUtc, f.SourceId, f.Note));
        }

        return rows;
    }

    /// <summary>
    /// The cascade of a replayed event: for each stretch of <paramref name="timeline"/>, the nodes failed on their
    /// own and the nodes brought down through their requirements (<see cref="FailurePropagation.Propagate"/>).
    /// </summary>
    /// <param name="timeline">The replay.</param>
    /// <param name="model">The model it was replayed on.</param>
    /// <returns>One stretch per timeline step, in time order.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When a failed node of the timeline is not a node of the model.</exception>
    public static IReadOnlyList<CascadeStretch> Cascade(OutageTimeline timeline, DependencyModel model)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(model);
        return timeline.Steps.Select(step =>
        {
            PropagationResult down = FailurePropagation.Propagate(model, step.FailedNodeIds);
            var failed = new HashSet<string>(down.FailedNodeIds, StringComparer.Ordinal);
            return new CascadeStretch(step.StartUtc, step.EndUtc, down.FailedNodeIds, down.NodesDown.Where(n => !failed.Contains(n)).ToArray(), down.ServicesDown.Count);
        }).ToArray();
    }

    /// <summary>
    /// Each service's down windows with the service's name, country and sector, and where its requirements came
    /// back inside each window (the rest is its recovery lag).
    /// </summary>
    /// <param name="timeline">The replay.</param>
    /// <param name="model">The model it was replayed on.</param>
    /// <returns>One row per down window, services in model order, windows in time order.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When a service of the timeline is not a service of the model.</exception>
    public static IReadOnlyList<ServiceDownWindow> ServiceWindows(OutageTimeline timeline, DependencyModel model)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(model);
        var services = model.Services.ToDictionary(s => s.ServiceId, StringComparer.Ordinal);
        var rows = new List<ServiceDownWindow>();
        foreach (ServiceOutage outage in timeline.Services)
        {
            DependentService s = services.GetValueOrDefault(outage.ServiceId)
                ?? throw new ArgumentException($"Service '{outage.ServiceId}' of the timeline is not a service of the model.", nameof(model));
            foreach (DownWindow w in outage.Windows)
            {
                DateTimeOffset back = outage.RequirementWindows.Where(r => r.StartUtc >= w.StartUtc && r.EndUtc <= w.EndUtc).Max(r => r.EndUtc);
                rows.Add(new ServiceDownWindow(s.ServiceId, s.Name, s.Country, s.Sector, w.StartUtc, back, w.EndUtc));
            }
        }

        return rows;
    }

    /// <summary>A published loss range of an event (outage_events.csv) as a comparison row.</summary>
    /// <param name="published">The event row holding the range.</param>
    /// <param name="estimate">Who estimated it, e.g. CyberCube.</param>
    /// <param name="measure"><c>ground-up</c> or <c>insured</c>: what the range measures (the event's note says).</param>
    /// <param name="scope">Whose losses it covers, in words.</param>
    /// <param name="sourceId">Source of the range (id into sources.csv).</param>
    /// <returns>The row, with no central value.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When the event has no loss range, or <paramref name="measure"/> is neither ground-up nor insured.</exception>
    public static LossComparisonRow PublishedLoss(OutageEvent published, string estimate, string measure, string scope, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(sourceId);
        CheckMeasure(measure);
        if (published.LossEstimateLowUsd is not double low || published.LossEstimateHighUsd is not double high)
        {
            throw new ArgumentException($"Event '{published.EventId}' has no published loss range.", nameof(published));
        }

        return new LossComparisonRow(estimate, measure, scope, low, null, high, null, sourceId);
    }

    /// <summary>
    /// Our Monte Carlo loss of one event as two comparison rows, ground-up then insured: the 5th percentile, the
    /// mean and the 95th percentile of the trials, and, for the row of the published range's measure, the share
    /// of trials inside that range.
    /// </summary>
    /// <param name="distribution">The Monte Carlo distribution.</param>
    /// <param name="estimate">Label of our estimate, e.g. the scenario's name.</param>
    /// <param name="scope">Whose losses it covers, in words.</param>
    /// <param name="published">The published row to compare with, or <see langword="null"/>.</param>
    /// <returns>Two rows.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="distribution"/>, <paramref name="estimate"/> or <paramref name="scope"/> is null.</exception>
    /// <remarks>Percentiles: Hyndman &amp; Fan definition 7 (R's <c>quantile(type = 7)</c>), as <see cref="LossStatistics"/>.</remarks>
    public static IReadOnlyList<LossComparisonRow> OurLoss(LossDistribution distribution, string estimate, string scope, LossComparisonRow? published)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(scope);
        LossComparisonRow Row(string measure, IReadOnlyList<double> losses, LossStatistics stats)
        {
            double[] sorted = losses.ToArray();
            Array.Sort(sorted);
            double? inside = published is not null && published.Measure == measure
                ? (double)sorted.Count(l => l >= published.LowUsd && l <= published.HighUsd) / sorted.Length
                : null;
            return new LossComparisonRow(
                estimate,
                measure,
                scope,
                SortedArrayStatistics.QuantileCustom(sorted, 0.05, QuantileDefinition.R7),
                stats.Mean,
                SortedArrayStatistics.QuantileCustom(sorted, 0.95, QuantileDefinition.R7),
                inside,
                null);
        }

        return
        [
            Row("ground-up", distribution.GroundUpLosses, distribution.GroundUp),
            Row("insured", distribution.InsuredLosses, distribution.Insured),
        ];
    }

    /// <summary>
    /// Published indicators of one event beside what each replay counts in the same scope: services of the model
    /// in the scope, those down at some time, and the sum of their users. A worldwide indicator counts every
    /// service; a country scope counts the services of those countries (services without a country count only
    /// worldwide).
    /// </summary>
    /// <param name="indicators">Rows of outage_indicators.csv.</param>
    /// <param name="eventId">The event whose indicators are compared.</param>
    /// <param name="replays">The replays, e.g. the named services and the synthetic population.</param>
    /// <returns>One comparison per indicator of the event, in file order.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When a replay is null or names a service the model lacks.</exception>
    public static IReadOnlyList<IndicatorComparison> IndicatorsBesideModel(IReadOnlyList<OutageIndicator> indicators, string eventId, IReadOnlyList<ModelReplay> replays)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(replays);
        var down = replays.Select(r => r is null
            ? throw new ArgumentException("A replay is null.", nameof(replays))
            : r.Timeline.Services.Select(s => s.ServiceId).ToHashSet(StringComparer.Ordinal)).ToArray();
        return indicators.Where(i => i.EventId == eventId).Select(indicator =>
        {
            var countries = indicator.Countries.ToHashSet(StringComparer.Ordinal);
            var counts = replays.Select((replay, r) =>
            {
                var inScope = replay.Model.Services.Where(s => indicator.IsWorld || (s.Country is { } c && countries.Contains(c))).ToArray();
                var hit = inScope.Where(s => down[r].Contains(s.ServiceId)).ToArray();
                long? users = hit.All(s => s.Users is not null) ? hit.Sum(s => s.Users!.Value) : null;
                return new ReplayCount(replay.Label, inScope.Length, hit.Length, users);
            }).ToArray();
            return new IndicatorComparison(indicator, counts);
        }).ToArray();
    }

    /// <summary>
    /// How the services of <paramref name="model"/> rely on a region and on its provider: services with a
    /// requirement path to each node ("using"), services that fail when the node alone fails ("failing with",
    /// <see cref="FailurePropagation.Propagate"/>), and the known annual revenue behind each.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="regionNodeId">The region node, e.g. <c>cloud-aws-us-east-1</c>.</param>
    /// <param name="providerNodeId">The provider node, e.g. <c>cloud-aws</c>.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When a node id names no node of the model.</exception>
    /// <remarks>
    /// "Using" is reachability over requirement edges (any group, any alternative); "failing with" is the
    /// size-1 cut-set test of METHODS 'Single points of failure'. A service that uses a region but also has a
    /// second region uses it without failing with it. Dependency cycles are followed once.
    /// </remarks>
    public static RelianceFigures Reliance(DependencyModel model, string regionNodeId, string providerNodeId)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(regionNodeId);
        ArgumentNullException.ThrowIfNull(providerNodeId);
        int region = model.IndexOfNode(regionNodeId);
        int provider = model.IndexOfNode(providerNodeId);
        if (region < 0)
        {
            throw new ArgumentException($"'{regionNodeId}' is not a node of the model.", nameof(regionNodeId));
        }

        if (provider < 0)
        {
            throw new ArgumentException($"'{providerNodeId}' is not a node of the model.", nameof(providerNodeId));
        }

        bool[] usesRegion = Reaching(model, region);
        bool[] usesProvider = Reaching(model, provider);
        var withRegion = FailurePropagation.Propagate(model, [regionNodeId]).ServicesDown.ToHashSet(StringComparer.Ordinal);
        var withProvider = FailurePropagation.Propagate(model, [providerNodeId]).ServicesDown.ToHashSet(StringComparer.Ordinal);
        int m = model.Nodes.Count;
        int usingRegion = 0, usingProvider = 0, revenueKnown = 0;
        double revenue = 0, revenueRegion = 0, revenueProvider = 0;
        for (int s = 0; s < model.Services.Count; s++)
        {
            DependentService service = model.Services[s];
            usingRegion += usesRegion[m + s] ? 1 : 0;
            usingProvider += usesProvider[m + s] ? 1 : 0;
            if (service.AnnualRevenueUsd is double r)
            {
                revenueKnown++;
                revenue += r;
                revenueRegion += withRegion.Contains(service.ServiceId) ? r : 0;
                revenueProvider += withProvider.Contains(service.ServiceId) ? r : 0;
            }
        }

        return new RelianceFigures(regionNodeId, providerNodeId, model.Services.Count, usingRegion, withRegion.Count, usingProvider, withProvider.Count, revenueKnown, revenue, revenueRegion, revenueProvider);
    }

    /// <summary>
    /// A market's concentration beside the reliance of models' services: the provider's share of the market, the
    /// three largest firms' share (CR3) and the HHI, then, for each model, the shares of services that use and
    /// that fail with the region and the provider, and of known revenue that fails with each.
    /// </summary>
    /// <param name="market">The market in one period (e.g. Synergy's cloud infrastructure, the event's quarter).</param>
    /// <param name="providerId">The provider's id in the market, e.g. <c>aws</c>.</param>
    /// <param name="providerName">Its display name.</param>
    /// <param name="models">Reliance figures, each with its label.</param>
    /// <returns>Rows: market first, then each model in order; shares 0–1, the HHI on the 0–1 scale.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When the provider has no share in the market, or a label or figure is null.</exception>
    /// <remarks>
    /// Concentration by revenue is not reliance: a provider's share of spending says nothing of how many services
    /// fail without it, and a region is not a provider. The rows set the two side by side without converting one
    /// into the other.
    /// </remarks>
    public static IReadOnlyList<RelianceRow> ConcentrationBesideReliance(
        MarketConcentration market, string providerId, string providerName, IReadOnlyList<KeyValuePair<string, RelianceFigures>> models)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(providerId);
        ArgumentNullException.ThrowIfNull(providerName);
        ArgumentNullException.ThrowIfNull(models);
        ProviderShare share = market.Shares.FirstOrDefault(s => s.ProviderId == providerId)
            ?? throw new ArgumentException($"'{providerId}' has no share in {market.MarketId} {market.Period}.", nameof(providerId));
        string basis = string.Join(", ", market.SourceIds);
        bool range = share.Share is null || share.High > share.Low;
        var rows = new List<RelianceRow>
        {
            new("market", $"{providerName}'s share of the market ({market.MarketId}, {market.Period}, by {market.Measure})", share.Share ?? share.Low, range ? share.Low : null, range ? share.High : null, true, basis),
            new("market", $"CR3: the three largest firms' share ({market.Period})", market.Cr3, null, null, true, basis),
            new("market", $"HHI ({market.Period}; 0-1 scale, x 10,000 for points)", market.Hhi, market.HhiInterval.Lower, market.HhiInterval.Upper, false, basis),
        };
        foreach ((string label, RelianceFigures f) in models)
        {
            if (label is null || f is null)
            {
                throw new ArgumentException("A model label or its figures are null.", nameof(models));
            }

            double Of(int n) => f.Services == 0 ? 0 : (double)n / f.Services;
            double? Services(int n) => f.Services == 0 ? null : Of(n);
            rows.Add(new(label, $"services using {f.RegionNodeId}", Services(f.UsingRegion), null, null, true, "model"));
            rows.Add(new(label, $"services failing with {f.RegionNodeId} alone", Services(f.FailingWithRegion), null, null, true, "model"));
            rows.Add(new(label, $"services using {f.ProviderNodeId}", Services(f.UsingProvider), null, null, true, "model"));
            rows.Add(new(label, $"services failing with {f.ProviderNodeId} alone", Services(f.FailingWithProvider), null, null, true, "model"));
            rows.Add(new(label, $"known revenue failing with {f.RegionNodeId} alone", f.RevenueShareFailingWithRegion, null, null, true, "model"));
            rows.Add(new(label, $"known revenue failing with {f.ProviderNodeId} alone", f.RevenueShareFailingWithProvider, null, null, true, "model"));
        }

        return rows;
    }

    private static void CheckMeasure(string measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (measure is not ("ground-up" or "insured"))
        {
            throw new ArgumentException($"Expected the measure 'ground-up' or 'insured', found '{measure}'.", nameof(measure));
        }
    }

    private static string NodeName(DependencyModel model, string nodeId)
    {
        int i = model.IndexOfNode(nodeId);
        return i >= 0 ? model.Nodes[i].Name : throw new ArgumentException($"'{nodeId}' is not a node of the model.", nameof(model));
    }

    /// <summary>For every dependent (nodes, then services), whether a requirement path leads to node <paramref name="target"/>.</summary>
    /// <remarks>
    /// Breadth-first search backwards from the target over requirement edges, so a dependency cycle is crossed once and
    /// every member of it that reaches the target is marked, whichever is met first.
    /// </remarks>
    private static bool[] Reaching(DependencyModel model, int target)
    {
        int m = model.Nodes.Count;
        var reached = new bool[m];
        DependencyReach.Nodes(model, [target], reached, new int[m]);
        var result = new bool[m + model.Services.Count];
        Array.Copy(reached, result, m);
        for (int d = m; d < result.Length; d++)
        {
            result[d] = DependencyReach.Uses(model, d, reached);
        }

        return result;
    }
}
