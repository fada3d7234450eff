using MathNet.Numerics.Distributions;
using Microsoft.Data.Analysis;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Impact;

/// <summary>The running mean of the ground-up loss after the first <paramref name="Trials"/> trials.</summary>
/// <param name="Trials">Trials so far.</param>
/// <param name="Mean">Mean ground-up loss over them (USD).</param>
/// <param name="StandardError">Its standard error (USD).</param>
public sealed record ConvergencePoint(int Trials, double Mean, double StandardError);

/// <summary>The Monte Carlo loss distribution of one scenario event.</summary>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="Seed">The seed that reproduces it.</param>
/// <param name="GroundUpLosses">Direct (ground-up) loss of each trial (USD), in trial order.</param>
/// <param name="InsuredLosses">Expected insured loss of each trial (USD), in trial order.</param>
/// <param name="GroundUp">Statistics of <paramref name="GroundUpLosses"/>.</param>
/// <param name="Insured">Statistics of <paramref name="InsuredLosses"/>.</param>
/// <param name="MeanBySector">Mean direct and insured loss per sector over the trials, largest first.</param>
/// <param name="Convergence">Running mean and standard error at 50 evenly spaced trial counts.</param>
/// <param name="Scope">Which services the losses cover.</param>
public sealed record LossDistribution(
    string ScenarioId,
    ulong Seed,
    IReadOnlyList<double> GroundUpLosses,
    IReadOnlyList<double> InsuredLosses,
    LossStatistics GroundUp,
    LossStatistics Insured,
    IReadOnlyList<LossByKey> MeanBySector,
    IReadOnlyList<ConvergencePoint> Convergence,
    LossScope Scope)
{
    /// <summary>Number of trials.</summary>
    public int Trials => GroundUpLosses.Count;

    /// <summary>One row per trial: trial (from 1), ground_up_loss_usd, insured_loss_usd.</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new Int32DataFrameColumn("trial", Enumerable.Range(1, Trials)),
        new DoubleDataFrameColumn("ground_up_loss_usd", GroundUpLosses),
        new DoubleDataFrameColumn("insured_loss_usd", InsuredLosses));
}

/// <summary>
/// Monte Carlo simulation of a scenario's direct and insured loss under uncertain duration, loss fractions
/// and default revenues (MathNet.Numerics distributions and random sources).
/// </summary>
/// <remarks>
/// <para>Per trial: a duration multiplier D ~ LogNormal(0, σ_D) (median 1) stretches the whole timeline from
/// the first failure; per sector that has defaulted services, a multiplier R ~ LogNormal(−σ_R²/2, σ_R)
/// (mean 1) scales the default hourly loss; per service, a loss fraction f ~ Beta(mκ, (1 − m)κ) with the
/// sector's mean m, used as f/m so the expected hourly loss is the deterministic one (for services at the
/// sector default too, whose default cost is read as revenue × loss fraction). Loss of a service =
/// hourly × f/m × R × hours(D) × (1 − recovered) + incident; insured as in <see cref="DirectLoss"/>.</para>
/// <para>Reproducible: trials are cut into blocks of <see cref="BlockSize"/>, each with its own xoshiro256**
/// stream whose 256-bit state is seeded from (seed, block) by SplitMix64 (a MathNet <c>RandomSource</c>, so
/// MathNet's distributions draw from it); block sums are combined in block order, so the parallel result
/// equals the serial result bit for bit on any number of cores.</para>
/// <para>Beta draws use a tabulated inverse CDF (4,096 intervals from MathNet's <c>Beta.InvCDF</c>),
/// the way Oasis samples binned damage distributions; the throughput is in tests/benchmarks/RESULTS.md.</para>
/// </remarks>
public static class MonteCarloLoss
{
    /// <summary>Trials per random stream; fixed so that results do not depend on the number of cores.</summary>
    public const int BlockSize = 256;

    /// <summary>Simulates <paramref name="trials"/> trials of the scenario.</summary>
    /// <param name="model">The compiled dependency model.</param>
    /// <param name="scenario">The scenario; its <see cref="OutageScenario.Uncertainty"/> sets the spreads.</param>
    /// <param name="sectors">Sector parameters; every affected service's sector needs a row.</param>
    /// <param name="trials">Number of trials (1 to 100,000,000).</param>
    /// <param name="seed">Seed of the random streams.</param>
    /// <param name="parallel">Whether to run blocks on every core; the result is the same either way.</param>
    /// <param name="progress">Receives the number of trials done after each block, or <see langword="null"/>.</param>
    /// <returns>The loss distribution.</returns>
    /// <exception cref="ArgumentNullException">When a required argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="trials"/> or a spread is out of range.</exception>
    /// <exception cref="ArgumentException">As <see cref="DirectLoss.Compute"/>.</exception>
    public static LossDistribution Simulate(
        DependencyModel model,
        OutageScenario scenario,
        IReadOnlyList<SectorParameters> sectors,
        int trials,
        ulong seed,
        bool parallel = true,
        IProgress<int>? progress = null)
    {
        if (trials is < 1 or > 100_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "Expected 1 to 100,000,000 trials.");
        }

        return FromExposure(LossExposure.Build(model, scenario, sectors), trials, seed, parallel, progress);
    }

    /// <summary>The simulation over an exposure already built (shared with the direct loss of the same scenario).</summary>
    internal static LossDistribution FromExposure(LossExposure exposure, int trials, ulong seed, bool parallel, IProgress<int>? progress)
    {
        OutageScenario scenario = exposure.Scenario;
        LossUncertainty u = scenario.Uncertainty ?? throw new ArgumentException("The scenario has no uncertainty block.", nameof(scenario));
        Guard.InRange(u.DurationLogSd, 0, 5, "scenario.Uncertainty.DurationLogSd");
        Guard.InRange(u.DefaultRevenueLogSd, 0, 5, "scenario.Uncertainty.DefaultRevenueLogSd");
        if (u.LossFractionConcentration is { } kappa && (!double.IsFinite(kappa) || kappa <= 0))
        {
            throw new ArgumentOutOfRangeException("scenario.Uncertainty.LossFractionConcentration", kappa, "The concentration κ must be a finite number > 0, or absent.");
        }

        var kernel = new Kernel(exposure, u);
        var groundUp = new double[trials];
        var insured = new double[trials];
        int blocks = (trials + BlockSize - 1) / BlockSize;
        int sectorCount = exposure.Sectors.Length;
        var sectorDirect = new double[blocks][];
        var sectorInsured = new double[blocks][];
        int done = 0;
        void RunBlock(int b)
        {
            var direct = new double[sectorCount];
            var covered = new double[sectorCount];
            var multipliers = new double[sectorCount];
            var uniforms = new double[exposure.Count];
            var rng = new StreamRandom(seed, (ulong)b);
            int end = Math.Min(trials, (b + 1) * BlockSize);
            for (int t = b * BlockSize; t < end; t++)
            {
                (groundUp[t], insured[t]) = kernel.Trial(rng, uniforms, multipliers, direct, covered);
            }

            sectorDirect[b] = direct;
            sectorInsured[b] = covered;
            if (progress is not null)
            {
                progress.Report(Interlocked.Add(ref done, end - (b * BlockSize)));
            }
        }

        if (parallel)
        {
            Parallel.For(0, blocks, RunBlock);
        }
        else
        {
            for (int b = 0; b < blocks; b++)
            {
                RunBlock(b);
            }
        }

        var bySector = new LossByKey[sectorCount];
        for (int k = 0; k < sectorCount; k++)
        {
            double d = 0, c = 0;
            for (int b = 0; b < blocks; b++)
            {
                d += sectorDirect[b][k];
                c += sectorInsured[b][k];
            }

            string key = exposure.Sectors[k].Sector;
            int count = exposure.SectorIndex.Count(i => i == k);
            bySector[k] = new LossByKey(key, NaicsSectors.Title(key), count, d / trials, c / trials);
        }

        return new LossDistribution(
            scenario.ScenarioId,
            seed,
            groundUp,
            insured,
            LossStatistics.Of(groundUp),
            LossStatistics.Of(insured),
            bySector.OrderByDescending(s => s.DirectLossUsd).ThenBy(s => s.Key, StringComparer.Ordinal).ToArray(),
            Convergence(groundUp),
            exposure.Scope);
    }

    /// <summary>Running mean and standard error by Welford's update (Welford 1962), stable for samples of little spread.</summary>
    private static ConvergencePoint[] Convergence(double[] losses)
    {
        int n = losses.Length;
        int points = Math.Min(50, n);
        var result = new ConvergencePoint[points];
        double mean = 0, m2 = 0;
        int next = 0;
        for (int t = 0; t < n && next < points; t++)
        {
            double delta = losses[t] - mean;
            mean += delta / (t + 1);
            m2 += delta * (losses[t] - mean);
            int at = (int)((long)n * (next + 1) / points);
            if (t + 1 == at)
            {
                int k = t + 1;
                double variance = k > 1 ? m2 / (k - 1) : 0;
                result[next++] = new ConvergencePoint(k, mean, Math.Sqrt(variance / k));
            }
        }

        return result;
    }

    /// <summary>
    /// The per-trial computation over flat arrays, with the services grouped by sector so that sector sums
    /// stay in registers (one write per sector and trial instead of two per service).
    /// </summary>
    private sealed class Kernel
    {
        private readonly LossExposure exposure;
        private readonly double durationSd;
        private readonly double revenueSd;
        private readonly BetaQuantileTable?[] fraction;
        private readonly bool[] sectorHasDefaults;

        // Per service, in sector order: the exposure index, hourly loss, recovered share, incident cost,
        // single-window hours (−1 for several windows), lag and whether the default applies.
        private readonly int[] index;
        private readonly double[] hourly;
        private readonly double[] recovered;
        private readonly double[] incident;
        private readonly double[] single;
        private readonly double[] lag;
        private readonly bool[] usesDefault;

        // Sector k's services are [runStart[k], runStart[k + 1]).
        private readonly int[] runStart;

        public Kernel(LossExposure exposure, LossUncertainty u)
        {
            this.exposure = exposure;
            durationSd = u.DurationLogSd;
            revenueSd = u.DefaultRevenueLogSd;
            int sectors = exposure.Sectors.Length;
            fraction = exposure.Sectors.Select(p => BetaQuantileTable.MeanOne(p.LossFraction, u.LossFractionConcentration)).ToArray();
            index = Enumerable.Range(0, exposure.Count).OrderBy(i => exposure.SectorIndex[i]).ThenBy(i => i).ToArray();
            hourly = index.Select(i => exposure.Hourly[i]).ToArray();
            recovered = index.Select(i => exposure.Recovered[i]).ToArray();
            incident = index.Select(i => exposure.Incident[i]).ToArray();
            single = index.Select(exposure.SingleWindowHours).ToArray();
            lag = index.Select(i => exposure.Lag[i]).ToArray();
            usesDefault = index.Select(i => exposure.UsesDefault[i]).ToArray();
            runStart = new int[sectors + 1];
            sectorHasDefaults = new bool[sectors];
            foreach (int i in index)
            {
                runStart[exposure.SectorIndex[i] + 1]++;
                sectorHasDefaults[exposure.SectorIndex[i]] |= exposure.UsesDefault[i];
            }

            for (int k = 0; k < sectors; k++)
            {
                runStart[k + 1] += runStart[k];
            }
        }

        /// <summary>One trial; adds each sector's losses to the sector sums and returns the totals. The arrays belong to the calling block.</summary>
        public (double GroundUp, double Insured) Trial(StreamRandom rng, double[] uniforms, double[] revenueMultiplier, double[] sectorDirect, double[] sectorInsured)
        {
            double stretch = durationSd > 0 ? Math.Exp(durationSd * Normal.Sample(rng, 0, 1)) : 1;
            for (int k = 0; k < revenueMultiplier.Length; k++)
            {
                revenueMultiplier[k] = revenueSd > 0 && sectorHasDefaults[k]
                    ? Math.Exp((revenueSd * Normal.Sample(rng, 0, 1)) - (revenueSd * revenueSd / 2))
                    : 1;
            }

            if (fraction.Any(t => t is not null))
            {
                // One bulk call per trial: far cheaper than a virtual call per draw.
                rng.Fill(uniforms);
            }

            double total = 0, totalInsured = 0;
            for (int k = 0; k < runStart.Length - 1; k++)
            {
                BetaQuantileTable? table = fraction[k];
                double multiplier = revenueMultiplier[k];
                double direct = 0, paid = 0;
                for (int j = runStart[k]; j < runStart[k + 1]; j++)
                {
                    double h = hourly[j];
                    if (table is not null)
                    {
                        h *= table.At(uniforms[j]);
                    }

                    if (usesDefault[j])
                    {
                        h *= multiplier;
                    }

                    double hours = single[j] >= 0 ? (stretch * single[j]) + lag[j] : exposure.HoursAt(index[j], stretch);
                    direct += LossExposure.Direct(h, hours, recovered[j], incident[j]);
                    paid += exposure.Insured(h, hours, recovered[j]);
                }

                sectorDirect[k] += direct;
                sectorInsured[k] += paid;
                total += direct;
                totalInsured += paid;
            }

            return (total, totalInsured);
        }
    }
}
