using CsCheck;
using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class ConcentrationIndicesTests
{
    // Worked example (0.2, 0.25, 0.4, 0.1, 0.05), hand-computed from the concstats formulas.
    private static readonly double[] Example = [0.2, 0.25, 0.4, 0.1, 0.05];

    [Fact]
    public void Hhi_of_doj_worked_example_is_2600_points()
    {
        // US DOJ HHI page: 30² + 30² + 20² + 20² = 900 + 900 + 400 + 400 = 2,600.
        var h = ConcentrationIndices.Hhi([0.3, 0.3, 0.2, 0.2]);
        Assert.Equal(2600, h * ConcentrationIndices.PointsPerUnit, 9);
    }

    [Fact]
    public void Indices_of_methods_example_match_hand_calculation()
    {
        // 0.04 + 0.0625 + 0.16 + 0.01 + 0.0025 = 0.275
        Assert.Equal(0.275, ConcentrationIndices.Hhi(Example), 12);
        // (0.275 − 0.2)/(1 − 0.2) = 0.09375
        Assert.Equal(0.09375, ConcentrationIndices.NormalizedHhi(Example)!.Value, 12);
        // 1/0.275 = 3.63636…
        Assert.Equal(3.6364, ConcentrationIndices.EquivalentFirms(Example)!.Value, 4);
        // −Σ s log2 s = 0.46439 + 0.5 + 0.52877 + 0.33219 + 0.21610 = 2.04145 bits
        Assert.Equal(2.04145, ConcentrationIndices.Entropy(Example), 5);
        // 2.04145 / log2 5 = 0.87920
        Assert.Equal(0.87920, ConcentrationIndices.NormalizedEntropy(Example)!.Value, 5);
        // ascending 0.05,0.1,0.2,0.25,0.4: Σ i·x = 0.05+0.2+0.6+1.0+2.0 = 3.85; 2·3.85/5 − 6/5 = 0.34
        Assert.Equal(0.34, ConcentrationIndices.Gini(Example)!.Value, 12);
        // 0.4 + 0.25 + 0.2 = 0.85
        Assert.Equal(0.85, ConcentrationIndices.ConcentrationRatio(Example, 3)!.Value, 12);
        Assert.Equal(0.4, ConcentrationIndices.ConcentrationRatio(Example, 1)!.Value, 12);
    }

    [Fact]
    public void Hhi_of_equal_shares_is_one_over_n()
    {
        Assert.Equal(0.25, ConcentrationIndices.Hhi([0.25, 0.25, 0.25, 0.25]), 12);
        Assert.Equal(0, ConcentrationIndices.NormalizedHhi([0.25, 0.25, 0.25, 0.25])!.Value, 12);
        Assert.Equal(0, ConcentrationIndices.Gini([0.25, 0.25, 0.25, 0.25])!.Value, 12);
        Assert.Equal(1, ConcentrationIndices.NormalizedEntropy([0.25, 0.25, 0.25, 0.25])!.Value, 12);
    }

    [Fact]
    public void Normalised_indices_of_a_monopoly_are_null_not_nan()
    {
        Assert.Null(ConcentrationIndices.NormalizedHhi([1.0]));
        Assert.Null(ConcentrationIndices.NormalizedEntropy([1.0]));
        Assert.Equal(1, ConcentrationIndices.Hhi([1.0]));
    }

    [Fact]
    public void Concentration_ratio_is_null_when_the_kth_firm_hides_in_the_remainder()
    {
        Assert.Null(ConcentrationIndices.ConcentrationRatio([0.3, 0.2, 0.1], 4, remainder: 0.4));
        // No remainder: the three firms are the whole market, so CR4 = 1.
        Assert.Equal(1, ConcentrationIndices.ConcentrationRatio([0.5, 0.3, 0.2], 4, remainder: 0)!.Value, 12);
    }

    [Fact]
    public void Hhi_bounds_of_synergy_2025q1_match_hand_calculation()
    {
        // Synergy Q1 2025: AWS 29%, Microsoft 22%, Google 12%, remainder 37%.
        // Lower: 0.0841 + 0.0484 + 0.0144 = 0.1469 (1,469 points).
        // Upper: the remainder in firms ≤ 12%: three of 12% (0.36) and one of 1%:
        // 0.1469 + 3·0.0144 + 0.0001 = 0.1902 (1,902 points).
        var bounds = ConcentrationIndices.HhiBounds([0.29, 0.22, 0.12], 0.37);
        Assert.Equal(1469, bounds.LowerPoints, 6);
        Assert.Equal(1902, bounds.UpperPoints, 6);
    }

    [Fact]
    public void Hhi_bounds_fill_whole_firms_despite_floating_point_division()
    {
        // 0.39 / 0.13 is 3 in exact arithmetic: three firms of 13% fill the remainder.
        // Lower 0.2304 + 0.0169 = 0.2473; upper 0.2473 + 3·0.0169 = 0.298.
        var bounds = ConcentrationIndices.HhiBounds([0.48, 0.13], 0.39);
        Assert.Equal(0.2473, bounds.Lower, 12);
        Assert.Equal(0.298, bounds.Upper, 12);
    }

    [Fact]
    public void Zero_named_share_does_not_cap_the_unnamed_firms()
    {
        // [0.3, 0] with 0.7 unallocated: unnamed firms are capped by the 30% firm, not by the 0% one:
        // two of 0.3 and one of 0.1: 0.09 + 2·0.09 + 0.01 = 0.28 (2,800 points).
        var b = ConcentrationIndices.HhiBounds([0.3, 0.0], 0.7);
        Assert.Equal(0.09, b.Lower, 12);
        Assert.Equal(0.28, b.Upper, 12);
        // Every named share 0: the ranking bounds nothing, the remainder may be one firm.
        Assert.Equal(0.49, ConcentrationIndices.HhiBounds([0.0], 0.7).Upper, 12);
    }

    [Fact]
    public void Range_that_may_reach_zero_does_not_cap_the_unnamed_firms()
    {
        // AWS 30–40%, Microsoft 30–40%, a third firm 0–5%: 15% is unallocated at the high ends. The third
        // firm may hold 0 and so may rank below unnamed firms: its 5% joins the 15% in a pool of 20%,
        // packed into pieces no larger than 40%: 0.16 + 0.16 + 0.2² = 0.36.
        var b = ConcentrationIndices.HhiBounds([0.3, 0.3, 0.0], [0.4, 0.4, 0.05], 0.15);
        Assert.Equal(0.18, b.Lower, 12);
        Assert.Equal(0.36, b.Upper, 12);
        // A case inside those ranges, [0.4, 0.4, 0] with 20% in one unnamed firm, reaches it.
        Assert.Equal(0.36, ConcentrationIndices.Hhi([0.4, 0.4, 0.0, 0.2]), 12);
    }

    [Fact]
    public void Interval_rejects_a_lower_end_above_the_upper_end()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HhiInterval(0.3, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HhiInterval(double.NaN, 0.2));
    }

    [Fact]
    public void Upper_end_never_exceeds_a_monopoly()
    {
        // A rounded 'other' of 2% beside a 100% firm would add 0.02 · 1; no HHI exceeds 1.
        Assert.Equal(1, ConcentrationIndices.HhiBounds([1.0], 0.02).Upper);
    }

    [Fact]
    public void Normalised_indices_reject_shares_that_are_not_the_whole_market()
    {
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.NormalizedHhi([0.29, 0.22, 0.12]));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.NormalizedEntropy([0.29, 0.22, 0.12]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Invalid_share_is_rejected_with_parameter_name(double bad)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationIndices.Hhi([0.5, bad]));
        Assert.Equal("shares", ex.ParamName);
    }

    [Fact]
    public void Empty_share_list_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConcentrationIndices.Hhi([]));
        Assert.Equal("shares", ex.ParamName);
    }

    // Shares that sum to 1: random weights normalised.
    private static readonly Gen<double[]> FullMarket =
        Gen.Double[0.001, 1].Array[1, 30].Select(w => w.Select(x => x / w.Sum()).ToArray());

    [Fact]
    public void Hhi_lies_between_one_over_n_and_one()
    {
        FullMarket.Sample(s =>
        {
            var h = ConcentrationIndices.Hhi(s);
            Assert.InRange(h, 1.0 / s.Length - 1e-12, 1 + 1e-12);
        }, iter: 1000);
    }

    [Fact]
    public void Concentration_ratio_does_not_decrease_in_k()
    {
        FullMarket.Sample(s =>
        {
            for (var k = 1; k < s.Length; k++)
            {
                Assert.True(ConcentrationIndices.ConcentrationRatio(s, k) <= ConcentrationIndices.ConcentrationRatio(s, k + 1) + 1e-12);
            }
        }, iter: 1000);
    }

    [Fact]
    public void Hhi_interval_contains_any_split_of_the_remainder_and_its_upper_end_is_reached()
    {
        // Named firms covering a random part of the market; the rest unallocated.
        var gen = Gen.Select(Gen.Double[0.01, 1].Array[1, 8], Gen.Double[0.05, 0.99], Gen.Int[1, 50]);
        gen.Sample((weights, covered, parts) =>
        {
            var named = weights.Select(w => w / weights.Sum() * covered).ToArray();
            var sum = named.Sum();
            var remainder = 1 - sum;
            var b = ConcentrationIndices.HhiBounds(named, remainder);
            Assert.True(b.Lower <= b.Upper);
            // Any split into equal firms no larger than the smallest named lies inside.
            var cap = named.Min();
            var count = Math.Max(parts, (int)Math.Ceiling(remainder / cap));
            var split = ConcentrationIndices.Hhi([.. named, .. Enumerable.Repeat(remainder / count, count)]);
            Assert.InRange(split, b.Lower - 1e-12, b.Upper + 1e-12);
            // The upper end is reached: whole firms of the cap and one of the rest.
            var whole = (int)Math.Floor(remainder / cap + 1e-9);
            var rest = Math.Max(0, remainder - whole * cap);
            var packed = ConcentrationIndices.Hhi([.. named, .. Enumerable.Repeat(cap, whole), rest]);
            Assert.Equal(b.Upper, packed, 1e-12);
        }, iter: 1000);
    }

    [Fact]
    public void Indices_do_not_depend_on_row_order()
    {
        Gen.Select(FullMarket, Gen.Int).Sample((s, seed) =>
        {
            var shuffled = s.ToArray();
            new Random(seed).Shuffle(shuffled);
            // Summation order changes the last bits only.
            Assert.Equal(ConcentrationIndices.Hhi(s), ConcentrationIndices.Hhi(shuffled), 1e-12);
            Assert.Equal(ConcentrationIndices.Gini(s)!.Value, ConcentrationIndices.Gini(shuffled)!.Value, 1e-12);
            Assert.Equal(ConcentrationIndices.Entropy(s), ConcentrationIndices.Entropy(shuffled), 1e-12);
            Assert.Equal(ConcentrationIndices.ConcentrationRatio(s, 2)!.Value, ConcentrationIndices.ConcentrationRatio(shuffled, 2)!.Value, 1e-12);
        }, iter: 1000);
    }
}
