using CsCheck;
using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

// Invariants of the indices over random markets (CsCheck, 1,000 cases or more each).
public partial class ConcentrationIndicesTests
{
    private const double Noise = 1e-12;

    // Whole markets in which about one firm in five holds exactly 0.
    private static readonly Gen<double[]> MarketWithZeros =
        Gen.Frequency((1, Gen.Const(0.0)), (4, Gen.Double[0.001, 1])).Array[1, 30]
            .Where(w => w.Sum() > 0)
            .Select(w => w.Select(x => x / w.Sum()).ToArray());

    // Every index of this class at default parameters, plus the non-default cases that behave differently.
    private static IEnumerable<(string Name, double? Value)> AllIndices(double[] s) =>
    [
        ("hhi", ConcentrationIndices.Hhi(s)),
        ("cr2", ConcentrationIndices.ConcentrationRatio(s, 2)),
        ("equivalentFirms", ConcentrationIndices.EquivalentFirms(s)),
        ("normalizedHhi", ConcentrationIndices.NormalizedHhi(s)),
        ("gini", ConcentrationIndices.Gini(s)),
        ("entropy", ConcentrationIndices.Entropy(s)),
        ("normalizedEntropy", ConcentrationIndices.NormalizedEntropy(s)),
        ("dualHhi", ConcentrationIndices.DualHhi(s)),
        ("dominance", ConcentrationIndices.Dominance(s)),
        ("stenbacka", ConcentrationIndices.Stenbacka(s)),
        ("grs", ConcentrationIndices.Grs(s)),
        ("simpson", ConcentrationIndices.Simpson(s)),
        ("normalizedGini", ConcentrationIndices.NormalizedGini(s)),
        ("palma", ConcentrationIndices.Palma(s)),
        ("rosenbluth", ConcentrationIndices.Rosenbluth(s)),
        ("theil", ConcentrationIndices.Theil(s)),
        ("atkinson", ConcentrationIndices.Atkinson(s)),
        ("atkinson2", ConcentrationIndices.Atkinson(s, 2)),
        ("generalizedEntropy", ConcentrationIndices.GeneralizedEntropy(s)),
        ("generalizedEntropy-1", ConcentrationIndices.GeneralizedEntropy(s, -1)),
        ("generalizedEntropy2", ConcentrationIndices.GeneralizedEntropy(s, 2)),
        ("hannahKay", ConcentrationIndices.HannahKay(s)),
        ("hannahKay0.5", ConcentrationIndices.HannahKay(s, 0.5)),
        ("hannahKay3", ConcentrationIndices.HannahKay(s, 3)),
        ("bergerParker", ConcentrationIndices.BergerParker(s)),
    ];

    [Fact]
    public void Every_index_ignores_the_order_of_the_shares()
    {
        Gen.Select(MarketWithZeros, Gen.Int).Sample((s, seed) =>
        {
            var shuffled = s.ToArray();
            new Random(seed).Shuffle(shuffled);
            foreach (var ((name, a), (_, b)) in AllIndices(s).Zip(AllIndices(shuffled)))
            {
                Assert.True(a.HasValue == b.HasValue, name);
                if (a.HasValue)
                {
                    // Summation order changes the last bits only.
                    Assert.True(Math.Abs(a.Value - b!.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value)), $"{name}: {a} vs {b}");
                }
            }

            Assert.Equal(ConcentrationIndices.LorenzCurve(s), ConcentrationIndices.LorenzCurve(shuffled));
        }, iter: 1000);
    }

    [Fact]
    public void Indices_stay_within_their_ranges()
    {
        MarketWithZeros.Sample(s =>
        {
            var n = s.Length;
            var h = ConcentrationIndices.Hhi(s);
            Assert.InRange(ConcentrationIndices.Dominance(s)!.Value, 1.0 / n - Noise, 1 + Noise);
            Assert.InRange(ConcentrationIndices.Rosenbluth(s)!.Value, 1.0 / n - Noise, 1 + Noise);
            Assert.InRange(ConcentrationIndices.Theil(s)!.Value, -Noise, Math.Log(n) + Noise);
            Assert.InRange(ConcentrationIndices.Atkinson(s)!.Value, -Noise, 1 + Noise);
            Assert.InRange(ConcentrationIndices.GeneralizedEntropy(s)!.Value, -Noise, double.MaxValue);
            Assert.InRange(ConcentrationIndices.DualHhi(s), -Noise, 1 - 1.0 / s.Count(x => x > 0) + Noise);
            Assert.Equal(1 - h, ConcentrationIndices.Simpson(s), 1e-15);
            // Hannah–Kay is a power mean of the shares of order α − 1, so it rises with α: from 1/n₊
            // towards the largest share, through the HHI at α = 2.
            var previous = 0.0;
            foreach (var alpha in new[] { 0.25, 0.5, 1, 1.5, 2, 3, 10 })
            {
                var hk = ConcentrationIndices.HannahKay(s, alpha)!.Value;
                Assert.InRange(hk, previous - Noise, ConcentrationIndices.BergerParker(s) + Noise);
                previous = hk;
            }

            Assert.Equal(h, ConcentrationIndices.HannahKay(s, 2)!.Value, 1e-12);
        }, iter: 1000);
    }

    [Fact]
    public void Lorenz_curve_is_non_decreasing_convex_and_below_the_diagonal()
    {
        MarketWithZeros.Sample(s =>
        {
            var curve = ConcentrationIndices.LorenzCurve(s);
            var n = s.Length;
            Assert.Equal(n + 1, curve.Count);
            Assert.Equal(new LorenzPoint(0, 0), curve[0]);
            Assert.Equal(new LorenzPoint(1, 1), curve[n]);
            var previousSlope = 0.0;
            for (var i = 1; i <= n; i++)
            {
                Assert.Equal((double)i / n, curve[i].CumulativeFirms, 15);
                Assert.True(curve[i].CumulativeShare >= curve[i - 1].CumulativeShare);
                Assert.True(curve[i].CumulativeShare <= curve[i].CumulativeFirms + Noise);
                // The slope over firm i is its share relative to the mean: it never falls.
                var slope = (curve[i].CumulativeShare - curve[i - 1].CumulativeShare) * n;
                Assert.True(slope >= previousSlope - 1e-9, $"slope {slope} after {previousSlope}");
                previousSlope = slope;
            }
        }, iter: 1000);
    }

    [Fact]
    public void Palma_reads_the_tails_off_the_lorenz_curve()
    {
        // With n a multiple of 10 both tails end on points of the curve: Palma = (1 − L(0.9)) / L(0.4).
        Gen.Int[1, 3].SelectMany(k => Gen.Double[0.001, 1].Array[10 * k])
            .Select(w => w.Select(x => x / w.Sum()).ToArray())
            .Sample(s =>
            {
                var curve = ConcentrationIndices.LorenzCurve(s);
                var n = s.Length;
                var expected = (1 - curve[9 * n / 10].CumulativeShare) / curve[4 * n / 10].CumulativeShare;
                Assert.Equal(expected, ConcentrationIndices.Palma(s)!.Value, 1e-9 * expected);
            }, iter: 1000);
    }

    [Fact]
    public void Transfer_from_a_smaller_to_a_larger_firm_never_lowers_concentration()
    {
        // Schur-convexity: move part of a smaller firm's share to a larger firm (no share reaches 0).
        var gen = Gen.Select(FullMarket.Where(s => s.Length >= 2), Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Double[0.01, 0.99]);
        gen.Sample((s, a, b, fraction) =>
        {
            var n = s.Length;
            var i = a % n;
            var j = (i + 1 + b % (n - 1)) % n;
            var (small, large) = s[i] <= s[j] ? (i, j) : (j, i);
            var after = s.ToArray();
            var t = fraction * s[small];
            after[small] -= t;
            after[large] += t;

            foreach (var (name, f) in RisingWithConcentration)
            {
                var before = f(s);
                var then = f(after);
                Assert.True(before.HasValue == then.HasValue, name);
                if (before.HasValue)
                {
                    Assert.True(then!.Value >= before.Value - 1e-12 * Math.Max(1, before.Value), $"{name} fell from {before} to {then}");
                }
            }

            Assert.True(ConcentrationIndices.Entropy(after) <= ConcentrationIndices.Entropy(s) + Noise, "entropy rose");
            Assert.True(ConcentrationIndices.Simpson(after) <= ConcentrationIndices.Simpson(s) + Noise, "Simpson rose");
        }, iter: 2000);
    }

    private static readonly (string Name, Func<double[], double?> Index)[] RisingWithConcentration =
    [
        ("hhi", s => ConcentrationIndices.Hhi(s)),
        ("gini", ConcentrationIndices.Gini),
        ("theil", ConcentrationIndices.Theil),
        ("atkinson", s => ConcentrationIndices.Atkinson(s)),
        ("atkinson1", s => ConcentrationIndices.Atkinson(s, 1)),
        ("atkinson3", s => ConcentrationIndices.Atkinson(s, 3)),
        ("generalizedEntropy", s => ConcentrationIndices.GeneralizedEntropy(s)),
        ("generalizedEntropy0", s => ConcentrationIndices.GeneralizedEntropy(s, 0)),
        ("generalizedEntropy-1", s => ConcentrationIndices.GeneralizedEntropy(s, -1)),
        ("generalizedEntropy2", s => ConcentrationIndices.GeneralizedEntropy(s, 2)),
        ("hannahKay", s => ConcentrationIndices.HannahKay(s)),
        ("hannahKay0.5", s => ConcentrationIndices.HannahKay(s, 0.5)),
        ("hannahKay3", s => ConcentrationIndices.HannahKay(s, 3)),
        ("palma", ConcentrationIndices.Palma),
        ("rosenbluth", ConcentrationIndices.Rosenbluth),
        ("cr2", s => ConcentrationIndices.ConcentrationRatio(s, 2)),
        ("bergerParker", s => ConcentrationIndices.BergerParker(s)),
    ];
}
