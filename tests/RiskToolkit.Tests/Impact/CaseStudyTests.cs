using CsCheck;
using RiskToolkit.Concentration;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class CaseStudyTests
{
    private static readonly DateTimeOffset Event = new(2025, 10, 20, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int day, int hour, int minute) => new(2025, 10, day, hour, minute, 0, TimeSpan.Zero);

    private static OutageTimeline FixtureTimeline() => OutageTimeline.Build(ImpactFixture.Model(), ImpactFixture.Failures(), ImpactFixture.Lags());

    [Fact]
    public void Pacific_time_of_the_event_is_utc_minus_seven_hours()
    {
        // PDT (UTC-7) ran from 9 March to 2 November 2025: 06:48 UTC on 20 October = 23:48 PDT on 19 October.
        DateTimeOffset pdt = CaseStudy.ToPacific(Utc(20, 6, 48));

        Assert.Equal(TimeSpan.FromHours(-7), pdt.Offset);
        Assert.Equal(new DateTime(2025, 10, 19, 23, 48, 0), pdt.DateTime);
    }

    [Fact]
    public void Pacific_time_in_december_is_utc_minus_eight_hours()
    {
        // PST (UTC-8) from 2 November 2025: 12:00 UTC on 1 December = 04:00 PST.
        DateTimeOffset pst = CaseStudy.ToPacific(new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromHours(-8), pst.Offset);
        Assert.Equal(4, pst.Hour);
    }

    [Fact]
    public void Pacific_time_keeps_the_instant_with_an_offset_of_seven_or_eight_hours()
    {
        Gen.Long[0, 400L * 365 * TimeSpan.TicksPerDay].Select(t => new DateTimeOffset(new DateTime(1900, 1, 1).AddTicks(t), TimeSpan.Zero)).Sample(
            utc =>
            {
                DateTimeOffset pacific = CaseStudy.ToPacific(utc);
                return pacific.UtcTicks == utc.UtcTicks && (pacific.Offset == TimeSpan.FromHours(-7) || pacific.Offset == TimeSpan.FromHours(-8));
            },
            iter: 1000);
    }

    [Fact]
    public void Rules_since_2007_give_the_database_offsets_where_no_database_is_installed()
    {
        // 2025: DST from 9 March 10:00 UTC (02:00 PST) to 2 November 09:00 UTC (02:00 PDT).
        TimeZoneInfo rules = CaseStudy.PacificSince2007();
        Assert.Equal(TimeSpan.FromHours(-8), rules.GetUtcOffset(new DateTimeOffset(2025, 3, 9, 9, 59, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-7), rules.GetUtcOffset(new DateTimeOffset(2025, 3, 9, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-7), rules.GetUtcOffset(new DateTimeOffset(2025, 11, 2, 8, 59, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-8), rules.GetUtcOffset(new DateTimeOffset(2025, 11, 2, 9, 0, 0, TimeSpan.Zero)));

        // And the database's offset at any instant from 2007 to 2037.
        TimeZoneInfo database = TimeZoneInfo.FindSystemTimeZoneById(CaseStudy.PacificTimeZoneId);
        Gen.Long[0, 30L * 365 * TimeSpan.TicksPerDay].Select(t => new DateTimeOffset(new DateTime(2007, 1, 1).AddTicks(t), TimeSpan.Zero)).Sample(
            utc => rules.GetUtcOffset(utc) == database.GetUtcOffset(utc),
            iter: 1000);
    }

    [Fact]
    public void Timeline_of_the_bundled_case_has_the_post_event_summary_times()
    {
        DependencyData data = DependencyDataReader.Load(RepoPaths.Data);
        DependencyModel model = DependencyModel.Build(data);
        OutageScenario scenario = ScenarioReader.Load(Path.Join(RepoPaths.Data, "scenarios", "aws-us-east-1-2025-10-20.json"), data);
        OutageEvent aws = ImpactDataReader.Load(RepoPaths.Data).Events.Single(e => e.EventId == "aws-us-east-1-2025-10-20");

        IReadOnlyList<TimelineWindow> rows = CaseStudy.Timeline(scenario, model, aws);

        // FACTS §4a, PDT → UTC (+7 h): 23:48 (19 Oct) → 06:48; 14:20 → 21:20; 02:40 → 09:40; 02:25 → 09:25;
        // 10:37 → 17:37; 05:28 → 12:28; 13:50 → 20:50; 05:30 → 12:30; 14:09 → 21:09.
        Assert.Equal(
            [
                (Utc(20, 6, 48), Utc(20, 21, 20)),
                (Utc(20, 6, 48), Utc(20, 9, 40)),
                (Utc(20, 9, 25), Utc(20, 17, 37)),
                (Utc(20, 12, 28), Utc(20, 20, 50)),
                (Utc(20, 12, 30), Utc(20, 21, 9)),
            ],
            rows.Select(r => (r.StartUtc, r.EndUtc)));
        Assert.Null(rows[0].NodeId);
        Assert.Equal("DNS record dynamodb.us-east-1.amazonaws.com", rows[1].Label);
        Assert.Equal(new DateTime(2025, 10, 19, 23, 48, 0), rows[0].StartPacific.DateTime);
        Assert.Equal(new DateTime(2025, 10, 20, 14, 20, 0), rows[0].EndPacific.DateTime);
        Assert.Equal(new DateTime(2025, 10, 20, 2, 40, 0), rows[1].EndPacific.DateTime);
        Assert.Equal(new DateTime(2025, 10, 20, 10, 37, 0), rows[2].EndPacific.DateTime);
        Assert.Equal(new DateTime(2025, 10, 20, 14, 9, 0), rows[4].EndPacific.DateTime);
        // 14 h 32 min = 14.5333 h for the whole event; 2 h 52 min for the endpoint record.
        Assert.Equal(14 + (32 / 60.0), rows[0].Hours, 10);
        Assert.Equal(2 + (52 / 60.0), rows[1].Hours, 10);
        Assert.All(rows, r => Assert.Equal("aws-pes-2025-10-20", r.SourceId));
    }

    [Fact]
    public void Timeline_without_the_event_holds_only_the_component_windows()
    {
        OutageScenario scenario = ImpactFixture.Scenario();

        IReadOnlyList<TimelineWindow> rows = CaseStudy.Timeline(scenario, ImpactFixture.Model(), null);

        Assert.Equal(["dns-a", "dns-b"], rows.Select(r => r.NodeId));
    }

    [Fact]
    public void Timeline_of_an_event_without_an_end_is_refused()
    {
        var open = new OutageEvent("e", Event, null, "aws", [], "cloud", "cause", null, null, null, "src", null);

        Assert.Equal("wholeEvent", Assert.Throws<ArgumentException>(() => CaseStudy.Timeline(ImpactFixture.Scenario(), ImpactFixture.Model(), open)).ParamName);
    }

    [Fact]
    public void Cascade_lists_what_each_stretch_fails_and_brings_down()
    {
        // ImpactFixture: [0, 1) dns-a brings down cdn-x (cdn-y holds through dns-b), s1 down;
        // [1, 2) both DNS down: cdn-x, cdn-y and ca-c down, s1–s4 down; [2, 4) dns-b: ca-c down, s2 down.
        IReadOnlyList<CascadeStretch> cascade = CaseStudy.Cascade(FixtureTimeline(), ImpactFixture.Model());

        Assert.Equal(3, cascade.Count);
        Assert.Equal(["dns-a"], cascade[0].FailedNodeIds);
        Assert.Equal(["cdn-x"], cascade[0].BroughtDownNodeIds);
        Assert.Equal(1, cascade[0].ServicesDown);
        Assert.Equal(["dns-a", "dns-b"], cascade[1].FailedNodeIds);
        Assert.Equal(["ca-c", "cdn-x", "cdn-y"], cascade[1].BroughtDownNodeIds.Order(StringComparer.Ordinal));
        Assert.Equal(4, cascade[1].ServicesDown);
        Assert.Equal(["ca-c"], cascade[2].BroughtDownNodeIds);
        Assert.Equal(1, cascade[2].ServicesDown);
        Assert.Equal(2, cascade[2].Hours);
    }

    [Fact]
    public void Service_windows_split_each_window_into_requirements_down_and_recovery_lag()
    {
        // ImpactFixture with lags 0.5 h (default) and 2 h (s2): s1 [0, 2) + 0.5; s2 [1, 4) + 2; s3 and s4 [1, 2) + 0.5.
        IReadOnlyList<ServiceDownWindow> rows = CaseStudy.ServiceWindows(FixtureTimeline(), ImpactFixture.Model());

        Assert.Equal(["s1", "s2", "s3", "s4"], rows.Select(r => r.ServiceId));
        DateTimeOffset t0 = ImpactFixture.T0;
        Assert.Equal((t0, t0.AddHours(2), t0.AddHours(2.5)), (rows[0].StartUtc, rows[0].RequirementsBackUtc, rows[0].EndUtc));
        Assert.Equal((t0.AddHours(1), t0.AddHours(4), t0.AddHours(6)), (rows[1].StartUtc, rows[1].RequirementsBackUtc, rows[1].EndUtc));
        Assert.Equal(2, rows[1].LagHours);
        Assert.Equal(5, rows[1].Hours);
        Assert.Equal(("US", "51"), (rows[0].Country, rows[0].Sector));
        Assert.Null(rows[2].Country);
    }

    [Fact]
    public void Published_loss_is_the_event_range_of_outage_events()
    {
        OutageEvent aws = ImpactDataReader.Load(RepoPaths.Data).Events.Single(e => e.EventId == "aws-us-east-1-2025-10-20");

        LossComparisonRow row = CaseStudy.PublishedLoss(aws, "CyberCube", "insured", "global", "cybercube-insured-2025-10");

        // FACTS §4c: CyberCube, $38 M – $581 M insured.
        Assert.Equal((38e6, 581e6), (row.LowUsd, row.HighUsd));
        Assert.Null(row.CentralUsd);
        Assert.Null(row.ShareInPublishedRange);
    }

    [Fact]
    public void Published_loss_of_an_event_without_an_estimate_or_of_an_unknown_measure_is_refused()
    {
        var none = new OutageEvent("e", Event, Event.AddHours(1), "aws", [], "cloud", "cause", null, null, null, "src", null);
        var some = none with { LossEstimateLowUsd = 1, LossEstimateHighUsd = 2 };

        Assert.Equal("published", Assert.Throws<ArgumentException>(() => CaseStudy.PublishedLoss(none, "x", "insured", "y", "src")).ParamName);
        Assert.Equal("measure", Assert.Throws<ArgumentException>(() => CaseStudy.PublishedLoss(some, "x", "gross", "y", "src")).ParamName);
    }

    [Fact]
    public void Our_loss_gives_the_5th_percentile_mean_and_95th_percentile_and_the_share_inside_the_published_range()
    {
        // Ground-up 1, 2, …, 100; insured max(0, ground-up − 50): 50 zeros then 1 … 50.
        double[] groundUp = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        double[] insured = groundUp.Select(g => Math.Max(0, g - 50)).ToArray();
        var d = new LossDistribution("t", 1, groundUp, insured, LossStatistics.Of(groundUp), LossStatistics.Of(insured), [], [], new LossScope(1, 1, 1, 0, 0, 0));
        var published = new LossComparisonRow("P", "insured", "all", 10, null, 20, null, "src");

        IReadOnlyList<LossComparisonRow> rows = CaseStudy.OurLoss(d, "ours", "test", published);

        // R7 on 1..100: position (n − 1)p + 1; p = 0.05 → 5.95 → 5.95; p = 0.95 → 95.05 → 95.05. Mean 50.5.
        Assert.Equal(("ground-up", 5.95, 50.5, 95.05), (rows[0].Measure, Math.Round(rows[0].LowUsd, 10), rows[0].CentralUsd, Math.Round(rows[0].HighUsd, 10)));
        Assert.Null(rows[0].ShareInPublishedRange);

        // Insured 10 … 20 are 11 of the 100 trials.
        Assert.Equal("insured", rows[1].Measure);
        Assert.Equal(0.11, rows[1].ShareInPublishedRange);
        Assert.Equal(12.75, rows[1].CentralUsd);
    }

    [Fact]
    public void Indicators_are_set_beside_the_services_and_users_down_in_their_scope()
    {
        // Every fixture service is down at some time; s1 US (users unknown), s2 US (50), s3 no country, s4 GB (100).
        var replay = new ModelReplay("fixture", ImpactFixture.Model(), FixtureTimeline());
        OutageIndicator Row(string scope) => new("e", "reports", scope, 10, "about", "reports", "src", null);
        OutageIndicator[] indicators = [Row("world"), Row("US"), Row("GB"), Row("US;GB"), Row("FR"), Row("world") with { EventId = "other" }];

        IReadOnlyList<IndicatorComparison> rows = CaseStudy.IndicatorsBesideModel(indicators, "e", [replay]);

        Assert.Equal(5, rows.Count);
        Assert.Equal(
            [new("fixture", 4, 4, null), new("fixture", 2, 2, null), new("fixture", 1, 1, 100), new("fixture", 3, 3, null), new ReplayCount("fixture", 0, 0, 0)],
            rows.Select(r => r.Replays.Single()));
    }

    [Fact]
    public void Reliance_counts_services_using_a_node_apart_from_those_failing_with_it()
    {
        // s2 and s4 reach cdn-y; only s4 fails with it (s2 also has cdn-x). s2, s3 and s4 reach dns-b
        // (s3 directly and through ca-c, s4 through cdn-y); only s2 fails with it. Only s4 has a revenue (1e6).
        RelianceFigures f = CaseStudy.Reliance(ImpactFixture.Model(), "cdn-y", "dns-b");

        Assert.Equal((4, 2, 1, 3, 1), (f.Services, f.UsingRegion, f.FailingWithRegion, f.UsingProvider, f.FailingWithProvider));
        Assert.Equal((1, 1e6, 1e6, 0.0), (f.RevenueKnownServices, f.RevenueUsd, f.RevenueFailingWithRegionUsd, f.RevenueFailingWithProviderUsd));
        Assert.Equal(1, f.RevenueShareFailingWithRegion);
        Assert.Equal(0, f.RevenueShareFailingWithProvider);
    }

    [Fact]
    public void Reliance_follows_a_dependency_cycle_to_the_region_whichever_member_is_met_first()
    {
        // a and b require each other; a also requires region r; the service needs b. Searching forward from b meets a
        // while b is still open, so a search that closes a cycle as "does not reach" would miss r. Walking back from r:
        // r ← a ← b ← s, so s uses r; r's failure takes a, then b (a cycle settles at the fixpoint), then s down.
        DependencyNode Node(string id) => new(id, NodeKind.Component, id) { Layer = "cloud", ProviderId = "p" };
        var data = new DependencyData(
            [],
            [],
            [Node("b"), Node("a"), Node("r"), Node("p")],
            [new DependentService("s", "s")],
            [
                new Requirement("a", "cloud", "ab", "b"),
                new Requirement("b", "cloud", "ba", "a"),
                new Requirement("a", "cloud", "region", "r"),
                new Requirement("r", "cloud", "provider", "p"),
                new Requirement("s", "cloud", "cloud", "b"),
            ]);

        RelianceFigures f = CaseStudy.Reliance(DependencyModel.Build(data), "r", "p");

        Assert.Equal((1, 1, 1, 1), (f.UsingRegion, f.FailingWithRegion, f.UsingProvider, f.FailingWithProvider));
    }

    [Fact]
    public void Reliance_without_known_revenue_has_no_revenue_share()
    {
        DependencyModel model = DependencyModel.Build(DependencyDataReader.Load(RepoPaths.Data));

        RelianceFigures f = CaseStudy.Reliance(model, "aws-us-east-1", "aws");

        // Every named service requires the region, and the region the provider (data/requirements.csv).
        Assert.Equal((36, 36, 36, 36, 36), (f.Services, f.UsingRegion, f.FailingWithRegion, f.UsingProvider, f.FailingWithProvider));
        Assert.Null(f.RevenueShareFailingWithRegion);
    }

    [Fact]
    public void Reliance_of_an_unknown_node_is_refused()
    {
        Assert.Equal("regionNodeId", Assert.Throws<ArgumentException>(() => CaseStudy.Reliance(ImpactFixture.Model(), "nope", "dns-a")).ParamName);
        Assert.Equal("providerNodeId", Assert.Throws<ArgumentException>(() => CaseStudy.Reliance(ImpactFixture.Model(), "dns-a", "nope")).ParamName);
    }

    [Fact]
    public void Concentration_beside_reliance_puts_the_market_first_then_each_model()
    {
        MarketConcentration q4 = ConcentrationAnalysis.Analyze(MarketDataReader.Load(RepoPaths.Data), "cloud-infra-synergy", "2025Q4").Single();
        RelianceFigures f = CaseStudy.Reliance(ImpactFixture.Model(), "cdn-y", "dns-b");

        IReadOnlyList<RelianceRow> rows = CaseStudy.ConcentrationBesideReliance(q4, "aws", "AWS", [new("fixture", f)]);

        Assert.Equal(3 + 6, rows.Count);

        // Synergy 2025Q4 (lightwave-synergy-2025q4): AWS 28% in whole percents, so 27.5–28.5%; CR3 = 28 + 21 + 14 = 63%.
        Assert.Equal((0.28, 0.275, 0.285), (Math.Round(rows[0].Value!.Value, 10), Math.Round(rows[0].Low!.Value, 10), Math.Round(rows[0].High!.Value, 10)));
        Assert.Equal(0.63, rows[1].Value!.Value, 10);
        Assert.False(rows[2].IsShare);
        Assert.Equal([0.5, 0.25, 0.75, 0.25, 1, 0], rows.Skip(3).Select(r => r.Value!.Value));
        Assert.All(rows.Skip(3), r => Assert.Equal("fixture", r.Group));
        Assert.Equal("providerId", Assert.Throws<ArgumentException>(() => CaseStudy.ConcentrationBesideReliance(q4, "nope", "x", [])).ParamName);
    }
}
