using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class DirectLossTests
{
    [Fact]
    public void Losses_follow_the_formula_by_hand()
    {
        LossReport r = DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors());

        // s1 (51, revenue unknown → 100,000 USD/h default), 2.5 h: 100,000 × 2.5 × (1 − 0.2) + 1,000 = 201,000.
        // s2 (51, default), 5 h: 100,000 × 5 × 0.8 + 1,000 = 401,000.
        // s4 (52, revenue 1e6 USD/yr), 1.5 h: 1e6 / 8,760 × 0.25 × 1.5 × (1 − 0) = 42.808219…
        // s3 has no country, so the US/GB filter leaves it out.
        Assert.Equal(["s1", "s2", "s4"], r.Services.Select(s => s.ServiceId));
        Assert.Equal(201_000, r.Services[0].DirectLossUsd, 6);
        Assert.Equal(401_000, r.Services[1].DirectLossUsd, 6);
        Assert.Equal(1e6 / 8760 * 0.25 * 1.5, r.Services[2].DirectLossUsd, 9);
        Assert.Equal([true, true, false], r.Services.Select(s => s.UsesSectorDefault));
        Assert.Equal(602_000 + (1e6 / 8760 * 0.25 * 1.5), r.DirectLossUsd, 6);
    }

    [Fact]
    public void Insured_loss_pays_only_hours_beyond_the_waiting_period_after_the_deductible_up_to_the_limit()
    {
        LossReport r = DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors());

        // Waiting 2 h, deductible 10,000, limit 150,000, take-up 0.5.
        // s1: 100,000 × 0.8 × (2.5 − 2) − 10,000 = 30,000 → × 0.5 = 15,000.
        // s2: 100,000 × 0.8 × (5 − 2) − 10,000 = 230,000 → limit 150,000 → × 0.5 = 75,000.
        // s4: 1.5 h is within the waiting period → 0.
        Assert.Equal([15_000.0, 75_000.0, 0.0], r.Services.Select(s => s.InsuredLossUsd));
        Assert.Equal(90_000, r.InsuredLossUsd, 9);
    }

    [Fact]
    public void An_outage_no_longer_than_the_waiting_period_pays_nothing()
    {
        OutageScenario s = ImpactFixture.Scenario() with { Insurance = new InsuranceTerms(5, 0, null, 1) };
        LossReport r = DirectLoss.Compute(ImpactFixture.Model(), s, ImpactFixture.Sectors());

        // s2 is down exactly 5 h, the waiting period: nothing is paid; nor for the shorter outages.
        Assert.Equal(0, r.InsuredLossUsd);
        Assert.True(r.DirectLossUsd > 0);
    }

    [Fact]
    public void Sectors_and_countries_sum_their_services()
    {
        LossReport r = DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors());

        LossByKey info = r.BySector[0];
        Assert.Equal(("51", 2, 602_000.0, 90_000.0), (info.Key, info.Services, info.DirectLossUsd, info.InsuredLossUsd));
        Assert.Equal(["US", "GB"], r.ByCountry.Select(c => c.Key));
    }

    [Fact]
    public void The_scope_counts_what_the_filters_leave_out_and_the_defaults_used()
    {
        LossReport r = DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors());
        Assert.Equal(new LossScope(4, 3, 3, 1, 0, 2), r.Scope);
    }

    [Fact]
    public void A_top_by_revenue_segment_ranks_known_revenues_and_counts_the_unknown()
    {
        OutageScenario s = ImpactFixture.Scenario(filters: new ScenarioFilters([], [], 1));
        LossReport r = DirectLoss.Compute(ImpactFixture.Model(), s, ImpactFixture.Sectors());

        // Only s4 has a revenue: it is the segment; s1, s2 and s3 are outside it for want of a revenue.
        Assert.Equal(["s4"], r.Services.Select(x => x.ServiceId));
        Assert.Equal(new LossScope(4, 1, 1, 3, 3, 0), r.Scope);
    }

    [Fact]
    public void An_affected_service_without_a_sector_is_an_error_that_names_it()
    {
        OutageScenario s = ImpactFixture.Scenario(filters: ScenarioFilters.None);
        var e = Assert.Throws<ArgumentException>(() => DirectLoss.Compute(ImpactFixture.Model(), s, ImpactFixture.Sectors()));
        Assert.Contains("'s3'", e.Message);
    }

    [Fact]
    public void A_sector_without_parameters_is_an_error_that_names_it()
    {
        var e = Assert.Throws<ArgumentException>(() => DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors()[..1]));
        Assert.Contains("'52'", e.Message);
    }

    [Theory]
    [InlineData(-1, 0, 0.5)]
    [InlineData(0, -1, 0.5)]
    [InlineData(0, 0, 1.5)]
    [InlineData(double.NaN, 0, 0.5)]
    public void Insurance_terms_out_of_range_are_rejected(double waiting, double deductible, double takeUp)
    {
        OutageScenario s = ImpactFixture.Scenario() with { Insurance = new InsuranceTerms(waiting, deductible, null, takeUp) };
        Assert.ThrowsAny<ArgumentException>(() => DirectLoss.Compute(ImpactFixture.Model(), s, ImpactFixture.Sectors()));
    }

    [Fact]
    public void A_limit_that_is_not_positive_is_rejected()
    {
        OutageScenario s = ImpactFixture.Scenario() with { Insurance = new InsuranceTerms(0, 0, 0, 1) };
        Assert.Throws<ArgumentOutOfRangeException>(() => DirectLoss.Compute(ImpactFixture.Model(), s, ImpactFixture.Sectors()));
    }

    [Fact]
    public void Sector_parameters_out_of_range_are_rejected()
    {
        SectorParameters[] bad = [ImpactFixture.Sectors()[0] with { LossFraction = 1.2 }, ImpactFixture.Sectors()[1]];
        Assert.ThrowsAny<ArgumentException>(() => DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), bad));
        SectorParameters[] twice = [ImpactFixture.Sectors()[0], ImpactFixture.Sectors()[0]];
        Assert.Throws<ArgumentException>(() => DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), twice));
    }

    [Fact]
    public void ToDataFrame_has_one_row_per_affected_service()
    {
        var df = DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors()).ToDataFrame();
        Assert.Equal(3, df.Rows.Count);
        Assert.Equal(401_000.0, (double)df["direct_loss_usd"][1]!, 6);
    }
}
