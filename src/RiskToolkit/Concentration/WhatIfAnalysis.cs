using System.Collections.Immutable;
using System.Globalization;
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
/// <param name="After">
/// The market after the exit, analysed from the changed rows alone; for published shares, each changed
/// share carries the interval its published interval implies (see <see cref="WhatIfAnalysis.Exit"/>).
/// Its intervals cap the unnamed firms at the smallest firm still named, which forgets that they were
/// no larger than the smallest firm named before (often the one that left), so their upper ends (HHI,
/// CRk, Hannah–Kay) may be far wider than the data allow; report <paramref name="PostExitHhi"/> and
/// <paramref name="PostExitCr3"/> instead.
/// </param>
/// <param name="PostExitHhi">
/// HHI after the exit in points (0–10,000): <paramref name="After"/>'s interval intersected with a
/// bound from the HHI before and the exiting share (see <see cref="WhatIfAnalysis.Exit"/>), as
/// <see cref="MergerAnalysis.PostMergerHhi"/> is for a merger. Contains the HHI of every market after
/// the exit that the data allow.
/// </param>
/// <param name="PostExitCr3">
/// CR3 after the exit, shares 0–1: <paramref name="After"/>'s interval intersected with a bound from CR3
/// and CR4 before and the exiting share; null when <paramref name="After"/> has no CR3 interval, or
/// when <c>other</c> is a recipient and CR3 before gives no bound.
/// </param>
/// <param name="PostExitBands">Each regime's band at both ends of <paramref name="PostExitHhi"/> (<see cref="ConcentrationBands.Regimes"/> order).</param>
public sealed record ExitAnalysis(
    string MarketId,
    string Period,
    string Exiting,
    IReadOnlyList<string> Recipients,
    MarketConcentration Before,
    MarketConcentration After,
    IndexInterval PostExitHhi,
    IndexInterval? PostExitCr3,
    IReadOnlyList<BandAssessment> PostExitBands);

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
    /// <exception cref="ArgumentNullException">A null argument other than <paramref name="markets"/>, or a null element of <paramref name="rows"/> or <paramref name="markets"/>.</exception>
    /// <exception cref="ArgumentException">
    /// No rows for the market and period, an unknown provider id, a = b, or <c>other</c>; the market and
    /// period leave a rank unnamed (parameter <c>rows</c>; see the class remarks); as
    /// <see cref="ShareScenarios.Merge"/> and, for the rows before and after,
    /// <see cref="ConcentrationAnalysis.Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/>.
    /// </exception>
    /// <exception cref="OverflowException">As <see cref="ShareScenarios.Merge"/>: counts sum past <see cref="long.MaxValue"/>.</exception>
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
    /// <see cref="ExitAnalysis.PostExitHhi"/> and <see cref="ExitAnalysis.PostExitCr3"/> bound the
    /// HHI and CR3 after the exit (see the remarks).
    /// </returns>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="rows"/>, <paramref name="marketId"/>, <paramref name="period"/> or
    /// <paramref name="exiting"/> is null, or an element of <paramref name="rows"/>,
    /// <paramref name="markets"/> or <paramref name="recipients"/> is.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// Parameter <c>rows</c>: no rows for the market and period; the rows before or after the exit are
    /// rejected by <see cref="ConcentrationAnalysis.Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/>
    /// (a group without a named firm, mixed measures, a row without a measure, revenue or counts summing
    /// to 0, shares that cannot sum to 1); the market and period leave a rank unnamed (see the class
    /// remarks); the rows of the exiting firm and its recipients mix measures; for revenue, a value
    /// after the exit beyond the range of a double. Parameter <c>exiting</c>: no firm
    /// <paramref name="exiting"/> is named there (<c>other</c> is never a firm), or it has several rows;
    /// it is the only named firm, so none would be left to compute an index from; its published share
    /// is the whole market, the rest holding nothing. Parameter <c>recipients</c>: a recipient is
    /// unknown (<c>other</c> without an <c>other</c> row included), has several rows, is listed twice or
    /// is the exiting firm; the recipients' total (point shares, revenue or counts) is 0, so a pro-rata
    /// split is undefined.
    /// </exception>
    /// <exception cref="OverflowException">For counts, a recipient's count after the exit passes <see cref="long.MaxValue"/>.</exception>
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
    /// HHI after (<see cref="ExitAnalysis.PostExitHhi"/>), from the interval [H_lo, H_hi] before, which
    /// holds the HHI H of every market the data allow. Pro rata to everything that remains: each such
    /// market has H_after = g(H, x) = (H − x²)/(1 − x)², which rises with H and, as ∂g/∂x = 2(H − x)/(1 −
    /// x)³, rises with x up to x = H and falls beyond; so H_after lies in [min(g(H_lo, l_x), g(H_lo,
    /// h_x)), g(H_hi, clamp(H_hi, l_x, h_x))], inside [(H_lo − h_x²)/(1 − l_x)², (H_hi − l_x²)/(1 −
    /// h_x)²], and exact for point shares. Named recipients with total S = Σ_rec s_j, Q = Σ_rec s_j² (the
    /// firms inside a recipient <c>other</c> row counted one by one): H_after = H + Δ with Δ = 2x·Q/S −
    /// x²·(1 − Q/S²), which rises with Q/S and Q/S² ≤ 1; so Δ lies between the minimum over x ∈ {l_x,
    /// h_x} of 2x·r_lo − x²(1 − q_lo) and the maximum over x ∈ [l_x, h_x] of 2x·r_hi − x²(1 − q_hi),
    /// with r = Q/S and q = Q/S² bounded from the recipients' intervals (r is a share-weighted mean
    /// share, so it also lies between the smallest low and the largest high; q ≥ 1/k for k named
    /// recipients). A recipient <c>other</c> row of total o contributes 0 to o·min(o, c) to Q, c the
    /// largest share an unnamed firm could hold before (the smallest high of the named firms with a
    /// positive low). A single recipient r gives Δ = 2·s_r·x, as a merger with it would. H_after then
    /// lies in [H_lo + Δ_lo, H_hi + Δ_hi], exact for point shares without <c>other</c> among the
    /// recipients. <see cref="ExitAnalysis.After"/>'s interval holds every such market too, except when
    /// <c>other</c> is a recipient: its firms then grow by (1 + x/S) and may pass the smallest named
    /// firm, which the analysis of the rows after assumes they do not, so only its lower end (the
    /// remainder fragmented) is used. Revenue and counts with <c>other</c> as a recipient: the named
    /// shares are exact, so H_after lies in [L, L + (H_hi − H_lo)·(o′/o)²], L the HHI of the named firms
    /// after and o, o′ the <c>other</c> share before and after.
    /// </para>
    /// <para>
    /// CR3 after (<see cref="ExitAnalysis.PostExitCr3"/>), from the CR3 and CR4 intervals before: the
    /// three largest firms left held T ≤ CR3 and T ≤ CR4 − x before (with the exiting firm they are
    /// four firms), and at least CR3 − x. Pro rata they hold T/(1 − x): in [(CR3_lo − h_x)/(1 − h_x),
    /// min(CR3_hi/(1 − h_x), (CR4_hi − l_x)/(1 − l_x))]. Named recipients gain x together, so the three
    /// largest after hold at most min(CR3_hi + h_x, CR4_hi) and at least CR3_lo − h_x. Each is
    /// intersected with <see cref="ExitAnalysis.After"/>'s CR3 interval where that is valid (as for the
    /// HHI). Other indices of <see cref="ExitAnalysis.After"/> (CR1, CR2, CR4, Hannah–Kay) keep the
    /// analysis's own upper ends, which may be wider than the data allow.
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
        if (before.Shares.Count == 1)
        {
            throw new ArgumentException(
                before.Remainder > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"'{exiting}' is the only named firm of market '{marketId}', period '{period}': after its exit the unnamed firms ({100 * before.Remainder:0.#}% of the market as published) hold all of it, and with no named firm left no index can be computed.")
                    : $"'{exiting}' holds the whole of market '{marketId}', period '{period}': nobody is left to win its customers.",
                nameof(exiting));
        }

        var to = recipients is { Count: > 0 } ? recipients : null;
        var unranked = WithoutRanks(rows, before, "an exit");
        MarketConcentration after;
        Bounds post;
        if (before.Measure == "share")
        {
            var (changed, note, boxes) = ExitOfShares(unranked, before.ShareRounding, marketId, period, exiting, to);
            after = One(changed, markets, marketId, period);
            if (note is not null)
            {
                after = after with { Notes = [.. after.Notes, note] };
            }

            post = PostExitOfShares(before, after, boxes);
        }
        else
        {
            after = One(ShareScenarios.Exit(unranked, marketId, period, exiting, to), markets, marketId, period);
            post = PostExitExact(before, after, exiting, to);
        }

        var hhi = new IndexInterval(post.Hhi.Lower * ConcentrationIndices.PointsPerUnit, post.Hhi.Upper * ConcentrationIndices.PointsPerUnit);
        return new ExitAnalysis(
            marketId, period, exiting, (to ?? []).ToImmutableArray(), before, after, hhi, post.Cr3, ConcentrationBands.AssessAll(post.Hhi));
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
    /// Results with a remainder note that the firms in it cannot be mapped to owners
    /// (<see cref="OwnerLevelOtherNote"/> with an <c>other</c> row, <see cref="OwnerLevelRemainderNote"/>
    /// without one).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or <paramref name="providers"/>, or an element of them or of <paramref name="markets"/>, is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="ShareScenarios.ByOwner"/> and <see cref="ConcentrationAnalysis.Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/>.</exception>
    /// <exception cref="OverflowException">As <see cref="ShareScenarios.ByOwner"/>: counts of one owner sum past <see cref="long.MaxValue"/>.</exception>
    public static IReadOnlyList<MarketConcentration> OwnerLevel(
        IReadOnlyList<MarketShare> rows, IReadOnlyList<Provider> providers, IReadOnlyList<Market>? markets, string? marketId = null, string? period = null) =>
        OwnerLevelOfCombinedRows(ShareScenarios.ByOwner(rows, providers, markets), markets, marketId, period);

    /// <summary>
    /// Owner-level concentration of rows that <see cref="ShareScenarios.ByOwner"/> has already combined:
    /// for callers that keep those rows (to run a what-if at owner level, say), so the roll-up runs once.
    /// </summary>
    /// <param name="ownerRows">Rows returned by <see cref="ShareScenarios.ByOwner"/>.</param>
    /// <param name="markets">Rows of <c>markets.csv</c> (share rounding), or null.</param>
    /// <param name="marketId">Only this market, or null for all.</param>
    /// <param name="period">Only this period, or null for all.</param>
    /// <returns>As <see cref="OwnerLevel(IReadOnlyList{MarketShare}, IReadOnlyList{Provider}, IReadOnlyList{Market}?, string?, string?)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ownerRows"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="ConcentrationAnalysis.Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/>.</exception>
    public static IReadOnlyList<MarketConcentration> OwnerLevelOfCombinedRows(
        IReadOnlyList<MarketShare> ownerRows, IReadOnlyList<Market>? markets, string? marketId = null, string? period = null)
    {
        ArgumentNullException.ThrowIfNull(ownerRows);
        var withOther = ownerRows.Where(r => r.IsOther).Select(r => (r.MarketId, r.Period)).ToHashSet();
        return ConcentrationAnalysis.Analyze(ownerRows, marketId, period, markets)
            .Select(r => r.Remainder <= 0 ? r
                : r with { Notes = [.. r.Notes, withOther.Contains((r.MarketId, r.Period)) ? OwnerLevelOtherNote : OwnerLevelRemainderNote] })
            .ToImmutableArray();
    }

    /// <summary>The note owner-level results carry when an <c>other</c> row holds the remainder.</summary>
    public const string OwnerLevelOtherNote =
        "owner level: the 'other' row is never split, so the firms (labels) inside it cannot be mapped to their owners; each owner's share counts its named rows only";

    /// <summary>The note owner-level results carry when the named shares leave a remainder and no <c>other</c> row is published.</summary>
    public const string OwnerLevelRemainderNote =
        "owner level: the share the named firms leave unallocated (no 'other' row is published) belongs to unnamed firms that cannot be mapped to their owners; each owner's share counts its named rows only";

    // The exit of a firm from published shares, each changed share bounded from the published intervals
    // (see Exit). Returns the rows, the note for the result (null when every share is exact) and the
    // intervals the bounds after the exit are computed from.
    private static (List<MarketShare> Rows, string? Note, ExitBoxes Boxes) ExitOfShares(
        List<MarketShare> rows, double? unit, string marketId, string period, string exiting, IReadOnlyList<string>? recipients)
    {
        var (ix, to) = ShareScenarios.ExitParties(rows, marketId, period, exiting, recipients);
        (double Low, double High) Box(MarketShare r) =>
            r.ShareLow is { } l && r.ShareHigh is { } h ? (l, h)
            : unit is { } u ? ShareIntervals.RoundingBox(r.Share!.Value, u)
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
                throw new ArgumentException($"'{exiting}' holds the whole of market '{marketId}', period '{period}': the rest hold nothing, so a pro-rata split is undefined.", nameof(exiting));
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
        var recipientBoxes = recipients is null ? null : to.Select((i, k) => (boxes[k].Low, boxes[k].High, rows[i].IsOther)).ToList();
        return (result, bounded
            ? $"exit of {exiting}: {rule} from the published intervals [l, h] (ranges or rounding) and the exiting share x ∈ [l_x, h_x]; the new shares are not re-rounded"
            : null, new ExitBoxes(x.Low, x.High, recipientBoxes));
    }

    // The HHI and CR3 after an exit of published shares, from the intervals before (see Exit, remarks).
    private static Bounds PostExitOfShares(MarketConcentration before, MarketConcentration after, ExitBoxes boxes)
    {
        var pre = before.HhiInterval;
        var (lx, hx) = (boxes.ExitLow, boxes.ExitHigh);
        var otherReceives = boxes.Recipients?.Any(r => r.Other) == true;
        var lower = after.HhiInterval.Lower;
        // Firms inside a recipient 'other' row may outgrow the smallest named firm, which After's upper end assumes they do not.
        var upper = otherReceives ? 1 : after.HhiInterval.Upper;
        if (boxes.Recipients is null)
        {
            if (hx < 1)
            {
                // H_after = (H − x²)/(1 − x)², rising in H; in x rising up to x = H, falling beyond.
                static double G(double h, double x) => (h - (x * x)) / ((1 - x) * (1 - x));
                lower = Math.Max(lower, Math.Min(G(pre.Lower, lx), G(pre.Lower, hx)));
                upper = Math.Min(upper, G(pre.Upper, Math.Clamp(pre.Upper, lx, hx)));
            }
        }
        else
        {
            var cap = before.Shares.Where(s => s.Low > 0).Select(s => s.High).DefaultIfEmpty(1).Min();
            var (deltaLow, deltaHigh) = ExitDelta(lx, hx, boxes.Recipients, cap);
            lower = Math.Max(lower, pre.Lower + deltaLow);
            upper = Math.Min(upper, pre.Upper + deltaHigh);
        }

        lower = Math.Min(lower, 1);
        return new Bounds(
            new HhiInterval(lower, Math.Clamp(upper, lower, 1)),
            PostExitCr3(before, after, lx, hx, proRata: boxes.Recipients is null, trustAfter: !otherReceives));
    }

    // Revenue and counts exit exactly (ShareScenarios.Exit): After is the scenario, except that firms inside a
    // recipient 'other' row grow by o′/o and may outgrow the smallest named firm. Their squares summed at most
    // H_hi − H_lo before (the named shares are exact), so at most (H_hi − H_lo)·(o′/o)² after.
    private static Bounds PostExitExact(MarketConcentration before, MarketConcentration after, string exiting, IReadOnlyList<string>? recipients)
    {
        if (recipients is null)
        {
            return new Bounds(after.HhiInterval, after.Intervals.GetValueOrDefault("cr3"));
        }

        var x = before.Shares.Single(s => s.ProviderId == exiting).Share!.Value;
        var otherReceives = recipients.Contains(MarketShare.OtherProviderId);
        var hhi = after.HhiInterval;
        if (otherReceives)
        {
            var floor = after.HhiInterval.Lower;
            var packed = before.Remainder > 0
                ? (before.HhiInterval.Upper - before.HhiInterval.Lower) * Math.Pow(after.Remainder / before.Remainder, 2)
                : 0;
            hhi = new HhiInterval(floor, Math.Min(1, floor + packed));
        }

        return new Bounds(hhi, PostExitCr3(before, after, x, x, proRata: false, trustAfter: !otherReceives));
    }

    // Bounds of Δ = H_after − H = 2x·r − x²(1 − q), r = Q/S and q = Q/S², for an exit to named recipients
    // (see Exit, remarks). Q counts the firms inside a recipient 'other' row one by one: 0 to o·min(o, cap).
    private static (double Low, double High) ExitDelta(double lx, double hx, IReadOnlyList<(double Low, double High, bool Other)> recipients, double cap)
    {
        double qMin = 0, qMax = 0, sMin = 0, sMax = 0, largest = 0, smallestLow = 1;
        var named = 0;
        foreach (var (l, h, other) in recipients)
        {
            sMin += l;
            sMax += h;
            if (other)
            {
                qMax += h * Math.Min(h, cap);
                largest = Math.Max(largest, Math.Min(h, cap));
            }
            else
            {
                named++;
                qMin += l * l;
                qMax += h * h;
                largest = Math.Max(largest, h);
                smallestLow = Math.Min(smallestLow, l);
            }
        }

        var rLow = sMax > 0 ? qMin / sMax : 0;
        var qLow = sMax > 0 ? qMin / (sMax * sMax) : 0;
        if (named == recipients.Count)
        {
            // r is a share-weighted mean of the recipients' shares, and Q ≥ S²/k.
            rLow = Math.Max(rLow, Math.Max(smallestLow, sMin / named));
            qLow = Math.Max(qLow, 1.0 / named);
        }

        var rHigh = sMin > 0 ? Math.Min(largest, qMax / sMin) : largest;
        var qHigh = sMin > 0 ? Math.Min(1, qMax / (sMin * sMin)) : 1;
        static double Delta(double x, double r, double q) => (2 * x * r) - (x * x * (1 - q));
        // Concave in x: the least at an end, the greatest at the vertex r/(1 − q) or an end.
        var low = Math.Min(Delta(lx, rLow, qLow), Delta(hx, rLow, qLow));
        var top = qHigh >= 1 ? hx : Math.Clamp(rHigh / (1 - qHigh), lx, hx);
        return (low, Delta(top, rHigh, qHigh));
    }

    // CR3 after an exit from CR3 and CR4 before (see Exit, remarks); null without an interval after.
    private static IndexInterval? PostExitCr3(MarketConcentration before, MarketConcentration after, double lx, double hx, bool proRata, bool trustAfter)
    {
        if (!after.Intervals.TryGetValue("cr3", out var own))
        {
            return null;
        }

        var lower = own.Lower;
        var upper = trustAfter ? own.Upper : double.PositiveInfinity;
        var cr3 = before.Intervals.GetValueOrDefault("cr3");
        var cr4 = before.Intervals.GetValueOrDefault("cr4");
        if (proRata)
        {
            if (hx < 1)
            {
                if (cr3 is not null)
                {
                    lower = Math.Max(lower, (cr3.Lower - hx) / (1 - hx));
                    upper = Math.Min(upper, cr3.Upper / (1 - hx));
                }

                if (cr4 is not null)
                {
                    upper = Math.Min(upper, (cr4.Upper - lx) / (1 - lx));
                }
            }
        }
        else
        {
            if (cr3 is not null)
            {
                lower = Math.Max(lower, cr3.Lower - hx);
                upper = Math.Min(upper, cr3.Upper + hx);
            }

            if (cr4 is not null)
            {
                upper = Math.Min(upper, cr4.Upper);
            }
        }

        if (double.IsPositiveInfinity(upper))
        {
            return null;
        }

        lower = Math.Min(lower, 1);
        return new IndexInterval(lower, Math.Clamp(upper, lower, 1));
    }

    // The intervals an exit of published shares is computed from: the exiting share's, and each recipient's
    // (null for a pro-rata exit to everything that remains), flagged where the recipient is 'other'.
    private sealed record ExitBoxes(double ExitLow, double ExitHigh, IReadOnlyList<(double Low, double High, bool Other)>? Recipients);

    // HHI (0–1) and CR3 after an exit.
    private sealed record Bounds(HhiInterval Hhi, IndexInterval? Cr3);

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
        foreach (var r in rows)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(rows));
        }

        foreach (var m in markets ?? [])
        {
            ArgumentNullException.ThrowIfNull(m, nameof(markets));
        }

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
