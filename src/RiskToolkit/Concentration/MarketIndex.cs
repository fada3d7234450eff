namespace RiskToolkit.Concentration;

/// <summary>
/// An increasing, Schur-convex index of a whole market given as listed shares plus a tail of unnamed
/// firms, packed into as few firms as a cap allows; used by <see cref="ShareIntervals"/>.
/// </summary>
/// <remarks>
/// Both implementations are symmetric, convex and increasing in each share, which the interval rules
/// rely on: a market whose partial sums of the k largest shares are all at least another's has at
/// least its value (Marshall, Olkin &amp; Arnold 2011, ch. 3, weak majorization).
/// </remarks>
internal abstract class MarketIndex
{
    /// <summary>Relative slack when counting whole pieces of the cap: 0.39/0.13 must give 3.</summary>
    private const double PieceNoise = Guard.SumNoise;

    /// <summary>
    /// How many small piece counts j (1..this) the remainder search must try besides the ends of a
    /// range: 0 when the index is convex in j along the search's lines (power sums), k for CRk.
    /// </summary>
    public virtual int ExtraPieceCounts => 0;

    /// <summary>
    /// The index of the market made of <paramref name="shares"/> and a tail of total
    /// <paramref name="tail"/> split into ⌊tail/cap⌋ firms of <paramref name="cap"/> and one of the
    /// rest; with <paramref name="cap"/> = 0 the tail is dust (infinitely many vanishing firms) and
    /// adds nothing.
    /// </summary>
    public double Of(ReadOnlySpan<double> shares, double cap, double tail)
    {
        double pieces = 0, rest = 0;
        if (cap > 0 && tail > 0)
        {
            pieces = Math.Floor(tail / cap + PieceNoise);
            rest = Math.Max(0, tail - pieces * cap);
        }

        return Of(shares, cap, pieces, rest);
    }

    /// <summary>The index of <paramref name="shares"/> plus <paramref name="pieces"/> firms of <paramref name="cap"/> and one of <paramref name="rest"/>.</summary>
    protected abstract double Of(ReadOnlySpan<double> shares, double cap, double pieces, double rest);

    /// <summary>Σ sᵢ^α, α &gt; 1 (α = 2: HHI on the 0–1 scale).</summary>
    internal sealed class PowerSum(double alpha) : MarketIndex
    {
        protected override double Of(ReadOnlySpan<double> shares, double cap, double pieces, double rest)
        {
            var sum = 0.0;
            foreach (var s in shares)
            {
                sum += Power(s);
            }

            return sum + (pieces > 0 ? pieces * Power(cap) : 0) + Power(rest);
        }

        // x·x for the HHI keeps the result identical to ConcentrationIndices.Hhi.
        private double Power(double x) => x <= 0 ? 0 : alpha == 2 ? x * x : Math.Pow(x, alpha);
    }

    /// <summary>CRk: the sum of the k largest shares.</summary>
    internal sealed class TopK(int k) : MarketIndex
    {
        public override int ExtraPieceCounts => k;

        protected override double Of(ReadOnlySpan<double> shares, double cap, double pieces, double rest)
        {
            Span<double> top = k <= 64 ? stackalloc double[k] : new double[k];
            top.Clear();
            foreach (var s in shares)
            {
                Insert(top, s);
            }

            for (var j = 0; j < pieces && j < k; j++)
            {
                Insert(top, cap);
            }

            Insert(top, rest);
            var sum = 0.0;
            foreach (var s in top)
            {
                sum += s;
            }

            return sum;
        }

        // top is sorted descending; a value larger than its last entry displaces it.
        private static void Insert(Span<double> top, double value)
        {
            var i = top.Length - 1;
            if (value <= top[i])
            {
                return;
            }

            while (i > 0 && top[i - 1] < value)
            {
                top[i] = top[i - 1];
                i--;
            }

            top[i] = value;
        }
    }
}
