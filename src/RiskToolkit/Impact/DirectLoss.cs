using Microsoft.Data.Analysis;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Impact;

/// <summary>The direct and insured loss of one affected service in a scenario.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Sector">Its NAICS sector.</param>
/// <param name="Country">Its country, or <see langword="null"/> when unknown.</param>
/// <param name="Hours">Hours down, recovery lag included.</param>
/// <param name="HourlyLossUsd">
/// Loss per hour down before recovery (USD per hour): annual revenue ÷ 8,760 × the sector's loss fraction,
/// or the sector's default downtime cost when the revenue is unknown.
/// </param>
/// <param name="UsesSectorDefault">Whether <paramref name="HourlyLossUsd"/> is the sector default (the service's revenue is unknown).</param>
/// <param name="RecoveredShare">Share (0–1) of the lost revenue recovered later.</param>
/// <param name="IncidentCostUsd">Fixed incident cost (USD).</param>
/// <param name="DirectLossUsd">Direct loss (USD): hourly loss × hours × (1 − recovered share) + incident cost.</param>
/// <param name="InsuredLossUsd">Expected insured loss (USD): take-up × min(limit, max(0, hourly loss × (1 − recovered share) × max(0, hours − waiting period) − deductible)).</param>
public sealed record ServiceLoss(
    string ServiceId,
    string Name,
    string Sector,
    string? Country,
    double Hours,
    double HourlyLossUsd,
    bool UsesSectorDefault,
    double RecoveredShare,
    double IncidentCostUsd,
    double DirectLossUsd,
    double InsuredLossUsd);

/// <summary>Losses summed over the affected services of one sector or country.</summary>
/// <param name="Key">NAICS sector or ISO country code; <c>unknown</c> for services without a country.</param>
/// <param name="Label">Display label (sector title, or the country code).</param>
/// <param name="Services">Affected services counted.</param>
/// <param name="DirectLossUsd">Sum of their direct losses (USD).</param>
/// <param name="InsuredLossUsd">Sum of their expected insured losses (USD).</param>
public sealed record LossByKey(string Key, string Label, int Services, double DirectLossUsd, double InsuredLossUsd);

/// <summary>Which services a loss figure covers, so that nothing outside it passes unnoticed.</summary>
/// <param name="ServicesInModel">Services of the dependency model.</param>
/// <param name="ServicesInScope">Services kept by the scenario's filters.</param>
/// <param name="ServicesAffected">Services in scope that are down at some time: the ones with a loss.</param>
/// <param name="ServicesAffectedOutsideScope">Services down at some time but outside the filters (no loss counted).</param>
/// <param name="UnknownRevenueOutsideSegment">Services that pass the country and sector filters but were left out of a top-by-revenue segment because their revenue is unknown.</param>
/// <param name="ServicesUsingSectorDefaults">Affected services whose hourly loss is their sector's default (revenue unknown).</param>
public sealed record LossScope(
    int ServicesInModel,
    int ServicesInScope,
    int ServicesAffected,
    int ServicesAffectedOutsideScope,
    int UnknownRevenueOutsideSegment,
    int ServicesUsingSectorDefaults);

/// <summary>The direct and insured loss of a scenario, per service, sector and country.</summary>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="Timeline">When each service was down.</param>
/// <param name="Services">Affected services in scope, in model order.</param>
/// <param name="BySector">Losses by NAICS sector, largest direct loss first.</param>
/// <param name="ByCountry">Losses by country, largest direct loss first.</param>
/// <param name="DirectLossUsd">Total direct loss (USD).</param>
/// <param name="InsuredLossUsd">Total expected insured loss (USD).</param>
/// <param name="Scope">Which services the totals cover.</param>
public sealed record LossReport(
    string ScenarioId,
    OutageTimeline Timeline,
    IReadOnlyList<ServiceLoss> Services,
    IReadOnlyList<LossByKey> BySector,
    IReadOnlyList<LossByKey> ByCountry,
    double DirectLossUsd,
    double InsuredLossUsd,
    LossScope Scope)
{
    /// <summary>
    /// One row per affected service: service_id, name, sector, country, hours, hourly_loss_usd,
    /// uses_sector_default, recovered_share, incident_cost_usd, direct_loss_usd, insured_loss_usd.
    /// </summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("service_id", Services.Select(s => s.ServiceId)),
        new StringDataFrameColumn("name", Services.Select(s => s.Name)),
        new StringDataFrameColumn("sector", Services.Select(s => s.Sector)),
        new StringDataFrameColumn("country", Services.Select(s => s.Country)),
        new DoubleDataFrameColumn("hours", Services.Select(s => s.Hours)),
        new DoubleDataFrameColumn("hourly_loss_usd", Services.Select(s => s.HourlyLossUsd)),
        new BooleanDataFrameColumn("uses_sector_default", Services.Select(s => s.UsesSectorDefault)),
        new DoubleDataFrameColumn("recovered_share", Services.Select(s => s.RecoveredShare)),
        new DoubleDataFrameColumn("incident_cost_usd", Services.Select(s => s.IncidentCostUsd)),
        new DoubleDataFrameColumn("direct_loss_usd", Services.Select(s => s.DirectLossUsd)),
        new DoubleDataFrameColumn("insured_loss_usd", Services.Select(s => s.InsuredLossUsd)));
}

/// <summary>
/// Direct and insured loss of an outage scenario over the dependency model's failure propagation.
/// </summary>
/// <remarks>
/// Direct loss of an affected firm ≈ revenue per hour × outage hours × dependency share × (1 − share
/// recovered later) + incident costs; insured loss applies a waiting period (time deductible), a deductible
/// and a limit, so an outage no longer than the waiting period pays nothing (METHODS.md, "Economic impact";
/// Lloyd's &amp; AIR, Cloud Down, 2018; CyberCube 2025). Hours come from <see cref="OutageTimeline"/>.
/// The sector parameters stand in only where a service lacks its own figure, and the report counts those
/// services (<see cref="LossScope.ServicesUsingSectorDefaults"/>).
/// </remarks>
public static class DirectLoss
{
    /// <summary>Hours in a year: annual revenue ÷ 8,760 is revenue per hour of a business that trades around the clock.</summary>
    public const double HoursPerYear = 8760;

    /// <summary>Computes the scenario's direct and insured loss.</summary>
    /// <param name="model">The compiled dependency model.</param>
    /// <param name="scenario">The scenario (failures, lags, filters, insurance terms).</param>
    /// <param name="sectors">Sector parameters; every affected service's sector needs a row.</param>
    /// <returns>Losses per service, sector and country with their scope.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// When the scenario's failures are invalid (see <see cref="OutageTimeline.Build"/>), its insurance terms
    /// are out of range, an affected service has no sector, or a sector has no parameters.
    /// </exception>
    public static LossReport Compute(DependencyModel model, OutageScenario scenario, IReadOnlyList<SectorParameters> sectors) =>
        FromExposure(LossExposure.Build(model, scenario, sectors));

    /// <summary>The report of an exposure already built (shared with the Monte Carlo run of the same scenario).</summary>
    internal static LossReport FromExposure(LossExposure exposure)
    {
        OutageScenario scenario = exposure.Scenario;
        var rows = new ServiceLoss[exposure.Count];
        for (int i = 0; i < exposure.Count; i++)
        {
            DependentService s = exposure.Service(i);
            double hours = exposure.HoursAt(i, 1);
            rows[i] = new ServiceLoss(
                s.ServiceId,
                s.Name,
                s.Sector!,
                s.Country,
                hours,
                exposure.Hourly[i],
                exposure.UsesDefault[i],
                exposure.Recovered[i],
                exposure.Incident[i],
                LossExposure.Direct(exposure.Hourly[i], hours, exposure.Recovered[i], exposure.Incident[i]),
                exposure.Insured(exposure.Hourly[i], hours, exposure.Recovered[i]));
        }

        return new LossReport(
            scenario.ScenarioId,
            exposure.Timeline,
            rows,
            Group(rows, r => r.Sector, NaicsSectors.Title),
            Group(rows, r => r.Country ?? "unknown", k => k),
            rows.Sum(r => r.DirectLossUsd),
            rows.Sum(r => r.InsuredLossUsd),
            exposure.Scope);
    }

    private static LossByKey[] Group(IEnumerable<ServiceLoss> rows, Func<ServiceLoss, string> key, Func<string, string> label) =>
        rows.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new LossByKey(g.Key, label(g.Key), g.Count(), g.Sum(r => r.DirectLossUsd), g.Sum(r => r.InsuredLossUsd)))
            .OrderByDescending(g => g.DirectLossUsd)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToArray();
}
