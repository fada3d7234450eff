using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Analysis;
using RiskToolkit.Data;

namespace RiskToolkit.Concentration;

/// <summary>A named firm's share of a market, as a point and as the range the sources allow.</summary>
/// <param name="ProviderId">Provider id from <c>providers.csv</c>.</param>
/// <param name="Share">Point share 0–1 (published, or derived from revenue or counts), or null when only a range is published.</param>
/// <param name="Low">Lowest share 0–1 the sources allow (the point when no range is published).</param>
/// <param name="High">Highest share 0–1 the sources allow (the point when no range is published).</param>
public sealed record ProviderShare(string ProviderId, double? Share, double Low, double High);

/// <summary>
/// Concentration of one market in one period. Shares are 0–1; HHI is given on the 0–1 scale
/// (<see cref="Hhi"/>) and in points 0–10,000 (<see cref="HhiPoints"/>). An index the data cannot
/// determine is <see langword="null"/>, and <see cref="Reasons"/> says why (never NaN).
/// </summary>
/// <param name="MarketId">Market id from <c>markets.csv</c>.</param>
/// <param name="Period">Quarter (<c>2025Q2</c>) or year (<c>2023</c>).</param>
/// <param name="Measure">What the rows give: <c>share</c> (published shares), <c>revenue_usd</c> or <c>count</c> (shares derived as value ÷ Σ values, <c>other</c> included).</param>
/// <param name="N">Number of named firms (the <c>other</c> remainder is never a firm).</param>
/// <param name="Remainder">Unallocated share 0–1: the larger of the <c>other</c> row and 1 − Σ named point shares (exactly 0 for revenue or counts without an <c>other</c> row).</param>
/// <param name="Shares">Named firms' shares, largest first.</param>
/// <param name="Hhi">Σ sᵢ² over the named firms' point shares, 0–1; null when a firm has only a range. With a remainder it is the lowest HHI the point shares allow.</param>
/// <param name="HhiPoints"><see cref="Hhi"/> × 10,000.</param>
/// <param name="Cr1">Largest share, 0–1; null when a firm has only a range.</param>
/// <param name="Cr2">Two largest shares, 0–1; null when fewer than 2 firms are named and a remainder exists, or a firm has only a range.</param>
/// <param name="Cr3">Three largest shares, or null as for <paramref name="Cr2"/>.</param>
/// <param name="Cr4">Four largest shares, or null as for <paramref name="Cr2"/>.</param>
/// <param name="EquivalentFirms">1 / <see cref="Hhi"/>; with a remainder, an upper bound of the market's equivalent number of firms.</param>
/// <param name="NormalizedHhi">(H − 1/n)/(1 − 1/n); null for n = 1 and whenever the shares do not describe the whole market.</param>
/// <param name="Gini">Gini coefficient of the firms' shares; null whenever the shares do not describe the whole market (among the largest firms alone it would describe only them).</param>
/// <param name="Entropy">Shannon entropy of the named firms' point shares, bits; with a remainder, their contribution only (a lower bound of the market's).</param>
/// <param name="NormalizedEntropy">Entropy ÷ log₂ n; null as for <paramref name="NormalizedHhi"/>.</param>
/// <param name="HhiInterval">HHI interval (0–1) that the remainder and any published ranges allow, given the shares as published (their rounding is not modelled); its lower end equals <see cref="Hhi"/> when every share is a point.</param>
/// <param name="Bands">Regulators' bands at both ends of <see cref="HhiInterval"/>.</param>
/// <param name="Reasons">For each null index (camelCase name), why it is undefined; sorted by name.</param>
/// <param name="SourceIds">Distinct source ids of the rows used, sorted.</param>
/// <param name="Notes">How the rows were read where it matters for the figures (e.g. rounded shares divided by their sum); empty when nothing needs saying.</param>
public sealed record MarketConcentration(
    string MarketId,
    string Period,
    string Measure,
    int N,
    double Remainder,
    IReadOnlyList<ProviderShare> Shares,
    double? Hhi,
    double? HhiPoints,
    double? Cr1,
    double? Cr2,
    double? Cr3,
    double? Cr4,
    double? EquivalentFirms,
    double? NormalizedHhi,
    double? Gini,
    double? Entropy,
    double? NormalizedEntropy,
    HhiInterval HhiInterval,
    IReadOnlyList<BandAssessment> Bands,
    IReadOnlyDictionary<string, string> Reasons,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<string> Notes);

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
    /// A group has no named firm, mixes measures, has a row without any measure, or its revenue or
    /// counts sum to 0.
    /// </exception>
    /// <remarks>
    /// Shares come from the <c>share</c> column as published (with <c>share_low</c>/<c>share_high</c>
    /// where given), or are derived as value ÷ Σ values over all rows of the group (the <c>other</c>
    /// row included) for <c>revenue_usd</c> and <c>count</c>. The <c>other</c> row is the remainder
    /// and never a firm. Method: README.md, 'Methods'.
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
    /// One row per result with the scalar indices at full precision, for slicing in a notebook.
    /// </summary>
    /// <param name="results">Results of <see cref="Analyze"/>.</param>
    /// <returns>
    /// A DataFrame with the columns of <see cref="Columns"/>: shares and HHI on the 0–1 scale, HHI
    /// also in points; null cells where an index is undefined.
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
            new StringDataFrameColumn("measure", results.Select(r => r.Measure)),
            new PrimitiveDataFrameColumn<int>("n", results.Select(r => r.N)),
            Col("remainder", results.Select(r => (double?)r.Remainder)),
            Col("hhi", results.Select(r => r.Hhi)),
            Col("hhiPoints", results.Select(r => r.HhiPoints)),
            Col("hhiLower", results.Select(r => (double?)r.HhiInterval.Lower)),
            Col("hhiUpper", results.Select(r => (double?)r.HhiInterval.Upper)),
            Col("cr1", results.Select(r => r.Cr1)),
            Col("cr2", results.Select(r => r.Cr2)),
            Col("cr3", results.Select(r => r.Cr3)),
            Col("cr4", results.Select(r => r.Cr4)),
            Col("equivalentFirms", results.Select(r => r.EquivalentFirms)),
            Col("normalizedHhi", results.Select(r => r.NormalizedHhi)),
            Col("gini", results.Select(r => r.Gini)),
            Col("entropy", results.Select(r => r.Entropy)),
            Col("normalizedEntropy", results.Select(r => r.NormalizedEntropy)),
            new StringDataFrameColumn("us2023Lower", us.Select(b => b.Lower)),
            new StringDataFrameColumn("us2023Upper", us.Select(b => b.Upper)));
    }

    /// <summary>Column names of <see cref="ToDataFrame(IReadOnlyList{MarketConcentration})"/>, in order (also the CSV header of <c>risk concentration --format csv</c>).</summary>
    public static IReadOnlyList<string> Columns { get; } = ToDataFrame(Array.Empty<MarketConcentration>()).Columns.Select(c => c.Name).ToImmutableArray();
    /// <summary>The named firms' shares of one result as a table, largest first.</summary>
    /// <param name="shares">Shares of a <see cref="MarketConcentration"/>.</param>
    /// <returns>A DataFrame with columns providerId, share, shareLow and shareHigh (0–1; share null when only a range is published).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shares"/> is null.</exception>
    public static DataFrame ToDataFrame(this IReadOnlyList<ProviderShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return new DataFrame(
            new StringDataFrameColumn("providerId", shares.Select(s => s.ProviderId)),
            new PrimitiveDataFrameColumn<double>("share", shares.Select(s => s.Share)),
            new PrimitiveDataFrameColumn<double>("shareLow", shares.Select(s => (double?)s.Low)),
            new PrimitiveDataFrameColumn<double>("shareHigh", shares.Select(s => (double?)s.High)));
    }

    private static MarketConcentration AnalyzeGroup(string marketId, string period, List<MarketShare> rows)
    {
        var where = $"market '{marketId}', period '{period}'";
        var measure = MeasureOf(rows, where);
        var notes = new List<string>();
        // Revenue and counts become shares of their own total. Dividing by the largest value first keeps
        // the sum finite for any finite input (two revenues of 1e308 must not overflow to a zero share).
        var values = rows.Select(r => measure switch
        {
            "revenue_usd" => r.RevenueUsd!.Value,
            "count" => (double)r.Count!.Value,
            _ => r.Share ?? r.ShareLow!.Value,
        }).ToList();
        var largest = values.Max();
        if (measure != "share" && largest <= 0)
        {
            throw new ArgumentException($"{where}: every {measure} value is 0, so no share can be derived.", nameof(rows));
        }

        // Revenue and counts: value ÷ Σ values, each divided by the largest first so the sum stays finite.
        var total = measure == "share" ? values.Sum() : values.Sum(v => v / largest);
        var divisor = 1.0;
        if (measure == "share" && total > 1 + Guard.SumNoise)
        {
            // Published shares rounded up may sum past 1 within the market's tolerance. Every index needs
            // shares of one whole, so they are divided by their sum and the note says so.
            divisor = total;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"published shares sum to {total:0.####} (rounding); each was divided by that sum"));
        }
        else if (measure != "share" && !rows.Any(r => r.IsOther))
        {
            notes.Add($"no 'other' row: the named firms' {measure} is taken as the whole market");
        }

        ProviderShare ShareOf(MarketShare r)
        {
            var point = measure switch
            {
                "revenue_usd" => r.RevenueUsd!.Value / largest / total,
                "count" => r.Count!.Value / largest / total,
                _ => r.Share / divisor,
            };
            return new ProviderShare(r.ProviderId, point, r.ShareLow / divisor ?? point!.Value, r.ShareHigh / divisor ?? point!.Value);
        }

        var named = rows.Where(r => !r.IsOther)
            .Select(ShareOf)
            .OrderByDescending(p => p.Share ?? p.High)
            .ThenBy(p => p.ProviderId, StringComparer.Ordinal)
            .ToImmutableArray();
        if (named.Length == 0)
        {
            throw new ArgumentException($"{where}: no named firm; the 'other' remainder is never a firm.", nameof(rows));
        }

        var others = rows.Where(r => r.IsOther).Select(ShareOf).ToList();
        var otherShare = others.Sum(o => o.Share ?? o.High);
        var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var rangeOnly = named.Where(p => p.Share is null).Select(p => p.ProviderId).ToList();
        var points = rangeOnly.Count == 0 ? named.Select(p => p.Share!.Value).ToArray() : null;

        // Published shares: whatever the named firms leave is unallocated, even beyond the 'other' row.
        // Revenue and counts are shares of their own total: only the 'other' row is unallocated.
        var remainder = measure == "share" ? Math.Max(otherShare, Gap(named.Sum(p => p.Low))) : otherShare;
        // The upper end puts every firm at its high share; the remainder left then is the least, except
        // that a rounded 'other' row may exceed it, which keeps the bound conservative.
        var remainderAtHigh = measure == "share" ? Math.Max(otherShare, Gap(named.Sum(p => p.High))) : otherShare;
        var interval = ConcentrationIndices.HhiBounds(
            named.Select(p => p.Low).ToArray(), named.Select(p => p.High).ToArray(), remainderAtHigh);

        double? hhi = null, cr1 = null, cr2 = null, cr3 = null, cr4 = null, equivalent = null, entropy = null;
        double? normalizedHhi = null, normalizedEntropy = null, gini = null;
        if (points is null)
        {
            var why = $"only a published range is given for {string.Join(", ", rangeOnly)}: point indices need point shares; see hhiInterval";
            foreach (var name in new[] { "hhi", "hhiPoints", "cr1", "cr2", "cr3", "cr4", "equivalentFirms", "normalizedHhi", "gini", "entropy", "normalizedEntropy" })
            {
                reasons[name] = why;
            }
        }
        else
        {
            hhi = ConcentrationIndices.Hhi(points);
            entropy = ConcentrationIndices.Entropy(points);
            equivalent = ConcentrationIndices.EquivalentFirms(points);
            if (equivalent is null)
            {
                reasons["equivalentFirms"] = "every named share is 0, so HHI is 0";
            }

            double? Ratio(int k)
            {
                var v = ConcentrationIndices.ConcentrationRatio(points, k, remainder);
                if (v is null)
                {
                    reasons[$"cr{k}"] = string.Create(CultureInfo.InvariantCulture, $"only {points.Length} firm(s) named and {remainder:0.###} of the market unallocated: firm {k} is unknown");
                }

                return v;
            }

            (cr1, cr2, cr3, cr4) = (Ratio(1), Ratio(2), Ratio(3), Ratio(4));
            var sum = points.Sum();
            if (remainder > 0 || Math.Abs(sum - 1) > Guard.SumNoise)
            {
                // Each divides by a function of the market's number of firms, or compares firms the data leave out.
                var why = remainder > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"the market's firms are not all known: {points.Length} named firm(s) leave {remainder:0.###} of it unallocated")
                    : string.Create(CultureInfo.InvariantCulture, $"the published shares sum to {sum:0.####}, not 1 (rounding): the indices need the whole market");
                reasons["normalizedHhi"] = why;
                reasons["normalizedEntropy"] = why;
                reasons["gini"] = why;
            }
            else if (points.Length == 1)
            {
                reasons["normalizedHhi"] = "undefined for one firm: (H − 1/n)/(1 − 1/n) divides by zero";
                reasons["normalizedEntropy"] = "undefined for one firm: log2(1) = 0";
                gini = 0;
            }
            else
            {
                // Exact shares may miss 1 by binary noise; normalise that away before the whole-market formulas.
                var whole = points.Select(s => s / sum).ToArray();
                normalizedHhi = ConcentrationIndices.NormalizedHhi(whole);
                normalizedEntropy = ConcentrationIndices.NormalizedEntropy(whole);
                gini = ConcentrationIndices.Gini(whole);
            }
        }

        return new MarketConcentration(
            marketId,
            period,
            measure,
            named.Length,
            remainder,
            named,
            hhi,
            hhi * ConcentrationIndices.PointsPerUnit,
            cr1,
            cr2,
            cr3,
            cr4,
            equivalent,
            normalizedHhi,
            gini,
            entropy,
            normalizedEntropy,
            interval,
            ConcentrationBands.AssessAll(interval),
            reasons.ToImmutableSortedDictionary(StringComparer.Ordinal),
            rows.Select(r => r.SourceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray(),
            notes.ToImmutableArray());
    }

    private static double Gap(double namedSum) => namedSum < 1 - Guard.SumNoise ? 1 - namedSum : 0;

    private static string MeasureOf(List<MarketShare> rows, string where)
    {
        static string? Of(MarketShare r) =>
            r.Share is not null || (r.ShareLow is not null && r.ShareHigh is not null) ? "share"
            : r.RevenueUsd is not null ? "revenue_usd"
            : r.Count is not null ? "count"
            : null;

        var measures = rows.Select(Of).Distinct().ToList();
        if (measures.Contains(null))
        {
            throw new ArgumentException($"{where}: a row gives no share, range, revenue or count.", nameof(rows));
        }

        if (measures.Count != 1)
        {
            throw new ArgumentException($"{where}: rows mix measures ({string.Join(", ", measures)}).", nameof(rows));
        }

        return measures[0]!;
    }
}
