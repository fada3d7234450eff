using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class ImpactAnalysisTests
{
    private static readonly ImpactData Tables = new(ImpactFixture.Sectors(), []);

    private static ImpactResult Run(int trials, ulong seed, bool parallel) =>
        ImpactAnalysis.Run(ImpactFixture.Model(), ImpactFixture.Scenario(new LossUncertainty(0.3, 20, 0.5)), Tables, null, trials, seed, parallel);

    [Fact]
    public void Parallel_equals_serial_through_every_step()
    {
        ImpactResult serial = Run(5000, 3, parallel: false);
        ImpactResult parallel = Run(5000, 3, parallel: true);
        Assert.Equal(serial.Distribution.GroundUpLosses, parallel.Distribution.GroundUpLosses);
        Assert.Equal(serial.GroundUp.Periods, parallel.GroundUp.Periods);
        Assert.Equal(serial.GroundUp.Ep.Rows, parallel.GroundUp.Ep.Rows);
        Assert.Equal(serial.Insured.Aal, parallel.Insured.Aal);
    }

    [Fact]
    public void Ground_up_and_insured_years_share_their_occurrences()
    {
        ImpactResult r = Run(3000, 5, parallel: true);

        // The fixture's rate is 0.5 a year; both measures draw the same events and samples in the same years.
        Assert.Equal(
            r.GroundUp.Periods.Occurrences.Select(o => (o.Period, o.SampleId)),
            r.Insured.Periods.Occurrences.Select(o => (o.Period, o.SampleId)));
        Assert.All(r.GroundUp.Periods.Occurrences.Zip(r.Insured.Periods.Occurrences), p => Assert.True(p.Second.Loss <= p.First.Loss));
        Assert.Equal(0.5, r.Frequency.AnnualRate);
    }

    [Fact]
    public void AAL_is_near_rate_times_mean_event_loss()
    {
        // E[annual loss] = λ × E[event loss] for a Poisson number of independent events; with 20,000 years the
        // sample AAL lies within 4 of its standard errors of λ × the trials' mean (itself exact for the sample).
        const int years = 20_000;
        ImpactResult r = Run(years, 9, parallel: true);
        Assert.Equal(years, r.GroundUp.Aal.Periods);
        double expected = 0.5 * r.Distribution.GroundUp.Mean;
        double se = r.GroundUp.Aal.StandardError!.Value;
        Assert.InRange(r.GroundUp.Aal.Aal, expected - (4 * se), expected + (4 * se));
    }

    [Fact]
    public void The_cascade_takes_only_US_services_and_their_lost_output()
    {
        IoTable io = IoTableReader.Load(RepoPaths.Data);
        LossReport direct = DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors());
        CascadeLoss c = ImpactAnalysis.CascadeOf(direct, io)!;

        // s1 and s2 are US services of sector 51 (INF): 201,000 + 401,000 less their incident costs of 1,000
        // each (spending, not lost output) = 600,000; s4 (GB) stays out.
        Assert.Equal(600_000, c.TotalDirectLossUsd, 6);
        Assert.Equal(600_000, c.Sectors.Single(s => s.SectorId == "INF").DirectLossUsd, 6);
        Assert.True(c.TotalCascadedLossUsd > 0);

        // The span runs from the first failure (00:00) to s2's return with its lag (06:00).
        Assert.Equal(6, c.DurationHours, 9);
    }
}
