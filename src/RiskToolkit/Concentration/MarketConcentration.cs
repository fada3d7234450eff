using Microsoft.Data.Analysis;
using RiskToolkit.Data;

namespace RiskToolkit.Concentration;

/// <summary>A named firm's share of a market.</summary>
/// <param name="ProviderId">Provider id from <c>providers.csv</c>.</param>
/// <param name="Share">Share 0–1 (published, or derived from revenue or counts).</param>
public sealed record ProviderShare(string ProviderId, double Share);

/// <summary>
/// Concentration of one market in one period. Shares are 0–1; HHI is given on the 0–1 scale
/// (<see cref="Hhi"/>) and in points 0–10,000 (<see cref="HhiPoints"/>). Undefined values are
/// <see langword="null"/> and <see cref="Reasons"/> says why.
/// </summary>
/// <param name="MarketId">Market id from <c>markets.csv</c>.</param>
/// <param name="Period">Quarter (<c>2025Q2</c>) or year (<c>2023</c>).</param>
/// <param name="Measure">What the shares measure: <c>share</c> (published shares), <c>revenue_usd</c> or <c>count</c> (shares derived as value ÷ Σ values, <c>other</c> included).</param>
/// <param name="N">Number of named firms (the <c>other</c> remainder is never a firm).</param>
/// <param name="Remainder">Unallocated share 0–1 (the <c>other</c> row, or 1 − Σ named shares when no such row exists and the shares sum below 1).</param>
/// <param name="Shares">Named firms' shares 0–1, largest first, keyed by provider id.</param>
/// <param name="Hhi">Σ sᵢ² over named firms, 0–1: the lower end of <see cref="HhiInterval"/>.</param>
/// <param name="HhiPoints"><see cref="Hhi"/> × 10,000.</param>
/// <param name="Cr1">Largest share, 0–1.</param>
/// <param name="Cr2">Two largest shares, 0–1, or null when fewer than 2 firms are named and a remainder exists.</param>
/// <param name="Cr3">Three largest shares, or null as for <paramref name="Cr2"/>.</param>
/// <param name="Cr4">Four largest shares, or null as for <paramref name="Cr2"/>.</param>
/// <param name="EquivalentFirms">1 / <see cref="Hhi"/>; with a remainder, an upper bound of the market's equivalent number of firms.</param>
/// <param name="NormalizedHhi">(H − 1/n)/(1 − 1/n); null for n = 1 and whenever a remainder hides the market's number of firms.</param>
/// <param name="Gini">Gini coefficient among the named firms (scale-free, so the remainder does not enter).</param>
/// <param name="Entropy">Shannon entropy of the named firms' shares, bits; with a remainder, the named firms' contribution only (a lower bound).</param>
/// <param name="NormalizedEntropy">Entropy ÷ log₂ n; null as for <paramref name="NormalizedHhi"/>.</param>
/// <param name="HhiInterval">HHI interval (0–1) that the remainder allows.</param>
/// <param name="Bands">Regulators' bands at both ends of <see cref="HhiInterval"/>.</param>
/// <param name="Reasons">For each null index (camelCase name), why it is undefined.</param>
/// <param name="SourceIds">Distinct source ids of the rows used.</param>
public sealed record MarketConcentration(
    string MarketId,
    string Period,
    string Measure,
    int N,
    double Remainder,
    IReadOnlyList<ProviderShare> Shares,
    double Hhi,
    double HhiPoints,
    double Cr1,
    double? Cr2,
    double? Cr3,
    double? Cr4,
    double? EquivalentFirms,
    double? NormalizedHhi,
    double? Gini,
    double Entropy,
    double? NormalizedEntropy,
    HhiInterval HhiInterval,
    IReadOnlyList<BandAssessment> Bands,
    IReadOnlyDictionary<string, string> Reasons,
    IReadOnlyList<string> SourceIds);

/// <summary>Turns share tables into <see cref="MarketConcentration"/> results.</summary>
public static class ConcentrationAnalysis
{
    /// <summary>
    /// Computes every index for each market and period of a share table, ordered by market id and
    /// then period.
    /// </summary>
    /// <param name="rows">Validated rows of <c>market_shares.csv</c> (see <see cref="MarketDataReader"/>).</param>
    /// <param name="marketId">Only this market, or null for all.</param>
    /// <param name="period">Only this period, or null for all.</param>
    /// <returns>One result per market and period that has rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A group has no named firm, mixes measures, gives only a published range (point indices need a
    /// point share), or its derived remainder is negative.
    /// </exception>
    /// <remarks>
    /// Shares come from the <c>share</c> column as published, or are derived as value ÷ Σ values over
    /// all rows of the group (the <c>other</c> row included) for <c>revenue_usd</c> and <c>count</c>.
    /// The <c>other</c> row is the remainder and never a firm; a share group without one whose shares
    /// sum below 1 has the gap as its remainder.
    /// </remarks>
    public static IReadOnlyList<MarketConcentration> Analyze(
        IEnumerable<MarketShare> rows,
        string? marketId = null,
        string? period = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows
            .Where(r => (marketId is null || r.MarketId == marketId) && (period is null || r.Period == period))
            .GroupBy(r => (r.MarketId, r.Period))
            .OrderBy(g => g.Key.MarketId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Period, StringComparer.Ordinal)
            .Select(g => AnalyzeGroup(g.Key.MarketId, g.Key.Period, g.ToList()))
            .ToList();
    }

    /// <summary>
    /// One row per result with the scalar indices (shares 0–1, HHI also in points), for slicing in a notebook.
    /// </summary>
    /// <param name="results">Results of <see cref="Analyze"/>.</param>
    /// <returns>
    /// A DataFrame with columns marketId, period, n, hhi, hhiPoints, hhiLower, hhiUpper (points), cr1–cr4,
    /// equivalentFirms, normalizedHhi, gini, entropy, normalizedEntropy, us2023Lower, us2023Upper; null
    /// cells where an index is undefined.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    public static DataFrame ToDataFrame(this IReadOnlyList<MarketConcentration> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        static PrimitiveDataFrameColumn<double> Col(string name, IEnumerable<double?> values) => new(name, values);
        var us = results.Select(r => r.Bands.Single(b => b.Regime == ConcentrationBands.Us2023)).ToList();
        return new DataFrame(
            new StringDataFrameColumn("marketId", results.Select(r => r.MarketId)),
            new StringDataFrameColumn("period", results.Select(r => r.Period)),
            new PrimitiveDataFrameColumn<int>("n", results.Select(r => r.N)),
            Col("hhi", results.Select(r => (double?)r.Hhi)),
            Col("hhiPoints", results.Select(r => (double?)r.HhiPoints)),
            Col("hhiLowerPoints", results.Select(r => (double?)r.HhiInterval.LowerPoints)),
            Col("hhiUpperPoints", results.Select(r => (double?)r.HhiInterval.UpperPoints)),
            Col("cr1", results.Select(r => (double?)r.Cr1)),
            Col("cr2", results.Select(r => r.Cr2)),
            Col("cr3", results.Select(r => r.Cr3)),
            Col("cr4", results.Select(r => r.Cr4)),
            Col("equivalentFirms", results.Select(r => r.EquivalentFirms)),
            Col("normalizedHhi", results.Select(r => r.NormalizedHhi)),
            Col("gini", results.Select(r => r.Gini)),
            Col("entropy", results.Select(r => (double?)r.Entropy)),
            Col("normalizedEntropy", results.Select(r => r.NormalizedEntropy)),
            new StringDataFrameColumn("us2023Lower", us.Select(b => b.Lower)),
            new StringDataFrameColumn("us2023Upper", us.Select(b => b.Upper)));
    }

    /// <summary>The named firms' shares of one result as a table, largest first.</summary>
    /// <param name="shares">Shares of a <see cref="MarketConcentration"/>.</param>
    /// <returns>A DataFrame with columns providerId and share (0–1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shares"/> is null.</exception>
    public static DataFrame ToDataFrame(this IReadOnlyList<ProviderShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return new DataFrame(
            new StringDataFrameColumn("providerId", shares.Select(s => s.ProviderId)),
            new PrimitiveDataFrameColumn<double>("share", shares.Select(s => s.Share)));
    }

    private static MarketConcentration AnalyzeGroup(string marketId, string period, List<MarketShare> rows)
    {
        var where = $"market '{marketId}', period '{period}'";
        var measure = MeasureOf(rows, where);
        var total = measure switch
        {
            "revenue_usd" => rows.Sum(r => r.RevenueUsd!.Value),
            "count" => rows.Sum(r => (double)r.Count!.Value),
            _ => 1.0,
        };
        if (total <= 0)
        {
            throw new ArgumentException($"{where}: the {measure} values sum to 0, so no share can be derived.", nameof(rows));
        }

        double ShareOf(MarketShare r) => measure switch
        {
            "revenue_usd" => r.RevenueUsd!.Value / total,
            "count" => r.Count!.Value / total,
            _ => r.Share!.Value,
        };

        var named = rows.Where(r => !r.IsOther)
            .Select(r => new ProviderShare(r.ProviderId, ShareOf(r)))
            .OrderByDescending(p => p.Share)
            .ThenBy(p => p.ProviderId, StringComparer.Ordinal)
            .ToList();
        if (named.Count == 0)
        {
            throw new ArgumentException($"{where}: no named firm; the 'other' remainder is never a firm.", nameof(rows));
        }

        var others = rows.Where(r => r.IsOther).ToList();
        var namedSum = named.Sum(p => p.Share);
        // Rounded published shares may overshoot 1 within the market's tolerance: no remainder then.
        var remainder = others.Count > 0 ? others.Sum(ShareOf) : Math.Max(0, 1 - namedSum);
        if (remainder < 0)
        {
            throw new ArgumentException($"{where}: the 'other' share is negative ({remainder}).", nameof(rows));
        }

        var shares = named.Select(p => p.Share).ToArray();
        var interval = ConcentrationIndices.HhiBounds(shares, Math.Min(remainder, 1));
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        double? Ratio(int k)
        {
            var v = ConcentrationIndices.ConcentrationRatio(shares, k, Math.Min(remainder, 1));
            if (v is null)
            {
                reasons[$"cr{k}"] = $"only {shares.Length} firm(s) named and {remainder:0.###} of the market unallocated: firm {k} is unknown";
            }

            return v;
        }

        double? normalizedHhi = null;
        double? normalizedEntropy = null;
        if (remainder > 0)
        {
            // Both divide by a function of the market's number of firms, which the remainder hides.
            var why = $"the market's number of firms is unknown: {shares.Length} named firm(s) leave {remainder:0.###} of it unallocated";
            reasons["normalizedHhi"] = why;
            reasons["normalizedEntropy"] = why;
        }
        else if (shares.Length == 1)
        {
            reasons["normalizedHhi"] = "undefined for one firm: (H − 1/n)/(1 − 1/n) divides by zero";
            reasons["normalizedEntropy"] = "undefined for one firm: log2(1) = 0";
        }
        else
        {
            normalizedHhi = ConcentrationIndices.NormalizedHhi(shares);
            normalizedEntropy = ConcentrationIndices.NormalizedEntropy(shares);
        }

        var gini = ConcentrationIndices.Gini(shares);
        var equivalent = ConcentrationIndices.EquivalentFirms(shares);
        if (gini is null)
        {
            reasons["gini"] = "every named share is 0";
        }

        if (equivalent is null)
        {
            reasons["equivalentFirms"] = "HHI is 0";
        }

        var hhi = interval.Lower;
        return new MarketConcentration(
            marketId,
            period,
            measure,
            shares.Length,
            remainder,
            named,
            hhi,
            hhi * ConcentrationIndices.PointsPerUnit,
            shares[0],
            Ratio(2),
            Ratio(3),
            Ratio(4),
            equivalent,
            normalizedHhi,
            gini,
            ConcentrationIndices.Entropy(shares),
            normalizedEntropy,
            interval,
            [ConcentrationBands.AssessUs2023(interval)],
            reasons,
            rows.Select(r => r.SourceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    private static string MeasureOf(List<MarketShare> rows, string where)
    {
        static string? Of(MarketShare r) =>
            r.Share is not null ? "share" : r.RevenueUsd is not null ? "revenue_usd" : r.Count is not null ? "count" : null;

        var measures = rows.Select(Of).Distinct().ToList();
        if (measures.Contains(null))
        {
            throw new ArgumentException(
                $"{where}: a row gives only a published range (share_low/share_high); point indices need a point share.",
                nameof(rows));
        }

        if (measures.Count != 1)
        {
            throw new ArgumentException($"{where}: rows mix measures ({string.Join(", ", measures)}).", nameof(rows));
        }

        return measures[0]!;
    }
}
