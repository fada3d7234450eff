using System.Globalization;

namespace RiskToolkit.Concentration;

/// <summary>
/// Intervals of concentration indices when the shares are known only within bounds: published ranges
/// ("30–40%"), shares rounded to whole percents, an unallocated remainder ("other"), and missing
/// ranks ("DigiCert is 4th" with the 2nd and 3rd firms unnamed). Every function is pure.
/// </summary>
/// <remarks>
/// <para>
/// Shares are fractions 0–1. Two settings: the whole market known firm by firm, each within a box
/// [lowᵢ, highᵢ] (<see cref="MostEqual"/>, <see cref="Vertices"/>, <see cref="Range"/>), and named
/// firms plus a remainder held by unnamed firms (<see cref="PowerSumBounds"/>,
/// <see cref="HhiBounds"/>, <see cref="ConcentrationRatioBounds"/>). The intervals are closures: an
/// end that only a remainder split into ever more, ever smaller firms reaches is still reported.
/// </para>
/// <para>
/// Majorization: x ≺ y when the k largest entries of x never sum to more than those of y and both sum
/// to the same total. A Schur-convex function (symmetric and convex ones are) never decreases from
/// x to y, and an increasing Schur-convex one never decreases when only the partial sums of y are at
/// least those of x (weak majorization): Marshall, Olkin &amp; Arnold, <i>Inequalities: Theory of
/// Majorization and Its Applications</i>, 2nd ed. (Springer, 2011), ch. 3. Method and rules:
/// README.md, 'Methods', incomplete data.
/// </para>
/// </remarks>
public static class ShareIntervals
{
    /// <summary>Most firms <see cref="Vertices"/> and <see cref="Range"/> accept: P has up to 2^(n−1)·n vertices.</summary>
    public const int MaxVertexFirms = 20;

    /// <summary>
    /// Most named firms with a proper range (low &lt; high) for which the upper end of
    /// <see cref="PowerSumBounds"/> and <see cref="ConcentrationRatioBounds"/> without ranks is searched
    /// exactly; with more it is an enclosure.
    /// </summary>
    public const int MaxExactRangedFirms = 12;

    private const double Noise = Guard.SumNoise;

    // Two vertices closer than this in their free coordinate are the same vertex.
    private const double VertexTolerance = 1e-12;

    /// <summary>
    /// The most equal market in the box: sᵢ = clamp(λ, lowᵢ, highᵢ) with λ chosen so that Σ sᵢ = 1
    /// (water-filling).
    /// </summary>
    /// <param name="low">Lowest share 0–1 of each firm of the whole market.</param>
    /// <param name="high">Highest share 0–1 of each firm, same order and length as <paramref name="low"/>, each ≥ its low.</param>
    /// <returns>Shares 0–1, one per firm in input order, summing to 1.</returns>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN, infinite or outside [0, 1].</exception>
    /// <exception cref="ArgumentException">
    /// A list is empty, the lists differ in length, a low share exceeds its high share, or the set P =
    /// {low ≤ s ≤ high, Σ s = 1} is empty: Σ low &gt; 1 (names <paramref name="low"/>) or Σ high &lt; 1
    /// (names <paramref name="high"/>), beyond 1e-9.
    /// </exception>
    /// <remarks>
    /// The result is majorized by every point of P (for each k its k largest shares sum to no more
    /// than any feasible market's), so it minimises every Schur-convex index on P and maximises every
    /// Schur-concave one (Marshall, Olkin &amp; Arnold 2011, ch. 3). P's least element in majorization
    /// order is the box-and-sum case of Veinott, "Least d-majorized network flows with inventory and
    /// statistical applications", <i>Management Science</i> 17(9), 1971, and of Tamir, "Least
    /// majorized elements and generalized polymatroids", <i>Mathematics of Operations Research</i>
    /// 20(3), 1995. Direct check: firms at their low end lie above λ and every feasible market holds at
    /// least that much there; firms at their high end lie below λ and hold at most that; the rest share
    /// what is left equally, which no other split of it beats.
    /// </remarks>
    public static IReadOnlyList<double> MostEqual(IReadOnlyList<double> low, IReadOnlyList<double> high)
    {
        var (l, h) = WholeMarket(low, high);
        return WaterFill(l, h, 1);
    }

    /// <summary>
    /// The vertices of P = {low ≤ s ≤ high, Σ s = 1}: every coordinate but one at an end of its box,
    /// the free one inside its box. Each vertex is returned once.
    /// </summary>
    /// <param name="low">Lowest share 0–1 of each firm of the whole market.</param>
    /// <param name="high">Highest share 0–1 of each firm, same order and length, each ≥ its low.</param>
    /// <returns>Arrays of n shares in input order, each summing to 1 (within 1e-9); generated lazily.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// More than <see cref="MaxVertexFirms"/> (20) firms: P may have 2^(n−1)·n vertices; or a bound is
    /// NaN, infinite or outside [0, 1].
    /// </exception>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="MostEqual"/>.</exception>
    /// <remarks>
    /// A vertex of a box cut by one hyperplane has n − 1 coordinates at an end of their box. Firms with
    /// low = high have one value only. When a vertex has every coordinate at an end, it is reported for
    /// the first firm with a proper range only.
    /// </remarks>
    public static IEnumerable<double[]> Vertices(IReadOnlyList<double> low, IReadOnlyList<double> high)
    {
        var (l, h) = WholeMarket(low, high);
        if (l.Length > MaxVertexFirms)
        {
            throw new ArgumentOutOfRangeException(nameof(low), l.Length, $"At most {MaxVertexFirms} firms: the vertices number up to 2^(n-1)·n.");
        }

        return VerticesOf(l, h);
    }

    /// <summary>
    /// The exact range of a symmetric index over P = {low ≤ s ≤ high, Σ s = 1}, for an index that is
    /// Schur-convex and quasi-convex on P, or Schur-concave and quasi-concave.
    /// </summary>
    /// <param name="low">Lowest share 0–1 of each firm of the whole market (at most 20 firms).</param>
    /// <param name="high">Highest share 0–1 of each firm, same order and length, each ≥ its low.</param>
    /// <param name="index">The index of a whole market, given n shares in input order; null when undefined.</param>
    /// <param name="shape">Which of the two shapes the index has.</param>
    /// <returns>
    /// [min, max] of the index over P, or <see langword="null"/> when the index is null, NaN or infinite
    /// at any point evaluated (<see cref="MostEqual"/> and every vertex).
    /// </returns>
    /// <exception cref="ArgumentNullException">A list or <paramref name="index"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Vertices"/>, or <paramref name="shape"/> is not defined.</exception>
    /// <exception cref="ArgumentException">As for <see cref="MostEqual"/>.</exception>
    /// <remarks>
    /// <para>
    /// <see cref="ShareShape.SchurConvex"/>: the minimum is at <see cref="MostEqual"/> (majorized by
    /// every point of P) and the maximum at a vertex (a quasi-convex function attains its maximum over a
    /// polytope at a vertex). <see cref="ShareShape.SchurConcave"/>: reversed. Under that condition the
    /// interval is exact, not merely an enclosure.
    /// </para>
    /// <para>
    /// Qualify (the number of firms n is fixed on P, so the mean share is 1/n): HHI and every power sum
    /// Σ sᵢ^α (α &gt; 1), CRk, Gini, Theil, Atkinson, generalised entropy GE(α), Hannah–Kay
    /// (Σ sᵢ^α)^(1/(α−1)), Berger–Parker (largest share), Palma (top 10% ÷ bottom 40%, while the bottom
    /// is positive) and Rosenbluth/Hall–Tideman 1/(2 Σ i·s₍ᵢ₎ − 1) are Schur-convex and quasi-convex;
    /// Shannon entropy and Simpson 1 − HHI are Schur-concave and concave. Do not use this method for
    /// the dominance index, the Stenbacka threshold or GRS: they are not monotone under transfers
    /// between firms, so their extremes need not lie at these points. R: <c>concstats</c> and
    /// <c>ineq</c> compute the indices themselves, not their ranges.
    /// </para>
    /// </remarks>
    public static IndexInterval? Range(
        IReadOnlyList<double> low,
        IReadOnlyList<double> high,
        Func<IReadOnlyList<double>, double?> index,
        ShareShape shape)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (!Enum.IsDefined(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown shape.");
        }

        var vertices = Vertices(low, high);
        var (l, h) = WholeMarket(low, high);
        var atMostEqual = Evaluate(index, WaterFill(l, h, 1));
        if (atMostEqual is not double middle)
        {
            return null;
        }

        var extreme = middle;
        foreach (var v in vertices)
        {
            if (Evaluate(index, v) is not double value)
            {
                return null;
            }

            extreme = shape == ShareShape.SchurConvex ? Math.Max(extreme, value) : Math.Min(extreme, value);
        }

        return shape == ShareShape.SchurConvex ? new IndexInterval(middle, extreme) : new IndexInterval(extreme, middle);
    }

    /// <summary>
    /// The interval of the power sum Σ sᵢ^α over every market consistent with the named firms' bounds
    /// and ranks and with the remainder's bounds; α = 2 gives the HHI on the 0–1 scale.
    /// </summary>
    /// <param name="named">Named firms: share bounds 0–1 and, for every firm or for none, a published rank (distinct).</param>
    /// <param name="remainderLow">Lowest share 0–1 the unnamed firms hold together (an 'other' row's low end; 0 if unknown).</param>
    /// <param name="remainderHigh">Highest share 0–1 the unnamed firms hold together (1 if unknown), at least <paramref name="remainderLow"/>; 0 when the named firms are the whole market.</param>
    /// <param name="alpha">Exponent α &gt; 1, finite.</param>
    /// <returns>[lower, upper] on the 0–1 scale, upper capped at 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="named"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A remainder bound is NaN or outside [0, 1], <paramref name="remainderHigh"/> &lt; <paramref name="remainderLow"/>, or α is not a finite number above 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="named"/> is empty or holds null; some firms have ranks and others not; two
    /// share a rank; or no market is consistent with the data (beyond 1e-9): the named shares cannot
    /// sum to 1 − R for any R in the remainder's bounds, or ranks contradict the bounds.
    /// </exception>
    /// <remarks>
    /// <para>
    /// The market: named firms sᵢ ∈ [Low, High]; unnamed firms, any number, together R = 1 − Σ sᵢ ∈
    /// [<paramref name="remainderLow"/>, <paramref name="remainderHigh"/>]. Without ranks, unnamed
    /// firms are no larger than any named firm with a positive low share (the leading firms are named);
    /// a named firm whose range reaches 0 may rank below them. With ranks, rank r is the r-th largest
    /// firm; each missing rank above the lowest named rank is an unnamed firm whose share lies between
    /// its neighbours'; firms below the lowest named rank are no larger than that firm.
    /// </para>
    /// <para>
    /// Lower end: the named shares (each at least its low, raised by water-filling only as far as the
    /// remainder's high end requires), firms at missing ranks as small as their neighbours allow, the
    /// rest of the remainder infinitely fragmented. Exact without ranks; with ranks exact unless
    /// raising a named firm lifts it above an unnamed firm ranked just above it (then a valid lower
    /// bound).
    /// </para>
    /// <para>
    /// Upper end, without ranks: the maximum over all consistent markets. Packing the remainder into
    /// whole firms of the cap c (the smallest share among named firms with a positive low share) and
    /// one of the rest only raises the index, and for a fixed number of whole firms the index is convex
    /// on the polytope of (named shares, c, rest), so the search visits its vertices: every named share
    /// at an end of its range or equal to c except at most one, with c an end of some range or fixed by
    /// the sum and the remainder's bounds. Exact (to 1e-9) when at most
    /// <see cref="MaxExactRangedFirms"/> named firms have a proper range, except when, for an end R &gt; 0
    /// of the remainder's bounds, R divided by the smallest positive low share exceeds R divided by the
    /// smallest high share of those firms by more than 64 whole firms: those cases are then bounded by
    /// a relaxation. With more ranged firms it is an enclosure: every named firm at its high share and
    /// the largest remainder packed at the largest possible cap, taken largest first until they fill
    /// the market. With ranks: the market that majorizes every market
    /// consistent with the ranks and bounds alone (firms filled from rank 1 down, each as large as the
    /// firm above and its high share allow, the rest packed below the lowest named rank), exact when
    /// its remainder lies within the remainder's bounds, which always holds for point shares or an
    /// unknown remainder; otherwise an enclosure.
    /// </para>
    /// <para>
    /// The sum constraint Σ named + R = 1 is honoured, so ranges that cannot all sit at one end
    /// together narrow the interval. R: no equivalent in <c>concstats</c> or <c>ineq</c>.
    /// </para>
    /// </remarks>
    public static IndexInterval PowerSumBounds(IReadOnlyList<ShareBounds> named, double remainderLow, double remainderHigh, double alpha)
    {
        if (!double.IsFinite(alpha) || alpha <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Expected a finite exponent above 1.");
        }

        var market = Published.Of(named, remainderLow, remainderHigh);
        var (lower, upper) = market.Bounds(new MarketIndex.PowerSum(alpha));
        upper = Math.Min(upper, 1);
        return new IndexInterval(Math.Min(lower, upper), upper);
    }

    /// <summary>
    /// The HHI interval (0–1 scale) over every market consistent with the named firms' bounds and
    /// ranks and the remainder's bounds: <see cref="PowerSumBounds"/> with α = 2.
    /// </summary>
    /// <param name="named">Named firms, as for <see cref="PowerSumBounds"/>.</param>
    /// <param name="remainderLow">Lowest share 0–1 of the unnamed firms together (0 if unknown).</param>
    /// <param name="remainderHigh">Highest share 0–1 of the unnamed firms together (1 if unknown).</param>
    /// <returns>The interval; <see cref="HhiInterval.LowerPoints"/> and <see cref="HhiInterval.UpperPoints"/> give points 0–10,000.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="named"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="PowerSumBounds"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="PowerSumBounds"/>.</exception>
    /// <remarks>Exactness as for <see cref="PowerSumBounds"/>. Source: US DOJ, "Herfindahl-Hirschman Index"; R: <c>concstats::concstats_hhi</c> for a point.</remarks>
    public static HhiInterval HhiBounds(IReadOnlyList<ShareBounds> named, double remainderLow, double remainderHigh)
    {
        var interval = PowerSumBounds(named, remainderLow, remainderHigh, 2);
        return new HhiInterval(interval.Lower, interval.Upper);
    }

    /// <summary>
    /// The interval of CRk, the combined share of the k largest firms, over every market consistent
    /// with the named firms' bounds and ranks and the remainder's bounds.
    /// </summary>
    /// <param name="named">Named firms, as for <see cref="PowerSumBounds"/>.</param>
    /// <param name="remainderLow">Lowest share 0–1 of the unnamed firms together (0 if unknown).</param>
    /// <param name="remainderHigh">Highest share 0–1 of the unnamed firms together (1 if unknown).</param>
    /// <param name="k">Number of leading firms, k ≥ 1.</param>
    /// <returns>
    /// [lower, upper] as shares 0–1; or <see langword="null"/> exactly when no rank is published, no
    /// named firm has a positive low share and the remainder may be positive (remainderHigh &gt; 1e-9):
    /// then nothing but the remainder bounds an unnamed firm, which may be any of the k largest.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="named"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1, or as for <see cref="PowerSumBounds"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="PowerSumBounds"/>.</exception>
    /// <remarks>
    /// Lower end: the k largest of the lower-end market of <see cref="PowerSumBounds"/> (unnamed firms
    /// beyond the named ones add nothing: they may be arbitrarily small). Upper end: found as there,
    /// with the same exactness. Unnamed firms count among the k largest when they can be; so when fewer
    /// than k firms are named, CRk is still bounded through the ranking rule (unlike
    /// <see cref="ConcentrationIndices.ConcentrationRatio"/>, which returns null). Source: concstats
    /// <c>concstats_mstruct</c> for a point.
    /// </remarks>
    public static IndexInterval? ConcentrationRatioBounds(IReadOnlyList<ShareBounds> named, double remainderLow, double remainderHigh, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var market = Published.Of(named, remainderLow, remainderHigh);
        if (market.Positions is null && market.Low.All(l => l == 0) && remainderHigh > Noise)
        {
            return null;
        }

        var (lower, upper) = market.Bounds(new MarketIndex.TopK(k));
        upper = Math.Min(upper, 1);
        return new IndexInterval(Math.Min(lower, upper), upper);
    }

    /// <summary>
    /// Share bounds of shares published rounded to <paramref name="unit"/>: [s − unit/2, s + unit/2] ∩ [0, 1].
    /// </summary>
    /// <param name="shares">Published shares 0–1 (e.g. 0.30 for "30%").</param>
    /// <param name="unit">Rounding unit as a share: 0.01 for whole percents, 0.001 for one decimal; finite, in (0, 1].</param>
    /// <returns>One <see cref="ShareBounds"/> per share, in input order, without ranks.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shares"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="shares"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A share is NaN, infinite or outside [0, 1], or <paramref name="unit"/> is not in (0, 1].</exception>
    /// <remarks>The same rule bounds a rounded 'other' row: pass its bounds as the remainder's.</remarks>
    public static IReadOnlyList<ShareBounds> Rounded(IReadOnlyList<double> shares, double unit)
    {
        Guard.Shares(shares, nameof(shares));
        if (!double.IsFinite(unit) || unit <= 0 || unit > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Expected a rounding unit in (0, 1].");
        }

        return shares.Select(s => RoundingBox(s, unit)).Select(b => new ShareBounds(b.Low, b.High)).ToArray();
    }

    /// <summary>
    /// The rounding interval [s − unit/2, s + unit/2] ∩ [0, 1] of one published share, unchecked: the one
    /// rule behind <see cref="Rounded"/>, the analysis and the what-ifs, which validate their inputs.
    /// </summary>
    internal static (double Low, double High) RoundingBox(double share, double unit) =>
        (Math.Max(0, share - (unit / 2)), Math.Min(1, share + (unit / 2)));

    private static (double[] Low, double[] High) WholeMarket(IReadOnlyList<double> low, IReadOnlyList<double> high)
    {
        Guard.Shares(low, nameof(low));
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

        var l = low.ToArray();
        var h = high.ToArray();
        if (l.Sum() > 1 + Noise)
        {
            throw new ArgumentException(Invariant($"The low shares sum to {l.Sum():R}, above 1: no market fits."), nameof(low));
        }

        if (h.Sum() < 1 - Noise)
        {
            throw new ArgumentException(Invariant($"The high shares sum to {h.Sum():R}, below 1: no market fits."), nameof(high));
        }

        return (l, h);
    }

    /// <summary>clamp(λ, lowᵢ, highᵢ) with Σ = total; low when total ≤ Σ low, high when total ≥ Σ high.</summary>
    internal static double[] WaterFill(double[] low, double[] high, double total)
    {
        double Filled(double level)
        {
            var s = 0.0;
            for (var i = 0; i < low.Length; i++)
            {
                s += Math.Clamp(level, low[i], high[i]);
            }

            return s;
        }

        if (total <= low.Sum())
        {
            return low.ToArray();
        }

        if (total >= high.Sum())
        {
            return high.ToArray();
        }

        // Filled is piecewise linear and non-decreasing with kinks at the bounds: find the last kink at
        // or below the total, then solve the linear piece after it.
        var kinks = low.Concat(high).Distinct().Order().ToArray();
        int lo = 0, hi = kinks.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Filled(kinks[mid]) <= total)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        var kink = kinks[lo];
        var slope = Enumerable.Range(0, low.Length).Count(i => low[i] <= kink && high[i] > kink);
        var level = slope == 0 ? kink : kink + (total - Filled(kink)) / slope;
        if (lo + 1 < kinks.Length)
        {
            level = Math.Min(level, kinks[lo + 1]);
        }

        return low.Select((l, i) => Math.Clamp(level, l, high[i])).ToArray();
    }

    private static IEnumerable<double[]> VerticesOf(double[] low, double[] high)
    {
        var n = low.Length;
        var variable = Enumerable.Range(0, n).Where(i => low[i] < high[i]).ToArray();
        if (variable.Length == 0)
        {
            yield return low.ToArray();
            yield break;
        }

        var fixedSum = Enumerable.Range(0, n).Where(i => low[i] == high[i]).Sum(i => low[i]);
        var first = variable[0];
        foreach (var free in variable)
        {
            var others = variable.Where(i => i != free).ToArray();
            for (var mask = 0L; mask < 1L << others.Length; mask++)
            {
                var sum = fixedSum;
                for (var b = 0; b < others.Length; b++)
                {
                    sum += (mask >> b & 1) == 1 ? high[others[b]] : low[others[b]];
                }

                var s = 1 - sum;
                if (s < low[free] - Noise || s > high[free] + Noise)
                {
                    continue;
                }

                var inside = s > low[free] + VertexTolerance && s < high[free] - VertexTolerance;
                if (!inside && free != first)
                {
                    // Every coordinate at an end: reported once, from the first variable firm.
                    continue;
                }

                var v = new double[n];
                for (var i = 0; i < n; i++)
                {
                    v[i] = low[i];
                }

                for (var b = 0; b < others.Length; b++)
                {
                    v[others[b]] = (mask >> b & 1) == 1 ? high[others[b]] : low[others[b]];
                }

                v[free] = inside ? s : Math.Clamp(s, low[free], high[free]);
                yield return v;
            }
        }
    }

    private static double? Evaluate(Func<IReadOnlyList<double>, double?> index, double[] shares) =>
        index(shares) is double v && double.IsFinite(v) ? v : null;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Named firms' bounds and ranks and the remainder's bounds, validated.</summary>
    private sealed class Published
    {
        private Published(double[] low, double[] high, int[]? positions, double remainderLow, double remainderHigh)
        {
            Low = low;
            High = high;
            Positions = positions;
            RemainderLow = remainderLow;
            RemainderHigh = remainderHigh;
        }

        public double[] Low { get; }

        public double[] High { get; }

        /// <summary>With ranks: for rank r (index r − 1) the named firm's index, or −1 for an unnamed firm; null without ranks.</summary>
        public int[]? Positions { get; }

        public double RemainderLow { get; }

        public double RemainderHigh { get; }

        public static Published Of(IReadOnlyList<ShareBounds> named, double remainderLow, double remainderHigh)
        {
            ArgumentNullException.ThrowIfNull(named);
            if (named.Count == 0)
            {
                throw new ArgumentException("At least one named firm is required.", nameof(named));
            }

            for (var i = 0; i < named.Count; i++)
            {
                if (named[i] is null)
                {
                    throw new ArgumentException($"Named firm [{i}] is null.", nameof(named));
                }
            }

            Guard.InRange(remainderLow, 0, 1, nameof(remainderLow));
            Guard.InRange(remainderHigh, remainderLow, 1, nameof(remainderHigh));
            var ranked = named.Count(b => b.Rank is not null);
            if (ranked != 0 && ranked != named.Count)
            {
                throw new ArgumentException($"Either every named firm has a rank or none has; {ranked} of {named.Count} have one.", nameof(named));
            }

            int[]? positions = null;
            if (ranked > 0)
            {
                var duplicate = named.GroupBy(b => b.Rank!.Value).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    throw new ArgumentException($"Two named firms share rank {duplicate.Key}.", nameof(named));
                }

                positions = Enumerable.Repeat(-1, named.Max(b => b.Rank!.Value)).ToArray();
                for (var i = 0; i < named.Count; i++)
                {
                    positions[named[i].Rank!.Value - 1] = i;
                }
            }

            var market = new Published(
                named.Select(b => b.Low).ToArray(), named.Select(b => b.High).ToArray(), positions, remainderLow, remainderHigh);
            var namedLow = Math.Max(market.Low.Sum(), 1 - remainderHigh);
            var namedHigh = Math.Min(market.High.Sum(), 1 - remainderLow);
            if (namedLow > namedHigh + Noise)
            {
                throw new ArgumentException(
                    Invariant($"No market fits: the named shares must sum to at least {namedLow:R} and at most {namedHigh:R}."),
                    nameof(named));
            }

            return market;
        }

        public (double Lower, double Upper) Bounds(MarketIndex index) =>
            Positions is null ? Unranked(index) : Ranked(index, Positions);

        private (double Lower, double Upper) Unranked(MarketIndex index)
        {
            var least = WaterFill(Low, High, Math.Max(Low.Sum(), 1 - RemainderHigh));
            var lower = index.Of(least, 0, 0);
            var ranged = Enumerable.Range(0, Low.Length).Count(i => Low[i] < High[i]);
            var upper = double.NegativeInfinity;
            if (ranged <= MaxExactRangedFirms)
            {
                upper = RemainderHigh <= Noise
                    // No remainder: the named firms are the whole market and the maximum is at a vertex.
                    ? VerticesOf(Low, High).Select(v => index.Of(v, 0, 0)).DefaultIfEmpty(double.NegativeInfinity).Max()
                    : PackedRemainderSearch.Max(Low, High, RemainderLow, RemainderHigh, index);
            }

            if (double.IsNegativeInfinity(upper))
            {
                var aboveTail = Enumerable.Range(0, Low.Length).Where(i => Low[i] > 0).ToArray();
                var cap = aboveTail.Length == 0 ? 1 : aboveTail.Min(i => High[i]);
                upper = LargestFirst(index, High, cap, Math.Max(0, Math.Min(RemainderHigh, 1 - Low.Sum())));
            }

            return (lower, Math.Max(lower, upper));
        }

        /// <summary>
        /// Enclosure: every named firm at its high share and the largest remainder packed at the largest
        /// cap, taken largest first until they fill the market. Each market the data allow has its k
        /// largest shares summing to no more than these, so no increasing Schur-convex index exceeds it.
        /// </summary>
        private static double LargestFirst(MarketIndex index, double[] high, double cap, double tail)
        {
            var pieces = tail > 0 ? Math.Floor(tail / cap + Noise) : 0;
            var rest = Math.Max(0, tail - pieces * cap);
            // Firms of equal size as one entry; the whole pieces stay whole and are passed as a tail.
            var items = high.Select(h => (Value: h, Count: 1.0, Piece: false))
                .Append((Value: cap, Count: pieces, Piece: true))
                .Append((Value: rest, Count: 1.0, Piece: false))
                .Where(x => x.Value > 0 && x.Count > 0)
                .OrderByDescending(x => x.Value)
                .ToList();
            var shares = new List<double>();
            double filled = 0, whole = 0;
            foreach (var (value, count, piece) in items)
            {
                var room = 1 - filled;
                if (room <= 0)
                {
                    break;
                }

                var taken = piece ? Math.Min(count, Math.Floor(room / value)) : 0;
                whole += taken;
                filled += taken * value;
                if (taken < count && filled < 1)
                {
                    // One more firm, cut to what the market has left.
                    shares.Add(Math.Min(value, 1 - filled));
                    filled += shares[^1];
                }
            }

            return index.Of([.. shares], cap, whole * cap);
        }

        private (double Lower, double Upper) Ranked(MarketIndex index, int[] positions)
        {
            var n = positions.Length;
            // Bounds of each rank after the order: no larger than any bound above, no smaller than any below.
            var high = new double[n];
            var low = new double[n];
            var ceiling = 1.0;
            for (var p = 0; p < n; p++)
            {
                ceiling = Math.Min(ceiling, positions[p] < 0 ? 1 : High[positions[p]]);
                high[p] = ceiling;
            }

            var floor = 0.0;
            for (var p = n - 1; p >= 0; p--)
            {
                floor = Math.Max(floor, positions[p] < 0 ? 0 : Low[positions[p]]);
                if (floor > high[p] + Noise)
                {
                    throw new ArgumentException(
                        Invariant($"No market fits: rank {p + 1} must be at least {floor:R} and at most {high[p]:R} given the firms ranked around it."),
                        "named");
                }

                low[p] = Math.Min(floor, high[p]);
            }

            var namedAt = Enumerable.Range(0, n).Where(p => positions[p] >= 0).ToArray();
            var namedLow = namedAt.Select(p => low[p]).ToArray();
            var namedHigh = namedAt.Select(p => high[p]).ToArray();
            var target = Math.Max(namedLow.Sum(), 1 - RemainderHigh);
            if (target > Math.Min(namedHigh.Sum(), 1 - RemainderLow) + Noise)
            {
                throw new ArgumentException(
                    Invariant($"No market fits: with their ranks the named shares cannot sum to {target:R}."), "named");
            }

            // Lower: named firms water-filled to the least total allowed, unnamed ranks at their floor.
            var least = low.ToArray();
            var filled = WaterFill(namedLow, namedHigh, target);
            for (var j = 0; j < namedAt.Length; j++)
            {
                least[namedAt[j]] = filled[j];
            }

            if (least.Sum() > 1 + Noise)
            {
                throw new ArgumentException(
                    Invariant($"No market fits: the ranked firms need at least {least.Sum():R} of the market."), "named");
            }

            // Upper: fill from rank 1 down, each as large as its ceiling and the floors below allow.
            var below = new double[n + 1];
            for (var p = n - 1; p >= 0; p--)
            {
                below[p] = below[p + 1] + low[p];
            }

            var most = new double[n];
            var sum = 0.0;
            for (var p = 0; p < n; p++)
            {
                most[p] = Math.Clamp(1 - sum - below[p + 1], low[p], high[p]);
                sum += most[p];
            }

            var tail = Math.Max(0, 1 - sum);
            if (tail > Noise && most[n - 1] <= 0)
            {
                throw new ArgumentException(
                    Invariant($"No market fits: the ranked firms hold at most {sum:R} and firms below rank {n} can hold nothing."), "named");
            }

            return (index.Of(least, 0, 0), index.Of(most, most[n - 1], tail));
        }
    }
}
