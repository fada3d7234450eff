using CsCheck;
using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public partial class ConcentrationIndicesTests
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
    public void New_indices_of_methods_example_match_published_values()
    {
        // Published values (METHODS worked example, from the concstats formulas); tolerance 5e-6, the
        // rounding of five decimals. Descending: 0.4, 0.25, 0.2, 0.1, 0.05; n = 5; H = 0.275.
        // Dual: 1 − 1/(5 · 0.275) = 1 − 1/1.375 = 1 − 0.72727 = 0.27273.
        Assert.Equal(0.27273, ConcentrationIndices.DualHhi(Example), 5);
        // Dominance: Σ s⁴ / H² = (0.0256 + 0.00390625 + 0.0016 + 0.0001 + 0.00000625) / 0.075625
        // = 0.0312125 / 0.075625 = 0.41273.
        Assert.Equal(0.41273, ConcentrationIndices.Dominance(Example)!.Value, 5);
        // Stenbacka: ½[1 − (0.4² − 0.25²)] = ½(1 − (0.16 − 0.0625)) = ½ · 0.9025 = 0.45125 (45.125 %).
        Assert.Equal(0.45125, ConcentrationIndices.Stenbacka(Example)!.Value, 12);
        // Normalised Gini: 0.34 · 5/4 = 0.425.
        Assert.Equal(0.425, ConcentrationIndices.NormalizedGini(Example)!.Value, 12);
        // GRS: n² = 25, s₁ = 0.4, so term = s (10 + 0.3 s²)/(25 + 0.6 s):
        // 0.4 · 10.048/25.24 = 0.159239; 0.25 · 10.01875/25.15 = 0.099590; 0.2 · 10.012/25.12 = 0.079713;
        // 0.1 · 10.003/25.06 = 0.039916; 0.05 · 10.00075/25.03 = 0.019978; sum = 0.398436 ≈ 0.39844.
        Assert.Equal(0.39844, ConcentrationIndices.Grs(Example), 5);
        // Simpson: 1 − 0.275 = 0.725.
        Assert.Equal(0.725, ConcentrationIndices.Simpson(Example), 12);
        // Hall–Tideman: Σ i·s = 1·0.4 + 2·0.25 + 3·0.2 + 4·0.1 + 5·0.05 = 2.15; 1/(2 · 2.15 − 1) = 1/3.3 = 0.30303.
        Assert.Equal(0.30303, ConcentrationIndices.Rosenbluth(Example)!.Value, 5);
    }

    [Fact]
    public void New_indices_of_methods_example_match_hand_calculation()
    {
        // n = 5, mean share μ = 0.2, so y = s/μ = 1.0, 1.25, 2.0, 0.5, 0.25 (in the order of Example).
        // HHI minimum: 1/5 = 0.2.
        Assert.Equal(0.2, ConcentrationIndices.HhiMin(5), 12);
        // Palma: ascending 0.05, 0.1, 0.2, 0.25, 0.4. Bottom 40% = 2 of 5 firms = 0.05 + 0.1 = 0.15.
        // Top 10% = half a firm = ½ · 0.4 = 0.2. Ratio 0.2/0.15 = 1.33333.
        Assert.Equal(4.0 / 3, ConcentrationIndices.Palma(Example)!.Value, 12);
        // Theil: y ln y = 0 + 1.25 · 0.223144 + 2 · 0.693147 + 0.5 · (−0.693147) + 0.25 · (−1.386294)
        // = 0 + 0.278929 + 1.386294 − 0.346574 − 0.346574 = 0.972077; ÷ 5 = 0.194415.
        // Check: ln 5 − entropy in nats = 1.609438 − 2.04145 · ln 2 (1.415022) = 0.194416.
        Assert.Equal(0.194415, ConcentrationIndices.Theil(Example)!.Value, 6);
        // Atkinson ε = 0.5: √y = 1, 1.118034, 1.414214, 0.707107, 0.5; mean = 4.739355/5 = 0.947871;
        // 1 − 0.947871² = 1 − 0.898459 = 0.101541.
        Assert.Equal(0.101541, ConcentrationIndices.Atkinson(Example)!.Value, 6);
        // Atkinson ε = 1: mean ln y = (0 + 0.223144 + 0.693147 − 0.693147 − 1.386294)/5 = −0.232630;
        // 1 − e^−0.232630 = 1 − 0.792447 = 0.207553.
        Assert.Equal(0.207553, ConcentrationIndices.Atkinson(Example, 1)!.Value, 6);
        // GE(0.5): (mean √y − 1)/(0.5 · (0.5 − 1)) = (0.947871 − 1)/(−0.25) = 0.208517.
        Assert.Equal(0.208517, ConcentrationIndices.GeneralizedEntropy(Example)!.Value, 6);
        // GE(2): mean y² = (1 + 1.5625 + 4 + 0.25 + 0.0625)/5 = 6.875/5 = 1.375; (1.375 − 1)/2 = 0.1875.
        Assert.Equal(0.1875, ConcentrationIndices.GeneralizedEntropy(Example, 2)!.Value, 12);
        // GE(0) is the mean log deviation: −(−0.232630) = 0.232630; GE(1) is Theil, 0.194415.
        Assert.Equal(0.232630, ConcentrationIndices.GeneralizedEntropy(Example, 0)!.Value, 6);
        Assert.Equal(0.194415, ConcentrationIndices.GeneralizedEntropy(Example, 1)!.Value, 6);
        // Hannah–Kay α = 1.5: s^1.5 = 0.2 · 0.447214 + 0.25 · 0.5 + 0.4 · 0.632456 + 0.1 · 0.316228 + 0.05 · 0.223607
        // = 0.089443 + 0.125 + 0.252982 + 0.031623 + 0.011180 = 0.510228; ^(1/0.5) = 0.510228² = 0.260333.
        Assert.Equal(0.260333, ConcentrationIndices.HannahKay(Example)!.Value, 6);
        // Hannah–Kay α = 2 is the HHI, 0.275; α = 1 is e^(Σ s ln s) = e^(−1.415022) = 0.242920.
        Assert.Equal(0.275, ConcentrationIndices.HannahKay(Example, 2)!.Value, 12);
        Assert.Equal(0.242920, ConcentrationIndices.HannahKay(Example, 1)!.Value, 6);
        // Berger–Parker: the largest share, 0.4.
        Assert.Equal(0.4, ConcentrationIndices.BergerParker(Example));
        // Lorenz: ascending 0.05, 0.1, 0.2, 0.25, 0.4; cumulative 0.05, 0.15, 0.35, 0.6, 1.0 at p = 0.2 … 1.
        var lorenz = ConcentrationIndices.LorenzCurve(Example);
        double[] p = [0, 0.2, 0.4, 0.6, 0.8, 1];
        double[] l = [0, 0.05, 0.15, 0.35, 0.6, 1];
        Assert.Equal(6, lorenz.Count);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(p[i], lorenz[i].CumulativeFirms, 12);
            Assert.Equal(l[i], lorenz[i].CumulativeShare, 12);
        }
    }

    [Fact]
    public void New_indices_of_a_single_firm()
    {
        double[] one = [1.0];
        Assert.Equal(1, ConcentrationIndices.HhiMin(1));
        // 1 − 1/(1 · 1) = 0.
        Assert.Equal(0, ConcentrationIndices.DualHhi(one), 12);
        // (1²/1)² = 1.
        Assert.Equal(1, ConcentrationIndices.Dominance(one)!.Value, 12);
        // No second firm.
        Assert.Null(ConcentrationIndices.Stenbacka(one));
        // 1 · (1 · 1 + 0.3)/(1 + 0.3) = 1.
        Assert.Equal(1, ConcentrationIndices.Grs(one), 12);
        Assert.Equal(0, ConcentrationIndices.Simpson(one), 12);
        // Gini · 1/0 is undefined.
        Assert.Null(ConcentrationIndices.NormalizedGini(one));
        Assert.Null(ConcentrationIndices.Palma(one));
        // 1/(2 · 1 − 1) = 1.
        Assert.Equal(1, ConcentrationIndices.Rosenbluth(one)!.Value, 12);
        // y = 1: every inequality index is 0.
        Assert.Equal(0, ConcentrationIndices.Theil(one)!.Value, 12);
        Assert.Equal(0, ConcentrationIndices.Atkinson(one)!.Value, 12);
        Assert.Equal(0, ConcentrationIndices.GeneralizedEntropy(one)!.Value, 12);
        // (1^α)^(1/(α−1)) = 1.
        Assert.Equal(1, ConcentrationIndices.HannahKay(one)!.Value, 12);
        Assert.Equal(1, ConcentrationIndices.BergerParker(one));
        Assert.Equal([new LorenzPoint(0, 0), new LorenzPoint(1, 1)], ConcentrationIndices.LorenzCurve(one));
    }

    [Fact]
    public void New_indices_of_equal_shares()
    {
        double[] equal = [0.25, 0.25, 0.25, 0.25];
        // 1 − 1/(4 · 0.25) = 0.
        Assert.Equal(0, ConcentrationIndices.DualHhi(equal), 12);
        // Each firm contributes 0.0625/0.25 = ¼ of H: 4 · (¼)² = 0.25 = 1/n.
        Assert.Equal(0.25, ConcentrationIndices.Dominance(equal)!.Value, 12);
        // ½[1 − (0.0625 − 0.0625)] = ½.
        Assert.Equal(0.5, ConcentrationIndices.Stenbacka(equal)!.Value, 12);
        // n² = 16, s₁ = 0.25: term = 0.25 (4 + 0.01875)/(16 + 0.075) = 0.25 · 0.25; 4 terms: 0.25 = 1/n.
        Assert.Equal(0.25, ConcentrationIndices.Grs(equal), 12);
        Assert.Equal(0.75, ConcentrationIndices.Simpson(equal), 12);
        Assert.Equal(0, ConcentrationIndices.NormalizedGini(equal)!.Value, 12);
        // Bottom 40% = 1.6 firms = 0.4 of the share; top 10% = 0.4 of a firm = 0.1: 0.1/0.4 = ¼.
        Assert.Equal(0.25, ConcentrationIndices.Palma(equal)!.Value, 12);
        // Σ i·s = 0.25 · (1 + 2 + 3 + 4) = 2.5; 1/(5 − 1) = 0.25 = 1/n.
        Assert.Equal(0.25, ConcentrationIndices.Rosenbluth(equal)!.Value, 12);
        Assert.Equal(0, ConcentrationIndices.Theil(equal)!.Value, 12);
        Assert.Equal(0, ConcentrationIndices.Atkinson(equal)!.Value, 12);
        Assert.Equal(0, ConcentrationIndices.Atkinson(equal, 3)!.Value, 12);
        Assert.Equal(0, ConcentrationIndices.GeneralizedEntropy(equal)!.Value, 12);
        Assert.Equal(0, ConcentrationIndices.GeneralizedEntropy(equal, -1)!.Value, 12);
        // Σ s^α = 4 · 4^−α = 4^(1−α); ^(1/(α−1)) = 4^−1 = 0.25 = 1/n for every α.
        Assert.Equal(0.25, ConcentrationIndices.HannahKay(equal)!.Value, 12);
        Assert.Equal(0.25, ConcentrationIndices.HannahKay(equal, 0.5)!.Value, 12);
        Assert.Equal(0.25, ConcentrationIndices.HannahKay(equal, 1)!.Value, 12);
        Assert.Equal(0.25, ConcentrationIndices.BergerParker(equal));
        // The diagonal: (i/4, i/4).
        Assert.All(ConcentrationIndices.LorenzCurve(equal), pt => Assert.Equal(pt.CumulativeFirms, pt.CumulativeShare, 12));
    }

    [Fact]
    public void All_zero_shares_give_null_or_an_error_never_nan()
    {
        double[] zeros = [0.0, 0.0, 0.0];
        Assert.Null(ConcentrationIndices.NormalizedGini(zeros));
        Assert.Equal(0, ConcentrationIndices.BergerParker(zeros));
        Assert.Equal("shares", Assert.Throws<ArgumentException>(() => ConcentrationIndices.LorenzCurve(zeros)).ParamName);
        // Indices that need the whole market reject shares that sum to 0.
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Theil(zeros));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Dominance(zeros));
    }

    [Fact]
    public void Palma_is_null_when_the_bottom_forty_percent_holds_no_whole_firm_or_no_share()
    {
        // n = 2: 40% of the firms is 0.8 of a firm.
        Assert.Null(ConcentrationIndices.Palma([0.7, 0.3]));
        // n = 3: the bottom 40% (1.2 firms: the 0 firm and 0.2 of the next) holds 0.2 · 0 = 0.
        Assert.Null(ConcentrationIndices.Palma([1.0, 0.0, 0.0]));
        // n = 3: bottom 40% = 0.2 + 0.2 · 0.3 = 0.26; top 10% = 0.3 of the 0.5 firm = 0.15; 0.15/0.26.
        Assert.Equal(0.15 / 0.26, ConcentrationIndices.Palma([0.5, 0.3, 0.2])!.Value, 12);
    }

    [Fact]
    public void Zero_share_makes_atkinson_null_from_epsilon_one_and_generalised_entropy_null_from_alpha_zero_down()
    {
        double[] withZero = [0.6, 0.4, 0.0];
        Assert.NotNull(ConcentrationIndices.Atkinson(withZero, 0.99));
        Assert.Null(ConcentrationIndices.Atkinson(withZero, 1));
        Assert.Null(ConcentrationIndices.Atkinson(withZero, 2));
        Assert.NotNull(ConcentrationIndices.GeneralizedEntropy(withZero, 0.01));
        Assert.Null(ConcentrationIndices.GeneralizedEntropy(withZero, 0));
        Assert.Null(ConcentrationIndices.GeneralizedEntropy(withZero, -1));
        // y = 1.8, 1.2, 0: Theil = (1.8 ln 1.8 + 1.2 ln 1.2 + 0)/3 = (1.058016 + 0.218786)/3 = 0.425601;
        // the zero-share firm counts in n (R ineq::Theil would drop it).
        Assert.Equal(0.425601, ConcentrationIndices.Theil(withZero)!.Value, 6);
        // A zero-share firm takes no part in the dual HHI's n: 1 − 1/(2 · 0.52) = 0.038462.
        Assert.Equal(1 - 1 / (2 * 0.52), ConcentrationIndices.DualHhi(withZero), 12);
    }

    [Fact]
    public void Parametrised_indices_are_continuous_at_their_special_cases()
    {
        // The limits α → 1 (Hannah–Kay, GE), α → 0 (GE) and ε → 1 (Atkinson) are computed without
        // cancellation: a parameter d away moves each index by less than d (their slopes are below 1 here).
        foreach (var d in new[] { 1e-12, 1e-9, 1e-6 })
        {
            foreach (var sign in new[] { -1, 1 })
            {
                var h = sign * d;
                Assert.Equal(ConcentrationIndices.HannahKay(Example, 1)!.Value, ConcentrationIndices.HannahKay(Example, 1 + h)!.Value, d + 1e-12);
                Assert.Equal(ConcentrationIndices.Theil(Example)!.Value, ConcentrationIndices.GeneralizedEntropy(Example, 1 + h)!.Value, d + 1e-12);
                Assert.Equal(ConcentrationIndices.GeneralizedEntropy(Example, 0)!.Value, ConcentrationIndices.GeneralizedEntropy(Example, h)!.Value, d + 1e-12);
                Assert.Equal(ConcentrationIndices.Atkinson(Example, 1)!.Value, ConcentrationIndices.Atkinson(Example, 1 + h)!.Value, d + 1e-12);
            }
        }

        // Large α tends to the largest share: (0.4^1000 + 0.25^1000 + …)^(1/999) = 0.4^(1000/999), as
        // (0.25/0.4)^1000 ≈ e^−470 vanishes beside 1.
        Assert.Equal(Math.Pow(0.4, 1000.0 / 999), ConcentrationIndices.HannahKay(Example, 1000)!.Value, 12);
    }

    [Fact]
    public void Invalid_parameters_are_rejected_with_their_names()
    {
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationIndices.HhiMin(0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationIndices.HannahKay(Example, 0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationIndices.HannahKay(Example, -1)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationIndices.GeneralizedEntropy(Example, double.NaN)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationIndices.Atkinson(Example, -0.5)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationIndices.Stenbacka(Example, double.PositiveInfinity)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LorenzPoint(1.1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LorenzPoint(0.5, double.NaN));
    }

    [Fact]
    public void Whole_market_indices_reject_shares_that_do_not_sum_to_one()
    {
        double[] partial = [0.29, 0.22, 0.12];
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.DualHhi(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Dominance(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Stenbacka(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Grs(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Simpson(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Palma(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Rosenbluth(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Theil(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.Atkinson(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.GeneralizedEntropy(partial));
        Assert.Throws<ArgumentException>(() => ConcentrationIndices.HannahKay(partial));
        // Scale-free and descriptive ones accept the named firms alone.
        Assert.Equal(0.29, ConcentrationIndices.BergerParker(partial));
        Assert.NotNull(ConcentrationIndices.NormalizedGini(partial));
        Assert.Equal(4, ConcentrationIndices.LorenzCurve(partial).Count);
    }

    [Fact]
    public void Concentration_ratio_is_null_when_the_kth_firm_hides_in_the_remainder()
    {
        Assert.Null(ConcentrationIndices.ConcentrationRatio([0.3, 0.2, 0.1], 4, remainder: 0.4));
        // No remainder: the three firms are the whole market, so CR4 = 1.
        Assert.Equal(1, ConcentrationIndices.ConcentrationRatio([0.5, 0.3, 0.2], 4, remainder: 0)!.Value, 12);
    }

    [Fact]
    public void Interval_rejects_a_lower_end_above_the_upper_end()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HhiInterval(0.3, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HhiInterval(double.NaN, 0.2));
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
