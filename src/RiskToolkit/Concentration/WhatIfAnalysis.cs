using System.Collections.Immutable;
using RiskToolkit.Data;

namespace RiskToolkit.Concentration;

/// <summary>A merger what-if in one market and period: the indices before and after, ΔHHI and each regime's presumption.</summary>
/// <param name="MarketId">Market id.</param>
/// <param name="Period">Period.</param>
/// <param name="A">First merging provider id.</param>
/// <param name="B">Second merging provider id.</param>
/// <param name="MergedId">Provider id of the merged firm in <paramref name="After"/>.</param>
/// <param name="MergedShare">Share 0–1 of the merged firm: the sum of both firms' shares, an interval where their shares are ranges or rounded.</param>
/// <param name="DeltaHhi">ΔHHI = 2·s_a·s_b in points (0–10,000), as an interval [2·low_a·low_b, 2·high_a·high_b]; a point when both shares are exact.</param>
/// <param name="Before">The market as published.</param>
/// <param name="After">The market with the two firms combined, analysed from the merged rows alone.</param>
/// <param name="PostMergerHhi">
/// Post-merger HHI in points: the intersection of <paramref name="After"/>'s interval with [pre.lower +
/// ΔHHI.lower, pre.upper + ΔHHI.upper]. Both contain every post-merger HHI the data allow (each market
/// consistent with the data gains exactly 2·s_a·s_b); the second keeps what the merged rows forget, that
/// the unnamed firms are no larger than the smaller merging firm was.
/// </param>
/// <param name="Assessments">Each regime's merger presumption at the ends of the post-merger HHI and ΔHHI intervals (<see cref="ConcentrationBands.Regimes"/> order).</param>
public sealed record MergerAnalysis(
    string MarketId,
    string Period,
    string A,
    string B,
    string MergedId,
    IndexInterval MergedShare,
    IndexInterval DeltaHhi,
    MarketConcentration Before,
    MarketConcentration After,
    IndexInterval PostMergerHhi,
    IReadOnlyList<MergerAssessment> Assessments);

/// <summary>An exit what-if in one market and period: the indices before and after one provider leaves.</summary>
/// <param name="MarketId">Market id.</param>
/// <param name="Period">Period.</param>
/// <param name="Exiting">Provider id that leaves.</param>
/// <param name="Recipients">Provider ids its share went to, pro rata to their shares; empty when it went pro rata to every remaining row, <c>other</c> and the implied remainder included.</param>
/// <param name="Before">The market as published.</param>
/// <param name="After">The market after the exit; for published shares, each changed share carries the interval its published interval implies (see <see cref="WhatIfAnalysis.Exit"/>).</param>
public sealed record ExitAnalysis(
    string MarketId,
    string Period,
    string Exiting,
    IReadOnlyList<string> Recipients,
    MarketConcentration Before,
    MarketConcentration After);

/// <summary>
/// What-ifs on published market shares: a merger of two providers, the exit of one, and owner-level
/// concentration. Each re-runs <see cref="ConcentrationAnalysis.Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/>
/// on changed rows, so every index, interval and band is available after.
/// </summary>
/// <remarks>
/// Ranks: a merger or an exit renumbers the firms below it, so a market and period whose named firms
/// leave a rank unnamed (after <see cref="ConcentrationAnalysis"/> completes the ranks the shares force)
/// is refused: the renumbered firm would be one whose size is unknown. Otherwise the ranks of that
/// group are dropped before the scenario; complete ranks add nothing to the rule that unnamed firms
/// are no larger than the smallest named one.
/// </remarks>
public static class WhatIfAnalysis
{
    /// <summary>Merges providers <paramref name="a"/> and <paramref name="b"/> in one market and period.</summary>
    /// <param name="rows">Validated rows of <c>market_shares.csv</c>.</param>
    /// <param name="markets">Rows of <c>markets.csv</c> (share rounding), or null.</param>
    /// <param name="marketId">Market id.</param>
    /// <param name="period">Period.</param>
    /// <param name="a">First provider id.</param>
    /// <param name="b">Second provider id.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException">A null argument other than <paramref name="markets"/>.</exception>
    /// <exception cref="ArgumentException">
    /// No rows for the market and period, an unknown provider id, a = b, or <c>other</c>; the market and
    /// period leave a rank unnamed (parameter <c>rows</c>; see the class remarks).
    /// </exception>
    /// <remarks>
    /// ΔHHI = 2·s_a·s_b: the US agencies' formula for the change in HHI when two firms combine with no
    /// change in their shares (US DOJ &amp; FTC Merger Guidelines 2023, §2.1 and its appendix; 2010 HMG
    /// §5.3). Rounded or ranged shares carry their own interval into the merged firm: the merged row
    /// gets the range [low_a + low_b, min(1, high_a + high_b)]; two exact shares give an exact merged
    /// share, so a whole market stays whole.
    /// </remarks>
    public static MergerAnalysis Merger(IReadOnlyList<MarketShare> rows, IReadOnlyList<Market>? markets, string marketId, string period, string a, string b)
    {
        var before = One(rows, markets, marketId, period);
        var sa = Firm(before, a, nameof(a));
        var sb = Firm(before, b, nameof(b));
        var unranked = WithoutRanks(rows, before, "a merger");
        var mergedId = $"{a}+{b}";
        var merged = ShareScenarios.Merge(unranked, marketId, period, a, b, mergedId)
            .Select(r => r.MarketId == marketId && r.Period == period && r.ProviderId == mergedId && r.Share is not null
                    && (sa.Low < sa.High || sb.Low < sb.High)
                ? r with { ShareLow = sa.Low + sb.Low, ShareHigh = Math.Min(1, sa.High + sb.High) }
                : r)
            .ToList();
        var after = One(merged, markets, marketId, period);
        var delta = ShareScenarios.MergerDeltaHhi(sa.Low, sa.High, sb.Low, sb.High);
        var deltaPoints = new IndexInterval(delta.Lower * ConcentrationIndices.PointsPerUnit, delta.Upper * ConcentrationIndices.PointsPerUnit);
        var postLower = Math.Max(after.HhiInterval.LowerPoints, before.HhiInterval.LowerPoints + deltaPoints.Lower);
        var postUpper = Math.Min(after.HhiInterval.UpperPoints, before.HhiInterval.UpperPoints + deltaPoints.Upper);
        var post = new IndexInterval(postLower, Math.Max(postLower, postUpper));
        var share = new IndexInterval(Math.Min(1, sa.Low + sb.Low), Math.Min(1, sa.High + sb.High));
        var assessments = ConcentrationBands.Regimes
            .Select(regime => ConcentrationBands.AssessMerger(regime.Id, post, deltaPoints, share))
            .ToImmutableArray();
        return new MergerAnalysis(marketId, period, a, b, mergedId, share, deltaPoints, before, after, post, assessments);
    }

    /// <summary>Removes provider <paramref name="exiting"/> from one market and period, its share going to others pro rata.</summary>
    /// <param name="rows">Validated rows of <c>market_shares.csv</c>.</param>
    /// <param name="markets">Rows of <c>markets.csv</c> (share rounding), or null.</param>
    /// <param name="marketId">Market id.</param>
    /// <param name="period">Period.</param>
    /// <param name="exiting">Provider id that leaves.</param>
    /// <param name="recipients">Provider ids (<c>other</c> allowed) that take its share pro rata to their own, or null or empty for every remaining row, <c>other</c> and the implied remainder included.</param>
    /// <returns>
    /// The analysis. For published shares each changed row of <see cref="ExitAnalysis.After"/> carries
    /// the interval below as <c>share_low</c>/<c>share_high</c> (where low &lt; high, or the market is
    /// rounded) and its point; the result's notes say which bounds were used.
    /// </returns>
    /// <exception cref="ArgumentNullException">A null argument other than <paramref name="markets"/> and <paramref name="recipients"/>.</exception>
    /// <exception cref="ArgumentException">
    /// No rows for the market and period, an unknown provider id, a recipient repeated or the exiting
    /// firm itself; the exiting firm is the only row, or the recipients' point shares total 0 (a
    /// pro-rata split is undefined); the market and period leave a rank unnamed (parameter
    /// <c>rows</c>; see the class remarks); for revenue and counts, as <see cref="ShareScenarios.Exit"/>.
    /// </exception>
    /// <remarks>
    /// <para>
    /// Revenue and counts: <see cref="ShareScenarios.Exit"/>, exact. Published shares: each share is
    /// known only within an interval [l, h] (a published range, or the market's rounding
    /// [s − u/2, s + u/2]; a point for exact shares), and so is the exiting share x ∈ [l_x, h_x], so the
    /// shares after are bounded from those intervals, never re-rounded. With
    /// <paramref name="recipients"/> null the share goes pro rata to everything that remains, 1 − x, the
    /// <c>other</c> row and the remainder the named firms leave included: each remaining share s becomes
    /// s/(1 − x), in [l/(1 − l_x), min(1, h/(1 − h_x))], point s/(1 − x_point). With named recipients,
    /// recipient i gets s_i + x·s_i/Σ_rec s_j, which rises with s_i and x and falls with the other
    /// recipients' shares: low = l_i + l_x·l_i/(l_i + Σ_{j≠i} h_j), high = min(1, h_i + h_x·h_i/(h_i +
    /// Σ_{j≠i} l_j)); the other rows keep their intervals. Ranges are handled alike; a point is kept only
    /// where every share it depends on has one.
    /// </para>
    /// <para>
    /// Pro-rata redistribution is proportional diversion (customers move to each rival in proportion
    /// to its share, as under logit demand): an assumption of the scenario, not a forecast.
    /// </para>
    /// </remarks>
    public static ExitAnalysis Exit(IReadOnlyList<MarketShare> rows, IReadOnlyList<Market>? markets, string marketId, string period, string exiting, IReadOnlyList<string>? recipients = null)
    {
        var before = One(rows, markets, marketId, period);
        Firm(before, exiting, nameof(exiting));
        var to = recipients is { Count: > 0 } ? recipients : null;
        var unranked = WithoutRanks(rows, before, "an exit");
        MarketConcentration after;
        if (before.Measure == "share")
        {
            var (changed, note) = ExitOfShares(unranked, before.ShareRounding, marketId, period, exiting, to);
            after = One(changed, markets, marketId, period);
            if (note is not null)
            {
                after = after with { Notes = [.. after.Notes, note] };
            }
        }
        else
        {
            after = One(ShareScenarios.Exit(unranked, marketId, period, exiting, to), markets, marketId, period);
        }

        return new ExitAnalysis(marketId, period, exiting, (to ?? []).ToImmutableArray(), before, after);
    }

    /// <summary>
    /// Owner-level concentration: every provider is replaced by its owner group
    /// (<c>providers.parent</c>, followed to the top) and shares are summed per owner before analysis.
    /// </summary>
    /// <param name="data">Tables from <see cref="MarketDataReader.Load"/>.</param>
    /// <param name="marketId">Only this market, or null for all.</param>
    /// <param name="period">Only this period, or null for all.</param>
    /// <returns>As <see cref="OwnerLevel(IReadOnlyList{MarketShare}, IReadOnlyList{Provider}, IReadOnlyList{Market}?, string?, string?)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="ShareScenarios.ByOwner"/>.</exception>
    public static IReadOnlyList<MarketConcentration> OwnerLevel(MarketData data, string? marketId = null, string? period = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return OwnerLevel(data.MarketShares, data.Providers, data.Markets, marketId, period);
    }

    /// <summary>Owner-level concentration of share rows, with the providers and markets to read them by.</summary>
    /// <param name="rows">Validated rows of <c>market_shares.csv</c>.</param>
    /// <param name="providers">Rows of <c>providers.csv</c>.</param>
    /// <param name="markets">Rows of <c>markets.csv</c> (share rounding), or null.</param>
    /// <param name="marketId">Only this market, or null for all.</param>
    /// <param name="period">Only this period, or null for all.</param>
    /// <returns>
    /// Results as <see cref="ConcentrationAnalysis.Analyze(MarketData, string?, string?)"/>, with owner
    /// ids in place of provider ids. A combined row of a rounded market holds the sum of its members'
    /// intervals (<see cref="ShareScenarios.ByOwner"/>), not one rounding interval around the sum.
    /// Results with a remainder note that the firms inside <c>other</c> cannot be mapped to owners.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or <paramref name="providers"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="ShareScenarios.ByOwner"/> and <see cref="ConcentrationAnalysis.Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/>.</exception>
    public static IReadOnlyList<MarketConcentration> OwnerLevel(
        IReadOnlyList<MarketShare> rows, IReadOnlyList<Provider> providers, IReadOnlyList<Market>? markets, string? marketId = null, string? period = null)
    {
        return ConcentrationAnalysis.Analyze(ShareScenarios.ByOwner(rows, providers, markets), marketId, period, markets)
            .Select(r => r.Remainder > 0 ? r with { Notes = [.. r.Notes, OwnerLevelOtherNote] } : r)
            .ToImmutableArray();
    }

    /// <summary>The note <see cref="OwnerLevel(IReadOnlyList{MarketShare}, IReadOnlyList{Provider}, IReadOnlyList{Market}?, string?, string?)"/> adds to results with a remainder.</summary>
    public const string OwnerLevelOtherNote =
        "owner level: the 'other' remainder is never split, so the firms (labels) inside it cannot be mapped to their owners; each owner's share counts its named rows only";

    // The exit of a firm from published shares, each changed share bounded from the published intervals
    // (see Exit). Returns the rows and the note for the result, or null when every share is exact.
    private static (List<MarketShare> Rows, string? Note) ExitOfShares(
        List<MarketShare> rows, double? unit, string marketId, string period, string exiting, IReadOnlyList<string>? recipients)
    {
        var (ix, to) = ShareScenarios.ExitParties(rows, marketId, period, exiting, recipients);
        (double Low, double High) Box(MarketShare r) =>
            r.ShareLow is { } l && r.ShareHigh is { } h ? (l, h)
            : unit is { } u ? (Math.Max(0, r.Share!.Value - (u / 2)), Math.Min(1, r.Share.Value + (u / 2)))
            : (r.Share!.Value, r.Share.Value);

        var x = Box(rows[ix]);
        var xPoint = rows[ix].Share;
        var boxes = to.Select(i => Box(rows[i])).ToList();
        var points = to.Select(i => rows[i].Share).ToList();
        var after = new (double Low, double High, double? Point)[to.Count];
        if (recipients is null)
        {
            if (xPoint >= 1)
            {
                throw new ArgumentException($"'{exiting}' holds the whole of market '{marketId}', period '{period}': nobody is left to win its customers.", nameof(exiting));
            }

            // s/(1 − x): everything that remains, named or not, grows by the same factor.
            static double Scaled(double s, double x) => s == 0 ? 0 : x >= 1 ? 1 : Math.Min(1, s / (1 - x));
            for (var k = 0; k < to.Count; k++)
            {
                after[k] = (Scaled(boxes[k].Low, x.Low), Scaled(boxes[k].High, x.High), xPoint is { } p && points[k] is { } s ? Scaled(s, p) : null);
            }
        }
        else
        {
            // s_i + x·s_i/(s_i + Σ_{j≠i} s_j), with each argument at the end that minimises or maximises it.
            static double Gain(double s, double x, double rest) => s == 0 ? 0 : Math.Min(1, s + (x * s / (s + rest)));
            var pointed = xPoint is not null && points.All(p => p is not null);
            if (pointed && points.Sum(p => p!.Value) <= 0)
            {
                throw new ArgumentException("The recipients' total is 0: a pro-rata split is undefined.", nameof(recipients));
            }

            for (var k = 0; k < to.Count; k++)
            {
                double lowRest = 0, highRest = 0, pointRest = 0;
                for (var j = 0; j < to.Count; j++)
                {
                    if (j != k)
                    {
                        lowRest += boxes[j].Low;
                        highRest += boxes[j].High;
                        pointRest += points[j] ?? 0;
                    }
                }

                after[k] = (Gain(boxes[k].Low, x.Low, highRest), Gain(boxes[k].High, x.High, lowRest), pointed ? Gain(points[k]!.Value, xPoint!.Value, pointRest) : null);
            }
        }

        var note = $"share of {exiting} redistributed pro rata on its exit (what-if)";
        var changed = new Dictionary<int, MarketShare>();
        var bounded = false;
        for (var k = 0; k < to.Count; k++)
        {
            var r = rows[to[k]];
            var (low, high, point) = after[k];
            var ranged = low < high || unit is not null || point is null;
            bounded |= ranged;
            changed[to[k]] = r with
            {
                // Binary noise may put the point a hair outside its bounds.
                Share = point is { } p ? Math.Clamp(p, low, high) : null,
                ShareLow = ranged ? low : null,
                ShareHigh = ranged ? high : null,
                Note = r.Note is null ? note : $"{note}; {r.Note}",
            };
        }

        var result = Enumerable.Range(0, rows.Count)
            .Where(i => i != ix)
            .Select(i => changed.TryGetValue(i, out var c) ? c : rows[i])
            .ToList();
        var rule = recipients is null
            ? "every remaining share s, the 'other' row and the implied remainder included, became s/(1 − x), bounded by [l/(1 − l_x), h/(1 − h_x)]"
            : "each recipient i gained x·s_i/Σ s_j, bounded by l_i + l_x·l_i/(l_i + Σ_{j≠i} h_j) and h_i + h_x·h_i/(h_i + Σ_{j≠i} l_j); the other rows keep their intervals";
        return (result, bounded
            ? $"exit of {exiting}: {rule} from the published intervals [l, h] (ranges or rounding) and the exiting share x ∈ [l_x, h_x]; the new shares are not re-rounded"
            : null);
    }

    // A merger or exit renumbers firms: refused when a rank is unnamed, otherwise the group's ranks are
    // dropped, since complete ranks say no more than the default rule for unnamed firms.
    private static List<MarketShare> WithoutRanks(IReadOnlyList<MarketShare> rows, MarketConcentration before, string scenario)
    {
        var ranks = before.Shares.Where(s => s.Rank is not null).Select(s => s.Rank!.Value).ToHashSet();
        var missing = ranks.Count == 0 ? [] : Enumerable.Range(1, ranks.Max()).Where(k => !ranks.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"Market '{before.MarketId}', period '{before.Period}': rank(s) {string.Join(", ", missing)} are not named, so {scenario} would renumber firms whose size is unknown; what-ifs need every rank above the lowest named one.",
                nameof(rows));
        }

        return rows.Select(r => r.Rank is not null && r.MarketId == before.MarketId && r.Period == before.Period ? r with { Rank = null } : r).ToList();
    }

    private static MarketConcentration One(IReadOnlyList<MarketShare> rows, IReadOnlyList<Market>? markets, string marketId, string period)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(marketId);
        ArgumentNullException.ThrowIfNull(period);
        return ConcentrationAnalysis.Analyze(rows, marketId, period, markets) switch
        {
            [var only] => only,
            _ => throw new ArgumentException($"No rows for market '{marketId}', period '{period}'.", nameof(rows)),
        };
    }

    private static ProviderShare Firm(MarketConcentration result, string providerId, string paramName)
    {
        ArgumentNullException.ThrowIfNull(providerId, paramName);
        return result.Shares.FirstOrDefault(s => s.ProviderId == providerId)
            ?? throw new ArgumentException(
                $"No provider '{providerId}' in market '{result.MarketId}', period '{result.Period}'; providers: {string.Join(", ", result.Shares.Select(s => s.ProviderId))}.",
                paramName);
    }
}
