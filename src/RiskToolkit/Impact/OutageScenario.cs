namespace RiskToolkit.Impact;

/// <summary>
/// An outage scenario: which nodes fail and when, whose losses count, what insurance pays, how uncertain
/// the inputs are and how often such an event happens. Read from a JSON file by
/// <c>RiskToolkit.Data.ScenarioReader</c>; the schema is in data/README.md.
/// </summary>
/// <param name="ScenarioId">Identifier, e.g. <c>aws-us-east-1-2025-10-20</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">What the scenario represents, in words, or <see langword="null"/>.</param>
/// <param name="Failures">The failed nodes with their windows (at least one).</param>
/// <param name="RecoveryLags">Extra hours a service stays down after its requirements are restored (backlogs, cache expiry, restarts).</param>
/// <param name="Filters">Whose losses count (all services when empty).</param>
/// <param name="Insurance">Policy terms for the insured loss.</param>
/// <param name="Uncertainty">Spreads of the Monte Carlo inputs.</param>
/// <param name="Frequency">How often an event like this happens (Poisson rate per year).</param>
/// <param name="SourceIds">Sources of the scenario's windows and figures (ids into sources.csv).</param>
public sealed record OutageScenario(
    string ScenarioId,
    string Name,
    string? Description,
    IReadOnlyList<NodeFailure> Failures,
    RecoveryLags RecoveryLags,
    ScenarioFilters Filters,
    InsuranceTerms Insurance,
    LossUncertainty Uncertainty,
    EventFrequency Frequency,
    IReadOnlyList<string> SourceIds);

/// <summary>A node down over a window [start, end) in UTC.</summary>
/// <param name="NodeId">A node of the dependency model.</param>
/// <param name="StartUtc">When the node fails (UTC).</param>
/// <param name="EndUtc">When it is restored (UTC); later than <paramref name="StartUtc"/>.</param>
/// <param name="SourceId">Source of the window, or <see langword="null"/> for an assumed window.</param>
/// <param name="Note">How the window was read from the source, or <see langword="null"/>.</param>
public sealed record NodeFailure(string NodeId, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string? SourceId, string? Note)
{
    /// <summary>Length of the window in hours.</summary>
    public double Hours => (EndUtc - StartUtc).TotalHours;
}

/// <summary>Recovery lags of services, in hours (≥ 0).</summary>
/// <param name="DefaultHours">Lag of every service not listed in <paramref name="ByService"/>.</param>
/// <param name="ByService">Lag per service id.</param>
public sealed record RecoveryLags(double DefaultHours, IReadOnlyDictionary<string, double> ByService)
{
    /// <summary>No lag for any service.</summary>
    public static RecoveryLags None { get; } = new(0, new Dictionary<string, double>());

    /// <summary>The lag of one service in hours.</summary>
    /// <param name="serviceId">A service id.</param>
    /// <returns>Its own lag when listed, else <see cref="DefaultHours"/>.</returns>
    public double For(string serviceId) => ByService.TryGetValue(serviceId, out double h) ? h : DefaultHours;
}

/// <summary>
/// Whose losses count. Filters select services after propagation: a filtered-out service can still fail,
/// its loss is simply outside the scenario's scope. Empty lists mean no restriction.
/// </summary>
/// <param name="Countries">ISO 3166-1 alpha-2 countries of the services kept.</param>
/// <param name="Sectors">NAICS sectors (as written in services.csv, e.g. <c>52</c>, <c>31-33</c>) kept.</param>
/// <param name="TopByRevenue">
/// Segment: keep only the N services with the largest known annual revenue after the country and sector
/// filters (e.g. 500 with country US for a Fortune-500-like segment); services of unknown revenue are then
/// outside the segment and counted as such. <see langword="null"/> for no segment.
/// </param>
public sealed record ScenarioFilters(IReadOnlyList<string> Countries, IReadOnlyList<string> Sectors, int? TopByRevenue)
{
    /// <summary>No restriction.</summary>
    public static ScenarioFilters None { get; } = new([], [], null);
}

/// <summary>
/// Terms of a business-interruption cover for outages of a provider (contingent business interruption or
/// system failure), applied to each service's loss.
/// </summary>
/// <param name="WaitingPeriodHours">
/// Time deductible (≥ 0): the cover pays the loss of the hours beyond it; an outage no longer than the
/// waiting period pays nothing. Typical cloud-outage covers use 8–12 h (CyberCube 2025, METHODS.md). It is
/// applied once to a service's total hours in the event, so separate down windows of one event count
/// together (a policy that restarts the waiting period for each interruption pays less).
/// </param>
/// <param name="DeductibleUsd">Monetary deductible per service and event (USD, ≥ 0).</param>
/// <param name="LimitUsd">Limit per service and event (USD, &gt; 0), or <see langword="null"/> for none.</param>
/// <param name="TakeUp">
/// Share (0–1) of services that hold such a cover; the insured loss is the expected value over take-up, so
/// the spread of simulated insured losses (VaR, TVaR, OEP) leaves out which firms happen to be insured.
/// </param>
public sealed record InsuranceTerms(double WaitingPeriodHours, double DeductibleUsd, double? LimitUsd, double TakeUp);

/// <summary>Spreads of the Monte Carlo inputs; zero everywhere gives the deterministic loss in every trial.</summary>
/// <param name="DurationLogSd">σ (≥ 0) of the lognormal multiplier (median 1) that stretches the whole timeline from the first failure, one draw per trial.</param>
/// <param name="LossFractionConcentration">
/// Concentration κ (&gt; 0) of the Beta distribution of each service's loss fraction per trial, with mean the
/// sector's loss fraction m: Beta(mκ, (1 − m)κ); larger is tighter. <see langword="null"/> keeps the fraction fixed.
/// </param>
/// <param name="DefaultRevenueLogSd">σ (≥ 0) of the lognormal multiplier (mean 1) on sector-default hourly losses, one draw per sector and trial (a default is uncertain alike for every service that uses it).</param>
public sealed record LossUncertainty(double DurationLogSd, double? LossFractionConcentration, double DefaultRevenueLogSd)
{
    /// <summary>No uncertainty.</summary>
    public static LossUncertainty None { get; } = new(0, null, 0);
}

/// <summary>How often an event like the scenario happens: a Poisson rate per year, given or counted from outage_events.</summary>
/// <param name="AnnualRate">The rate (events per year, ≥ 0) when given directly, else <see langword="null"/>.</param>
/// <param name="RateSourceId">Source of a given rate, or <see langword="null"/>.</param>
/// <param name="FromEvents">Which rows of outage_events count, when the rate is counted; <see langword="null"/> when given.</param>
public sealed record EventFrequency(double? AnnualRate, string? RateSourceId, OutageEventFilter? FromEvents);

/// <summary>
/// Rows of outage_events that count as events of the scenario's kind: rate = matching events ÷ years
/// between <paramref name="FromUtc"/> and <paramref name="ToUtc"/>.
/// </summary>
/// <param name="ProviderIds">Providers whose events count (empty: any).</param>
/// <param name="Layers">Layers whose events count (empty: any).</param>
/// <param name="FromUtc">Start of the observation window (UTC).</param>
/// <param name="ToUtc">End of the observation window (UTC), after the start.</param>
public sealed record OutageEventFilter(IReadOnlyList<string> ProviderIds, IReadOnlyList<string> Layers, DateTimeOffset FromUtc, DateTimeOffset ToUtc);
