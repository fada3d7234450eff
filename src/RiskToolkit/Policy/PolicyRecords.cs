using RiskToolkit.Dependencies;

namespace RiskToolkit.Policy;

/// <summary>What a <see cref="PolicySpec"/> does to the cloud layer of a dependency model.</summary>
public enum PolicyKind
{
    /// <summary>Nothing changes: the tables as given.</summary>
    Baseline,

    /// <summary>
    /// Services whose cloud layer rests on one region add a second region of the same provider as an
    /// alternative (<see cref="PolicyTransforms.MultiRegion"/>).
    /// </summary>
    MultiRegion,

    /// <summary>
    /// Services whose cloud layer rests on one region add a region of another provider as an alternative
    /// (<see cref="PolicyTransforms.MultiCloud"/>).
    /// </summary>
    MultiCloud,

    /// <summary>
    /// Services that rest on one of the largest cloud providers move to a region of a smaller provider
    /// (<see cref="PolicyTransforms.Deconcentration"/>).
    /// </summary>
    Deconcentration,
}

/// <summary>A policy to test: what it does and the share of eligible services that adopt it.</summary>
/// <param name="Label">Display label, e.g. <c>multi-region 50%</c>.</param>
/// <param name="Kind">What the policy does.</param>
/// <param name="Share">Share 0–1 of the eligible services that adopt it (ignored for <see cref="PolicyKind.Baseline"/>).</param>
/// <remarks>The share is checked where the policy is applied: a share outside [0, 1] or NaN throws <see cref="ArgumentOutOfRangeException"/> there.</remarks>
/// <exception cref="ArgumentNullException"><paramref name="Label"/> is <see langword="null"/>.</exception>
public sealed record PolicySpec(string Label, PolicyKind Kind, double Share)
{
    /// <summary>Display label, e.g. <c>multi-region 50%</c>; never <see langword="null"/>.</summary>
    public string Label { get; init; } = Label ?? throw new ArgumentNullException(nameof(Label));

    /// <summary>For <see cref="PolicyKind.Deconcentration"/>: how many of the largest cloud providers (by services using them) give up services; default 3.</summary>
    public int TopProviders { get; init; } = 3;

    /// <summary>The tables as given.</summary>
    public static PolicySpec Baseline { get; } = new("baseline", PolicyKind.Baseline, 0);

    /// <summary>
    /// The policies of notebook 05: baseline; multi-region at 25%, 50% and 100%; multi-cloud at 25% and
    /// 50%; deconcentration of 10% and 25% of the top-3 providers' single-provider services. Multi-cloud
    /// stops at 50% and deconcentration at 25% because beyond them the policies describe a market that no
    /// bundled source suggests is near (CMA 2025: under 1% of customers switch cloud provider a year).
    /// </summary>
    public static IReadOnlyList<PolicySpec> Standard { get; } =
    [
        Baseline,
        new("multi-region 25%", PolicyKind.MultiRegion, 0.25),
        new("multi-region 50%", PolicyKind.MultiRegion, 0.5),
        new("multi-region 100%", PolicyKind.MultiRegion, 1),
        new("multi-cloud 25%", PolicyKind.MultiCloud, 0.25),
        new("multi-cloud 50%", PolicyKind.MultiCloud, 0.5),
        new("deconcentration 10%", PolicyKind.Deconcentration, 0.1),
        new("deconcentration 25%", PolicyKind.Deconcentration, 0.25),
    ];
}

/// <summary>One requirement group of one service changed by a policy.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Layer">Layer of the group (<c>cloud</c>).</param>
/// <param name="GroupId">The group (its id is kept).</param>
/// <param name="RemovedTargetIds">Targets taken out of the group (empty when the policy only adds an alternative).</param>
/// <param name="AddedTargetIds">Targets added to the group.</param>
public sealed record RequirementChange(
    string ServiceId,
    string Layer,
    string GroupId,
    IReadOnlyList<string> RemovedTargetIds,
    IReadOnlyList<string> AddedTargetIds);

/// <summary>
/// A policy applied to a set of dependency tables: the new tables and, so that nothing changes silently,
/// every group that changed.
/// </summary>
/// <param name="Policy">The policy.</param>
/// <param name="Seed">Seed of the adoption order.</param>
/// <param name="Eligible">Services that could adopt the policy (the base of <see cref="PolicySpec.Share"/>).</param>
/// <param name="WithoutAlternative">
/// Ids of services the policy would apply to but for which no alternative exists (e.g. a single-region
/// service of a provider with one region, for multi-region), in model order; they never adopt.
/// </param>
/// <param name="Data">The new tables: the same sources, providers, nodes and services (node ids intact, so scenarios still resolve), new requirements.</param>
/// <param name="Changes">The changed groups, in adoption order; one service may change several groups.</param>
public sealed record PolicyApplication(
    PolicySpec Policy,
    ulong Seed,
    int Eligible,
    IReadOnlyList<string> WithoutAlternative,
    DependencyData Data,
    IReadOnlyList<RequirementChange> Changes)
{
    /// <summary>Number of services that adopted the policy (distinct services in <see cref="Changes"/>).</summary>
    public int ServicesChanged => Changes.Select(c => c.ServiceId).Distinct(StringComparer.Ordinal).Count();
}
