using RiskToolkit.Data;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Tests.Dependencies;

/// <summary>
/// A small hand-checked population. Two DNS providers (dns-a, dns-b), two CDNs (cdn-x needs dns-a;
/// cdn-y needs dns-a OR dns-b), one CA (ca-c needs dns-b) and one site's OCSP stapling (self-s3).
/// <code>
/// s1: dns {dns-a}            AND cdn {cdn-x}
/// s2: dns {dns-b}            AND cdn {cdn-x, cdn-y}
/// s3: dns {dns-a, dns-b}     AND ca  {ca-c, self-s3}
/// s4: cdn {cdn-y}                                      (users 100, revenue 1e6 USD, sector 52, GB)
/// </code>
/// </summary>
internal static class DependencyFixture
{
    public static DependencyData Data()
    {
        DependencyNode Node(string id, NodeKind kind, string layer) => new(id, kind, id) { Layer = layer, ProviderId = kind == NodeKind.Self ? null : id };
        DependentService Service(string id) => new(id, id);
        Requirement Req(string dependent, string layer, string group, string target) => new(dependent, layer, group, target);
        return new DependencyData(
            [],
            [],
            [
                Node("dns-a", NodeKind.Provider, "dns"),
                Node("dns-b", NodeKind.Provider, "dns"),
                Node("cdn-x", NodeKind.Provider, "cdn"),
                Node("cdn-y", NodeKind.Provider, "cdn"),
                Node("ca-c", NodeKind.Provider, "ca"),
                Node("self-s3", NodeKind.Self, "ca"),
            ],
            [
                Service("s1") with { Sector = "51", Country = "US" },
                Service("s2") with { Sector = "51", Country = "US", Users = 50 },
                Service("s3"),
                Service("s4") with { Users = 100, AnnualRevenueUsd = 1e6, Sector = "52", Country = "GB", Criticality = 3 },
            ],
            [
                Req("cdn-x", "dns", "dns", "dns-a"),
                Req("cdn-y", "dns", "dns", "dns-a"),
                Req("cdn-y", "dns", "dns", "dns-b"),
                Req("ca-c", "dns", "dns", "dns-b"),
                Req("s1", "dns", "dns", "dns-a"),
                Req("s1", "cdn", "cdn", "cdn-x"),
                Req("s2", "dns", "dns", "dns-b"),
                Req("s2", "cdn", "cdn", "cdn-x"),
                Req("s2", "cdn", "cdn", "cdn-y"),
                Req("s3", "dns", "dns", "dns-a"),
                Req("s3", "dns", "dns", "dns-b"),
                Req("s3", "ca", "ca", "ca-c"),
                Req("s3", "ca", "ca", "self-s3"),
                Req("s4", "cdn", "cdn", "cdn-y"),
            ]);
    }

    public static DependencyModel Model() => DependencyModel.Build(Data());

    /// <summary>Asserts that two sets of dependency tables hold equal rows, table by table, in the same order.</summary>
    public static void AssertSameTables(DependencyData expected, DependencyData actual)
    {
        Xunit.Assert.Equal(expected.Sources, actual.Sources);
        Xunit.Assert.Equal(expected.Providers, actual.Providers);
        Xunit.Assert.Equal(expected.Nodes, actual.Nodes);
        Xunit.Assert.Equal(expected.Services, actual.Services);
        Xunit.Assert.Equal(expected.Requirements, actual.Requirements);
    }

    /// <summary>The bundled data folder's dependency tables (the us-east-1 case of 20 October 2025).</summary>
    public static DependencyData Bundled() => DependencyDataReader.Load(RepoPaths.Data);
}
