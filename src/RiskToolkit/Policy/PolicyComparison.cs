using RiskToolkit.Concentration;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;

namespace RiskToolkit.Policy;

/// <summary>One policy's concentration and loss, and their change against the baseline.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="ServicesChanged">Services that adopted it (0 for the baseline).</param>
/// <param name="Eligible">Services that could adopt it (0 for the baseline).</param>
/// <param name="RelianceHhi">HHI of reliance on the cloud layer's providers, 0–1 (<see cref="RelianceAnalysis.Hhi"/>).</param>
/// <param name="ServicesAffected">Services in the scenario's scope that go down.</param>
/// <param name="ExpectedLossUsd">Ground-up loss per event, Monte Carlo mean, USD.</param>
/// <param name="AalUsd">Ground-up average annual loss, USD per year.</param>
/// <param name="Oep100Usd">Ground-up 1-in-100-year occurrence loss (OEP at return period 100), USD; <see langword="null"/> when fewer than 100 years were simulated.</param>
/// <param name="Aep100Usd">Ground-up 1-in-100-year aggregate loss (AEP at return period 100), USD; <see langword="null"/> as <paramref name="Oep100Usd"/>.</param>
/// <param name="DeltaHhiPoints">RelianceHhi − the baseline's, in HHI points (−10,000 to 10,000).</param>
/// <param name="DeltaExpectedLossUsd">ExpectedLossUsd − the baseline's, USD.</param>
/// <param name="DeltaAalUsd">AalUsd − the baseline's, USD per year.</param>
/// <param name="DeltaOep100Usd">Oep100Usd − the baseline's, USD; <see langword="null"/> when either is.</param>
/// <param name="DeltaAep100Usd">Aep100Usd − the baseline's, USD; <see langword="null"/> when either is.</param>
public sealed record PolicyOutcome(
    PolicySpec Policy,
    int ServicesChanged,
    int Eligible,
    double RelianceHhi,
    int ServicesAffected,
    double ExpectedLossUsd,
    double AalUsd,
    double? Oep100Usd,
    double? Aep100Usd,
    double DeltaHhiPoints,
    double DeltaExpectedLossUsd,
    double DeltaAalUsd,
    double? DeltaOep100Usd,
    double? DeltaAep100Usd)
{
    /// <summary>RelianceHhi in HHI points, 0–10,000.</summary>
    public double RelianceHhiPoints => RelianceHhi * ConcentrationIndices.PointsPerUnit;
}

/// <summary>Every policy of a comparison, the baseline first.</summary>
/// <param name="ScenarioId">The scenario run for every policy.</param>
/// <param name="Trials">Monte Carlo trials and simulated years of each run.</param>
/// <param name="Seed">The one seed of every run (common random numbers) and of the adoption order.</param>
/// <param name="Outcomes">The baseline, then the policies in the order given.</param>
public sealed record PolicyComparisonReport(string ScenarioId, int Trials, ulong Seed, IReadOnlyList<PolicyOutcome> Outcomes);

/// <summary>
/// Compares policies on one scenario: for each, the cloud-layer HHI of reliance and the scenario's loss
/// (expected loss per event, AAL, 1-in-100-year OEP and AEP), each as a change against the baseline.
/// </summary>
/// <remarks>
/// Each policy's tables come from <see cref="PolicyTransforms.Apply"/>, its loss from
/// <see cref="ImpactAnalysis.Run"/> (no input-output cascade) with the SAME seed for every policy: common
/// random numbers, so the differences reflect the policy more than sampling noise. Serial and parallel runs
/// give equal results (<see cref="ImpactAnalysis.Run"/>'s guarantee). Return periods and AAL follow the Oasis
/// Loss Modelling Framework's definitions (METHODS.md, 'Economic impact'); HHI the US DOJ's.
/// </remarks>
public static class PolicyComparison
{
    /// <summary>The return period of the tail loss reported, in years.</summary>
    public const int TailReturnPeriod = 100;

    /// <summary>Runs the baseline and every policy of <paramref name="policies"/> (a baseline among them is run again, as given).</summary>
    /// <param name="data">Dependency tables, e.g. the synthetic population of <c>data/synthetic</c>.</param>
    /// <param name="policies">The policies, e.g. <see cref="PolicySpec.Standard"/> without its first entry; may be empty.</param>
    /// <param name="scenario">The scenario (its node ids must be nodes of <paramref name="data"/>; the transforms keep them).</param>
    /// <param name="impact">Sector parameters and outage events.</param>
    /// <param name="trials">Monte Carlo trials and simulated years, 1 to 10,000,000; at least 100 for the 1-in-100-year loss.</param>
    /// <param name="seed">Seed of every run and of the adoption order.</param>
    /// <param name="parallel">Whether each run uses every core.</param>
    /// <returns>The baseline first, then one outcome per policy.</returns>
    /// <exception cref="ArgumentNullException">A null argument or policy.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A share outside [0, 1]; <paramref name="trials"/> out of range.</exception>
    /// <exception cref="ArgumentException">As <see cref="PolicyTransforms.Apply"/> and <see cref="ImpactAnalysis.Run"/>; the tables have no cloud region.</exception>
    public static PolicyComparisonReport Run(
        DependencyData data,
        IReadOnlyList<PolicySpec> policies,
        OutageScenario scenario,
        ImpactData impact,
        int trials,
        ulong seed,
        bool parallel = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(impact);
        if (policies.Any(p => p is null))
        {
            throw new ArgumentNullException(nameof(policies), "A policy is null.");
        }

        if (!data.Nodes.Any(n => n is { Kind: NodeKind.Region, Layer: PolicyTransforms.CloudLayer, ProviderId: not null }))
        {
            throw new ArgumentException("The tables have no cloud region: there is no cloud layer to compare policies on.", nameof(data));
        }

        var measured = new List<(PolicyApplication Application, double Hhi, ImpactResult Impact)>();
        foreach (PolicySpec policy in policies.Prepend(PolicySpec.Baseline))
        {
            PolicyApplication applied = PolicyTransforms.Apply(data, policy, seed);
            DependencyModel model = DependencyModel.Build(applied.Data);
            double hhi = RelianceAnalysis.Hhi(RelianceAnalysis.Analyse(model, null, PolicyTransforms.CloudLayer));
            measured.Add((applied, hhi, ImpactAnalysis.Run(model, scenario, impact, null, trials, seed, parallel)));
        }

        var (_, baseHhi, baseImpact) = measured[0];
        double? baseOep = Tail(baseImpact, r => r.Oep);
        double? baseAep = Tail(baseImpact, r => r.Aep);
        var outcomes = measured.Select(m =>
        {
            double? oep = Tail(m.Impact, r => r.Oep);
            double? aep = Tail(m.Impact, r => r.Aep);
            return new PolicyOutcome(
                m.Application.Policy,
                m.Application.ServicesChanged,
                m.Application.Eligible,
                m.Hhi,
                m.Impact.Direct.Scope.ServicesAffected,
                m.Impact.Distribution.GroundUp.Mean,
                m.Impact.GroundUp.Aal.Aal,
                oep,
                aep,
                (m.Hhi - baseHhi) * ConcentrationIndices.PointsPerUnit,
                m.Impact.Distribution.GroundUp.Mean - baseImpact.Distribution.GroundUp.Mean,
                m.Impact.GroundUp.Aal.Aal - baseImpact.GroundUp.Aal.Aal,
                oep - baseOep,
                aep - baseAep);
        }).ToArray();
        return new PolicyComparisonReport(scenario.ScenarioId, trials, seed, outcomes);
    }

    private static double? Tail(ImpactResult result, Func<ExceedanceRow, double> measure) =>
        result.GroundUp.Ep.Rows.FirstOrDefault(r => r.ReturnPeriod == TailReturnPeriod) is { } row ? measure(row) : null;
}
