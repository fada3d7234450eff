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

        return SortedDescending(shares).Take(k).Sum();
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
    /// <param name="shares">Shares 0–1 of the n named firms.</param>
    /// <returns>The normalised HHI, or <see langword="null"/> for n = 1 (the formula divides by zero).</returns>
    /// <remarks>Source: concstats <c>concstats_hhi(normalized = TRUE)</c>.</remarks>
    public static double? NormalizedHhi(IReadOnlyList<double> shares)
    {
        var h = Hhi(shares);
        var n = shares.Count;
        return n == 1 ? null : (h - 1.0 / n) / (1 - 1.0 / n);
    }

    /// <summary>
    /// Gini coefficient of the firms' shares: with x ascending, G = 2Σ i·x₍ᵢ₎/(n Σx) − (n+1)/n.
    /// </summary>
    /// <param name="shares">Shares 0–1 of the named firms (scale does not matter).</param>
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
    /// <returns>Entropy in bits, ≥ 0.</returns>
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
    /// <param name="shares">Shares 0–1 of the n named firms.</param>
    /// <returns>The ratio, or <see langword="null"/> for n = 1 (log₂ 1 = 0).</returns>
    /// <remarks>Source: concstats <c>concstats_entropy(normalized = TRUE)</c>.</remarks>
    public static double? NormalizedEntropy(IReadOnlyList<double> shares)
    {
        var e = Entropy(shares);
        return shares.Count == 1 ? null : e / Math.Log2(shares.Count);
    }

    /// <summary>
    /// The interval an unallocated remainder allows for the HHI when the named firms are the largest.
    /// </summary>
    /// <param name="shares">Shares 0–1 of the named firms; they are the market's leading firms.</param>
    /// <param name="remainder">Unallocated share 0–1 (<c>other</c>). A negative rounding excess is not allowed: pass 0.</param>
    /// <returns>
    /// Lower = Σ sᵢ² (the remainder infinitely fragmented). Upper = the most the remainder can add when
    /// it sits in firms no larger than the smallest named share s_min: ⌊R/s_min⌋ firms of s_min plus one
    /// firm of what is left, so upper = lower + ⌊R/s_min⌋·s_min² + (R − ⌊R/s_min⌋·s_min)².
    /// With R = 0 both ends are equal.
    /// </returns>
    /// <remarks>Source: <c>shared/facts/METHODS.md</c>, 'Incomplete data'.</remarks>
    public static HhiInterval HhiBounds(IReadOnlyList<double> shares, double remainder)
    {
        var lower = Hhi(shares);
        Guard.InRange(remainder, 0, 1, nameof(remainder));
        var smallest = shares.Min();
        if (remainder == 0)
        {
            return new HhiInterval(lower, lower);
        }

        if (smallest == 0)
        {
            // Every named share is zero: nothing bounds the size of the unnamed firms.
            return new HhiInterval(lower, lower + remainder * remainder);
        }

        // The tolerance keeps 0.39/0.13 = 2.9999999999999996 from losing a whole firm.
        var whole = Math.Floor(remainder / smallest + 1e-9);
        var rest = Math.Max(0, remainder - whole * smallest);
        return new HhiInterval(lower, lower + whole * smallest * smallest + rest * rest);
    }

    private static IEnumerable<double> SortedDescending(IReadOnlyList<double> shares) => shares.OrderDescending();
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
