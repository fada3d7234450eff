using CsCheck;
using MathNet.Numerics.Distributions;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class MonteCarloLossTests
{
    private static LossDistribution Run(LossUncertainty u, int trials, ulong seed, bool parallel = true) =>
        MonteCarloLoss.Simulate(ImpactFixture.Model(), ImpactFixture.Scenario(u), ImpactFixture.Sectors(), trials, seed, parallel);

    private static double Deterministic => DirectLoss.Compute(ImpactFixture.Model(), ImpactFixture.Scenario(), ImpactFixture.Sectors()).DirectLossUsd;

    [Fact]
    public void Without_uncertainty_every_trial_is_the_direct_loss()
    {
        LossDistribution d = Run(LossUncertainty.None, 100, 1);
        Assert.All(d.GroundUpLosses, x => Assert.Equal(Deterministic, x, 6));
        Assert.All(d.InsuredLosses, x => Assert.Equal(90_000, x, 6));
        Assert.Equal(0, d.GroundUp.StandardDeviation!.Value, 6);
    }

    [Fact]
    public void Parallel_equals_serial_exactly()
    {
        var u = new LossUncertainty(0.3, 20, 0.5);
        Gen.Select(Gen.ULong, Gen.Int[1, 3 * MonteCarloLoss.BlockSize]).Sample(
            (seed, trials) =>
            {
                LossDistribution serial = Run(u, trials, seed, parallel: false);
                LossDistribution parallel = Run(u, trials, seed, parallel: true);
                return serial.GroundUpLosses.SequenceEqual(parallel.GroundUpLosses)
                    && serial.InsuredLosses.SequenceEqual(parallel.InsuredLosses)
                    && serial.MeanBySector.SequenceEqual(parallel.MeanBySector);
            },
            iter: 1000);
    }

    [Fact]
    public void The_same_seed_gives_the_same_sample_and_another_seed_another()
    {
        var u = new LossUncertainty(0.3, 20, 0.5);
        Assert.Equal(Run(u, 2000, 7).GroundUpLosses, Run(u, 2000, 7).GroundUpLosses);
        Assert.NotEqual(Run(u, 2000, 7).GroundUpLosses, Run(u, 2000, 8).GroundUpLosses);
    }

    [Fact]
    public void Loss_fraction_draws_keep_the_expected_loss()
    {
        // f/m has mean 1, so the expected trial loss is the deterministic loss; 4 standard errors of the
        // sample mean bound a false failure at about 6e-5.
        const int trials = 100_000;
        LossDistribution d = Run(new LossUncertainty(0, 5, 0), trials, 11);
        Assert.Equal(trials, d.Trials);
        Assert.True(d.GroundUp.StandardDeviation > 0);
        Assert.InRange(d.GroundUp.Mean, Deterministic - (4 * d.GroundUp.StandardError!.Value), Deterministic + (4 * d.GroundUp.StandardError!.Value));
    }

    [Fact]
    public void A_lognormal_duration_stretch_raises_the_expected_hours_by_exp_half_sigma_squared()
    {
        // E[D] = exp(σ²/2) for D ~ LogNormal(0, σ). Each service has one requirement window, so its hours
        // are D × h0 + lag:
        //   s1: 100,000 × 0.8 × (2 E[D] + 0.5) + 1,000
        //   s2: 100,000 × 0.8 × (3 E[D] + 2) + 1,000
        //   s4: 1e6 / 8,760 × 0.25 × (1 E[D] + 0.5)
        const double sigma = 0.3;
        const int trials = 100_000;
        double ed = Math.Exp(sigma * sigma / 2);
        double expected = (80_000 * ((2 * ed) + 0.5)) + 1_000 + (80_000 * ((3 * ed) + 2)) + 1_000 + (1e6 / 8760 * 0.25 * (ed + 0.5));
        LossDistribution d = Run(new LossUncertainty(sigma, null, 0), trials, 3);
        Assert.Equal(trials, d.Trials);
        Assert.InRange(d.GroundUp.Mean, expected - (4 * d.GroundUp.StandardError!.Value), expected + (4 * d.GroundUp.StandardError!.Value));
    }

    [Fact]
    public void Default_revenue_multipliers_have_mean_one()
    {
        const int trials = 100_000;
        LossDistribution d = Run(new LossUncertainty(0, null, 0.5), trials, 5);
        Assert.Equal(trials, d.Trials);
        Assert.InRange(d.GroundUp.Mean, Deterministic - (4 * d.GroundUp.StandardError!.Value), Deterministic + (4 * d.GroundUp.StandardError!.Value));
    }

    [Fact]
    public void Losses_are_never_negative_and_insured_never_exceeds_ground_up()
    {
        LossDistribution d = Run(new LossUncertainty(0.5, 2, 1), 5000, 9);
        Assert.All(d.GroundUpLosses, x => Assert.True(x >= 0));
        Assert.All(d.GroundUpLosses.Zip(d.InsuredLosses), p => Assert.True(p.Second <= p.First));
    }

    [Fact]
    public void Convergence_ends_at_the_full_sample_mean()
    {
        LossDistribution d = Run(new LossUncertainty(0.3, 20, 0.5), 5000, 2);
        Assert.Equal(50, d.Convergence.Count);
        Assert.Equal(5000, d.Convergence[^1].Trials);
        Assert.Equal(d.GroundUp.Mean, d.Convergence[^1].Mean, 6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_000_001)]
    public void Trials_out_of_range_are_rejected(int trials)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(LossUncertainty.None, trials, 1));
    }

    [Fact]
    public void A_concentration_that_is_not_positive_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(new LossUncertainty(0, 0, 0), 10, 1));
    }

    [Fact]
    public void The_quantile_table_follows_MathNet_Beta_within_1e_3()
    {
        // Beta(6, 14): mean 0.3, κ = 20. The table's value at p, rescaled, must have CDF within 1e-3 of p.
        BetaQuantileTable t = BetaQuantileTable.MeanOne(0.3, 20)!;
        for (int i = 1; i < 10_000; i++)
        {
            double p = i / 10_000.0;
            Assert.InRange(Beta.CDF(6, 14, t.At(p) * t.Scale), p - 1e-3, p + 1e-3);
        }

        Assert.InRange(t.Scale, 0.3 - 1e-4, 0.3 + 1e-4);
    }
}

public class LossExposureTests
{
    private static readonly DateTimeOffset T0 = ImpactFixture.T0;

    private static OutageScenario TwoWindows(double lag) => ImpactFixture.Scenario() with
    {
        Failures =
        [
            new NodeFailure("dns-a", T0, T0.AddHours(1), null, null),
            new NodeFailure("dns-a", T0.AddHours(3), T0.AddHours(4), null, null),
        ],
        RecoveryLags = new RecoveryLags(lag, new Dictionary<string, double>()),
    };

    [Theory]
    // s1 is down [0, 1) and [3, 4); stretched by D with lag 2.5 h: [0, D + 2.5) and [3D, 4D + 2.5).
    // D = 0.5: they overlap (1.5 ≤ 3) → 4 × 0.5 + 2.5 = 4.5 h. D = 1: overlap (3 ≤ 3.5) → 6.5 h.
    // D = 2: apart (6 > 4.5) → (2 + 2.5) + (8 + 2.5 − 6) = 9 h.
    [InlineData(0.5, 4.5)]
    [InlineData(1.0, 6.5)]
    [InlineData(2.0, 9.0)]
    public void Several_windows_stretch_and_merge_by_hand(double stretch, double hours)
    {
        LossExposure e = LossExposure.Build(ImpactFixture.Model(), TwoWindows(2.5), ImpactFixture.Sectors());
        Assert.Equal(-1, e.SingleWindowHours(0));
        Assert.Equal(hours, e.HoursAt(0, stretch), 12);
    }

    [Fact]
    public void Stretching_the_hours_equals_replaying_stretched_windows()
    {
        OutageScenario s = TwoWindows(2.5);
        LossExposure e = LossExposure.Build(ImpactFixture.Model(), s, ImpactFixture.Sectors());
        Gen.Double[0.1, 5].Sample(
            d =>
            {
                NodeFailure[] stretched = s.Failures.Select(f => f with { StartUtc = T0 + ((f.StartUtc - T0) * d), EndUtc = T0 + ((f.EndUtc - T0) * d) }).ToArray();
                OutageTimeline t = OutageTimeline.Build(ImpactFixture.Model(), stretched, s.RecoveryLags);
                return Math.Abs(t.Services[0].Hours - e.HoursAt(0, d)) < 1e-6;
            },
            iter: 1000);
    }
}
