using MathNet.Numerics.Distributions;
using Microsoft.Data.Analysis;

namespace RiskToolkit.Impact;

/// <summary>
/// Losses at one return period T (years): the exceedance probability 1/T read from the period losses.
/// </summary>
/// <param name="ReturnPeriod">T, years (1 ≤ T ≤ the number of periods).</param>
/// <param name="Oep">Occurrence exceedance loss (largest event loss in a year exceeded with probability 1/T), USD.</param>
/// <param name="Aep">Aggregate exceedance loss (sum of a year's event losses exceeded with probability 1/T), USD; ≥ <paramref name="Oep"/>.</param>
/// <param name="OepTvar">Tail value at risk of the occurrence losses at T, USD; ≥ <paramref name="Oep"/>.</param>
/// <param name="AepTvar">Tail value at risk of the aggregate losses at T, USD; ≥ <paramref name="Aep"/>.</param>
public sealed record ExceedanceRow(int ReturnPeriod, double Oep, double Aep, double OepTvar, double AepTvar);

/// <summary>Result of <see cref="ExceedanceAnalysis.EpTable"/>.</summary>
/// <param name="Periods">Number of simulated periods P the table rests on; no return period above P is read.</param>
/// <param name="Rows">One row per requested return period ≤ P, by increasing return period.</param>
/// <param name="Omitted">Requested return periods above P, left out rather than extrapolated (increasing).</param>
public sealed record ExceedanceTable(int Periods, IReadOnlyList<ExceedanceRow> Rows, IReadOnlyList<int> Omitted)
{
    /// <summary>One row per return period: return_period (Int32), oep, aep, oep_tvar, aep_tvar (USD).</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new Int32DataFrameColumn("return_period", Rows.Select(r => r.ReturnPeriod)),
        new DoubleDataFrameColumn("oep", Rows.Select(r => r.Oep)),
        new DoubleDataFrameColumn("aep", Rows.Select(r => r.Aep)),
        new DoubleDataFrameColumn("oep_tvar", Rows.Select(r => r.OepTvar)),
        new DoubleDataFrameColumn("aep_tvar", Rows.Select(r => r.AepTvar)));
}

/// <summary>
/// Average annual loss (AAL) of a period loss table with its sampling uncertainty.
/// </summary>
/// <param name="Aal">Mean aggregate period loss, USD per year.</param>
/// <param name="StandardDeviation">Sample standard deviation (divisor P − 1) of the aggregate period losses, USD; <see langword="null"/> when P = 1.</param>
/// <param name="StandardError">Standard error of the AAL, SD/√P, USD; <see langword="null"/> when P = 1.</param>
/// <param name="ConfidenceLow95">AAL − 1.96·SE (normal approximation; may fall below 0 for few, skewed periods), USD; <see langword="null"/> when P = 1.</param>
/// <param name="ConfidenceHigh95">AAL + 1.96·SE, USD; <see langword="null"/> when P = 1.</param>
/// <param name="Periods">Number of periods P.</param>
public sealed record AverageAnnualLoss(
    double Aal,
    double? StandardDeviation,
    double? StandardError,
    double? ConfidenceLow95,
    double? ConfidenceHigh95,
    int Periods);

/// <summary>
/// Frequency side of outage losses: a catalogue of events with Poisson rates simulated over periods (years),
/// exceedance probability (EP) tables of the occurrence (OEP) and aggregate (AEP) period losses with tail
/// value at risk, and the average annual loss.
/// </summary>
/// <remarks>
/// Definitions: METHODS.md "Economic impact" after the Oasis Loss Modelling Framework outputs (ktools
/// <c>leccalc</c>/<c>ordleccalc</c>, <c>aalcalc</c>): return period T = 1/probability; OEP ranks each period's
/// largest event loss, AAL and AEP its sum of event losses; AAL's standard deviation is taken over period
/// losses, not event losses. R has no single function for the EP points: they are order statistics,
/// <c>sort(x, decreasing = TRUE)[P / T]</c> when P/T is whole (interpolated otherwise, see <see cref="EpTable"/>);
/// the AAL is <c>mean(x)</c> with <c>sd(x)</c>.
/// </remarks>
public static class ExceedanceAnalysis
{
    /// <summary>
    /// Periods simulated from one random stream: 1,024. Fixed, so the streams, and the result, do not depend
    /// on the number of cores.
    /// </summary>
    public const int PeriodsPerBlock = 1024;

    /// <summary>The standard return periods of METHODS.md, years: 5, 10, 20, 30, 50, 100, 200, 250, 500, 1000.</summary>
    public static IReadOnlyList<int> StandardReturnPeriods { get; } = Array.AsReadOnly([5, 10, 20, 30, 50, 100, 200, 250, 500, 1000]);

    /// <summary>
    /// Simulates <paramref name="periods"/> years of the catalogue: in each period every event occurs k times,
    /// k ~ Poisson(annual rate), and each occurrence draws a sample id uniformly from the event's loss samples
    /// (as Oasis pairs occurrences with samples) and a minute of the year uniformly from a 365-day year.
    /// </summary>
    /// <param name="catalogue">The events (see <see cref="EventLossSamples"/> for the allowed values).</param>
    /// <param name="periods">Number of periods P, ≥ 1.</param>
    /// <param name="seed">Seed; the same seed, catalogue and P give the same table.</param>
    /// <param name="parallel">Whether to simulate blocks of periods on several threads; the result is identical either way.</param>
    /// <returns>The period loss table.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="catalogue"/> is null.</exception>
    /// <exception cref="ArgumentException">When the catalogue is empty or an event is invalid (message names the event).</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="periods"/> is below 1.</exception>
    /// <remarks>
    /// <para>
    /// Reproducibility: periods are cut into blocks of <see cref="PeriodsPerBlock"/>; block b (0-based) covers
    /// periods b·1024 + 1 … and has its own xoshiro256** generator whose 256-bit state is seeded from
    /// (<paramref name="seed"/>, b) by SplitMix64 (Steele, Lea and Flood 2014; the seeding Vigna recommends for
    /// xoshiro), a MathNet random source. Within a block the draws come in a fixed order:
    /// period by period, events in catalogue order, for each event its count k (MathNet
    /// <see cref="Poisson.Sample(System.Random, double)"/>; none for rate 0), then per occurrence its sample
    /// index and its minute. Blocks are independent, so serial and parallel runs give the same bits.
    /// </para>
    /// <para>Within a period the occurrences are ordered by minute, event id and sample id, and the aggregate loss is summed in that order.</para>
    /// </remarks>
    public static PeriodLossTable SimulatePeriods(IReadOnlyList<EventLossSamples> catalogue, int periods, ulong seed, bool parallel = true)
    {
        double[][] samples = EventLossSamples.Validate(catalogue, nameof(catalogue));
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        var events = new (int Id, double Rate, double[] Samples)[catalogue.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = (catalogue[i].EventId, catalogue[i].AnnualRate, samples[i]);
        }

        var blocks = (periods + PeriodsPerBlock - 1) / PeriodsPerBlock;
        var results = new List<PeriodOccurrence>[blocks];
        if (parallel)
        {
            Parallel.For(0, blocks, b => results[b] = SimulateBlock(events, periods, seed, b));
        }
        else
        {
            for (var b = 0; b < blocks; b++)
            {
                results[b] = SimulateBlock(events, periods, seed, b);
            }
        }

        var all = new PeriodOccurrence[results.Sum(r => r.Count)];
        var at = 0;
        foreach (List<PeriodOccurrence> block in results)
        {
            block.CopyTo(all, at);
            at += block.Count;
        }

        return PeriodLossTable.Build(periods, all);
    }

    private static List<PeriodOccurrence> SimulateBlock((int Id, double Rate, double[] Samples)[] events, int periods, ulong seed, int block)
    {
        var rng = new StreamRandom(seed, (ulong)block);
        var first = (block * PeriodsPerBlock) + 1;
        var last = Math.Min(periods, first + PeriodsPerBlock - 1);
        var result = new List<PeriodOccurrence>();
        var period = new List<PeriodOccurrence>();
        for (var p = first; p <= last; p++)
        {
            period.Clear();
            foreach (var (id, rate, losses) in events)
            {
                if (rate == 0)
                {
                    continue;
                }

                var k = Poisson.Sample(rng, rate);
                for (var j = 0; j < k; j++)
                {
                    var sample = rng.Next(losses.Length);
                    var minute = rng.Next(PeriodOccurrence.MinutesPerYear);
                    period.Add(new PeriodOccurrence(p, id, sample + 1, losses[sample], minute));
                }
            }

            period.Sort(PeriodLossTable.Chronological);
            result.AddRange(period);
        }

        return result;
    }

    /// <summary>
    /// Exceedance probability table: OEP and AEP losses and their TVaR at each return period T ≤ P.
    /// </summary>
    /// <param name="table">The period losses.</param>
    /// <param name="returnPeriods">Return periods in years (each ≥ 1, no repeats), or <see langword="null"/> for <see cref="StandardReturnPeriods"/>.</param>
    /// <returns>Rows for the return periods ≤ P by increasing T; the others listed as omitted.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a return period is below 1.</exception>
    /// <exception cref="ArgumentException">When a return period is repeated.</exception>
    /// <remarks>
    /// <para>
    /// Empirical quantile, as ktools <c>leccalc</c> reads its full-uncertainty EP curve: sort the P period losses
    /// in descending order, L(1) ≥ … ≥ L(P); rank i has return period P/i. The loss at T is L(r) when r = P/T is a
    /// whole number; otherwise, with i = ⌈r⌉, it is interpolated linearly in the return period between the points
    /// (P/i, L(i)) and (P/(i−1), L(i−1)): loss = (1 − w)·L(i) + w·L(i−1), w = (T − P/i)/(P/(i−1) − P/i) = (T·i − P)(i − 1)/P.
    /// (Interpolating linearly in the rank r instead would give a slightly different weight; ktools interpolates in T.
    /// ktools also reports 0 when L(i) = 0; here the interpolation is applied there too.)
    /// No row is given for T &gt; P: the table does not extrapolate beyond the simulated periods.
    /// </para>
    /// <para>
    /// TVaR(T), as ktools computes it: the mean of the losses at or beyond T. With r whole, the mean of the r largest
    /// period losses, (L(1) + … + L(r))/r; otherwise the mean of the ⌊r⌋ largest and the loss at T,
    /// (L(1) + … + L(i−1) + loss(T))/i. TVaR(T) ≥ loss(T) in both cases.
    /// </para>
    /// </remarks>
    public static ExceedanceTable EpTable(PeriodLossTable table, IReadOnlyList<int>? returnPeriods = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        IReadOnlyList<int> requested = returnPeriods ?? StandardReturnPeriods;
        var seen = new HashSet<int>();
        foreach (var t in requested)
        {
            if (t < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(returnPeriods), t, "Return periods must be ≥ 1 year.");
            }

            if (!seen.Add(t))
            {
                throw new ArgumentException($"Return period {t} appears more than once.", nameof(returnPeriods));
            }
        }

        int[] sortedPeriods = [.. requested.Order()];
        var p = table.Periods;
        var oep = new Tail(table.OccurrenceLosses);
        var aep = new Tail(table.AggregateLosses);
        var rows = new List<ExceedanceRow>();
        foreach (var t in sortedPeriods.Where(t => t <= p))
        {
            var (oepLoss, oepTvar) = oep.At(t);
            var (aepLoss, aepTvar) = aep.At(t);
            rows.Add(new ExceedanceRow(t, oepLoss, aepLoss, oepTvar, aepTvar));
        }

        return new ExceedanceTable(p, rows.AsReadOnly(), Array.AsReadOnly(sortedPeriods.Where(t => t > p).ToArray()));
    }

    /// <summary>
    /// Average annual loss: the mean aggregate period loss, with the standard deviation of the aggregate period
    /// losses (divisor P − 1), its standard error SD/√P and the 95% interval AAL ± 1.96·SE.
    /// </summary>
    /// <param name="table">The period losses.</param>
    /// <returns>The AAL; the spread figures are <see langword="null"/> when P = 1.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="table"/> is null.</exception>
    /// <remarks>
    /// The interval uses the normal approximation to the sampling distribution of a mean (central limit theorem),
    /// which needs many periods when losses are rare and heavy-tailed. SD from period losses, not event losses
    /// (METHODS.md; Oasis <c>aalcalc</c>). R: <c>mean(x)</c>, <c>sd(x)</c>, <c>sd(x)/sqrt(length(x))</c>.
    /// </remarks>
    public static AverageAnnualLoss Aal(PeriodLossTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        IReadOnlyList<double> losses = table.AggregateLosses;
        var n = losses.Count;
        var mean = losses.Sum() / n;
        if (n == 1)
        {
            return new AverageAnnualLoss(mean, null, null, null, null, n);
        }

        var squares = 0.0;
        foreach (var x in losses)
        {
            squares += (x - mean) * (x - mean);
        }

        var sd = Math.Sqrt(squares / (n - 1));
        var se = sd / Math.Sqrt(n);
        return new AverageAnnualLoss(mean, sd, se, mean - (1.96 * se), mean + (1.96 * se), n);
    }

    /// <summary>Descending period losses with prefix sums, read at return periods.</summary>
    private sealed class Tail
    {
        private readonly double[] _sorted;
        private readonly double[] _prefix;

        public Tail(IReadOnlyList<double> losses)
        {
            _sorted = [.. losses];
            Array.Sort(_sorted, (a, b) => b.CompareTo(a));
            _prefix = new double[_sorted.Length + 1];
            for (var i = 0; i < _sorted.Length; i++)
            {
                _prefix[i + 1] = _prefix[i] + _sorted[i];
            }
        }

        /// <summary>Loss and TVaR at T (1 ≤ T ≤ P); ranks are 1-based, <c>_sorted[i − 1]</c> is L(i).</summary>
        public (double Loss, double Tvar) At(int t)
        {
            long p = _sorted.Length;
            if (p % t == 0)
            {
                var r = (int)(p / t);
                return (_sorted[r - 1], _prefix[r] / r);
            }

            var i = (int)((p / t) + 1);
            var w = (double)((t * (long)i) - p) * (i - 1) / p;
            var loss = ((1 - w) * _sorted[i - 1]) + (w * _sorted[i - 2]);
            return (loss, (_prefix[i - 1] + loss) / i);
        }
    }
}
