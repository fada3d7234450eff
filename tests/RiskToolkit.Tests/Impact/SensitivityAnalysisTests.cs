using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class SensitivityAnalysisTests
{
    private static TornadoReport Ground() => SensitivityAnalysis.Tornado(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors());

    private static TornadoBar Bar(TornadoReport t, string name) => t.Bars.Single(b => b.Assumption == name);

    [Fact]
    public void The_base_is_the_direct_loss()
    {
        Assert.Equal(602_000 + (1e6 / 8760 * 0.25 * 1.5), Ground().BaseLossUsd, 6);
    }

    [Fact]
    public void Default_downtime_cost_moves_only_the_services_of_unknown_revenue()
    {
        // s1 and s2 use sector 51's default (100,000 USD/h in the fixture, so the low setting is the base);
        // at 1,000,000 USD/h: s1 1e6 × 2.5 × 0.8 + 1,000 = 2,001,000; s2 1e6 × 5 × 0.8 + 1,000 = 4,001,000;
        // s4 keeps its revenue-based 42.81.
        TornadoBar b = Bar(Ground(), "Default downtime cost (revenue unknown)");
        Assert.Equal(Ground().BaseLossUsd, b.LowLossUsd, 6);
        Assert.Equal(6_002_000 + (1e6 / 8760 * 0.25 * 1.5), b.HighLossUsd, 6);
    }

    [Fact]
    public void Doubling_the_timeline_replays_the_propagation_on_stretched_windows()
    {
        // dns-a [0, 4), dns-b [2, 8): s1 down [0, 4) + 0.5 h lag = 4.5 h → 100,000 × 4.5 × 0.8 + 1,000 = 361,000;
        // s2 [2, 8) + 2 h = 8 h → 641,000; s4 [2, 4) + 0.5 h = 2.5 h → 1e6 / 8,760 × 0.25 × 2.5.
        TornadoBar b = Bar(Ground(), "Outage duration");
        Assert.Equal(1_002_000 + (1e6 / 8760 * 0.25 * 2.5), b.HighLossUsd, 6);
    }

    [Fact]
    public void Bars_are_ordered_widest_first_and_insurance_terms_appear_only_for_the_insured_loss()
    {
        TornadoReport g = Ground();
        Assert.Equal(g.Bars.Select(b => b.Swing).OrderByDescending(x => x), g.Bars.Select(b => b.Swing));
        Assert.DoesNotContain(g.Bars, b => b.Assumption == "Waiting period");
        TornadoReport i = SensitivityAnalysis.Tornado(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors(), insured: true);
        Assert.Equal("insured", i.Measure);
        Assert.Equal(90_000, i.BaseLossUsd, 6);
        // The fixture's take-up is 0.5, so take-up 0.1 pays a fifth: 90,000 × 0.1 / 0.5 = 18,000.
        Assert.Equal(18_000, Bar(i, "Take-up of cover").LowLossUsd, 6);
        Assert.Equal(7, i.ToDataFrame().Rows.Count);
    }
}
