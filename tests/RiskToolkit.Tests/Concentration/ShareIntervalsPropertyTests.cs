using CsCheck;
using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

/// <summary>
/// A true market is drawn, a publisher shows part of it (rounded, top firms plus 'other', ranges,
/// hidden ranks), and the intervals computed from what is shown must contain the true indices.
/// </summary>
public class ShareIntervalsPropertyTests
{
    // Binary rounding of shares that sum to 1.
    private const double Tolerance = 1e-12;

    private const int Cases = 1000;

    // A true market: 1–12 firms with shares summing to 1, largest first.
    private static readonly Gen<double[]> Market =
        Gen.Double[0.001, 1].Array[1, 12].Select(w =>
        {
            var total = w.Sum();
            return w.Select(x => x / total).OrderDescending().ToArray();
        });

    // The market, a seed for the publisher's choices, an exponent α and a k for CRk.
    private static readonly Gen<(double[] Truth, int Seed, double Alpha, int K)> Case =
        Gen.Select(Market, Gen.Int, Gen.Double[1.05, 4], Gen.Int[1, 5]);

    [Fact]
    public void Intervals_from_rounded_top_firms_and_rounded_other_contain_the_truth()
    {
        Case.Sample((truth, seed, alpha, k) =>
        {
            var rng = new Random(seed);
            var shown = rng.Next(1, truth.Length + 1);
            // Whole percents, as Synergy publishes: the true share lies within half a percent.
            var named = ShareIntervals.Rounded(truth[..shown].Select(s => Math.Round(s, 2)).ToArray(), 0.01);
            var other = ShareIntervals.Rounded([Math.Round(truth[shown..].Sum(), 2)], 0.01)[0];
            AssertContainsTruth(truth, named, other.Low, other.High, alpha, k);
        }, iter: Cases);
    }

    [Fact]
    public void Intervals_from_exact_top_firms_and_other_contain_the_truth()
    {
        Case.Sample((truth, seed, alpha, k) =>
        {
            var rng = new Random(seed);
            var shown = rng.Next(1, truth.Length + 1);
            var named = truth[..shown].Select(s => new ShareBounds(s, s)).ToArray();
            var other = truth[shown..].Sum();
            var (low, high) = rng.Next(2) == 0 ? (other, other) : (0.0, 1.0);
            AssertContainsTruth(truth, named, low, high, alpha, k);
        }, iter: Cases);
    }

    [Fact]
    public void Intervals_from_published_ranges_contain_the_truth()
    {
        Case.Sample((truth, seed, alpha, k) =>
        {
            var rng = new Random(seed);
            var shown = rng.Next(1, truth.Length + 1);
            var named = truth[..shown].Select(s => rng.Next(2) == 0 ? new ShareBounds(s, s) : Around(s, rng)).ToArray();
            var other = RemainderAsShown(truth[shown..].Sum(), rng);
            AssertContainsTruth(truth, named, other.Low, other.High, alpha, k);
        }, iter: Cases);
    }

    [Fact]
    public void Intervals_with_hidden_ranks_contain_the_truth()
    {
        Case.Sample((truth, seed, alpha, k) =>
        {
            var rng = new Random(seed);
            // Some ranks are shown (at least one); the firms at the others are unnamed.
            var shownAt = Enumerable.Range(0, truth.Length).Where(_ => rng.Next(2) == 0).ToList();
            if (shownAt.Count == 0)
            {
                shownAt.Add(rng.Next(truth.Length));
            }

            var named = shownAt.Select(p =>
            {
                var b = rng.Next(2) == 0 ? new ShareBounds(truth[p], truth[p]) : Around(truth[p], rng);
                return new ShareBounds(b.Low, b.High, p + 1);
            }).ToArray();
            var other = RemainderAsShown(Enumerable.Range(0, truth.Length).Where(p => !shownAt.Contains(p)).Sum(p => truth[p]), rng);
            AssertContainsTruth(truth, named, other.Low, other.High, alpha, k);
        }, iter: Cases);
    }

    [Fact]
    public void Intervals_for_more_ranged_firms_than_the_exact_search_takes_still_contain_the_truth()
    {
        var wide = Gen.Double[0.001, 1].Array[13, 20].Select(w =>
        {
            var total = w.Sum();
            return w.Select(x => x / total).OrderDescending().ToArray();
        });
        Gen.Select(wide, Gen.Int, Gen.Int[1, 5]).Sample((truth, seed, k) =>
        {
            var rng = new Random(seed);
            var shown = rng.Next(ShareIntervals.MaxExactRangedFirms + 1, truth.Length + 1);
            var named = ShareIntervals.Rounded(truth[..shown].Select(s => Math.Round(s, 2)).ToArray(), 0.01);
            var other = RemainderAsShown(truth[shown..].Sum(), rng);
            AssertContainsTruth(truth, named, other.Low, other.High, 2, k);
        }, iter: Cases);
    }

    [Fact]
    public void Whole_market_ranges_contain_the_true_hhi_gini_and_entropy()
    {
        Gen.Select(Market, Gen.Int).Sample((truth, seed) =>
        {
            var rng = new Random(seed);
            var boxes = truth.Select(s => Around(s, rng)).ToArray();
            double[] low = [.. boxes.Select(b => b.Low)], high = [.. boxes.Select(b => b.High)];
            var hhi = ShareIntervals.Range(low, high, s => ConcentrationIndices.Hhi(s), ShareShape.SchurConvex)!;
            var gini = ShareIntervals.Range(low, high, ConcentrationIndices.Gini, ShareShape.SchurConvex)!;
            var entropy = ShareIntervals.Range(low, high, s => ConcentrationIndices.Entropy(s), ShareShape.SchurConcave)!;
            Assert.True(hhi.Contains(ConcentrationIndices.Hhi(truth), Tolerance));
            Assert.True(gini.Contains(ConcentrationIndices.Gini(truth)!.Value, Tolerance));
            Assert.True(entropy.Contains(ConcentrationIndices.Entropy(truth), Tolerance));
            // With no remainder the named firms are the market: both methods are exact, so they agree.
            var bounds = ShareIntervals.HhiBounds(boxes, 0, 0);
            Assert.Equal(hhi.Lower, bounds.Lower, Tolerance);
            Assert.Equal(hhi.Upper, bounds.Upper, Tolerance);
        }, iter: Cases);
    }

    [Fact]
    public void Most_equal_market_is_majorized_by_every_feasible_market()
    {
        Gen.Select(Market, Gen.Int).Sample((truth, seed) =>
        {
            var rng = new Random(seed);
            var boxes = truth.Select(s => Around(s, rng)).ToArray();
            var most = ShareIntervals.MostEqual([.. boxes.Select(b => b.Low)], [.. boxes.Select(b => b.High)]);
            Assert.Equal(1, most.Sum(), Tolerance);
            Assert.All(most.Select((s, i) => (s, i)), x => Assert.InRange(x.s, boxes[x.i].Low, boxes[x.i].High));
            // The k largest shares of the most equal market never sum to more than the truth's.
            var sorted = most.OrderDescending().ToArray();
            for (var k = 1; k <= truth.Length; k++)
            {
                Assert.True(sorted.Take(k).Sum() <= truth.Take(k).Sum() + Tolerance);
            }

            Assert.True(ConcentrationIndices.Hhi(most) <= ConcentrationIndices.Hhi(truth) + Tolerance);
            Assert.True(ConcentrationIndices.Gini(most)!.Value <= ConcentrationIndices.Gini(truth)!.Value + Tolerance);
        }, iter: Cases);
    }

    [Fact]
    public void Intervals_do_not_depend_on_the_order_of_the_named_firms()
    {
        Case.Sample((truth, seed, alpha, k) =>
        {
            var rng = new Random(seed);
            var ranked = rng.Next(2) == 0;
            var shown = rng.Next(1, truth.Length + 1);
            var named = truth[..shown].Select((s, p) =>
            {
                var b = rng.Next(2) == 0 ? new ShareBounds(s, s) : Around(s, rng);
                return ranked ? new ShareBounds(b.Low, b.High, p + 1) : b;
            }).ToArray();
            var other = RemainderAsShown(truth[shown..].Sum(), rng);
            var shuffled = named.ToArray();
            rng.Shuffle(shuffled);
            var a = ShareIntervals.PowerSumBounds(named, other.Low, other.High, alpha);
            var b = ShareIntervals.PowerSumBounds(shuffled, other.Low, other.High, alpha);
            Assert.Equal(a.Lower, b.Lower, Tolerance);
            Assert.Equal(a.Upper, b.Upper, Tolerance);
            var ca = ShareIntervals.ConcentrationRatioBounds(named, other.Low, other.High, k);
            var cb = ShareIntervals.ConcentrationRatioBounds(shuffled, other.Low, other.High, k);
            Assert.Equal(ca is null, cb is null);
            if (ca is not null)
            {
                Assert.Equal(ca.Lower, cb!.Lower, Tolerance);
                Assert.Equal(ca.Upper, cb.Upper, Tolerance);
            }
        }, iter: Cases);
    }

    [Fact]
    public void Exact_shares_give_the_fragmented_and_packed_hhi()
    {
        Gen.Select(Market, Gen.Int).Sample((truth, seed) =>
        {
            var shown = new Random(seed).Next(1, truth.Length + 1);
            var points = truth[..shown];
            var remainder = truth[shown..].Sum();
            var now = ShareIntervals.HhiBounds([.. points.Select(s => new ShareBounds(s, s))], remainder, remainder);
            // Lower: the remainder infinitely fragmented. Upper: packed into whole firms of the smallest
            // positive named share and one of what is left (the whole remainder when no named share is positive).
            var h = points.Sum(s => s * s);
            var cap = points.Any(s => s > 0) ? Math.Max(points.Where(s => s > 0).Min(), 0) : remainder;
            var whole = cap > 0 ? Math.Floor((remainder / cap) + 1e-9) : 0;
            var rest = Math.Max(0, remainder - (whole * cap));
            Assert.Equal(h, now.Lower, Tolerance);
            Assert.Equal(Math.Min(1, h + (whole * cap * cap) + (rest * rest)), now.Upper, Tolerance);
        }, iter: Cases);
    }

    private static void AssertContainsTruth(double[] truth, IReadOnlyList<ShareBounds> named, double remainderLow, double remainderHigh, double alpha, int k)
    {
        var hhi = ShareIntervals.HhiBounds(named, remainderLow, remainderHigh);
        Assert.True(hhi.Lower <= hhi.Upper);
        Assert.InRange(ConcentrationIndices.Hhi(truth), hhi.Lower - Tolerance, hhi.Upper + Tolerance);

        var power = ShareIntervals.PowerSumBounds(named, remainderLow, remainderHigh, alpha);
        Assert.True(power.Contains(truth.Sum(s => Math.Pow(s, alpha)), Tolerance));

        var cr = ShareIntervals.ConcentrationRatioBounds(named, remainderLow, remainderHigh, k);
        if (cr is not null)
        {
            Assert.True(cr.Contains(ConcentrationIndices.ConcentrationRatio(truth, k)!.Value, Tolerance));
        }
    }

    // A published range around a true share: up to 10 points either way, clipped to [0, 1]; sometimes
    // reaching 0.
    private static ShareBounds Around(double share, Random rng)
    {
        var below = rng.Next(5) == 0 ? share : rng.NextDouble() * 0.1;
        return new ShareBounds(Math.Max(0, share - below), Math.Min(1, share + rng.NextDouble() * 0.1));
    }

    // The unnamed firms' total as a publisher may show it: exact, a range around it, or not at all.
    private static ShareBounds RemainderAsShown(double remainder, Random rng) => rng.Next(3) switch
    {
        0 => new ShareBounds(Math.Min(remainder, 1), Math.Min(remainder, 1)),
        1 => Around(Math.Min(remainder, 1), rng),
        _ => new ShareBounds(0, 1),
    };
}
