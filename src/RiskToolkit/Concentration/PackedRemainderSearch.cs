using System.Numerics;

namespace RiskToolkit.Concentration;

/// <summary>
/// The largest value of an increasing, Schur-convex and convex index over every market consistent
/// with named firms' share ranges, an 'other' range, and the rule that unnamed firms are no larger
/// than any named firm with a positive low share (no ranks published).
/// </summary>
/// <remarks>
/// <para>
/// Replacing the unnamed firms by ⌊T/c⌋ firms of the cap c = min{xᵢ : lowᵢ &gt; 0} and one of the rest
/// only raises the index (the packed tail majorizes every split of T into pieces ≤ c). For a fixed
/// number m of whole pieces, the markets (x, c, r) with m pieces of c and one of r ≤ c form a polytope
/// and the index is convex on it, so its maximum lies at a vertex. At a vertex every named share is
/// at its low or high end or equal to c, except at most one free share f; r is 0 or free; the sum
/// Σx + mc + r = 1 and possibly one end of the 'other' range mc + r ∈ [R⁻, R⁺] fix what is free.
/// Counting active constraints leaves these cases, each enumerated below:
/// </para>
/// <list type="number">
/// <item>c is a low or high share of a firm that must rank above the unnamed ones: every vertex of the slice at that c (<see cref="Slice"/>).</item>
/// <item>c is set by the sum (firms tied to c plus m pieces, all else at bounds; r = 0) or by the sum and an end R of the 'other' range with r free: <see cref="Sweep"/>.</item>
/// <item>c = R/m with f free: the slice at each such c, up to <see cref="MaxPieceCounts"/> values of m per end R; beyond that a relaxation bounds the rest.</item>
/// </list>
/// <para>
/// Work grows as 2^v·v for v named firms with a proper range, so callers limit v.
/// </para>
/// </remarks>
internal sealed class PackedRemainderSearch
{
    /// <summary>How many piece counts m per end of the 'other' range are searched exactly.</summary>
    internal const int MaxPieceCounts = 64;

    private const double Noise = Guard.SumNoise;

    private readonly double[] low;
    private readonly double[] high;
    private readonly bool[] aboveTail;
    private readonly double remainderLow;
    private readonly double remainderHigh;
    private readonly MarketIndex index;
    private readonly double[] values;
    private double best = double.NegativeInfinity;

    private PackedRemainderSearch(double[] low, double[] high, double remainderLow, double remainderHigh, MarketIndex index)
    {
        this.low = low;
        this.high = high;
        this.remainderLow = remainderLow;
        this.remainderHigh = remainderHigh;
        this.index = index;
        aboveTail = low.Select(l => l > 0).ToArray();
        values = new double[low.Length];
    }

    /// <summary>The maximum, or −∞ when no candidate market was found (the caller checked feasibility).</summary>
    public static double Max(double[] low, double[] high, double remainderLow, double remainderHigh, MarketIndex index)
    {
        var search = new PackedRemainderSearch(low, high, remainderLow, remainderHigh, index);
        search.Run();
        return search.best;
    }

    private void Run()
    {
        var ranked = Enumerable.Range(0, low.Length).Where(i => aboveTail[i]).ToArray();
        if (ranked.Length == 0)
        {
            // Nothing caps the unnamed firms: the best tail is one firm holding all of it.
            Slice(1, raise: false, fixedTail: null);
            return;
        }

        var capTop = ranked.Min(i => high[i]);
        var capBottom = ranked.Min(i => low[i]);
        foreach (var c in ranked.SelectMany(i => new[] { low[i], high[i] }).Where(c => c <= capTop).Distinct())
        {
            Slice(c, raise: true, fixedTail: null);
        }

        Sweep();
        foreach (var r in new[] { remainderLow, remainderHigh }.Distinct().Where(r => r > Noise))
        {
            var first = Math.Max(1, Math.Ceiling(r / capTop - Noise));
            var last = Math.Ceiling(r / capBottom - Noise);
            var stop = Math.Min(last, first + MaxPieceCounts - 1);
            for (var m = first; m <= stop; m++)
            {
                Slice(r / m, raise: true, fixedTail: r);
            }

            if (last > stop)
            {
                // Pieces below r/(stop + 1): the named firms need only their own lows (a superset) and
                // the pieces are no larger than that, so this bounds every skipped case from above.
                Slice(r / (stop + 1), raise: false, fixedTail: r);
            }
        }
    }

    /// <summary>
    /// Every vertex at a fixed cap c: named firms at their low (raised to c when they must rank above
    /// the unnamed firms and <paramref name="raise"/>) or high share, at most one free, the tail packed
    /// at c; with <paramref name="fixedTail"/> the tail is exactly that.
    /// </summary>
    private void Slice(double cap, bool raise, double? fixedTail)
    {
        var n = low.Length;
        var lo = new double[n];
        for (var i = 0; i < n; i++)
        {
            lo[i] = raise && aboveTail[i] ? Math.Max(low[i], cap) : low[i];
            if (lo[i] > high[i])
            {
                if (lo[i] > high[i] + Noise)
                {
                    return;
                }

                lo[i] = high[i];
            }
        }

        var variable = Enumerable.Range(0, n).Where(i => lo[i] < high[i]).ToArray();
        var atHigh = new bool[n];
        lo.CopyTo(values, 0);
        var count = 1L << variable.Length;
        for (var g = 0L; g < count; g++)
        {
            if (g > 0)
            {
                // Gray code: one firm changes end per step.
                var i = variable[BitOperations.TrailingZeroCount(g)];
                atHigh[i] = !atHigh[i];
                values[i] = atHigh[i] ? high[i] : lo[i];
            }

            var sum = values.Sum();
            var tail = 1 - sum;
            if (fixedTail is double exact)
            {
                if (Math.Abs(tail - exact) <= Noise)
                {
                    Consider(cap, exact);
                }
            }
            else if (tail >= remainderLow - Noise && tail <= remainderHigh + Noise && tail >= -Noise)
            {
                Consider(cap, Math.Max(tail, 0));
            }

            foreach (var f in variable)
            {
                if (!atHigh[f])
                {
                    Free(f, lo[f], sum - lo[f], cap, fixedTail);
                }
            }
        }
    }

    /// <summary>Firm f free between its ends, the others fixed at <paramref name="rest"/>: try the tails where a vertex can lie.</summary>
    private void Free(int f, double loF, double rest, double cap, double? fixedTail)
    {
        var tMin = 1 - rest - high[f];
        var tMax = 1 - rest - loF;
        if (fixedTail is double exact)
        {
            if (exact >= tMin - Noise && exact <= tMax + Noise)
            {
                Try(f, loF, rest, cap, exact);
            }

            return;
        }

        var a = Math.Max(Math.Max(tMin, remainderLow), 0);
        var b = Math.Min(tMax, remainderHigh);
        if (a > b + Noise)
        {
            return;
        }

        b = Math.Max(a, b);
        Try(f, loF, rest, cap, a);
        Try(f, loF, rest, cap, b);
        // Between consecutive multiples of the cap the index is convex in the tail, so only multiples
        // can add a maximum: the first and last in range, and small counts for CRk.
        var first = Math.Ceiling(a / cap - Noise);
        var last = Math.Floor(b / cap + Noise);
        if (first <= last)
        {
            Try(f, loF, rest, cap, Math.Clamp(first * cap, a, b));
            Try(f, loF, rest, cap, Math.Clamp(last * cap, a, b));
        }

        for (var j = 1; j <= index.ExtraPieceCounts && j * cap < b; j++)
        {
            if (j * cap > a)
            {
                Try(f, loF, rest, cap, j * cap);
            }
        }
    }

    private void Try(int f, double loF, double rest, double cap, double tail)
    {
        values[f] = 1 - rest - tail;
        Consider(cap, tail);
        values[f] = loF;
    }

    /// <summary>
    /// Vertices where the cap is not a firm's end but set by the equations: firms tied to c
    /// (low &lt; c &lt; high) plus m pieces of c, everything else at an end, and either the sum alone
    /// fixes c (tail mc) or the sum and an end of the 'other' range do (tail at that end).
    /// </summary>
    private void Sweep()
    {
        var n = low.Length;
        var variable = Enumerable.Range(0, n).Where(i => low[i] < high[i]).ToArray();
        var fixedSum = 0.0;
        var fixedCap = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            if (low[i] >= high[i])
            {
                fixedSum += low[i];
                if (aboveTail[i])
                {
                    fixedCap = Math.Min(fixedCap, low[i]);
                }
            }
        }

        // Firms that may be tied to the cap, in order of their low share: for c in (lowⱼ, lowⱼ₊₁] the
        // first j of those at their low end are raised to c.
        var byLow = variable.Where(i => aboveTail[i]).OrderBy(i => low[i]).ThenBy(i => i).ToArray();
        var atHigh = new bool[n];
        var down = new List<int>(byLow.Length);
        var suffix = new double[byLow.Length + 1];
        for (var mask = 0L; mask < 1L << variable.Length; mask++)
        {
            var sum = fixedSum;
            var capBase = fixedCap;
            for (var b = 0; b < variable.Length; b++)
            {
                var i = variable[b];
                atHigh[i] = (mask >> b & 1) == 1;
                if (atHigh[i])
                {
                    sum += high[i];
                    if (aboveTail[i])
                    {
                        capBase = Math.Min(capBase, high[i]);
                    }
                }
            }

            down.Clear();
            down.AddRange(byLow.Where(i => !atHigh[i]));
            suffix[down.Count] = 0;
            for (var j = down.Count - 1; j >= 0; j--)
            {
                suffix[j] = suffix[j + 1] + low[down[j]];
            }

            var tiedHigh = double.PositiveInfinity;
            for (var j = 1; j <= down.Count; j++)
            {
                tiedHigh = Math.Min(tiedHigh, high[down[j - 1]]);
                var capLow = low[down[j - 1]];
                var capHigh = Math.Min(Math.Min(capBase, tiedHigh), j < down.Count ? low[down[j]] : double.PositiveInfinity);
                if (capLow > capHigh + Noise)
                {
                    continue;
                }

                var constants = sum + suffix[j];
                SumSetsCap(atHigh, down, j, constants, capLow, capHigh);
                foreach (var r in new[] { remainderLow, remainderHigh }.Distinct())
                {
                    var cap = (1 - r - constants) / j;
                    if (cap > Noise && cap >= capLow - Noise && cap <= capHigh + Noise)
                    {
                        Tie(atHigh, down, j, cap);
                        Consider(cap, r);
                    }
                }
            }
        }
    }

    /// <summary>
    /// j tied firms and m pieces share M = 1 − constants equally: c = M/(m + j), tail mc. Fewer, larger
    /// pieces majorize more, smaller ones, so only the least m that meets every constraint matters.
    /// </summary>
    private void SumSetsCap(bool[] atHigh, List<int> down, int j, double constants, double capLow, double capHigh)
    {
        var total = 1 - constants;
        if (total <= Noise)
        {
            return;
        }

        var m = Math.Max(0, Math.Ceiling(total / capHigh - j - Noise));
        if (total > remainderLow)
        {
            m = Math.Max(m, Math.Ceiling(remainderLow * j / (total - remainderLow) - Noise));
        }

        var cap = total / (m + j);
        var tail = m * cap;
        if (cap >= capLow - Noise && cap <= capHigh + Noise && tail >= remainderLow - Noise && tail <= remainderHigh + Noise)
        {
            Tie(atHigh, down, j, cap);
            Consider(cap, tail);
        }
    }

    private void Tie(bool[] atHigh, List<int> down, int j, double cap)
    {
        for (var i = 0; i < low.Length; i++)
        {
            values[i] = atHigh[i] ? high[i] : low[i];
        }

        for (var t = 0; t < j; t++)
        {
            values[down[t]] = cap;
        }
    }

    private void Consider(double cap, double tail) =>
        best = Math.Max(best, index.Of(values, cap, tail));
}
