using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Analysis;
using RiskToolkit.Data;

namespace RiskToolkit.Concentration;

/// <summary>Turns share tables into <see cref="MarketConcentration"/> results.</summary>
public static class ConcentrationAnalysis
{
    // Declared first: Columns below is initialised from it. One entry per scalar index: its name, how to read it from a result, and, for the whole market,
    // how to compute it from shares and how it responds to transfers (which decides its interval).
    private sealed record Measure(
        string Name,
        Func<MarketConcentration, double?> Point,
        Func<double[], IndexParameters, double?>? Whole,
        ShareShape? Shape);

    private static readonly ImmutableArray<Measure> Measures =
    [
        new("hhi", r => r.Hhi, (s, _) => ConcentrationIndices.Hhi(s), ShareShape.SchurConvex),
        new("hhiPoints", r => r.HhiPoints, (s, _) => ConcentrationIndices.Hhi(s) * ConcentrationIndices.PointsPerUnit, ShareShape.SchurConvex),
        new("hhiMin", r => r.HhiMin, (s, _) => ConcentrationIndices.HhiMin(s.Length), ShareShape.SchurConvex),
        new("dualHhi", r => r.DualHhi, (s, _) => ConcentrationIndices.DualHhi(s), ShareShape.SchurConvex),
        new("normalizedHhi", r => r.NormalizedHhi, (s, _) => ConcentrationIndices.NormalizedHhi(s), ShareShape.SchurConvex),
        new("equivalentFirms", r => r.EquivalentFirms, (s, _) => ConcentrationIndices.EquivalentFirms(s), ShareShape.SchurConcave),
        new("dominance", r => r.Dominance, (s, _) => ConcentrationIndices.Dominance(s), null),
        new("stenbacka", r => r.Stenbacka, (s, p) => ConcentrationIndices.Stenbacka(s, p.StenbackaGamma), null),
        new("grs", r => r.Grs, (s, _) => ConcentrationIndices.Grs(s), null),
        new("cr1", r => r.Cr1, (s, _) => ConcentrationIndices.ConcentrationRatio(s, 1), ShareShape.SchurConvex),
        new("cr2", r => r.Cr2, (s, _) => ConcentrationIndices.ConcentrationRatio(s, 2), ShareShape.SchurConvex),
        new("cr3", r => r.Cr3, (s, _) => ConcentrationIndices.ConcentrationRatio(s, 3), ShareShape.SchurConvex),
        new("cr4", r => r.Cr4, (s, _) => ConcentrationIndices.ConcentrationRatio(s, 4), ShareShape.SchurConvex),
        new("bergerParker", r => r.BergerParker, (s, _) => ConcentrationIndices.BergerParker(s), ShareShape.SchurConvex),
        new("simpson", r => r.Simpson, (s, _) => ConcentrationIndices.Simpson(s), ShareShape.SchurConcave),
        new("entropy", r => r.Entropy, (s, _) => ConcentrationIndices.Entropy(s), ShareShape.SchurConcave),
        new("normalizedEntropy", r => r.NormalizedEntropy, (s, _) => ConcentrationIndices.NormalizedEntropy(s), ShareShape.SchurConcave),
        new("gini", r => r.Gini, (s, _) => ConcentrationIndices.Gini(s), ShareShape.SchurConvex),
        new("normalizedGini", r => r.NormalizedGini, (s, _) => ConcentrationIndices.NormalizedGini(s), ShareShape.SchurConvex),
        new("palma", r => r.Palma, (s, _) => ConcentrationIndices.Palma(s), ShareShape.SchurConvex),
        new("rosenbluth", r => r.Rosenbluth, (s, _) => ConcentrationIndices.Rosenbluth(s), ShareShape.SchurConvex),
        new("theil", r => r.Theil, (s, _) => ConcentrationIndices.Theil(s), ShareShape.SchurConvex),
        new("atkinson", r => r.Atkinson, (s, p) => ConcentrationIndices.Atkinson(s, p.AtkinsonEpsilon), ShareShape.SchurConvex),
        new("generalizedEntropy", r => r.GeneralizedEntropy, (s, p) => ConcentrationIndices.GeneralizedEntropy(s, p.GeneralizedEntropyAlpha), ShareShape.SchurConvex),
        new("hannahKay", r => r.HannahKay, (s, p) => ConcentrationIndices.HannahKay(s, p.HannahKayAlpha), ShareShape.SchurConvex),
    ];

    /// <summary>
    /// Computes every index, interval and band for each market and period of a share table, ordered by
    /// market id and then period.
    /// </summary>
    /// <param name="rows">Validated rows of <c>market_shares.csv</c> (see <see cref="MarketDataReader"/>).</param>
    /// <param name="marketId">Only this market, or null for all.</param>
    /// <param name="period">Only this period, or null for all.</param>
    /// <param name="markets">Rows of <c>markets.csv</c>: a market's <see cref="Market.ShareRounding"/> turns each published share s into the interval [s − unit/2, s + unit/2]. Null: shares are taken as exact.</param>
    /// <param name="parameters">Parameters of the parameterised indices; null for <see cref="IndexParameters.Default"/>.</param>
    /// <returns>One result per market and period that has rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A group has no named firm, mixes measures, has a row without any measure, its revenue or counts
    /// sum to 0, or its shares cannot sum to 1 even at the ends of their ranges and rounding.
    /// </exception>
    /// <remarks>
    /// Shares come from the <c>share</c> column as published (with <c>share_low</c>/<c>share_high</c>
    /// where given), or are derived as value ÷ Σ values over all rows of the group (the <c>other</c>
    /// row included) for <c>revenue_usd</c> and <c>count</c>. The <c>other</c> row is the remainder
    /// and never a firm. Without an <c>other</c> row, published shares are the whole market when their
    /// ranges and rounding allow them to sum to 1; otherwise the gap is the remainder. Intervals come
    /// from <see cref="ShareIntervals"/>. Method: README.md, 'Methods'.
    /// </remarks>
    public static IReadOnlyList<MarketConcentration> Analyze(
        IEnumerable<MarketShare> rows,
        string? marketId = null,
        string? period = null,
        IReadOnlyList<Market>? markets = null,
        IndexParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var rounding = (markets ?? []).ToDictionary(m => m.MarketId, m => m.ShareRounding, StringComparer.Ordinal);
        return rows
            .Where(r => (marketId is null || r.MarketId == marketId) && (period is null || r.Period == period))
            .GroupBy(r => (r.MarketId, r.Period))
            .OrderBy(g => g.Key.MarketId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Period, StringComparer.Ordinal)
            .Select(g => AnalyzeGroup(g.Key.MarketId, g.Key.Period, g.ToList(), rounding.GetValueOrDefault(g.Key.MarketId), parameters ?? IndexParameters.Default))
            .ToList();
    }

    /// <summary>Every market and period of a loaded data set, with each market's share rounding.</summary>
    /// <param name="data">Tables from <see cref="MarketDataReader.Load"/>.</param>
    /// <param name="marketId">Only this market, or null for all.</param>
    /// <param name="period">Only this period, or null for all.</param>
    /// <returns>As <see cref="Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">As the other overload.</exception>
    public static IReadOnlyList<MarketConcentration> Analyze(MarketData data, string? marketId = null, string? period = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Analyze(data.MarketShares, marketId, period, data.Markets);
    }

    /// <summary>
    /// One row per result with the scalar indices at full precision, for slicing in a notebook.
    /// </summary>
    /// <param name="results">Results of <see cref="Analyze(IEnumerable{MarketShare}, string?, string?, IReadOnlyList{Market}?, IndexParameters?)"/>.</param>
    /// <returns>
    /// A DataFrame with the columns of <see cref="Columns"/>: shares and HHI on the 0–1 scale, HHI
    /// also in points, the HHI interval, and each regime's band at both ends of it; null cells where
    /// an index is undefined.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    public static DataFrame ToDataFrame(this IReadOnlyList<MarketConcentration> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("marketId", results.Select(r => r.MarketId)),
            new StringDataFrameColumn("period", results.Select(r => r.Period)),
            new StringDataFrameColumn("measure", results.Select(r => r.Measure)),
            new PrimitiveDataFrameColumn<int>("n", results.Select(r => r.N)),
            new PrimitiveDataFrameColumn<double>("remainder", results.Select(r => (double?)r.Remainder)),
            new PrimitiveDataFrameColumn<double>("hhiLower", results.Select(r => (double?)r.HhiInterval.Lower)),
            new PrimitiveDataFrameColumn<double>("hhiUpper", results.Select(r => (double?)r.HhiInterval.Upper)),
        };
        columns.InsertRange(5, Measures.Select(m => new PrimitiveDataFrameColumn<double>(m.Name, results.Select(m.Point))));
        foreach (var regime in ConcentrationBands.Regimes)
        {
            var bands = results.Select(r => r.Bands.Single(b => b.Regime == regime.Id)).ToList();
            columns.Add(new StringDataFrameColumn($"{regime.Id}Lower", bands.Select(b => b.Lower)));
            columns.Add(new StringDataFrameColumn($"{regime.Id}Upper", bands.Select(b => b.Upper)));
        }

        return new DataFrame(columns);
    }

    /// <summary>Column names of <see cref="ToDataFrame(IReadOnlyList{MarketConcentration})"/>, in order (also the CSV header of <c>risk concentration --format csv</c>).</summary>
    public static IReadOnlyList<string> Columns { get; } = ToDataFrame(Array.Empty<MarketConcentration>()).Columns.Select(c => c.Name).ToImmutableArray();

    /// <summary>
    /// Every index of a result with its point value and interval, one row per index, for a notebook
    /// or report table.
    /// </summary>
    /// <param name="result">One market in one period.</param>
    /// <returns>Columns: index (camelCase name), value, lower, upper (null where undefined), note (the reason when null).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static DataFrame IndexTable(this MarketConcentration result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var interval = Measures.Select(m => result.Intervals.GetValueOrDefault(m.Name)).ToList();
        return new DataFrame(
            new StringDataFrameColumn("index", Measures.Select(m => m.Name)),
            new PrimitiveDataFrameColumn<double>("value", Measures.Select(m => m.Point(result))),
            new PrimitiveDataFrameColumn<double>("lower", interval.Select(i => i?.Lower)),
            new PrimitiveDataFrameColumn<double>("upper", interval.Select(i => i?.Upper)),
            new StringDataFrameColumn("note", Measures.Select(m =>
                result.Reasons.GetValueOrDefault(m.Name) ?? result.Reasons.GetValueOrDefault(m.Name + "Interval") ?? "")));
    }

    /// <summary>The named firms' shares of one result as a table, largest first.</summary>
    /// <param name="shares">Shares of a <see cref="MarketConcentration"/>.</param>
    /// <returns>A DataFrame with columns providerId, share, shareLow, shareHigh (0–1; share null when only a range is published) and rank (null unless published).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shares"/> is null.</exception>
    public static DataFrame ToDataFrame(this IReadOnlyList<ProviderShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return new DataFrame(
            new StringDataFrameColumn("providerId", shares.Select(s => s.ProviderId)),
            new PrimitiveDataFrameColumn<double>("share", shares.Select(s => s.Share)),
            new PrimitiveDataFrameColumn<double>("shareLow", shares.Select(s => (double?)s.Low)),
            new PrimitiveDataFrameColumn<double>("shareHigh", shares.Select(s => (double?)s.High)),
            new PrimitiveDataFrameColumn<int>("rank", shares.Select(s => s.Rank)));
    }

    private static MarketConcentration AnalyzeGroup(string marketId, string period, List<MarketShare> rows, double? rounding, IndexParameters parameters)
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

        var total = measure == "share" ? values.Sum() : values.Sum(v => v / largest);
        var rounded = measure == "share" ? rounding : null;
        var divisor = 1.0;
        var cut = 0.0;
        // Lowest share a published point may stand for: its range's low end, or the point less half the rounding unit.
        double LowOf(MarketShare r, double unit) => Math.Min(r.Share!.Value, r.ShareLow ?? ShareIntervals.RoundingBox(r.Share.Value, unit).Low);
        if (measure == "share" && total > 1 + Guard.SumNoise && rounded is { } u)
        {
            // With a declared rounding each published point lies within its rounding interval of the true share,
            // so the points are lowered by one common amount, none below its interval: they stay a market the
            // rounding allows and lie in every interval. Dividing by the sum could push a large share below its interval.
            cut = EqualCut(rows.Where(r => r.Share is not null).Select(r => r.Share!.Value - LowOf(r, u)).ToList(), total - 1);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"published shares sum to {total:0.####} (rounding); each point share was lowered by one common amount, or to the low end of its rounding where that is nearer, so that they sum to 1"));
        }
        else if (measure == "share" && total > 1 + Guard.SumNoise)
        {
            // Published shares rounded up may sum past 1 within the market's tolerance. The point indices
            // need shares of one whole, so the points are divided by their sum and the note says so; the
            // intervals keep each published share's own rounding interval.
            divisor = total;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"published shares sum to {total:0.####} (rounding); each point share was divided by that sum"));
        }
        else if (measure != "share" && !rows.Any(r => r.IsOther))
        {
            notes.Add($"no 'other' row: the named firms' {measure} is taken as the whole market");
        }

        if (rounded is { } unit)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"shares are published rounded to {unit:0.###}: each lies within ±{unit / 2:0.####} of its published value"));
        }

        ProviderShare ShareOf(MarketShare r)
        {
            var point = measure switch
            {
                "revenue_usd" => r.RevenueUsd!.Value / largest / total,
                "count" => r.Count!.Value / largest / total,
                _ => r.Share is { } s && rounded is { } unit ? s - Math.Min(cut, s - LowOf(r, unit)) : r.Share / divisor,
            };
            if (r.ShareLow is { } low && r.ShareHigh is { } high)
            {
                // With a declared rounding the intervals are the published values' own; otherwise ranges
                // are scaled with the points.
                var d = rounded is null ? divisor : 1;
                return new ProviderShare(r.ProviderId, point, low / d, high / d, r.Rank);
            }

            if (rounded is { } u && r.Share is { } published)
            {
                var (boxLow, boxHigh) = ShareIntervals.RoundingBox(published, u);
                return new ProviderShare(r.ProviderId, point, boxLow, boxHigh, r.Rank);
            }

            return new ProviderShare(r.ProviderId, point, point!.Value, point.Value, r.Rank);
        }

        var named = rows.Where(r => !r.IsOther)
            .Select(ShareOf)
            .OrderByDescending(p => p.Share ?? p.High)
            .ThenBy(p => p.Rank ?? int.MaxValue)
            .ThenBy(p => p.ProviderId, StringComparer.Ordinal)
            .ToImmutableArray();
        if (named.Length == 0)
        {
            throw new ArgumentException($"{where}: no named firm; the 'other' remainder is never a firm.", nameof(rows));
        }

        (named, var tail) = CompleteRanks(named, notes);
        var others = rows.Where(r => r.IsOther).Select(ShareOf).ToList();
        var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var lowSum = named.Sum(p => p.Low);
        var highSum = named.Sum(p => p.High);
        var otherLow = others.Sum(o => o.Low);
        var otherHigh = others.Sum(o => o.High);
        var otherPoint = others.Sum(o => o.Share ?? o.High);
        if (lowSum + otherLow > 1 + Guard.SumNoise)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{where}: the shares sum to at least {lowSum + otherLow:0.####} even at the low ends of their ranges and rounding, so they cannot describe one market."), nameof(rows));
        }

        // Ranks 1..k named with gaps: the unnamed ranks are firms of unknown size.
        var ranks = named.Where(p => p.Rank is not null).Select(p => p.Rank!.Value).ToHashSet();
        var missingRanks = ranks.Count == 0 ? [] : Enumerable.Range(1, ranks.Max()).Where(k => !ranks.Contains(k)).ToImmutableArray();

        // Published shares: whatever the named firms leave is unallocated, even beyond the 'other' row.
        // Revenue and counts are shares of their own total: only the 'other' row is unallocated.
        var remainder = measure == "share" ? Math.Max(otherPoint, Gap(named.Sum(p => p.Share ?? p.Low))) : otherPoint;
        // Without an 'other' row the named firms are the whole market only when their points sum to 1
        // (revenue, counts, exact shares, or rounded shares that summed past 1 and were brought back to 1).
        // Rounded shares that fall short of 1 may leave room for an unnamed firm, so the gap stays a
        // remainder; published ranges alone never claim the whole market, unless they come from rounding.
        var pointSum = named.Sum(p => p.Share ?? (p.Low == p.High ? p.Low : double.NaN));
        var ranged = rows.Any(r => !r.IsOther && r.ShareLow is not null);
        var whole = others.Count == 0 && missingRanks.Length == 0
            && (!ranged || rounded is not null) && Math.Abs(pointSum - 1) <= Guard.SumNoise;
        if (whole)
        {
            remainder = 0;
            if (rounded is not null)
            {
                notes.Add("the rounded shares reach 100%: the named firms are taken as the whole market, although the rounding alone would leave room for small unnamed firms; add an 'other' row if the publisher does not say the list is complete");
            }
        }

        // The remainder is at most the larger of the 'other' row's high end and what the named firms leave at
        // the low ends of their published ranges and, with no 'other' row to bound it, of their rounding
        // (README: 0–1 when no row is given); rounding slack alone does not widen a published 'other'.
        var rangedIds = rows.Where(r => !r.IsOther && r.ShareLow is not null).Select(r => r.ProviderId).ToHashSet(StringComparer.Ordinal);
        var remainderHigh = Math.Min(1, Math.Max(otherHigh, 1 - named.Sum(p => others.Count == 0 || rangedIds.Contains(p.ProviderId) ? p.Low : p.Share ?? p.Low)));
        // Firms published below every ranked firm without a rank of their own join the remainder for the
        // intervals: unnamed firms may sit between them and the lowest-ranked firm, so they cannot cap it.
        var bounds = named.Where(p => !tail.Contains(p.ProviderId)).Select(p => new ShareBounds(p.Low, p.High, p.Rank)).ToArray();
        var tailLow = named.Where(p => tail.Contains(p.ProviderId)).Sum(p => p.Low);
        var tailHigh = named.Where(p => tail.Contains(p.ProviderId)).Sum(p => p.High);
        var engineRemainderLow = Math.Min(otherLow, remainderHigh) + tailLow;
        var engineRemainderHigh = Math.Min(1, remainderHigh + tailHigh);
        var exact = named.All(p => p.Low == p.High) && others.All(o => o.Low == o.High);
        // Exact ranges over the whole market enumerate the vertices of the share box; beyond
        // MaxVertexFirms ranged firms the remainder-free enclosure of HhiBounds stands in.
        var vertexRange = whole && !exact && named.Length <= ShareIntervals.MaxVertexFirms;
        HhiInterval HhiOfPoints()
        {
            // A range published with equal ends is exact too, though it gives no point share.
            var exactShares = named.Select(p => p.Share ?? p.Low).ToArray();
            var sum = exactShares.Sum();
            var h = ConcentrationIndices.Hhi(exactShares.Select(s => s / sum).ToArray());
            return new HhiInterval(h, h);
        }

        var hhiInterval = whole && exact ? HhiOfPoints()
            : vertexRange ? ToHhi(ShareIntervals.Range(bounds.Select(b => b.Low).ToArray(), bounds.Select(b => b.High).ToArray(), s => ConcentrationIndices.Hhi(s), ShareShape.SchurConvex)!)
            : ShareIntervals.HhiBounds(bounds, whole ? 0 : engineRemainderLow, whole ? 0 : engineRemainderHigh);

        var rangeOnly = named.Where(p => p.Share is null).Select(p => p.ProviderId).ToList();
        var points = rangeOnly.Count == 0 ? named.Select(p => p.Share!.Value).ToArray() : null;
        var values2 = new Dictionary<string, double?>(StringComparer.Ordinal);
        var intervals = new SortedDictionary<string, IndexInterval>(StringComparer.Ordinal);
        IReadOnlyList<LorenzPoint>? lorenz = null;

        if (whole)
        {
            var sum = points?.Sum() ?? 0;
            var low = bounds.Select(b => b.Low).ToArray();
            var high = bounds.Select(b => b.High).ToArray();
            // Whole-market points sum to 1 up to binary noise; normalise that away before the formulas.
            var shares = points?.Select(s => s / sum).ToArray();
            foreach (var m in Measures)
            {
                if (shares is null)
                {
                    reasons[m.Name] = RangeOnly(rangeOnly);
                }
                else
                {
                    values2[m.Name] = m.Whole!(shares, parameters);
                    if (values2[m.Name] is null)
                    {
                        reasons[m.Name] = WhyNullWhole(m.Name, shares);
                    }
                }

                if (exact)
                {
                    if (values2.GetValueOrDefault(m.Name) is { } v)
                    {
                        intervals[m.Name] = new IndexInterval(v, v);
                    }
                }
                else if (m.Name == "stenbacka" && StenbackaBounds(bounds, parameters.StenbackaGamma, wholeMarket: true) is { } sten)
                {
                    intervals[m.Name] = sten;
                }
                else if (!vertexRange)
                {
                    reasons[m.Name + "Interval"] = $"more than {ShareIntervals.MaxVertexFirms} firms have a range: the exact interval is not computed";
                }
                else if (m.Shape is not { } shape)
                {
                    reasons[m.Name + "Interval"] = "no interval method: this index is not monotone under transfers between firms, so its range over the shares the data allow is not computed";
                }
                else if (m.Name == "dualHhi" && low.Where((l, i) => l == 0 && high[i] > 0).Any())
                {
                    // 1 − 1/(n·H) counts only firms with a positive share, so it jumps where a firm reaches 0.
                    reasons[m.Name + "Interval"] = "a firm may hold 0 or more, which changes the number of firms the dual HHI counts: its range is not computed";
                }
                else if (ShareIntervals.Range(low, high, s => m.Whole!(s.ToArray(), parameters), shape) is { } range)
                {
                    intervals[m.Name] = range;
                }
                else
                {
                    reasons[m.Name + "Interval"] = "undefined for some of the shares the data allow (e.g. a firm that may hold 0)";
                }
            }

            if (shares is not null)
            {
                lorenz = ConcentrationIndices.LorenzCurve(shares);
            }
            else
            {
                reasons["lorenz"] = RangeOnly(rangeOnly);
            }
        }
        else
        {
            PartialMarket(named, points, rangeOnly, remainder, missingRanks, bounds, engineRemainderLow, engineRemainderHigh, hhiInterval, parameters, values2, intervals, reasons);
        }

        return new MarketConcentration
        {
            MarketId = marketId,
            Period = period,
            Measure = measure,
            N = named.Length,
            Remainder = remainder,
            WholeMarket = whole,
            ShareRounding = rounded,
            Shares = named,
            Hhi = values2.GetValueOrDefault("hhi"),
            HhiPoints = values2.GetValueOrDefault("hhiPoints"),
            HhiMin = values2.GetValueOrDefault("hhiMin"),
            DualHhi = values2.GetValueOrDefault("dualHhi"),
            NormalizedHhi = values2.GetValueOrDefault("normalizedHhi"),
            EquivalentFirms = values2.GetValueOrDefault("equivalentFirms"),
            Dominance = values2.GetValueOrDefault("dominance"),
            Stenbacka = values2.GetValueOrDefault("stenbacka"),
            Grs = values2.GetValueOrDefault("grs"),
            Cr1 = values2.GetValueOrDefault("cr1"),
            Cr2 = values2.GetValueOrDefault("cr2"),
            Cr3 = values2.GetValueOrDefault("cr3"),
            Cr4 = values2.GetValueOrDefault("cr4"),
            BergerParker = values2.GetValueOrDefault("bergerParker"),
            Simpson = values2.GetValueOrDefault("simpson"),
            Entropy = values2.GetValueOrDefault("entropy"),
            NormalizedEntropy = values2.GetValueOrDefault("normalizedEntropy"),
            Gini = values2.GetValueOrDefault("gini"),
            NormalizedGini = values2.GetValueOrDefault("normalizedGini"),
            Palma = values2.GetValueOrDefault("palma"),
            Rosenbluth = values2.GetValueOrDefault("rosenbluth"),
            Theil = values2.GetValueOrDefault("theil"),
            Atkinson = values2.GetValueOrDefault("atkinson"),
            GeneralizedEntropy = values2.GetValueOrDefault("generalizedEntropy"),
            HannahKay = values2.GetValueOrDefault("hannahKay"),
            Lorenz = lorenz,
            HhiInterval = hhiInterval,
            Intervals = intervals.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Bands = ConcentrationBands.AssessAll(hhiInterval),
            Parameters = parameters,
            Reasons = reasons.ToImmutableSortedDictionary(StringComparer.Ordinal),
            SourceIds = rows.Select(r => r.SourceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray(),
            Notes = notes.ToImmutableArray(),
        };
    }

    // A market with a remainder or unnamed ranks: the number of firms is unknown, so only the indices a
    // fragmented or packed remainder bounds are computed.
    private static void PartialMarket(
        ImmutableArray<ProviderShare> named,
        double[]? points,
        List<string> rangeOnly,
        double remainder,
        ImmutableArray<int> missingRanks,
        ShareBounds[] bounds,
        double remainderLow,
        double remainderHigh,
        HhiInterval hhiInterval,
        IndexParameters parameters,
        Dictionary<string, double?> values,
        SortedDictionary<string, IndexInterval> intervals,
        SortedDictionary<string, string> reasons)
    {
        var unknownFirms = missingRanks.Length > 0
            ? $"rank(s) {string.Join(", ", missingRanks)} are not named, so the market's firms are not all known"
            : string.Create(CultureInfo.InvariantCulture, $"the market's firms are not all known: {named.Length} named firm(s) leave {remainder:0.###} of it unallocated");
        foreach (var name in new[] { "hhiMin", "dualHhi", "normalizedHhi", "dominance", "grs", "normalizedEntropy", "gini", "normalizedGini", "palma", "rosenbluth", "theil", "atkinson", "generalizedEntropy", "lorenz" })
        {
            reasons[name] = unknownFirms;
        }

        // Entropy has no value to report: spread over ever more firms the remainder raises it without bound,
        // and the named firms' own terms would be a point below every market the data allow.
        reasons["entropy"] = "with part of the market unallocated, entropy depends on how the remainder splits and has no upper bound";
        var firstMissing = missingRanks.Length == 0 ? int.MaxValue : missingRanks[0];
        if (points is null)
        {
            foreach (var name in new[] { "hhi", "hhiPoints", "cr1", "cr2", "cr3", "cr4", "bergerParker", "equivalentFirms", "simpson", "stenbacka", "hannahKay" })
            {
                reasons[name] = RangeOnly(rangeOnly);
            }
        }
        else if (missingRanks.Length > 0)
        {
            foreach (var name in new[] { "hhi", "hhiPoints", "equivalentFirms", "simpson", "hannahKay" })
            {
                reasons[name] = $"rank(s) {string.Join(", ", missingRanks)} are not named: only an interval is known";
            }
        }
        else
        {
            var h = ConcentrationIndices.Hhi(points);
            values["hhi"] = h;
            values["hhiPoints"] = h * ConcentrationIndices.PointsPerUnit;
            values["simpson"] = 1 - h;
            values["equivalentFirms"] = h > 0 ? 1 / h : null;
            if (h == 0)
            {
                reasons["equivalentFirms"] = "every named share is 0, so HHI is 0";
            }

            values["hannahKay"] = parameters.HannahKayAlpha > 1 ? PowerSumIndex(points.Sum(s => Math.Pow(s, parameters.HannahKayAlpha)), parameters.HannahKayAlpha) : null;
            if (parameters.HannahKayAlpha <= 1)
            {
                reasons["hannahKay"] = "with α ≤ 1 the index grows without bound as the remainder fragments";
            }
        }

        if (points is not null)
        {
            for (var k = 1; k <= 4; k++)
            {
                double? v = k >= firstMissing ? null : ConcentrationIndices.ConcentrationRatio(points, k, remainder);
                values[$"cr{k}"] = v;
                if (v is null)
                {
                    reasons[$"cr{k}"] = k >= firstMissing
                        ? $"rank {firstMissing} is not named: firm {k} is of unknown size"
                        : string.Create(CultureInfo.InvariantCulture, $"only {points.Length} firm(s) named and {remainder:0.###} of the market unallocated: firm {k} is unknown");
                }
            }

            values["bergerParker"] = values["cr1"];
            if (values["cr1"] is null)
            {
                reasons["bergerParker"] = reasons["cr1"];
            }

            // The threshold needs only the two largest firms, which the ranking makes the two largest named ones.
            var top = points.OrderDescending().Take(2).ToArray();
            values["stenbacka"] = values["cr2"] is null || top.Length < 2 ? null : 0.5 * (1 - (parameters.StenbackaGamma * ((top[0] * top[0]) - (top[1] * top[1]))));
            if (values["cr2"] is null)
            {
                reasons["stenbacka"] = "the second-largest firm is unknown";
            }
            else if (top.Length < 2)
            {
                reasons["stenbacka"] = "undefined for one firm";
            }
        }

        intervals["hhi"] = new IndexInterval(hhiInterval.Lower, hhiInterval.Upper);
        intervals["hhiPoints"] = new IndexInterval(hhiInterval.LowerPoints, hhiInterval.UpperPoints);
        intervals["simpson"] = new IndexInterval(1 - hhiInterval.Upper, 1 - hhiInterval.Lower);
        if (hhiInterval.Lower > 0)
        {
            intervals["equivalentFirms"] = new IndexInterval(1 / hhiInterval.Upper, 1 / hhiInterval.Lower);
        }
        else
        {
            reasons["equivalentFirmsInterval"] = "the HHI may be 0 at the lower end, so 1/HHI has no upper bound";
        }

        var alpha = parameters.HannahKayAlpha;
        if (alpha > 1)
        {
            var p = ShareIntervals.PowerSumBounds(bounds, remainderLow, remainderHigh, alpha);
            intervals["hannahKay"] = new IndexInterval(PowerSumIndex(p.Lower, alpha), PowerSumIndex(p.Upper, alpha));
        }
        else
        {
            reasons["hannahKayInterval"] = "with α ≤ 1 the index grows without bound as the remainder fragments";
        }

        for (var k = 1; k <= 4; k++)
        {
            if (ShareIntervals.ConcentrationRatioBounds(bounds, remainderLow, remainderHigh, k) is { } cr)
            {
                intervals[$"cr{k}"] = cr;
            }
            else
            {
                reasons[$"cr{k}Interval"] = $"firm {k} may be unnamed and of any size the remainder allows";
            }
        }

        if (intervals.TryGetValue("cr1", out var c1))
        {
            intervals["bergerParker"] = c1;
        }
        else
        {
            reasons["bergerParkerInterval"] = reasons["cr1Interval"];
        }

        reasons["entropyInterval"] = "the remainder may be split into any number of firms, so entropy has no upper bound";
        if (missingRanks.Length == 0 && StenbackaBounds(bounds, parameters.StenbackaGamma, wholeMarket: false) is { } sten)
        {
            intervals["stenbacka"] = sten;
        }
        else
        {
            reasons["stenbackaInterval"] = missingRanks.Length > 0
                ? "an unnamed rank may hold the first or second firm"
                : "fewer than two named firms certainly hold a share, so the second-largest firm may be unnamed";
        }
    }

    // Ranks published for some firms only: the others take the free ranks in share order when their
    // shares force that order against every ranked firm (CMA: AWS and Microsoft at 30–40% above Google,
    // third at 5–10%); otherwise no rank is used, and the note says so.
    private static (ImmutableArray<ProviderShare> Named, ImmutableHashSet<string> Tail) CompleteRanks(ImmutableArray<ProviderShare> named, List<string> notes)
    {
        var ranked = named.Where(p => p.Rank is not null).ToList();
        var unranked = named.Where(p => p.Rank is null).ToList();
        if (ranked.Count == 0 || unranked.Count == 0)
        {
            return (named, []);
        }

        // Only ranks up to the largest published one can be deduced: a firm below every ranked firm may have
        // unnamed firms between them.
        var used = ranked.Select(p => p.Rank!.Value).ToHashSet();
        var free = Enumerable.Range(1, used.Max()).Where(k => !used.Contains(k)).Take(unranked.Count).ToList();
        var assigned = unranked.Zip(free, (p, k) => p with { Rank = k }).ToList();
        var forced = free.Count == unranked.Count
            && assigned.All(u => ranked.All(r => u.Rank < r.Rank ? u.Low >= r.High : u.High <= r.Low));
        if (forced)
        {
            notes.Add($"ranks of {string.Join(", ", assigned.Select(a => $"{a.ProviderId} ({a.Rank})"))} follow from their shares and the published ranks");
            var byId = assigned.ToDictionary(a => a.ProviderId, StringComparer.Ordinal);
            return (named.Select(p => byId.GetValueOrDefault(p.ProviderId) ?? p).ToImmutableArray(), []);
        }

        // Unranked firms no larger than every ranked firm (Google Cloud DNS "outside the top ten") keep the
        // ranks of the others; for the intervals they join the remainder.
        var lowestRanked = ranked.Min(r => r.Low);
        if (unranked.All(u => u.High <= lowestRanked))
        {
            notes.Add($"{string.Join(", ", unranked.Select(u => u.ProviderId))}: published without a rank below every ranked firm; for the intervals its share joins the remainder, whose firms may be as large as the lowest-ranked firm");
            return (named, unranked.Select(u => u.ProviderId).ToImmutableHashSet(StringComparer.Ordinal));
        }

        notes.Add("ranks are published for some firms only and the shares do not fix the others': no rank is used");
        return (named.Select(p => p with { Rank = null }).ToImmutableArray(), []);
    }

    // The common amount t by which shares with room c₁ … cₙ are moved, each by min(t, cᵢ), to remove a
    // gap: Σ min(t, cᵢ) = gap. When the rooms are too small every share stops at the end of its room (a
    // group whose low ends sum past 1 is rejected later).
    private static double EqualCut(List<double> room, double gap)
    {
        room.Sort();
        var left = gap;
        for (var i = 0; i < room.Count; i++)
        {
            var sharing = room.Count - i;
            if (room[i] * sharing >= left)
            {
                return left / sharing;
            }

            left -= room[i];
        }

        return room.Count == 0 ? 0 : room[^1];
    }

    // Stenbacka's threshold ½[1 − γ(s₁² − s₂²)] over every market the bounds allow: s₁ and s₂, the largest
    // and second-largest shares, are order statistics, each monotone in every share, so s₁ lies between the
    // largest low and the largest high end and s₂ between the second-largest of each. Unnamed firms rank below
    // the named ones, so with a remainder at least two named firms must hold a positive share. An enclosure:
    // it ignores that the shares sum to 1, so it may be wider than the exact range.
    private static IndexInterval? StenbackaBounds(IReadOnlyList<ShareBounds> bounds, double gamma, bool wholeMarket)
    {
        if (bounds.Count < 2 || (!wholeMarket && bounds.Count(b => b.Low > 0) < 2))
        {
            return null;
        }

        var lows = bounds.Select(b => b.Low).OrderDescending().ToArray();
        var highs = bounds.Select(b => b.High).OrderDescending().ToArray();
        var widest = (highs[0] * highs[0]) - (lows[1] * lows[1]);
        var narrowest = Math.Max(0, (lows[0] * lows[0]) - (highs[1] * highs[1]));
        return new IndexInterval(0.5 * (1 - (gamma * widest)), 0.5 * (1 - (gamma * narrowest)));
    }

    private static double PowerSumIndex(double powerSum, double alpha) => Math.Pow(powerSum, 1 / (alpha - 1));

    private static HhiInterval ToHhi(IndexInterval i) => new(i.Lower, Math.Min(i.Upper, 1));

    private static string RangeOnly(List<string> rangeOnly) =>
        $"only a published range is given for {string.Join(", ", rangeOnly)}: point indices need point shares; see intervals";

    private static string WhyNullWhole(string name, double[] shares) => name switch
    {
        _ when shares.Length == 1 => "undefined for one firm",
        "palma" => "too few firms: the bottom 40% of firms holds no share to divide by",
        _ => "undefined for these shares (see README.md 'Methods')",
    };

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
