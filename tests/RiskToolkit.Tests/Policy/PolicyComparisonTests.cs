using RiskToolkit.Data;
using RiskToolkit.Policy;
using Xunit;

namespace RiskToolkit.Tests.Policy;

public class PolicyComparisonTests
{
    private static readonly ImpactData Tables = new(PolicyFixture.Sectors(), []);

    private static PolicyComparisonReport Run(int trials, bool parallel = true) => PolicyComparison.Run(
        PolicyFixture.Data(),
        [
            new("multi-region 100%", PolicyKind.MultiRegion, 1),
            new("deconcentration 50%", PolicyKind.Deconcentration, 0.5) { TopProviders = 1 },
            new("deconcentration 100%", PolicyKind.Deconcentration, 1) { TopProviders = 1 },
        ],
        PolicyFixture.Scenario(),
        Tables,
        trials,
        42,
        parallel);

    [Fact]
    public void Baseline_comes_first_with_no_change()
    {
        PolicyComparisonReport report = Run(200);

        PolicyOutcome baseline = report.Outcomes[0];
        Assert.Equal(PolicySpec.Baseline, baseline.Policy);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (baseline.DeltaHhiPoints, baseline.DeltaExpectedLossUsd, baseline.DeltaAalUsd, baseline.DeltaOep100Usd!.Value));

        // Cloud reliance of the fixture: a 0.4, b 0.2, c 0.2 → H = 0.24, 2,400 points. a-r1 down takes s1 and s2 down.
        Assert.Equal(2_400, baseline.RelianceHhiPoints, 9);
        Assert.Equal(2, baseline.ServicesAffected);
        Assert.True(baseline.ExpectedLossUsd > 0);
        Assert.Equal((report.Trials, report.Seed, report.ScenarioId), (200, 42UL, "a-r1-24h"));
    }

    [Fact]
    public void Multi_region_removes_the_region_outage_loss_without_changing_reliance_on_the_provider()
    {
        PolicyOutcome multi = Run(200).Outcomes[1];

        // s1 and s2 gain a-r2: the a-r1 outage takes nobody down; failing provider a still takes both, so HHI is unchanged.
        Assert.Equal(0, multi.ServicesAffected);
        Assert.Equal(0, multi.ExpectedLossUsd);
        Assert.Equal(0, multi.DeltaHhiPoints, 9);
        Assert.Equal(-Run(200).Outcomes[0].ExpectedLossUsd, multi.DeltaExpectedLossUsd);
        Assert.True(multi.DeltaOep100Usd < 0);
    }

    [Fact]
    public void Deconcentration_deltas_of_hhi_match_the_hand_calculation()
    {
        PolicyComparisonReport report = Run(200);

        // Top 1 is a; s1 and s2 rest on it alone. At 50% one moves, to b (largest deficit 2/3): a 1/5, b 2/5, c 1/5
        // → H = 0.04 + 0.16 + 0.04 = 0.24, ΔHHI 0. At 100% the other moves to c: a 0, b 2/5, c 2/5 → H = 0.32,
        // ΔHHI +800 points: in a market of three, moving the leader's customers to the two others concentrates it.
        Assert.Equal(0, report.Outcomes[2].DeltaHhiPoints, 9);
        Assert.Equal(800, report.Outcomes[3].DeltaHhiPoints, 9);
        Assert.Equal((1, 2), (report.Outcomes[2].ServicesChanged, report.Outcomes[2].Eligible));
        Assert.Equal(1, report.Outcomes[2].ServicesAffected);
        Assert.Equal(0, report.Outcomes[3].ServicesAffected);
    }

    [Fact]
    public void Parallel_equals_serial()
    {
        PolicyComparisonReport serial = Run(2_000, parallel: false);
        PolicyComparisonReport parallel = Run(2_000, parallel: true);
        Assert.Equal(serial.Outcomes, parallel.Outcomes);
    }

    [Fact]
    public void Fewer_than_a_hundred_years_leave_the_tail_loss_undefined()
    {
        PolicyOutcome baseline = Run(50).Outcomes[0];
        Assert.Null(baseline.Oep100Usd);
        Assert.Null(baseline.Aep100Usd);
        Assert.Null(baseline.DeltaOep100Usd);
    }

    [Fact]
    public void Tables_without_a_cloud_region_are_rejected()
    {
        var data = PolicyFixture.Data() is var d ? d with { Nodes = d.Nodes.Select(n => n with { Kind = RiskToolkit.Dependencies.NodeKind.Component }).ToArray() } : d;
        var error = Assert.Throws<ArgumentException>(() => PolicyComparison.Run(data, [], PolicyFixture.Scenario(), Tables, 10, 1));
        Assert.Equal("data", error.ParamName);
    }

    [Fact]
    public void A_null_policy_or_bad_share_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => PolicyComparison.Run(PolicyFixture.Data(), [null!], PolicyFixture.Scenario(), Tables, 10, 1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PolicyComparison.Run(PolicyFixture.Data(), [new("bad", PolicyKind.MultiCloud, 2)], PolicyFixture.Scenario(), Tables, 10, 1));
        Assert.Equal("share", error.ParamName);
    }
}
