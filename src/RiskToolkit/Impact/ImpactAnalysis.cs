using RiskToolkit.Data;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Impact;

/// <summary>Exceedance results of one loss measure (ground-up or insured).</summary>
/// <param name="Periods">The simulated years and their losses.</param>
/// <param name="Ep">OEP and AEP at the standard return periods that the simulated years support.</param>
/// <param name="Aal">Average annual loss with its spread and interval.</param>
public sealed record ExceedanceResult(PeriodLossTable Periods, ExceedanceTable Ep, AverageAnnualLoss Aal);

/// <summary>Everything one scenario yields: direct and insured loss, their distribution, exceedance curves and the cascade.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Direct">Deterministic direct and insured loss per service, sector and country (the inputs at their central values).</param>
/// <param name="Distribution">Monte Carlo loss distribution of one event.</param>
/// <param name="Frequency">The event's Poisson rate per year.</param>
/// <param name="GroundUp">Exceedance results of the ground-up (direct) loss.</param>
/// <param name="Insured">Exceedance results of the insured loss.</param>
/// <param name="Cascade">
/// Direct and cascaded loss by input-output sector of the US services' deterministic direct loss without
/// incident costs, over the scenario's span (first failure to the last service's return, recovery lags
/// included), or <see langword="null"/> when no input-output table was given or no US service has a loss.
/// </param>
/// <param name="Catalogue">The event with its loss samples, ground-up then insured, as written to the Oasis tables.</param>
public sealed record ImpactResult(
    OutageScenario Scenario,
    LossReport Direct,
    LossDistribution Distribution,
    EventRate Frequency,
    ExceedanceResult GroundUp,
    ExceedanceResult Insured,
    CascadeLoss? Cascade,
    IReadOnlyList<EventLossSamples> Catalogue);

/// <summary>
/// Runs a scenario end to end: direct and insured loss (<see cref="DirectLoss"/>), the Monte Carlo distribution of
/// one event (<see cref="MonteCarloLoss"/>), the Poisson rate (<see cref="OutageFrequency"/>), simulated years with
/// OEP, AEP and AAL (<see cref="ExceedanceAnalysis"/>) and the input-output cascade (<see cref="InoperabilityModel"/>).
/// </summary>
public static class ImpactAnalysis
{
    /// <summary>Seed offset of the period simulation, so that its random streams differ from the event trials'.</summary>
    private const ulong PeriodStream = 0x5DEECE66DUL;

    /// <summary>Runs the scenario.</summary>
    /// <param name="model">The compiled dependency model.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="impact">Sector parameters and outage events.</param>
    /// <param name="io">Input-output table for the cascade, or <see langword="null"/> to skip it.</param>
    /// <param name="trials">Event trials and simulated years (1 to 10,000,000): each year draws its events' losses from the trials, as Oasis pairs occurrences with samples.</param>
    /// <param name="seed">Seed; the same seed gives the same result, serial or parallel.</param>
    /// <param name="parallel">Whether to use every core.</param>
    /// <param name="progress">Receives trials done, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">When a required argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="trials"/> is out of range.</exception>
    /// <exception cref="ArgumentException">As the steps it runs, e.g. a sector without parameters or an ill-conditioned input-output table.</exception>
    public static ImpactResult Run(
        DependencyModel model,
        OutageScenario scenario,
        ImpactData impact,
        IoTable? io,
        int trials,
        ulong seed,
        bool parallel = true,
        IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(impact);
        if (trials is < 1 or > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "Expected 1 to 10,000,000 trials.");
        }

        // One timeline and exposure serve both the deterministic loss and the trials.
        LossExposure exposure = LossExposure.Build(model, scenario, impact.Sectors);
        LossReport direct = DirectLoss.FromExposure(exposure);
        LossDistribution distribution = MonteCarloLoss.FromExposure(exposure, trials, seed, parallel, progress);
        EventRate rate = OutageFrequency.Rate(scenario.Frequency, impact.Events);
        EventLossSamples groundUpEvent = new(1, scenario.Name, rate.AnnualRate, distribution.GroundUpLosses);
        EventLossSamples insuredEvent = new(1, scenario.Name, rate.AnnualRate, distribution.InsuredLosses);

        // The same seed and sample count give the same occurrences, so both measures see the same years.
        ulong periodSeed = unchecked(seed + PeriodStream);
        PeriodLossTable groundUpYears = ExceedanceAnalysis.SimulatePeriods([groundUpEvent], trials, periodSeed, parallel);
        PeriodLossTable insuredYears = ExceedanceAnalysis.SimulatePeriods([insuredEvent], trials, periodSeed, parallel);
        return new ImpactResult(
            scenario,
            direct,
            distribution,
            rate,
            new ExceedanceResult(groundUpYears, ExceedanceAnalysis.EpTable(groundUpYears), ExceedanceAnalysis.Aal(groundUpYears)),
            new ExceedanceResult(insuredYears, ExceedanceAnalysis.EpTable(insuredYears), ExceedanceAnalysis.Aal(insuredYears)),
            io is null ? null : CascadeOf(direct, io),
            [groundUpEvent, insuredEvent]);
    }

    /// <summary>
    /// The input-output cascade of the US services' direct loss: the table describes the US economy, so other
    /// countries' losses stay direct only. Each NAICS sector goes to the table sector that covers it. Incident
    /// costs are spending, not lost output, so they are left out of the perturbation c*. The loss is in the
    /// scenario's dollars and the output in the table's (2015): the inoperability q reads high by the price
    /// change since, while the cascaded loss in dollars does not depend on it (it is linear in the direct loss).
    /// </summary>
    /// <param name="direct">Direct losses.</param>
    /// <param name="io">The input-output table.</param>
    /// <returns>The cascade, or <see langword="null"/> when no US service has a loss.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When a NAICS sector has no table sector, or a sector's direct loss exceeds its output over the span.</exception>
    public static CascadeLoss? CascadeOf(LossReport direct, IoTable io)
    {
        ArgumentNullException.ThrowIfNull(direct);
        ArgumentNullException.ThrowIfNull(io);
        var bySector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (ServiceLoss s in direct.Services.Where(s => s.Country == "US" && s.DirectLossUsd - s.IncidentCostUsd > 0))
        {
            string sector = io.SectorOfNaics(s.Sector)
                ?? throw new ArgumentException($"NAICS sector '{s.Sector}' of service '{s.ServiceId}' has no sector in the input-output table.", nameof(direct));
            bySector[sector] = bySector.GetValueOrDefault(sector) + (s.DirectLossUsd - s.IncidentCostUsd);
        }

        if (bySector.Count == 0)
        {
            return null;
        }

        double hours = Math.Max(direct.Timeline.Services.Max(o => (o.Windows[^1].EndUtc - direct.Timeline.StartUtc).TotalHours), (direct.Timeline.EndUtc - direct.Timeline.StartUtc).TotalHours);
        return InoperabilityModel.Cascade(io, bySector, hours);
    }
}
