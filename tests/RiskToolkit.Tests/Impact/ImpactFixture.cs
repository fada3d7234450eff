using RiskToolkit.Dependencies;
using RiskToolkit.Impact;
using RiskToolkit.Tests.Dependencies;

namespace RiskToolkit.Tests.Impact;

/// <summary>
/// A hand-checked scenario over <see cref="DependencyFixture"/>: dns-a down 00:00–02:00 and dns-b down
/// 01:00–04:00 (UTC, 1 Jan 2025). Propagation by stretch:
/// <code>
/// [0, 1) dns-a:          s1 (needs dns-a)                       cdn-x down; cdn-y up through dns-b
/// [1, 2) dns-a + dns-b:  s1, s2, s3 (both DNS down), s4 (cdn-y down)
/// [2, 4) dns-b:          s2 (needs dns-b); s3 keeps its own stapling; s4's cdn-y is up through dns-a
/// </code>
/// So before lags s1 is down 2 h, s2 3 h, s3 1 h and s4 1 h. With lags 0.5 h (default) and 2 h (s2):
/// s1 [0, 2.5) 2.5 h, s2 [1, 6) 5 h, s3 [1, 2.5) 1.5 h, s4 [1, 2.5) 1.5 h.
/// </summary>
internal static class ImpactFixture
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DependencyModel Model() => DependencyFixture.Model();

    public static NodeFailure[] Failures() =>
    [
        new("dns-a", T0, T0.AddHours(2), null, null),
        new("dns-b", T0.AddHours(1), T0.AddHours(4), null, null),
    ];

    public static RecoveryLags Lags() => new(0.5, new Dictionary<string, double> { ["s2"] = 2 });

    /// <summary>
    /// Sector 51: default downtime cost 100,000 USD/h, loss fraction 0.5, recovery 0.2, incident cost 1,000 USD.
    /// Sector 52: 200,000 USD/h, loss fraction 0.25, recovery 0, no incident cost.
    /// </summary>
    public static SectorParameters[] Sectors() =>
    [
        new("51", "Information", 100_000, 0.5, 0.2, 1_000, null, "test", null),
        new("52", "Finance and Insurance", 200_000, 0.25, 0, 0, null, "test", null),
    ];

    /// <summary>Waiting period 2 h, deductible 10,000 USD, limit 150,000 USD, take-up 0.5.</summary>
    public static InsuranceTerms Insurance() => new(2, 10_000, 150_000, 0.5);

    /// <summary>The scenario with filters US and GB (s3 has no country, so it is outside the scope).</summary>
    public static OutageScenario Scenario(LossUncertainty? uncertainty = null, ScenarioFilters? filters = null) => new(
        "test",
        "Two DNS providers",
        null,
        Failures(),
        Lags(),
        filters ?? new ScenarioFilters(["US", "GB"], [], null),
        Insurance(),
        uncertainty ?? LossUncertainty.None,
        new EventFrequency(0.5, "test", null),
        []);
}
