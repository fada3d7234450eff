namespace RiskToolkit.Impact;

/// <summary>One bar of an event's timeline: the whole event or one component's impact window, in UTC.</summary>
/// <param name="Label">What was impaired (the event, or a node's display name).</param>
/// <param name="NodeId">The failed node, or <see langword="null"/> for the whole event.</param>
/// <param name="StartUtc">Start (UTC).</param>
/// <param name="EndUtc">End (UTC), after the start.</param>
/// <param name="SourceId">Source of the window (id into sources.csv), or <see langword="null"/> for an assumed one.</param>
/// <param name="Note">How the window was read from the source, or <see langword="null"/>.</param>
public sealed record TimelineWindow(string Label, string? NodeId, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string? SourceId, string? Note)
{
    /// <summary>Length in hours.</summary>
    public double Hours => (EndUtc - StartUtc).TotalHours;

    /// <summary>The start in US Pacific time, as AWS reports it (<see cref="CaseStudy.ToPacific"/>).</summary>
    public DateTimeOffset StartPacific => CaseStudy.ToPacific(StartUtc);

    /// <summary>The end in US Pacific time.</summary>
    public DateTimeOffset EndPacific => CaseStudy.ToPacific(EndUtc);
}

/// <summary>One stretch of a replayed event in which the same nodes are failed, with everything that is down.</summary>
/// <param name="StartUtc">Start of the stretch (UTC).</param>
/// <param name="EndUtc">End of the stretch (UTC).</param>
/// <param name="FailedNodeIds">Nodes failed on their own (their impact windows cover the stretch).</param>
/// <param name="BroughtDownNodeIds">Nodes down only through their requirements, in propagation order.</param>
/// <param name="ServicesDown">Services down in the stretch (recovery lags not included).</param>
public sealed record CascadeStretch(
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    IReadOnlyList<string> FailedNodeIds,
    IReadOnlyList<string> BroughtDownNodeIds,
    int ServicesDown)
{
    /// <summary>Length in hours.</summary>
    public double Hours => (EndUtc - StartUtc).TotalHours;
}

/// <summary>One window in which a service is down: while its requirements are down, then its recovery lag.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country, or <see langword="null"/> when unknown.</param>
/// <param name="Sector">NAICS sector, or <see langword="null"/> when unknown.</param>
/// <param name="StartUtc">When it goes down (UTC).</param>
/// <param name="RequirementsBackUtc">When its requirements are back (UTC): the end of the last requirement window inside this window.</param>
/// <param name="EndUtc">When it is back (UTC), the recovery lag included.</param>
public sealed record ServiceDownWindow(
    string ServiceId,
    string Name,
    string? Country,
    string? Sector,
    DateTimeOffset StartUtc,
    DateTimeOffset RequirementsBackUtc,
    DateTimeOffset EndUtc)
{
    /// <summary>Hours down, the lag included.</summary>
    public double Hours => (EndUtc - StartUtc).TotalHours;

    /// <summary>Hours of recovery lag after the requirements are back.</summary>
    public double LagHours => (EndUtc - RequirementsBackUtc).TotalHours;
}

/// <summary>
/// One loss figure beside another: a published range or our Monte Carlo estimate (its 5th percentile, mean and
/// 95th percentile), with what it measures and whom it covers.
/// </summary>
/// <param name="Estimate">Who made it: the publisher, or our scenario's name.</param>
/// <param name="Measure"><c>ground-up</c> or <c>insured</c>.</param>
/// <param name="Scope">Whose losses it covers, in words.</param>
/// <param name="LowUsd">Low end (USD): the published low, or our 5th percentile.</param>
/// <param name="CentralUsd">Our Monte Carlo mean (USD), or <see langword="null"/> for a published range without a central value.</param>
/// <param name="HighUsd">High end (USD): the published high, or our 95th percentile.</param>
/// <param name="ShareInPublishedRange">
/// Share (0–1) of our trials whose loss lies in the published range [low, high], for our rows of the same measure
/// as the published one; <see langword="null"/> for the published row and for rows of another measure.
/// </param>
/// <param name="SourceId">Source of a published row (id into sources.csv), or <see langword="null"/> for ours.</param>
public sealed record LossComparisonRow(
    string Estimate,
    string Measure,
    string Scope,
    double LowUsd,
    double? CentralUsd,
    double HighUsd,
    double? ShareInPublishedRange,
    string? SourceId);

/// <summary>What one replay of an event counts in one geographic scope.</summary>
/// <param name="Label">Which replay (e.g. "named services", "synthetic population").</param>
/// <param name="ServicesInScope">Services of the model in the scope.</param>
/// <param name="ServicesDown">Of them, services down at some time in the event.</param>
/// <param name="UsersDown">
/// Sum of the users of the services down, or <see langword="null"/> when a service down has no user count. A person who
/// uses several of them counts once per service.
/// </param>
public sealed record ReplayCount(string Label, int ServicesInScope, int ServicesDown, long? UsersDown);

/// <summary>A published indicator of an outage's scale beside what the model's replays count in the same scope.</summary>
/// <param name="Indicator">The published figure (e.g. Downdetector reports).</param>
/// <param name="Replays">What each replay counts in the indicator's scope, in the order given.</param>
public sealed record IndicatorComparison(OutageIndicator Indicator, IReadOnlyList<ReplayCount> Replays);

/// <summary>A model and the replay of an event on it, named for tables and charts.</summary>
/// <param name="Label">Display label, e.g. "synthetic population".</param>
/// <param name="Model">The dependency model.</param>
/// <param name="Timeline">The event replayed on it (<see cref="OutageTimeline.Build"/>).</param>
public sealed record ModelReplay(string Label, Dependencies.DependencyModel Model, OutageTimeline Timeline);

/// <summary>
/// How far the services of a model rely on a region and on its provider: "using" counts services with a
/// requirement path to the node; "failing with" counts services that go down when the node alone fails.
/// </summary>
/// <param name="RegionNodeId">The region node.</param>
/// <param name="ProviderNodeId">The provider node.</param>
/// <param name="Services">Services of the model.</param>
/// <param name="UsingRegion">Services with a requirement path to the region.</param>
/// <param name="FailingWithRegion">Services down when the region alone fails.</param>
/// <param name="UsingProvider">Services with a requirement path to the provider.</param>
/// <param name="FailingWithProvider">Services down when the provider alone fails.</param>
/// <param name="RevenueKnownServices">Services with a known annual revenue.</param>
/// <param name="RevenueUsd">Their annual revenue (USD per year).</param>
/// <param name="RevenueFailingWithRegionUsd">Annual revenue (USD per year) of the services with known revenue that fail with the region.</param>
/// <param name="RevenueFailingWithProviderUsd">Annual revenue (USD per year) of the services with known revenue that fail with the provider.</param>
public sealed record RelianceFigures(
    string RegionNodeId,
    string ProviderNodeId,
    int Services,
    int UsingRegion,
    int FailingWithRegion,
    int UsingProvider,
    int FailingWithProvider,
    int RevenueKnownServices,
    double RevenueUsd,
    double RevenueFailingWithRegionUsd,
    double RevenueFailingWithProviderUsd)
{
    /// <summary>Share (0–1) of the revenue of services with known revenue that fails with the region; <see langword="null"/> when no revenue is known.</summary>
    public double? RevenueShareFailingWithRegion => RevenueUsd > 0 ? RevenueFailingWithRegionUsd / RevenueUsd : null;

    /// <summary>Share (0–1) of the revenue of services with known revenue that fails with the provider; <see langword="null"/> when no revenue is known.</summary>
    public double? RevenueShareFailingWithProvider => RevenueUsd > 0 ? RevenueFailingWithProviderUsd / RevenueUsd : null;
}

/// <summary>One figure of a market's concentration or of a model's reliance, for a table and a chart.</summary>
/// <param name="Group">Whose figure: <c>market</c>, or the model's label.</param>
/// <param name="Figure">What it measures, in words.</param>
/// <param name="Value">
/// A share 0–1 when <paramref name="IsShare"/>; otherwise the HHI on the 0–1 scale (× 10,000 for points); <see langword="null"/>
/// when undefined (e.g. revenue unknown).
/// </param>
/// <param name="Low">Low end of the share when the data give a range, else <see langword="null"/>.</param>
/// <param name="High">High end of the share when the data give a range, else <see langword="null"/>.</param>
/// <param name="IsShare">Whether <paramref name="Value"/> is a share of firms, services or revenue (drawn in the chart).</param>
/// <param name="Basis">What the figure rests on: a source id, or the model.</param>
public sealed record RelianceRow(string Group, string Figure, double? Value, double? Low, double? High, bool IsShare, string Basis);
