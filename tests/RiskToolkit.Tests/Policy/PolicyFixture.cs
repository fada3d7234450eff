using RiskToolkit.Dependencies;
using RiskToolkit.Impact;

namespace RiskToolkit.Tests.Policy;

/// <summary>
/// A hand-checked cloud layer. Provider a has regions a-r1 and a-r2, both needing the provider node cloud-a;
/// providers b and c have one region each (b-r1, c-r1); d is a DNS provider.
/// <code>
/// s1: cloud {a-r1}                  sector 52, revenue 100
/// s2: cloud {a-r1}                  sector 52, revenue 300
/// s3: cloud {a-r2, b-r1}            sector 52, revenue 600   (already multi-cloud)
/// s4: cloud {b-r1}                  sector 51, revenue 1,000
/// s5: cloud {c-r1} AND dns {dns-d}  sector 52, revenue unknown
/// </code>
/// Use (services listing a provider's region): a 3 (s1, s2, s3), b 2 (s3, s4), c 1 (s5).
/// </summary>
internal static class PolicyFixture
{
    public static DependencyData Data()
    {
        DependencyNode Region(string id, string provider) => new(id, NodeKind.Region, id) { ProviderId = provider, Layer = "cloud", Region = id };
        Requirement Req(string dependent, string layer, string target) => new(dependent, layer, layer, target);
        return new DependencyData(
            [],
            [],
            [
                new("cloud-a", NodeKind.Provider, "a") { ProviderId = "a", Layer = "cloud" },
                Region("a-r1", "a"),
                Region("a-r2", "a"),
                Region("b-r1", "b"),
                Region("c-r1", "c"),
                new("dns-d", NodeKind.Provider, "d") { ProviderId = "d", Layer = "dns" },
            ],
            [
                new("s1", "s1") { Sector = "52", Country = "US", AnnualRevenueUsd = 100 },
                new("s2", "s2") { Sector = "52", Country = "US", AnnualRevenueUsd = 300 },
                new("s3", "s3") { Sector = "52", Country = "US", AnnualRevenueUsd = 600 },
                new("s4", "s4") { Sector = "51", Country = "US", AnnualRevenueUsd = 1_000 },
                new("s5", "s5") { Sector = "52", Country = "US" },
            ],
            [
                new("a-r1", "cloud", "provider", "cloud-a"),
                new("a-r2", "cloud", "provider", "cloud-a"),
                Req("s1", "cloud", "a-r1"),
                Req("s2", "cloud", "a-r1"),
                Req("s3", "cloud", "a-r2"),
                Req("s3", "cloud", "b-r1"),
                Req("s4", "cloud", "b-r1"),
                Req("s5", "cloud", "c-r1"),
                Req("s5", "dns", "dns-d"),
            ]);
    }

    /// <summary>Region a-r1 down for 24 h; every US service counts; no uncertainty; rate 0.5 a year.</summary>
    public static OutageScenario Scenario() => new(
        "a-r1-24h",
        "a-r1 down 24 h",
        null,
        [new("a-r1", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero), null, null)],
        RecoveryLags.None,
        ScenarioFilters.None,
        new InsuranceTerms(8, 0, null, 0.3),
        new LossUncertainty(0.25, 20, 0.5),
        new EventFrequency(0.5, "test", null),
        []);

    /// <summary>Sectors 51 and 52: 100,000 USD/h default, loss fraction 0.5, nothing recovered, no incident cost.</summary>
    public static SectorParameters[] Sectors() =>
    [
        new("51", "Information", 100_000, 0.5, 0, 0, null, "test", null),
        new("52", "Finance and insurance", 100_000, 0.5, 0, 0, null, "test", null),
    ];

    public static HashSet<string> Down(DependencyData data, params string[] failed) =>
        FailurePropagation.Propagate(DependencyModel.Build(data), failed).ServicesDown.ToHashSet(StringComparer.Ordinal);
}
