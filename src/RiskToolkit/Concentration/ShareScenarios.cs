using System.Collections.Immutable;
using RiskToolkit.Data;

namespace RiskToolkit.Concentration;

/// <summary>
/// What-if edits of <c>market_shares</c> rows (a merger, a firm's exit, owner-level roll-up) whose
/// result <see cref="ConcentrationAnalysis.Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/> reads like the published rows, so every index
/// can be computed for the scenario. Every function is pure and returns new rows.
/// </summary>
/// <remarks>
/// Rows of other markets and periods are returned unchanged and in place. A row the scenario
/// changes keeps the measure of its group (share with its range, revenue in USD or count) and its
/// <see cref="MarketShare.Note"/> says what was done. A share that sums past 1 by binary noise
/// alone (at most 1e-9) is stored as 1. A source id must name one row of
/// <c>sources.csv</c>, so combined rows keep the source of their first row and the note names any
/// other source. R: <c>antitrust::HHI(shares, owner)</c> computes the HHI under a changed ownership.
/// </remarks>
public static class ShareScenarios
{
    /// <summary>
    /// The rows of one market and period with firms <paramref name="a"/> and <paramref name="b"/>
    /// replaced by one merged firm, as if they had merged without losing or winning customers.
    /// </summary>
    /// <param name="rows">Rows of <c>market_shares.csv</c>, any markets and periods.</param>
    /// <param name="marketId">Market of the merger.</param>
    /// <param name="period">Period of the merger.</param>
    /// <param name="a">Provider id of the first firm; its row's position and source id are kept.</param>
    /// <param name="b">Provider id of the second firm; its row is removed.</param>
    /// <param name="mergedId">Provider id of the merged firm; <c>a+b</c> when null.</param>
    /// <returns>
    /// The rows with the merged row in place of <paramref name="a"/>'s: share, <c>share_low</c>,
    /// <c>share_high</c>, <c>revenue_usd</c> or <c>count</c> summed (a point share only when both rows
    /// give one; a range when either does, a point entering a range at both ends), source id of
    /// <paramref name="a"/>'s row, note "merger of a and b (what-if)", naming <paramref name="b"/>'s
    /// source when it differs and carrying both rows' notes.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="mergedId"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The market and period have no rows; <paramref name="a"/> or <paramref name="b"/> is <c>other</c>,
    /// has no row (or several) there, or both are the same; <paramref name="mergedId"/> is <c>other</c>
    /// or names another firm of the group; the two rows use different measures; revenue sums past the
    /// range of a double.
    /// </exception>
    /// <exception cref="OverflowException">Counts sum past <see cref="long.MaxValue"/>.</exception>
    /// <remarks>
    /// With point shares the post-merger HHI is the pre-merger HHI plus
    /// <see cref="MergerDeltaHhi(double, double)"/> = 2·s_a·s_b, the change the US merger guidelines
    /// compute (Horizontal Merger Guidelines 2010 §5.3); it assumes the merged firm keeps the sum of
    /// the two shares.
    /// </remarks>
    public static IReadOnlyList<MarketShare> Merge(
        IReadOnlyList<MarketShare> rows, string marketId, string period, string a, string b, string? mergedId = null)
    {
        CheckCommon(rows, marketId, period);
        NotOther(a, nameof(a));
        NotOther(b, nameof(b));
        if (a == b)
        {
            throw new ArgumentException($"A firm cannot merge with itself ('{a}').", nameof(b));
        }

        var id = mergedId ?? $"{a}+{b}";
        if (id == MarketShare.OtherProviderId)
        {
            throw new ArgumentException("The merged firm cannot take the id 'other', which is reserved for the unallocated remainder.", nameof(mergedId));
        }

        var group = GroupIndices(rows, marketId, period);
        var ia = IndexOf(rows, group, a, nameof(a));
        var ib = IndexOf(rows, group, b, nameof(b));
        if (id != a && id != b && group.Any(i => rows[i].ProviderId == id))
        {
            throw new ArgumentException($"'{id}' already names another firm of market '{marketId}', period '{period}'.", nameof(mergedId));
        }

        var merged = Combine([rows[ia], rows[ib]], id, $"merger of {a} and {b} (what-if)");
        return Enumerable.Range(0, rows.Count)
            .Where(i => i != ib)
            .Select(i => i == ia ? merged : rows[i])
            .ToImmutableArray();
    }

    /// <summary>
    /// The HHI change of a merger of two firms whose shares are known within ranges:
    /// [2·lowA·lowB, 2·highA·highB], on the 0–1 scale (× 10,000 for points).
    /// </summary>
    /// <param name="lowA">Lowest share 0–1 of the first firm.</param>
    /// <param name="highA">Highest share 0–1 of the first firm, at least <paramref name="lowA"/>.</param>
    /// <param name="lowB">Lowest share 0–1 of the second firm.</param>
    /// <param name="highB">Highest share 0–1 of the second firm, at least <paramref name="lowB"/>.</param>
    /// <returns>The ΔHHI interval on the 0–1 scale; 2·s_a·s_b grows with each share, so the ends are reached at the ends of the ranges.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A share is NaN, ∞ or outside [0, 1].</exception>
    /// <exception cref="ArgumentException">A low share exceeds its high share.</exception>
    /// <remarks>
    /// Source: (s_a + s_b)² − s_a² − s_b² = 2·s_a·s_b, the increase the US merger guidelines compute
    /// (Horizontal Merger Guidelines 2010 §5.3; METHODS.md). Shares of 0.2 and 0.1 give 0.04, i.e. 400 points.
    /// </remarks>
    public static IndexInterval MergerDeltaHhi(double lowA, double highA, double lowB, double highB)
    {
        Guard.InRange(lowA, 0, 1, nameof(lowA));
        Guard.InRange(highA, 0, 1, nameof(highA));
        Guard.InRange(lowB, 0, 1, nameof(lowB));
        Guard.InRange(highB, 0, 1, nameof(highB));
        if (lowA > highA)
        {
            throw new ArgumentException($"The low share {lowA} exceeds the high share {highA}.", nameof(lowA));
        }

        if (lowB > highB)
        {
            throw new ArgumentException($"The low share {lowB} exceeds the high share {highB}.", nameof(lowB));
        }

        return new IndexInterval(2 * lowA * lowB, 2 * highA * highB);
    }

    /// <summary>The HHI change 2·s_a·s_b of a merger of two firms, on the 0–1 scale (× 10,000 for points).</summary>
    /// <param name="shareA">Share 0–1 of the first firm.</param>
    /// <param name="shareB">Share 0–1 of the second firm.</param>
    /// <returns>2·shareA·shareB, in [0, 2].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A share is NaN, ∞ or outside [0, 1].</exception>
    /// <remarks>Source: as <see cref="MergerDeltaHhi(double, double, double, double)"/>.</remarks>
    public static double MergerDeltaHhi(double shareA, double shareB)
    {
        Guard.InRange(shareA, 0, 1, nameof(shareA));
        Guard.InRange(shareB, 0, 1, nameof(shareB));
        return 2 * shareA * shareB;
    }

    /// <summary>
    /// The rows of one market and period after a firm leaves it, its customers going to the
    /// recipients in proportion to their size.
    /// </summary>
    /// <param name="rows">Rows of <c>market_shares.csv</c>, any markets and periods.</param>
    /// <param name="marketId">Market of the exit.</param>
    /// <param name="period">Period of the exit.</param>
    /// <param name="exiting">Provider id of the firm that leaves; its row is removed.</param>
    /// <param name="recipients">
    /// Provider ids that win its customers (<c>other</c> allowed), or null for every remaining row of
    /// the market and period, <c>other</c> included: the firms of the remainder win customers too,
    /// and leaving them out would overstate the named firms' gain.
    /// </param>
    /// <returns>
    /// The rows without the exiting firm's; each recipient's share (or revenue, or count) v becomes
    /// v + x·v/Σv, x being the exiting firm's, so the total is unchanged; the recipients' notes say
    /// "share of … redistributed pro rata on its exit (what-if)". Counts stay whole: each recipient
    /// gets the whole part of its quota and the units left go to the largest remainders (Hamilton's
    /// method, ties to the earlier row).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/>, <paramref name="marketId"/>, <paramref name="period"/> or <paramref name="exiting"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The market and period have no rows; <paramref name="exiting"/> is <c>other</c> or has no row
    /// (or several) there; a recipient is unknown, repeated or the exiting firm, or the list is empty
    /// or leaves no recipient; the rows use different measures; a row involved is given as a range
    /// (a pro-rata exit is undefined for ranges); the recipients' total is 0.
    /// </exception>
    /// <remarks>
    /// Pro-rata redistribution is proportional diversion: customers leave for each rival in
    /// proportion to its share, as under logit demand. It is an assumption of the scenario, not a
    /// forecast. The exit of a firm given as a range, or towards firms given as ranges, cannot be
    /// written as point rows, so it is refused. For published shares the rows are all this function
    /// sees: a remainder the named shares leave without an <c>other</c> row wins nothing, and a
    /// rounded share's interval is not carried; <see cref="WhatIfAnalysis.Exit"/> computes exits of
    /// published shares from their intervals and uses this function for revenue and counts.
    /// </remarks>
    public static IReadOnlyList<MarketShare> Exit(
        IReadOnlyList<MarketShare> rows, string marketId, string period, string exiting, IReadOnlyList<string>? recipients = null)
    {
        var (ix, to) = ExitParties(rows, marketId, period, exiting, recipients);
        var measure = MeasureOf(rows[ix]);
        var involved = to.Prepend(ix).Select(i => rows[i]).ToList();
        var ranged = involved.Where(r => r.ShareLow is not null || r.ShareHigh is not null).Select(r => r.ProviderId).ToList();
        if (ranged.Count > 0)
        {
            throw new ArgumentException(
                $"A pro-rata exit is undefined for ranges: {string.Join(", ", ranged)} of market '{marketId}', period '{period}' given as a range.",
                nameof(rows));
        }

        var note = $"share of {exiting} redistributed pro rata on its exit (what-if)";
        var changed = new Dictionary<int, MarketShare>();
        if (measure == Measure.Count)
        {
            var quotas = Apportion(rows[ix].Count!.Value, to.Select(i => rows[i].Count!.Value).ToList(), nameof(recipients));
            for (var k = 0; k < to.Count; k++)
            {
                var r = rows[to[k]];
                changed[to[k]] = r with { Count = checked(r.Count!.Value + quotas[k]), Note = Join(note, r.Note) };
            }
        }
        else
        {
            double Value(MarketShare r) => measure == Measure.Share ? r.Share!.Value : r.RevenueUsd!.Value;
            var x = Value(rows[ix]);
            // Dividing by the largest first keeps the sum finite for any finite revenue.
            var largest = to.Max(i => Value(rows[i]));
            if (largest <= 0)
            {
                throw new ArgumentException("The recipients' total is 0: a pro-rata split is undefined.", nameof(recipients));
            }

            var total = to.Sum(i => Value(rows[i]) / largest);
            foreach (var i in to)
            {
                var r = rows[i];
                var v = Value(r);
                var after = v + x * (v / largest / total);
                if (!double.IsFinite(after))
                {
                    throw new ArgumentException($"The revenue of '{r.ProviderId}' after the exit exceeds the range of a double.", nameof(rows));
                }

                changed[i] = measure == Measure.Share
                    ? r with { Share = Whole(after), Note = Join(note, r.Note) }
                    : r with { RevenueUsd = after, Note = Join(note, r.Note) };
            }
        }

        return Enumerable.Range(0, rows.Count)
            .Where(i => i != ix)
            .Select(i => changed.TryGetValue(i, out var c) ? c : rows[i])
            .ToImmutableArray();
    }

    // Validates an exit: the exiting row and the rows that win its customers (every other row of the
    // group when recipients is null). Shared with WhatIfAnalysis, which computes exits of shares itself.
    internal static (int Exiting, List<int> To) ExitParties(
        IReadOnlyList<MarketShare> rows, string marketId, string period, string exiting, IReadOnlyList<string>? recipients)
    {
        CheckCommon(rows, marketId, period);
        NotOther(exiting, nameof(exiting));
        var group = GroupIndices(rows, marketId, period);
        var ix = IndexOf(rows, group, exiting, nameof(exiting));
        List<int> to;
        if (recipients is null)
        {
            to = group.Where(i => i != ix).ToList();
            if (to.Count == 0)
            {
                throw new ArgumentException($"'{exiting}' is the only row of market '{marketId}', period '{period}': no other row is left to win its customers.", nameof(exiting));
            }
        }
        else
        {
            if (recipients.Count == 0)
            {
                throw new ArgumentException("At least one recipient is required; pass null for every remaining row.", nameof(recipients));
            }

            to = [];
            foreach (var id in recipients)
            {
                ArgumentNullException.ThrowIfNull(id, nameof(recipients));
                if (id == exiting)
                {
                    throw new ArgumentException($"The exiting firm '{exiting}' cannot receive its own customers.", nameof(recipients));
                }

                var i = IndexOf(rows, group, id, nameof(recipients));
                if (to.Contains(i))
                {
                    throw new ArgumentException($"Recipient '{id}' is listed twice.", nameof(recipients));
                }

                to.Add(i);
            }
        }

        var measure = MeasureOf(rows[ix]);
        if (to.Any(i => MeasureOf(rows[i]) != measure))
        {
            throw new ArgumentException($"market '{marketId}', period '{period}': rows mix measures.", nameof(rows));
        }

        return (ix, to);
    }

    /// <summary>
    /// Owner-level rows: each provider replaced by its ultimate parent (<c>providers.parent</c>,
    /// followed up the chain) and the rows of one owner summed within each market and period.
    /// </summary>
    /// <param name="rows">Rows of <c>market_shares.csv</c>, any markets and periods.</param>
    /// <param name="providers">Rows of <c>providers.csv</c>.</param>
    /// <param name="markets">
    /// Rows of <c>markets.csv</c>, or null. Where a market declares <see cref="Market.ShareRounding"/>
    /// u, a row combining several published shares gets <c>share_low</c>/<c>share_high</c> = the sum
    /// of its members' intervals (each point s stands for [s − u/2, s + u/2] ∩ [0, 1], a published
    /// range for itself), capped at 1: the sum of k rounded shares is within k·u/2 of the true sum,
    /// not u/2, so it must not be read as one rounded share.
    /// </param>
    /// <returns>
    /// One row per owner, market and period, at the position of the owner group's first row; a row
    /// whose provider is its own owner and alone in its group is returned unchanged, and <c>other</c>
    /// rows are never combined (the firms inside them cannot be mapped to owners). Combined rows sum
    /// as <see cref="Merge"/> does, keep the first row's source id and note "owner level: … combines …"
    /// (or "… through …" for a subsidiary alone).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or <paramref name="providers"/>, or an element of them or of <paramref name="markets"/>, is null.</exception>
    /// <exception cref="ArgumentException">
    /// A row names a provider missing from <paramref name="providers"/> (parameter <c>rows</c>);
    /// a provider id is listed twice, a parent is not a provider, or parents form a cycle, named in
    /// the message (parameter <c>providers</c>); the rows of one owner use different measures.
    /// </exception>
    /// <exception cref="OverflowException">Counts sum past <see cref="long.MaxValue"/>.</exception>
    /// <remarks>
    /// A provider naming itself as parent is its own owner. Summing point shares never lowers the
    /// HHI: (s + t)² ≥ s² + t² for s, t ≥ 0. Concentration by owner group is what the merger
    /// guidelines measure: firms under common control are one competitor.
    /// </remarks>
    public static IReadOnlyList<MarketShare> ByOwner(IReadOnlyList<MarketShare> rows, IReadOnlyList<Provider> providers, IReadOnlyList<Market>? markets = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(providers);
        var rounding = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var m in markets ?? [])
        {
            ArgumentNullException.ThrowIfNull(m, nameof(markets));
            if (m.ShareRounding is { } u)
            {
                rounding[m.MarketId] = u;
            }
        }

        var byId = new Dictionary<string, Provider>(StringComparer.Ordinal);
        foreach (var p in providers)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(providers));
            if (!byId.TryAdd(p.ProviderId, p))
            {
                throw new ArgumentException($"Provider '{p.ProviderId}' is listed twice.", nameof(providers));
            }
        }

        var ownerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        string Owner(string id)
        {
            if (ownerOf.TryGetValue(id, out var known))
            {
                return known;
            }

            var chain = new List<string> { id };
            var current = id;
            while (byId[current].Parent is { } parent && parent != current)
            {
                if (!byId.ContainsKey(parent))
                {
                    throw new ArgumentException($"The parent '{parent}' of provider '{current}' is not a provider.", nameof(providers));
                }

                if (chain.Contains(parent))
                {
                    var cycle = chain.Skip(chain.IndexOf(parent)).Append(parent);
                    throw new ArgumentException($"Parents form a cycle: {string.Join(" → ", cycle)}.", nameof(providers));
                }

                chain.Add(parent);
                current = parent;
            }

            ownerOf[id] = current;
            return current;
        }

        var keys = new List<(string Market, string Period, string Owner)?>(rows.Count);
        foreach (var r in rows)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(rows));
            if (r.IsOther)
            {
                keys.Add(null);
                continue;
            }

            if (!byId.ContainsKey(r.ProviderId))
            {
                throw new ArgumentException($"Provider '{r.ProviderId}' of market '{r.MarketId}', period '{r.Period}' is not in the providers table.", nameof(rows));
            }

            keys.Add((r.MarketId, r.Period, Owner(r.ProviderId)));
        }

        var members = new Dictionary<(string, string, string), List<int>>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (keys[i] is { } key)
            {
                if (!members.TryGetValue(key, out var list))
                {
                    members[key] = list = [];
                }

                list.Add(i);
            }
        }

        var result = ImmutableArray.CreateBuilder<MarketShare>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (keys[i] is not { } key)
            {
                result.Add(rows[i]);
                continue;
            }

            var list = members[key];
            if (list[0] != i)
            {
                continue;
            }

            var owner = key.Owner;
            var ids = list.Select(j => rows[j].ProviderId).ToList();
            if (list.Count == 1 && ids[0] == owner)
            {
                result.Add(rows[i]);
                continue;
            }

            var note = list.Count == 1
                ? $"owner level: {owner} through {ids[0]}"
                : $"owner level: {owner} combines {string.Join(", ", ids)}";
            var parts = list.Select(j => rows[j]).ToList();
            var combined = Combine(parts, owner, note);
            if (list.Count > 1 && (combined.Share is not null || combined.ShareLow is not null) && rounding.TryGetValue(key.Market, out var unit))
            {
                // Each member keeps its own rounding interval; the sum is not one rounded share.
                combined = combined with
                {
                    ShareLow = Whole(parts.Sum(p => p.ShareLow ?? ShareIntervals.RoundingBox(p.Share!.Value, unit).Low)),
                    ShareHigh = Math.Min(1, parts.Sum(p => p.ShareHigh ?? ShareIntervals.RoundingBox(p.Share!.Value, unit).High)),
                };
            }

            result.Add(combined);
        }

        return result.ToImmutable();
    }

    private enum Measure
    {
        Share,
        Revenue,
        Count,
    }

    private static void CheckCommon(IReadOnlyList<MarketShare> rows, string marketId, string period)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(marketId);
        ArgumentNullException.ThrowIfNull(period);
        for (var i = 0; i < rows.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(rows[i], nameof(rows));
        }
    }

    private static void NotOther(string id, string paramName)
    {
        ArgumentNullException.ThrowIfNull(id, paramName);
        if (id == MarketShare.OtherProviderId)
        {
            throw new ArgumentException("'other' is the unallocated remainder, not a firm.", paramName);
        }
    }

    private static List<int> GroupIndices(IReadOnlyList<MarketShare> rows, string marketId, string period)
    {
        var group = Enumerable.Range(0, rows.Count).Where(i => rows[i].MarketId == marketId && rows[i].Period == period).ToList();
        if (group.Count == 0)
        {
            throw new ArgumentException($"No rows for market '{marketId}', period '{period}'.", nameof(marketId));
        }

        return group;
    }

    private static int IndexOf(IReadOnlyList<MarketShare> rows, List<int> group, string providerId, string paramName)
    {
        var found = group.Where(i => rows[i].ProviderId == providerId).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new ArgumentException($"No row for provider '{providerId}' in market '{rows[group[0]].MarketId}', period '{rows[group[0]].Period}'.", paramName),
            _ => throw new ArgumentException($"Provider '{providerId}' has {found.Count} rows in market '{rows[group[0]].MarketId}', period '{rows[group[0]].Period}'.", paramName),
        };
    }

    private static Measure MeasureOf(MarketShare r) =>
        r.Share is not null || (r.ShareLow is not null && r.ShareHigh is not null) ? Measure.Share
        : r.RevenueUsd is not null ? Measure.Revenue
        : r.Count is not null ? Measure.Count
        : throw new ArgumentException($"The row of '{r.ProviderId}' in market '{r.MarketId}', period '{r.Period}' gives no share, range, revenue or count.", "rows");

    // Sums rows of one measure into one row with the given id; the first row's source id is kept.
    private static MarketShare Combine(List<MarketShare> parts, string id, string note)
    {
        var first = parts[0];
        var measure = MeasureOf(first);
        if (parts.Any(p => MeasureOf(p) != measure))
        {
            throw new ArgumentException(
                $"market '{first.MarketId}', period '{first.Period}': {string.Join(", ", parts.Select(p => p.ProviderId))} use different measures.", "rows");
        }

        var remarks = new List<string> { note };
        remarks.AddRange(parts.Skip(1).Where(p => p.SourceId != first.SourceId).Select(p => $"{p.ProviderId} from source {p.SourceId}"));
        remarks.AddRange(parts.Where(p => p.Note is not null).Select(p => $"{p.ProviderId}: {p.Note}"));
        var combined = first with { ProviderId = id, Note = string.Join("; ", remarks) };
        switch (measure)
        {
            case Measure.Share:
                var anyRange = parts.Any(p => p.ShareLow is not null || p.ShareHigh is not null);
                return combined with
                {
                    Share = parts.All(p => p.Share is not null) ? Whole(parts.Sum(p => p.Share!.Value)) : null,
                    ShareLow = anyRange ? Whole(parts.Sum(p => (p.ShareLow ?? p.Share)!.Value)) : null,
                    ShareHigh = anyRange ? Whole(parts.Sum(p => (p.ShareHigh ?? p.Share)!.Value)) : null,
                };
            case Measure.Revenue:
                var revenue = parts.Sum(p => p.RevenueUsd!.Value);
                if (!double.IsFinite(revenue))
                {
                    throw new ArgumentException($"The revenue of {string.Join(" and ", parts.Select(p => p.ProviderId))} sums past the range of a double.", "rows");
                }

                return combined with { RevenueUsd = revenue };
            default:
                return combined with { Count = parts.Aggregate(0L, (sum, p) => checked(sum + p.Count!.Value)) };
        }
    }

    // Hamilton's largest-remainder apportionment of x units over weights, exact in 128-bit integers.
    private static long[] Apportion(long x, List<long> weights, string paramName)
    {
        var total = weights.Aggregate(Int128.Zero, (s, w) => s + w);
        if (total <= 0)
        {
            throw new ArgumentException("The recipients' total is 0: a pro-rata split is undefined.", paramName);
        }

        var quotas = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        var given = 0L;
        for (var k = 0; k < weights.Count; k++)
        {
            var product = (Int128)x * weights[k];
            quotas[k] = (long)(product / total);
            remainders[k] = product % total;
            given += quotas[k];
        }

        foreach (var k in Enumerable.Range(0, weights.Count).OrderByDescending(k => remainders[k]).ThenBy(k => k).Take((int)(x - given)))
        {
            quotas[k]++;
        }

        return quotas;
    }

    // Shares whose sum misses 1 by binary noise alone (0.09198… + 0.90801… = 1.0000000000000002) make a
    // whole market, not more: the analysis rejects a share above 1.
    private static double Whole(double share) => share > 1 && share <= 1 + Guard.SumNoise ? 1 : share;

    private static string Join(string note, string? previous) => previous is null ? note : $"{note}; {previous}";
}
