using RiskToolkit.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

public class CutSetAnalysisTests
{
    private static string Members(CutSet c) => string.Join("+", c.NodeIds.Order(StringComparer.Ordinal));

    [Fact]
    public void Order_two_cut_sets_are_the_pairs_that_take_services_down_that_neither_member_does_alone()
    {
        CutSetReport report = CutSetAnalysis.MinimalCutSets(DependencyFixture.Model(), maxOrder: 2);

        // Order 1 (single points of failure): s1 ← cdn-x, dns-a; s2 ← dns-b; s4 ← cdn-y.
        Assert.Equal(
            ["cdn-x:1", "cdn-y:1", "dns-a:1", "dns-b:1"],
            report.CutSets.Where(c => c.Order == 1).Select(c => $"{Members(c)}:{c.Failed.Services}").Order(StringComparer.Ordinal));

        // Order 2, by hand:
        //  s2: cdn group {cdn-x, cdn-y} dies with {cdn-x, cdn-y} or {dns-a, cdn-y} (dns-a takes cdn-x);
        //      {dns-a, dns-b} also kills it but dns-b alone already does, so it is not minimal for s2.
        //  s3: dns group {dns-a, dns-b} dies with {dns-a, dns-b}; the ca group needs self-s3 down too.
        //  s4: cdn-y dies when dns-a and dns-b both fail → {dns-a, dns-b}.
        Assert.Equal(
            ["cdn-x+cdn-y:1", "cdn-y+dns-a:1", "dns-a+dns-b:2"],
            report.CutSets.Where(c => c.Order == 2).Select(c => $"{Members(c)}:{c.Failed.Services}").Order(StringComparer.Ordinal));
        Assert.All(report.CutSets.Where(c => c.Order == 2), c => Assert.Equal("N-2", c.Label));
    }

    [Fact]
    public void Cut_sets_with_a_dependents_own_infrastructure_are_listed_only_on_request()
    {
        CutSetReport report = CutSetAnalysis.MinimalCutSets(DependencyFixture.Model(), maxOrder: 2, includeSelfNodes: true);

        // s3's ca group {ca-c, self-s3}: {ca-c, self-s3} and {dns-b, self-s3} (dns-b takes ca-c).
        Assert.Contains(report.CutSets, c => Members(c) == "ca-c+self-s3");
        Assert.Contains(report.CutSets, c => Members(c) == "dns-b+self-s3");
    }

    [Fact]
    public void Order_one_equals_the_N1_analysis()
    {
        DependencyModel model = DependencyFixture.Model();
        CutSetReport cuts = CutSetAnalysis.MinimalCutSets(model, maxOrder: 1);
        ContingencyReport n1 = ContingencyAnalysis.NMinus1(model);

        Assert.Equal(
            n1.Contingencies.Where(c => c.ServicesFailed > 0).Select(c => (c.NodeId, c.ServicesFailed)).Order(),
            cuts.CutSets.Select(c => (c.NodeIds[0], c.Failed.Services)).Order());
    }

    [Fact]
    public void Services_more_redundant_than_the_order_are_counted()
    {
        CutSetReport report = CutSetAnalysis.MinimalCutSets(DependencyFixture.Model(), maxOrder: 1);

        // s3 has no single point of failure.
        Assert.Equal(1, report.ServicesWithoutCutSet);
    }

    [Fact]
    public void Order_three_finds_triples()
    {
        // A service with three redundant CDNs.
        var data = new DependencyData(
            [],
            [],
            [new("p", NodeKind.Provider, "p"), new("q", NodeKind.Provider, "q"), new("r", NodeKind.Provider, "r")],
            [new("svc", "svc")],
            [new("svc", "cdn", "g", "p"), new("svc", "cdn", "g", "q"), new("svc", "cdn", "g", "r")]);

        CutSetReport report = CutSetAnalysis.MinimalCutSets(DependencyModel.Build(data), maxOrder: 3);

        CutSet triple = Assert.Single(report.CutSets);
        Assert.Equal(["p", "q", "r"], triple.NodeIds);
        Assert.Equal("N-3", triple.Label);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Order_outside_one_to_three_is_rejected(int order)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CutSetAnalysis.MinimalCutSets(DependencyFixture.Model(), order));
        Assert.Equal("maxOrder", error.ParamName);
    }
}
