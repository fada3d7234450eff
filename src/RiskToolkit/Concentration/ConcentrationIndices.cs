namespace RiskToolkit.Concentration;

/// <summary>
/// Concentration indices of a market from its firms' shares. Every function is pure.
/// </summary>
/// <remarks>
/// Shares are fractions 0–1 of one market in one period, one entry per named firm, in any order.
/// They need not sum to 1: when a remainder is unallocated (<c>other</c>), the indices describe the
/// named firms as published and the remainder is never treated as a firm. Formulas follow
/// the R package concstats (rOpenSci) and ineq; README.md, 'Methods', states them in one place.
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
    /// CRk as a share 0–1, or <see langword="null"/> when a remainder exists and fewer than k named
    /// firms have a positive share: the k-th largest firm may then be unnamed, of unknown size.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1 or a remainder outside [0, 1].</exception>
    /// <remarks>Source: concstats <c>concstats_mstruct</c>.</remarks>
    public static double? ConcentrationRatio(IReadOnlyList<double> shares, int k, double remainder = 0)
    {
        Guard.Shares(shares, nameof(shares));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        Guard.InRange(remainder, 0, 1, nameof(remainder));
        if (remainder > 0 && shares.Count(s => s > 0) < k)
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
    /// <remarks>Method: README.md, 'Methods', incomplete data.</remarks>
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
    /// Lower = Σ lowᵢ² (firms at their lowest, remainder infinitely fragmented). Upper: the named firms
    /// whose low share is positive rank above every unnamed firm and sit at their high shares; the rest
    /// of the market P (the remainder plus the high shares of named firms that may hold 0) is packed
    /// into pieces no larger than c, the larger of the smallest such high share and the largest high
    /// share of a firm that may hold 0: ⌊P/c⌋ pieces of c and one of what is left. Upper =
    /// Σ highᵢ² (low &gt; 0) + ⌊P/c⌋·c² + (P − ⌊P/c⌋·c)². With points (low = high &gt; 0) this is Σ sᵢ²
    /// plus the remainder packed into firms of the smallest named share. When no named share is
    /// positive the ranking bounds nothing and P may be one firm. The upper end never exceeds 1, the
    /// HHI of a monopoly, even when rounded shares sum past 1.
    /// </returns>
    /// <exception cref="ArgumentException">The lists differ in length, or a low share exceeds its high share.</exception>
    /// <remarks>
    /// Method: README.md, 'Methods', incomplete data. Moving share from a smaller firm to a larger one
    /// raises Σ s², so the upper end puts every ranked firm at its high share and packs the rest.
    /// </remarks>
    public static HhiInterval HhiBounds(IReadOnlyList<double> low, IReadOnlyList<double> high, double remainder)
    {
        var lower = Hhi(low);
        Guard.Shares(high, nameof(high));
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

        // Firms that cannot be 0 rank above the unnamed ones; a firm that may hold 0 may sit below them,
        // so its share joins the pool of small pieces.
        var ranked = Enumerable.Range(0, low.Count).Where(i => low[i] > 0).ToList();
        var mayBeZero = Enumerable.Range(0, low.Count).Where(i => low[i] == 0).ToList();
        var upper = ranked.Sum(i => high[i] * high[i]);
        var pool = remainder + mayBeZero.Sum(i => high[i]);
        if (pool <= 0)
        {
            return new HhiInterval(lower, Math.Min(upper, 1));
        }

        var cap = ranked.Count == 0
            ? pool
            : Math.Max(ranked.Min(i => high[i]), mayBeZero.Count == 0 ? 0 : mayBeZero.Max(i => high[i]));
        // The tolerance keeps 0.39/0.13 = 2.9999999999999996 from losing a whole firm.
        var whole = Math.Floor(pool / cap + Guard.SumNoise);
        var rest = Math.Max(0, pool - whole * cap);
        // No market is more concentrated than a monopoly: rounded shares that sum past 1 must not push the bound past 1.
        return new HhiInterval(lower, Math.Min(upper + whole * cap * cap + rest * rest, 1));
    }
}

/// <summary>An interval of the HHI on the 0–1 scale.</summary>
public sealed record HhiInterval
{
    /// <summary>Creates the interval.</summary>
    /// <param name="lower">Lowest HHI the shares as published allow, 0–1.</param>
    /// <param name="upper">Highest HHI they allow, 0–1, at least <paramref name="lower"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An end is NaN or outside [0, 1], or the lower end exceeds the upper (beyond binary noise).</exception>
    public HhiInterval(double lower, double upper)
    {
        Guard.InRange(lower, 0, 1 + Guard.SumNoise, nameof(lower));
        Guard.InRange(upper, lower - Guard.SumNoise, 1 + Guard.SumNoise, nameof(upper));
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Lowest HHI the shares as published allow, 0–1 (rounding of the shares is not modelled).</summary>
    public double Lower { get; }

    /// <summary>Highest HHI the shares as published allow, 0–1 (rounding of the shares is not modelled).</summary>
    public double Upper { get; }

    /// <summary>Lower end in points, 0–10,000.</summary>
    public double LowerPoints => Lower * PointsPerUnit;

    /// <summary>Upper end in points, 0–10,000.</summary>
    public double UpperPoints => Upper * PointsPerUnit;

    private const double PointsPerUnit = ConcentrationIndices.PointsPerUnit;
}
