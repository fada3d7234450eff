using RiskToolkit.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

public class ContingencyAnalysisTests
{
    private static Contingency Of(ContingencyReport report, string id) => report.Contingencies.Single(c => c.NodeId == id);

    [Fact]
    public void Each_node_fails_alone_and_takes_down_what_the_hand_calculation_says()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyFixture.Model());

        // dns-a: s1's dns group is {dns-a} alone → s1 fails directly. cdn-x (needs dns-a) goes down
        // with it, which only s1 needs alone again; cdn-y keeps dns-b; s3 keeps dns-b. So 1 service.
        Contingency dnsA = Of(report, "dns-a");
        Assert.Equal((1, 1), (dnsA.ServicesFailedDirect, dnsA.ServicesFailed));
        Assert.Equal(["dns-a", "cdn-x"], dnsA.NodesFailed);

        // dns-b: s2's dns group {dns-b} → s2. ca-c goes down, but s3 staples (self-s3) → s3 stays.
        Contingency dnsB = Of(report, "dns-b");
        Assert.Equal((1, 1), (dnsB.ServicesFailedDirect, dnsB.ServicesFailed));
        Assert.Equal(["dns-b", "ca-c"], dnsB.NodesFailed);

        // cdn-x: s1 only (s2 has cdn-y too). cdn-y: s4 only. ca-c: nobody (s3 staples).
        Assert.Equal(1, Of(report, "cdn-x").ServicesFailed);
        Assert.Equal(1, Of(report, "cdn-y").ServicesFailed);
        Assert.Equal(0, Of(report, "ca-c").ServicesFailed);
    }

    [Fact]
    public void Using_counts_direct_targets_and_indirect_use_through_providers()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyFixture.Model());

        // dns-a is named by s1 and s3 (direct); s2 and s4 reach it through cdn-x and cdn-y → 4 indirect.
        Contingency dnsA = Of(report, "dns-a");
        Assert.Equal((2, 4), (dnsA.ServicesUsing, dnsA.ServicesUsingIndirect));

        // cdn-y is named by s2 and s4, and needs nothing but DNS.
        Contingency cdnY = Of(report, "cdn-y");
        Assert.Equal((2, 2), (cdnY.ServicesUsing, cdnY.ServicesUsingIndirect));
    }

    [Fact]
    public void Contingencies_are_labelled_N1_against_an_N0_baseline_and_ranked_by_severity()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyFixture.Model());

        Assert.Equal("N-0", report.Baseline.Label);
        Assert.Equal(0, report.Baseline.ServicesFailed);
        Assert.Equal(4, report.Baseline.Services.Services);
        Assert.All(report.Contingencies, c => Assert.Equal("N-1", c.Label));

        // Four nodes take one service each (ties by id), ca-c none; self-s3 is left out by default.
        Assert.Equal(["cdn-x", "cdn-y", "dns-a", "dns-b", "ca-c"], report.Contingencies.Select(c => c.NodeId));
        Assert.Equal([1, 2, 3, 4, 5], report.Contingencies.Select(c => c.SeverityRank));
        Assert.Equal(0.25, Of(report, "cdn-x").ServicesFailedShare);
    }

    [Fact]
    public void Ranking_by_users_puts_the_node_whose_services_have_most_known_users_first()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyFixture.Model(), new ContingencyOptions { RankBy = SeverityMeasure.Users });

        // cdn-y takes s4 (100 users); dns-b takes s2 (50 users); the others take services of unknown users.
        Assert.Equal(["cdn-y", "dns-b"], report.Contingencies.Take(2).Select(c => c.NodeId));
    }

    [Fact]
    public void Unknown_users_and_revenue_are_counted_as_unknown_not_as_zero()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyFixture.Model());

        // cdn-x takes s1, whose users, revenue and criticality are all unknown.
        var cdnX = Of(report, "cdn-x").Failed;
        Assert.Null(cdnX.Users);
        Assert.Equal(1, cdnX.UsersUnknown);
        Assert.Null(cdnX.RevenueUsd);

        // Baseline: known users 50 + 100, two services without; revenue known for s4 only.
        var all = report.Baseline.Services;
        Assert.Equal((150L, 2), (all.Users!.Value, all.UsersUnknown));
        Assert.Equal((1e6, 3), (all.RevenueUsd!.Value, all.RevenueUnknown));
    }

    [Fact]
    public void Impact_is_broken_down_by_sector_and_country_with_unknowns_named()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyFixture.Model());

        ImpactByKey sector = Assert.Single(Of(report, "cdn-y").BySector);
        Assert.Equal(new ImpactByKey("52", 1, 100, 1e6), sector);
        Assert.Equal(
            [new ImpactByKey("51", 2, 50, null), new ImpactByKey("52", 1, 100, 1e6), new ImpactByKey(ImpactByKey.Unknown, 1, null, null)],
            report.Baseline.BySector);
        Assert.Equal(["US", "GB", ImpactByKey.Unknown], report.Baseline.ByCountry.Select(c => c.Key));
    }

    [Fact]
    public void Layer_option_keeps_only_that_layers_nodes_but_propagates_through_all()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyFixture.Model(), new ContingencyOptions { Layer = "dns" });

        Assert.Equal(["dns-a", "dns-b"], report.Contingencies.Select(c => c.NodeId));
        Assert.Equal(["dns-a", "cdn-x"], report.Contingencies[0].NodesFailed);
    }

    [Fact]
    public void Rank_bands_are_cumulative()
    {
        var data = DependencyFixture.Data();
        var ranked = data with
        {
            Services = data.Services.Select((s, i) => s with { Rank = new[] { 5, 150, 2_000, 50_000 }[i] }).ToArray(),
        };

        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyModel.Build(ranked));

        // dns-a is used indirectly by all four; directly by s1 (rank 5) and s3 (rank 2,000).
        Assert.Equal(
            [new RankBandCount(100, 1), new RankBandCount(1_000, 1), new RankBandCount(10_000, 2), new RankBandCount(100_000, 2)],
            Of(report, "dns-a").UsingByRankBand);
        Assert.Equal([1, 2, 3, 4], report.Baseline.ByRankBand.Select(b => b.Services));

        // With ranks, the data frame has the bands as columns; dns-a is used by 2 of the top 10,000.
        var frame = report.ToDataFrame();
        Assert.Equal(2, frame["using_top10000"][report.Contingencies.ToList().FindIndex(c => c.NodeId == "dns-a")]);
        Assert.DoesNotContain(ContingencyAnalysis.NMinus1(DependencyFixture.Model()).ToDataFrame().Columns, col => col.Name.StartsWith("using_top", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_frame_has_one_row_per_contingency_with_null_for_unknown_sums()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyFixture.Model());

        var frame = report.ToDataFrame();
        Assert.Equal(5, frame.Rows.Count);
        Assert.Equal("cdn-x", frame["node_id"][0]);
        Assert.Null(frame["users_affected"][0]);
        Assert.Equal(100L, frame["users_affected"][1]);
    }

    [Fact]
    public void Rank_bands_must_ascend()
    {
        var error = Assert.Throws<ArgumentException>(() => ContingencyAnalysis.NMinus1(DependencyFixture.Model(), new ContingencyOptions { RankBands = [1000, 100] }));
        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void Bundled_us_east_1_case_makes_the_dynamodb_dns_chain_a_single_point_of_failure_of_every_named_service()
    {
        ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyModel.Build(DependencyFixture.Bundled()));
        int services = report.Baseline.Services.Services;

        // AWS's post-event summary: the empty DNS record of DynamoDB's regional endpoint took the
        // region's services down; every service the news named depended on us-east-1.
        string[] takeAll = report.Contingencies.Where(c => c.ServicesFailed == services).Select(c => c.NodeId).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("aws-us-east-1-dynamodb-endpoint-dns", takeAll);
        Assert.Contains("aws-us-east-1-dynamodb-dns-automation", takeAll);
        Assert.Contains("aws-us-east-1-dynamodb", takeAll);

        // One DNS Enactor alone is covered by the other two.
        Assert.Equal(0, Of(report, "aws-us-east-1-dynamodb-dns-enactor-1").ServicesFailed);
        Assert.Empty(report.Cycles);
    }
}
