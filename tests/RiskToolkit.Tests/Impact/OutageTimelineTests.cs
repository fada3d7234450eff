using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class OutageTimelineTests
{
    private static readonly DateTimeOffset T0 = ImpactFixture.T0;

    [Fact]
    public void Stretches_between_window_boundaries_propagate_what_is_failed_in_each()
    {
        OutageTimeline t = OutageTimeline.Build(ImpactFixture.Model(), ImpactFixture.Failures(), RecoveryLags.None);

        // Boundaries 0, 1, 2, 4 h give three stretches; see ImpactFixture for the propagation by hand.
        Assert.Equal(T0, t.StartUtc);
        Assert.Equal(T0.AddHours(4), t.EndUtc);
        Assert.Equal([1.0, 1.0, 2.0], t.Steps.Select(s => s.Hours));
        Assert.Equal(["dns-a"], t.Steps[0].FailedNodeIds);
        Assert.Equal(["dns-a", "dns-b"], t.Steps[1].FailedNodeIds);
        Assert.Equal([1, 4, 1], t.Steps.Select(s => s.ServicesDown));
        Assert.Equal(["s1", "s2", "s3", "s4"], t.Services.Select(s => s.ServiceId));
        Assert.Equal([2.0, 3.0, 1.0, 1.0], t.Services.Select(s => s.Hours));
    }

    [Fact]
    public void Recovery_lags_extend_each_window_after_its_requirements_return()
    {
        OutageTimeline t = OutageTimeline.Build(ImpactFixture.Model(), ImpactFixture.Failures(), ImpactFixture.Lags());

        // s1 [0, 2) + 0.5 h; s2 [1, 4) + 2 h; s3 and s4 [1, 2) + 0.5 h.
        Assert.Equal([2.5, 5.0, 1.5, 1.5], t.Services.Select(s => s.Hours));
        ServiceOutage s2 = t.Services[1];
        Assert.Equal(new DownWindow(T0.AddHours(1), T0.AddHours(4)), Assert.Single(s2.RequirementWindows));
        Assert.Equal(new DownWindow(T0.AddHours(1), T0.AddHours(6)), Assert.Single(s2.Windows));
    }

    [Fact]
    public void Two_windows_of_one_node_give_two_down_windows_that_a_long_lag_merges()
    {
        NodeFailure[] twice =
        [
            new("dns-a", T0, T0.AddHours(1), null, null),
            new("dns-a", T0.AddHours(3), T0.AddHours(4), null, null),
        ];

        ServiceOutage apart = OutageTimeline.Build(ImpactFixture.Model(), twice, RecoveryLags.None).Services[0];
        ServiceOutage merged = OutageTimeline.Build(ImpactFixture.Model(), twice, new RecoveryLags(2.5, new Dictionary<string, double>())).Services[0];

        Assert.Equal("s1", apart.ServiceId);
        Assert.Equal(2, apart.Windows.Count);
        Assert.Equal(2.0, apart.Hours);

        // [0, 1 + 2.5) overlaps [3, 4 + 2.5): one window [0, 6.5).
        Assert.Equal(new DownWindow(T0, T0.AddHours(6.5)), Assert.Single(merged.Windows));
    }

    [Fact]
    public void An_unknown_node_is_named()
    {
        NodeFailure[] bad = [new("nowhere", T0, T0.AddHours(1), null, null)];
        var e = Assert.Throws<ArgumentException>(() => OutageTimeline.Build(ImpactFixture.Model(), bad, RecoveryLags.None));
        Assert.Contains("'nowhere'", e.Message);
    }

    [Fact]
    public void A_window_that_does_not_end_after_it_starts_is_rejected()
    {
        NodeFailure[] bad = [new("dns-a", T0, T0, null, null)];
        Assert.Throws<ArgumentException>(() => OutageTimeline.Build(ImpactFixture.Model(), bad, RecoveryLags.None));
    }

    [Fact]
    public void No_failures_and_negative_lags_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => OutageTimeline.Build(ImpactFixture.Model(), [], RecoveryLags.None));
        var negative = new RecoveryLags(0, new Dictionary<string, double> { ["s1"] = -1 });
        Assert.Throws<ArgumentException>(() => OutageTimeline.Build(ImpactFixture.Model(), ImpactFixture.Failures(), negative));
    }

    [Fact]
    public void ToDataFrame_has_one_row_per_window()
    {
        var df = OutageTimeline.Build(ImpactFixture.Model(), ImpactFixture.Failures(), RecoveryLags.None).ToDataFrame();
        Assert.Equal(4, df.Rows.Count);
        Assert.Equal("2025-01-01T01:00:00Z", df["start_utc"][1]);
    }
}
