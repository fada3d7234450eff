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
/// <param name="Recipients">Provider ids its share went to, pro rata to their shares; empty when it went pro rata to every remaining row, <c>other</c> included.</param>
/// <param name="Before">The market as published.</param>
/// <param name="After">The market after the exit.</param>
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
/// on rows changed by <see cref="ShareScenarios"/>, so every index, interval and band is available after.
/// </summary>
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
    /// <exception cref="ArgumentException">No rows for the market and period, an unknown provider id, a = b, or <c>other</c>.</exception>
    /// <remarks>
    /// ΔHHI = 2·s_a·s_b: the US agencies' formula for the change in HHI when two firms combine with no
    /// change in their shares (US DOJ &amp; FTC Merger Guidelines 2023, §2.1 and its appendix; 2010 HMG
    /// §5.3). Rounded or ranged shares carry their own interval into the merged firm: the merged row
    /// gets the range [low_a + low_b, high_a + high_b]; two exact shares give an exact merged share, so a
    /// whole market stays whole.
    /// </remarks>
    public static MergerAnalysis Merger(IReadOnlyList<MarketShare> rows, IReadOnlyList<Market>? markets, string marketId, string period, string a, string b)
    {
        var before = One(rows, markets, marketId, period);
        var sa = Firm(before, a, nameof(a));
        var sb = Firm(before, b, nameof(b));
        var mergedId = $"{a}+{b}";
        var merged = ShareScenarios.Merge(rows, marketId, period, a, b, mergedId)
            .Select(r => r.MarketId == marketId && r.Period == period && r.ProviderId == mergedId && r.Share is not null
                    && (sa.Low < sa.High || sb.Low < sb.High)
                ? r with { ShareLow = sa.Low + sb.Low, ShareHigh = sa.High + sb.High }
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
    /// <param name="recipients">Provider ids that take its share pro rata to their own, or null or empty for every remaining row including <c>other</c>.</param>
    /// <returns>The analysis. With rounded shares, each share after the exit is treated as published with the market's rounding, and the result's notes say so.</returns>
    /// <exception cref="ArgumentNullException">A null argument other than <paramref name="markets"/> and <paramref name="recipients"/>.</exception>
    /// <exception cref="ArgumentException">No rows for the market and period, an unknown provider id, or a group given as ranges (a pro-rata exit of a range is undefined).</exception>
    public static ExitAnalysis Exit(IReadOnlyList<MarketShare> rows, IReadOnlyList<Market>? markets, string marketId, string period, string exiting, IReadOnlyList<string>? recipients = null)
    {
        var before = One(rows, markets, marketId, period);
        Firm(before, exiting, nameof(exiting));
        var to = recipients is { Count: > 0 } ? recipients : null;
        var after = One(ShareScenarios.Exit(rows, marketId, period, exiting, to), markets, marketId, period);
        return new ExitAnalysis(marketId, period, exiting, (to ?? []).ToImmutableArray(), before, after);
    }

    /// <summary>
    /// Owner-level concentration: every provider is replaced by its owner group
    /// (<c>providers.parent</c>, followed to the top) and shares are summed per owner before analysis.
    /// </summary>
    /// <param name="data">Tables from <see cref="MarketDataReader.Load"/>.</param>
    /// <param name="marketId">Only this market, or null for all.</param>
    /// <param name="period">Only this period, or null for all.</param>
    /// <returns>Results as <see cref="ConcentrationAnalysis.Analyze(MarketData, string?, string?)"/>, with owner ids in place of provider ids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="ShareScenarios.ByOwner"/>.</exception>
    public static IReadOnlyList<MarketConcentration> OwnerLevel(MarketData data, string? marketId = null, string? period = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ConcentrationAnalysis.Analyze(ShareScenarios.ByOwner(data.MarketShares, data.Providers), marketId, period, data.Markets);
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
