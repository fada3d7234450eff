using CsCheck;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Policy;
using Xunit;

namespace RiskToolkit.Tests.Policy;

public class RelianceAnalysisTests
{
    [Fact]
    public void Finance_reliance_counts_services_down_and_services_using_each_provider()
    {
        RelianceReport report = RelianceAnalysis.Analyse(DependencyModel.Build(PolicyFixture.Data()), "52", null);

        // Sector 52: s1, s2, s3, s5 (4 services); known revenue 100 + 300 + 600 = 1,000 (s5 unknown).
        // a (cloud-a, a-r1, a-r2 fail): s1, s2 down; s3 survives on b-r1 but uses a → relying 2, using 3;
        //   shares 2/4 = 0.5 and 3/4 = 0.75; revenue (100 + 300)/1,000 = 0.4 → meets both 10% tests.
        // c (c-r1): s5 down → 1/4 = 0.25; revenue 0/1,000 = 0 → fails the asset stand-in.
        // d (dns-d): s5 down → 0.25, revenue 0 → false.
        // b (b-r1): nothing down (s3 has a-r2), s3 uses it → relying 0, using 1 (0.25) → false.
        // Order: relying descending, then id: a, c, d, b.
        Assert.Equal(4, report.Services);
        Assert.Equal(3, report.ServicesWithRevenue);
        Assert.Equal(1_000, report.RevenueUsd);
        Assert.Equal(["a", "c", "d", "b"], report.Providers.Select(p => p.ProviderId));
        ProviderReliance a = report.Providers[0];
        Assert.Equal((2, 3, 0.5, 0.75, 0.4, true, 1), (a.ServicesRelying, a.ServicesUsing, a.ShareRelying, a.ShareUsing, a.RevenueShareRelying!.Value, a.MeetsThreshold!.Value, a.ServicesUsingWithAlternative));
        ProviderReliance c = report.Providers[1];
        Assert.Equal((1, 0.25, 0.0, false), (c.ServicesRelying, c.ShareRelying, c.RevenueShareRelying!.Value, c.MeetsThreshold!.Value));
        ProviderReliance b = report.Providers[3];
        Assert.Equal((0, 1, 0.25, false), (b.ServicesRelying, b.ServicesUsing, b.ShareUsing, b.MeetsThreshold!.Value));
    }

    [Fact]
    public void A_layer_keeps_only_that_layers_nodes_of_each_provider()
    {
        RelianceReport report = RelianceAnalysis.Analyse(DependencyModel.Build(PolicyFixture.Data()), null, "cloud");

        // dns-d is not a cloud node: providers a, b, c only. All 5 services: a → s1, s2 (0.4); b → s4 (0.2);
        // c → s5 (0.2).
        Assert.Equal(["a", "b", "c"], report.Providers.Select(p => p.ProviderId));
        Assert.Equal([0.4, 0.2, 0.2], report.Providers.Select(p => p.ShareRelying));
    }

    [Fact]
    public void Hhi_of_reliance_is_the_sum_of_squared_shares_of_all_services()
    {
        // Shares 0.4, 0.2, 0.2 (previous test): H = 0.16 + 0.04 + 0.04 = 0.24, 2,400 points. s3 relies on no one
        // and adds nothing (shares sum to 0.8).
        RelianceReport report = RelianceAnalysis.Analyse(DependencyModel.Build(PolicyFixture.Data()), null, "cloud");
        Assert.Equal(0.24, RelianceAnalysis.Hhi(report), 12);
    }

    [Fact]
    public void Unknown_revenue_leaves_the_flag_undecided_when_the_service_share_meets_it()
    {
        // Only s5 (revenue unknown) in a sector of its own: c relies 1/1 = 100% of services, revenue share unknown.
        DependencyData data = PolicyFixture.Data() is var d ? d with { Services = d.Services.Select(s => s.ServiceId == "s5" ? s with { Sector = "99" } : s).ToArray() } : d;
        RelianceReport report = RelianceAnalysis.Analyse(DependencyModel.Build(data), "99", null);
        ProviderReliance c = report.Providers.Single(p => p.ProviderId == "c");
        Assert.Equal(1, c.ShareRelying);
        Assert.Null(c.RevenueShareRelying);
        Assert.Null(c.MeetsThreshold);
        Assert.False(report.Providers.Single(p => p.ProviderId == "b").MeetsThreshold);
    }

    [Fact]
    public void A_sector_without_services_has_zero_shares()
    {
        RelianceReport report = RelianceAnalysis.Analyse(DependencyModel.Build(PolicyFixture.Data()), "11", null);
        Assert.Equal(0, report.Services);
        Assert.All(report.Providers, p => Assert.Equal((0.0, false), (p.ShareRelying, p.MeetsThreshold!.Value)));
        Assert.Equal(0, RelianceAnalysis.Hhi(report));
    }

    [Fact]
    public void The_threshold_is_ten_percent_at_or_above()
    {
        // s1 .. s10 in sector 52 with revenue 1 each, s1 alone on provider x: 1/10 = 10% of services and of revenue.
        var services = Enumerable.Range(1, 10).Select(i => new DependentService($"s{i}", $"s{i}") { Sector = "52", AnnualRevenueUsd = 1 }).ToArray();
        var data = new DependencyData(
            [],
            [],
            [new("x", NodeKind.Provider, "x") { ProviderId = "x", Layer = "cloud" }, new("y", NodeKind.Provider, "y") { ProviderId = "y", Layer = "cloud" }],
            services,
            services.Select((s, i) => new Requirement(s.ServiceId, "cloud", "cloud", i == 0 ? "x" : "y")).ToArray());
        RelianceReport report = RelianceAnalysis.Analyse(DependencyModel.Build(data), "52", null);
        Assert.Equal(0.1, RelianceAnalysis.Threshold);
        Assert.True(report.Providers.Single(p => p.ProviderId == "x").MeetsThreshold);
    }

    [Fact]
    public void A_sector_whose_known_revenue_is_zero_leaves_the_asset_test_undecided()
    {
        // One service of revenue 0 relies on x: 1 of 1 services (100%) but 0 USD of 0 USD, which is undefined.
        var data = new DependencyData(
            [],
            [],
            [new DependencyNode("x", NodeKind.Provider, "x") { ProviderId = "x", Layer = "cloud" }],
            [new DependentService("s", "s") { Sector = "52", AnnualRevenueUsd = 0 }],
            [new Requirement("s", "cloud", "cloud", "x")]);

        ProviderReliance x = RelianceAnalysis.Analyse(DependencyModel.Build(data), "52", null).Providers.Single();

        Assert.Equal(1, x.ShareRelying);
        Assert.Null(x.RevenueShareRelying);
        Assert.Null(x.MeetsThreshold);
    }

    [Fact]
    public void Groups_follow_parents_to_the_top()
    {
        Provider P(string id, string? parent) => new(id, id, parent, "cloud", null);

        var groups = RelianceAnalysis.Groups([P("amazon", null), P("aws", "amazon"), P("route-53", "aws"), P("google", null)]);

        Assert.Equal(["amazon", "amazon", "amazon", "google"], new[] { "amazon", "aws", "route-53", "google" }.Select(id => groups[id]));
        Assert.Throws<ArgumentException>(() => RelianceAnalysis.Groups([P("a", "b"), P("b", "a")]));
        Assert.Throws<ArgumentException>(() => RelianceAnalysis.Groups([P("a", "missing")]));
    }

    [Fact]
    public void A_group_is_assessed_as_a_whole()
    {
        // s needs x or y; x and y belong to one group g. Alone, neither x's nor y's failure takes s down (0 of 1
        // relies on either); as a group (DORA Art. 31(3)) g's failure fails both, so 1 of 1 relies on g.
        DependencyNode Node(string id) => new(id, NodeKind.Provider, id) { ProviderId = id, Layer = "cloud" };
        var data = new DependencyData(
            [],
            [],
            [Node("x"), Node("y")],
            [new DependentService("s", "s") { Sector = "52", AnnualRevenueUsd = 5 }],
            [new Requirement("s", "cloud", "cloud", "x"), new Requirement("s", "cloud", "cloud", "y")]);
        var model = DependencyModel.Build(data);

        var alone = RelianceAnalysis.Analyse(model, "52", null);
        var grouped = RelianceAnalysis.Analyse(model, "52", null, new Dictionary<string, string> { ["x"] = "g", ["y"] = "g" });

        Assert.All(alone.Providers, p => Assert.Equal((0, 1), (p.ServicesRelying, p.ServicesUsing)));
        ProviderReliance g = Assert.Single(grouped.Providers);
        Assert.Equal(("g", 1, 1, true), (g.ProviderId, g.ServicesRelying, g.ServicesUsing, g.MeetsThreshold));
    }

    [Fact]
    public void A_null_model_or_report_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => RelianceAnalysis.Analyse(null!, "52", null));
        Assert.Throws<ArgumentNullException>(() => RelianceAnalysis.Hhi(null!));
    }

    [Fact]
    public void Relying_implies_using_and_every_share_is_a_share()
    {
        var models =
            from providers in Gen.Int[1, 4]
            from services in Gen.Int[1, 8]
            from picks in Gen.Int[0, providers - 1].Array[1, 3].Array[services]
            select new DependencyData(
                [],
                [],
                Enumerable.Range(0, providers).Select(p => new DependencyNode($"p{p}", NodeKind.Provider, $"p{p}") { ProviderId = $"p{p}", Layer = "cloud" }).ToArray(),
                Enumerable.Range(0, services).Select(s => new DependentService($"s{s}", $"s{s}") { Sector = "52", AnnualRevenueUsd = s }).ToArray(),
                picks.SelectMany((t, s) => t.Distinct().Select(p => new Requirement($"s{s}", "cloud", "cloud", $"p{p}"))).ToArray());
        models.Sample(
            data =>
            {
                RelianceReport report = RelianceAnalysis.Analyse(DependencyModel.Build(data), "52", "cloud");
                double h = RelianceAnalysis.Hhi(report);

                // One group per service: a service relies on a provider only when it is the group's single target,
                // so it relies on at most one provider and the shares sum to at most 1. Revenues are 0, 1, 2, …, so
                // with one service the known revenue is 0 and its share undefined (null), never 0.
                return report.Providers.All(p => p.ServicesRelying <= p.ServicesUsing && p.ShareRelying is >= 0 and <= 1
                        && (report.RevenueUsd == 0 ? p.RevenueShareRelying is null : p.RevenueShareRelying is >= 0 and <= 1))
                    && report.Providers.Sum(p => p.ShareRelying) <= 1 + 1e-12 && h is >= 0 and <= 1;
            },
            iter: 1000);
    }
}
