using RiskToolkit.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

public class ImportanceAnalysisTests
{
    [Fact]
    public void Measures_match_the_hand_calculation_for_the_fixture()
    {
        // Every node down with probability q = 0.1; cut sets of order ≤ 2 per service:
        //   s1 {dns-a} {cdn-x}                         P1 = 1 − 0.9·0.9            = 0.19
        //   s2 {dns-b} {cdn-x,cdn-y} {dns-a,cdn-y}     P2 = 1 − 0.9·0.99·0.99      = 0.11791
        //   s3 {dns-a,dns-b} {ca-c,self} {dns-b,self}  P3 = 1 − 0.99³              = 0.029701
        //   s4 {cdn-y} {dns-a,dns-b}                   P4 = 1 − 0.9·0.99           = 0.109
        //   W = 0.446611 expected services down.
        // dns-a up for sure (q = 0): 0.1 + 0.109 + 0.0199 + 0.1                    = 0.3289
        // dns-a down for sure (q = 1): 1 + (1 − 0.9·0.99·0.9) + (1 − 0.9·0.99²) + (1 − 0.9·0.9)
        //                            = 1 + 0.1981 + 0.11791 + 0.19                  = 1.50601
        // Birnbaum = 1.50601 − 0.3289 = 1.17711; RAW = 1.50601 / 0.446611; RRW = 0.446611 / 0.3289.
        // Fussell–Vesely: cut-set probabilities sum to 0.46 (four of 0.1, six of 0.01); those with
        // dns-a: 0.1 + 0.01 + 0.01 + 0.01 = 0.13 → 0.13 / 0.46.
        // dns-b ranks first: down for sure 0.19 + 1 + (1 − 0.9·0.99·0.9) + 0.19 = 1.5781, up for sure
        // 0.19 + (1 − 0.99²) + 0.01 + 0.1 = 0.3199, Birnbaum 1.2582.
        ImportanceReport report = ImportanceAnalysis.Measures(DependencyFixture.Model(), new Dictionary<string, double>(), 0.1);

        Assert.Equal(0.446611, report.ExpectedLoss, 12);
        NodeImportance dnsA = report.Nodes.Single(n => n.NodeId == "dns-a");
        Assert.Equal(1.17711, dnsA.Birnbaum, 12);
        Assert.Equal(1.50601 / 0.446611, dnsA.RiskAchievementWorth!.Value, 12);
        Assert.Equal(0.446611 / 0.3289, dnsA.RiskReductionWorth!.Value, 12);
        Assert.Equal(0.13 / 0.46, dnsA.FussellVesely!.Value, 12);
        NodeImportance first = report.Nodes[0];
        Assert.Equal("dns-b", first.NodeId);
        Assert.Equal(1.2582, first.Birnbaum, 12);
    }

    [Fact]
    public void A_single_service_with_one_provider_has_birnbaum_one_and_rrw_undefined()
    {
        var data = new DependencyData([], [], [new("p", NodeKind.Provider, "p")], [new("svc", "svc")], [new("svc", "cdn", "g", "p")]);

        ImportanceReport report = ImportanceAnalysis.Measures(DependencyModel.Build(data), new Dictionary<string, double> { ["p"] = 0.01 }, 0);

        // P(top) = q = 0.01; failed → 1, up → 0: I_B = 1, RAW = 100, FV = 1, RRW = 0.01 / 0 → undefined.
        NodeImportance p = Assert.Single(report.Nodes);
        Assert.Equal(1.0, p.Birnbaum, 12);
        Assert.Equal(100.0, p.RiskAchievementWorth!.Value, 10);
        Assert.Equal(1.0, p.FussellVesely!.Value, 12);
        Assert.Null(p.RiskReductionWorth);
    }

    [Fact]
    public void Weighting_by_users_counts_unknown_users_as_no_weight()
    {
        ImportanceReport report = ImportanceAnalysis.Measures(DependencyFixture.Model(), new Dictionary<string, double>(), 0.1, SeverityMeasure.Users);

        // Only s2 (50 users) and s4 (100 users) weigh: W = 50·0.11791 + 100·0.109.
        Assert.Equal((50 * 0.11791) + (100 * 0.109), report.ExpectedLoss, 10);
    }

    [Fact]
    public void Unavailability_must_be_a_probability_of_a_known_node()
    {
        DependencyModel model = DependencyFixture.Model();
        Assert.Equal("unavailability", Assert.Throws<ArgumentOutOfRangeException>(() => ImportanceAnalysis.Measures(model, new Dictionary<string, double> { ["dns-a"] = 1.5 }, 0)).ParamName);
        Assert.Equal("unavailability", Assert.Throws<ArgumentException>(() => ImportanceAnalysis.Measures(model, new Dictionary<string, double> { ["nope"] = 0.5 }, 0)).ParamName);
        Assert.Equal("defaultUnavailability", Assert.Throws<ArgumentOutOfRangeException>(() => ImportanceAnalysis.Measures(model, new Dictionary<string, double>(), double.NaN)).ParamName);
    }

    [Fact]
    public void Tiny_unavailabilities_keep_their_precision()
    {
        // One service with two redundant providers, each down with q = 1e-9: W = q² = 1e-18 exactly
        // (one cut set {a, b}); RAW of a = W(q_a = 1) / W = q / q² = 1e9. Computed as 1 − (1 − q²) the
        // result would be 0.
        var data = new DependencyData([], [], [new("a", NodeKind.Provider, "a"), new("b", NodeKind.Provider, "b")], [new("svc", "svc")], [new("svc", "cdn", "g", "a"), new("svc", "cdn", "g", "b")]);

        ImportanceReport report = ImportanceAnalysis.Measures(DependencyModel.Build(data), new Dictionary<string, double>(), 1e-9);

        Assert.Equal(1e-18, report.ExpectedLoss, 1e-30);
        NodeImportance a = report.Nodes.Single(n => n.NodeId == "a");
        Assert.Equal(1e9, a.RiskAchievementWorth!.Value, 1e-3);
        Assert.Equal(1e-9, a.Birnbaum, 1e-21);
        Assert.Null(a.RiskReductionWorth); // a up for sure → no cut set left → W = 0
    }
}
