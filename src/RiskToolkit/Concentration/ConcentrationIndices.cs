namespace RiskToolkit.Concentration;

/// <summary>
/// Concentration indices of a market from its firms' shares. Every function is pure.
/// </summary>
/// <remarks>
/// Shares are fractions 0–1 of one market in one period, one entry per named firm, in any order.
/// They need not sum to 1: when a remainder is unallocated (<c>other</c>), the indices describe the
/// named firms as published and the remainder is never treated as a firm. Formulas follow
/// <c>shared/facts/METHODS.md</c>, anchored on the R package concstats (rOpenSci) and ineq.
/// Every function throws <see cref="ArgumentNullException"/> for a null list,
/// <see cref="ArgumentException"/> for an empty one, and <see cref="ArgumentOutOfRangeException"/> for a
/// share that is NaN, infinite or outside [0, 1].
/// </remarks>
public static class ConcentrationIndices
{
    /// <summary>Points per unit of HHI: the US agencies quote HHI on a 0–10,000 scale.</summary>
    public const double PointsPerUnit = 10_000;

    /// <summary>
    /// Herfindahl–Hirschman index H = Σ sᵢ², on the 0–1 scale (multiply by
    /// <see cref="PointsPerUnit"/> for points).
    /// </summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <returns>H in [0, 1]; 1/n ≤ H ≤ 1 when the shares sum to 1.</returns>
    /// <remarks>Source: US DOJ, "Herfindahl-Hirschman Index"; R: <c>concstats::concstats_hhi</c>.</remarks>
    public static double Hhi(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        var h = 0.0;
        foreach (var s in shares)
        {
            h += s * s;
        }

        return h;
    }

    /// <summary>Concentration ratio CRk = Σ of the k largest shares.</summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <param name="k">Number of leading firms, k ≥ 1.</param>
    /// <param name="remainder">Unallocated share 0–1 (<c>other</c>) that may hide further firms.</param>
    /// <returns>
    /// CRk as a share 0–1, or <see langword="null"/> when fewer than k firms are named and a remainder
    /// exists: the k-th firm is then unknown.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1 or a remainder outside [0, 1].</exception>
    /// <remarks>Source: concstats <c>concstats_mstruct</c>.</remarks>
    public static double? ConcentrationRatio(IReadOnlyList<double> shares, int k, double remainder = 0)
    {
        Guard.Shares(shares, nameof(shares));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        Guard.InRange(remainder, 0, 1, nameof(remainder));
        if (shares.Count < k && remainder > 0)
        {
            return null;
        }

        return shares.OrderDescending().Take(k).Sum();
    }

    /// <summary>Equivalent number of firms 1/H: how many equal firms would give the same HHI.</summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <returns>1/H, or <see langword="null"/> when every share is 0 (H = 0).</returns>
    /// <remarks>Source: concstats <c>concstats_nrs_eq</c>.</remarks>
    public static double? EquivalentFirms(IReadOnlyList<double> shares)
    {
        var h = Hhi(shares);
        return h > 0 ? 1 / h : null;
    }

    /// <summary>Normalised HHI (H − 1/n)/(1 − 1/n), 0 for equal shares and 1 for monopoly.</summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>The normalised HHI, or <see langword="null"/> for n = 1 (the formula divides by zero).</returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: with part of the market unallocated, n is unknown.</exception>
    /// <remarks>Source: concstats <c>concstats_hhi(normalized = TRUE)</c>.</remarks>
    public static double? NormalizedHhi(IReadOnlyList<double> shares)
    {
        var h = Hhi(shares);
        Guard.WholeMarket(shares, nameof(shares));
        var n = shares.Count;
        return n == 1 ? null : (h - 1.0 / n) / (1 - 1.0 / n);
    }

    /// <summary>
    /// Gini coefficient of the firms' shares: with x ascending, G = 2Σ i·x₍ᵢ₎/(n Σx) − (n+1)/n.
    /// </summary>
    /// <param name="shares">Shares 0–1 of the firms compared (scale does not matter, so shares that sum below 1 give the inequality among those firms only).</param>
    /// <returns>G in [0, (n−1)/n], or <see langword="null"/> when every share is 0.</returns>
    /// <remarks>Source: concstats <c>concstats_gini</c>; R: <c>ineq::Gini</c>.</remarks>
    public static double? Gini(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        var x = shares.Order().ToArray();
        var total = x.Sum();
        if (total == 0)
        {
            return null;
        }

        var n = x.Length;
        var weighted = 0.0;
        for (var i = 0; i < n; i++)
        {
            weighted += (i + 1) * x[i];
        }

        return 2 * weighted / (n * total) - (n + 1.0) / n;
    }

    /// <summary>Shannon entropy −Σ sᵢ log₂ sᵢ in bits (a zero share adds nothing).</summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <returns>Entropy in bits, ≥ 0. When the shares sum below 1, the named firms' contribution only: a lower bound of the market's entropy.</returns>
    /// <remarks>Source: concstats <c>concstats_entropy</c>.</remarks>
    public static double Entropy(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        var e = 0.0;
        foreach (var s in shares)
        {
            if (s > 0)
            {
                e -= s * Math.Log2(s);
            }
        }

        return e;
    }

    /// <summary>Normalised Shannon entropy: entropy in bits ÷ log₂ n.</summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>The ratio, or <see langword="null"/> for n = 1 (log₂ 1 = 0).</returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: with part of the market unallocated, n is unknown.</exception>
    /// <remarks>Source: concstats <c>concstats_entropy(normalized = TRUE)</c>.</remarks>
    public static double? NormalizedEntropy(IReadOnlyList<double> shares)
    {
        var e = Entropy(shares);
        Guard.WholeMarket(shares, nameof(shares));
        return shares.Count == 1 ? null : e / Math.Log2(shares.Count);
    }

    /// <summary>
    /// The interval an unallocated remainder allows for the HHI when the named firms are the largest.
    /// </summary>
    /// <param name="shares">Shares 0–1 of the named firms; they are the market's leading firms.</param>
    /// <param name="remainder">Unallocated share 0–1 (<c>other</c>); 0 when the named firms are the whole market.</param>
    /// <returns>See <see cref="HhiBounds(IReadOnlyList{double}, IReadOnlyList{double}, double)"/> with equal low and high shares.</returns>
    /// <remarks>Source: <c>shared/facts/METHODS.md</c>, 'Incomplete data'.</remarks>
    public static HhiInterval HhiBounds(IReadOnlyList<double> shares, double remainder) =>
        HhiBounds(shares, shares, remainder);

    /// <summary>
    /// The HHI interval when each named firm's share is known only within [low, high] (a published
    /// range, or a point when low = high) and part of the market is unallocated.
    /// </summary>
    /// <param name="low">Lowest share 0–1 of each named firm.</param>
    /// <param name="high">Highest share 0–1 of each named firm, same order and length as <paramref name="low"/>, each ≥ its low.</param>
    /// <param name="remainder">Share 0–1 left unallocated when every named firm is at its high share.</param>
    /// <returns>
    /// Lower = Σ lowᵢ² (firms at their lowest, remainder infinitely fragmented). Upper = Σ highᵢ² plus
    /// the most the remainder can add when it sits in firms no larger than the smallest positive named
    /// share c: ⌊R/c⌋ firms of c and one of what is left, i.e. + ⌊R/c⌋·c² + (R − ⌊R/c⌋·c)². When every
    /// named share is 0 the ranking bounds nothing and the remainder may be one firm (+ R²). The upper end
    /// never exceeds 1, the HHI of a monopoly, even when rounded shares sum past 1.
    /// </returns>
    /// <exception cref="ArgumentException">The lists differ in length, or a low share exceeds its high share.</exception>
    /// <remarks>
    /// Source: <c>shared/facts/METHODS.md</c>, 'Incomplete data'. Moving share from a smaller firm to a
    /// larger one raises Σ s², so the ends are reached with every firm at an end of its range.
    /// </remarks>
    public static HhiInterval HhiBounds(IReadOnlyList<double> low, IReadOnlyList<double> high, double remainder)
    {
        var lower = Hhi(low);
        var upper = Hhi(high);
        if (low.Count != high.Count)
        {
            throw new ArgumentException($"Expected as many high shares as low shares ({low.Count}), found {high.Count}.", nameof(high));
        }

        for (var i = 0; i < low.Count; i++)
        {
            if (low[i] > high[i])
            {
                throw new ArgumentException($"Low share [{i}] = {low[i]} exceeds its high share {high[i]}.", nameof(low));
            }
        }

        Guard.InRange(remainder, 0, 1, nameof(remainder));
        if (remainder == 0)
        {
            return new HhiInterval(lower, upper);
        }

        // No market is more concentrated than a monopoly: rounded shares that sum past 1 must not push the bound past 1.
        static HhiInterval Bounded(double lo, double hi) => new(lo, Math.Min(hi, 1));

        // A named firm with share 0 sits below every unnamed firm, so it does not cap their size.
        var positive = high.Where(s => s > 0).ToList();
        if (positive.Count == 0)
        {
            return Bounded(lower, upper + remainder * remainder);
        }

        var cap = positive.Min();
        // The tolerance keeps 0.39/0.13 = 2.9999999999999996 from losing a whole firm.
        var whole = Math.Floor(remainder / cap + 1e-9);
        var rest = Math.Max(0, remainder - whole * cap);
        return Bounded(lower, upper + whole * cap * cap + rest * rest);
    }
}

/// <summary>An interval of the HHI on the 0–1 scale.</summary>
/// <param name="Lower">Lowest HHI the data allow, 0–1.</param>
/// <param name="Upper">Highest HHI the data allow, 0–1; ≥ <paramref name="Lower"/>.</param>
public sealed record HhiInterval(double Lower, double Upper)
{
    /// <summary>Lower end in points, 0–10,000.</summary>
    public double LowerPoints => Lower * ConcentrationIndices.PointsPerUnit;

    /// <summary>Upper end in points, 0–10,000.</summary>
    public double UpperPoints => Upper * ConcentrationIndices.PointsPerUnit;
}
