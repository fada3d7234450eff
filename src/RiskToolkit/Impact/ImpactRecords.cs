namespace RiskToolkit.Impact;

/// <summary>
/// A row of <c>sector_parameters.csv</c>: the loss parameters of one NAICS sector, used where a service
/// lacks its own figures.
/// </summary>
/// <param name="Sector">NAICS sector as written in services.csv (<c>52</c>, <c>31-33</c>, …); primary key.</param>
/// <param name="Name">Sector title.</param>
/// <param name="DowntimeCostUsdPerHour">
/// Default hourly loss (USD per hour, &gt; 0) of a service whose annual revenue is unknown: the cost of an
/// hour of downtime of a mid-size or large firm (ITIC 2024: over 90% of such firms lose more than
/// $300,000 per hour).
/// </param>
/// <param name="LossFraction">
/// Share (0–1) of a service's hourly revenue lost while it is down (the dependency share of METHODS.md's
/// direct-loss formula); the mean of the Monte Carlo Beta draw.
/// </param>
/// <param name="RecoveryFraction">Share (0–1) of the lost revenue recovered later (deferred purchases, work caught up).</param>
/// <param name="IncidentCostUsd">Fixed cost per affected service and event (USD, ≥ 0): response, overtime, customer remediation.</param>
/// <param name="CloudDependence">Share (0–1) of the sector's firms or output that depends on cloud services, for economy-level exposures; <see langword="null"/> when unknown.</param>
/// <param name="SourceId">Source of the figures (id into sources.csv).</param>
/// <param name="Note">Which figures are assumptions and why, or <see langword="null"/>.</param>
public sealed record SectorParameters(
    string Sector,
    string Name,
    double DowntimeCostUsdPerHour,
    double LossFraction,
    double RecoveryFraction,
    double IncidentCostUsd,
    double? CloudDependence,
    string SourceId,
    string? Note);

/// <summary>A row of <c>outage_events.csv</c>: a historical outage of a concentrated provider (FACTS §5).</summary>
/// <param name="EventId">Primary key, e.g. <c>aws-us-east-1-2025-10-20</c>.</param>
/// <param name="StartUtc">Start (UTC).</param>
/// <param name="EndUtc">End (UTC), or <see langword="null"/> when no source gives it.</param>
/// <param name="ProviderId">The provider at fault (id into providers.csv).</param>
/// <param name="NodeIds">Nodes of the bundled dependency model that failed, when modelled (may be empty).</param>
/// <param name="Layer">Layer of the failure: cloud, dns, cdn, security, …</param>
/// <param name="RootCause">Root cause in words.</param>
/// <param name="AffectedCount">Number of affected organisations, devices or firms as the source counts them, or <see langword="null"/>.</param>
/// <param name="LossEstimateLowUsd">Lower published loss estimate (USD), or <see langword="null"/> when none was found.</param>
/// <param name="LossEstimateHighUsd">Upper published loss estimate (USD), or <see langword="null"/>.</param>
/// <param name="SourceId">Source of the row (id into sources.csv).</param>
/// <param name="Note">What the counts and estimates measure, conflicts between sources, or <see langword="null"/>.</param>
public sealed record OutageEvent(
    string EventId,
    DateTimeOffset StartUtc,
    DateTimeOffset? EndUtc,
    string ProviderId,
    IReadOnlyList<string> NodeIds,
    string Layer,
    string RootCause,
    long? AffectedCount,
    double? LossEstimateLowUsd,
    double? LossEstimateHighUsd,
    string SourceId,
    string? Note);
