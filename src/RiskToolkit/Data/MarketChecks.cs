using System.Globalization;

namespace RiskToolkit.Data;

/// <summary>
/// Checks that span rows or tables: primary keys, foreign keys, the reserved provider id, and the
/// measure rules of <c>market_shares.csv</c>.
/// </summary>
internal static class MarketChecks
{
    /// <summary>What a <c>market_shares</c> row measures.</summary>
    private enum Measure
    {
        Share,
        Revenue,
        Count,
    }

    /// <summary>Reports every row whose primary key repeats an earlier row's, naming the earlier line.</summary>
    public static void PrimaryKey(CsvTable table, List<DataError> errors)
    {
        int[] key = table.Spec.PrimaryKey.Select(table.Spec.IndexOf).ToArray();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (CsvRow row in table.Rows)
        {
            string[]? parts = KeyOf(row, key);
            if (parts is null)
            {
                continue;
            }

            string joined = string.Join('\u001F', parts);
            if (first.TryGetValue(joined, out int line))
            {
                string names = string.Join(", ", table.Spec.PrimaryKey);
                string values = string.Join(", ", parts.Select(p => $"'{CsvTable.Show(p)}'"));
                errors.Add(table.Fault(row.Line, key[0], $"duplicate primary key ({names}) = ({values}): first occurrence on line {line}"));
            }
            else
            {
                first.Add(joined, row.Line);
            }
        }
    }

    /// <summary>
    /// Reports every value of <paramref name="fk"/> that names no row of <paramref name="target"/>.
    /// Skipped when the target table or its key column could not be read, or some of its rows were left
    /// out for a structural fault (that fault is reported already, and the keys would be incomplete).
    /// </summary>
    /// <param name="source">Referring table.</param>
    /// <param name="fk">The foreign key.</param>
    /// <param name="target">Referenced table, or null when it is not available.</param>
    /// <param name="reserved">A value that is allowed without a target row (<c>other</c>), or null.</param>
    /// <param name="errors">Faults are appended here.</param>
    public static void ForeignKey(CsvTable source, ForeignKeySpec fk, CsvTable? target, string? reserved, List<DataError> errors)
    {
        if (target is null || !target.IsRead || target.HasOmittedRows)
        {
            return;
        }

        int targetField = target.Spec.IndexOf(fk.TargetField);
        if (target.Columns[targetField] == 0)
        {
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (CsvRow row in target.Rows)
        {
            if (row.Text(targetField) is string key)
            {
                keys.Add(key);
            }
        }

        int field = source.Spec.IndexOf(fk.Field);
        foreach (CsvRow row in source.Rows)
        {
            if (row.Text(field) is string value && value != reserved && !keys.Contains(value))
            {
                errors.Add(source.Fault(
                    row.Line,
                    field,
                    $"column '{fk.Field}': dangling reference: expected a {fk.TargetField} of {target.Spec.FileName}, found '{CsvTable.Show(value)}'"));
            }
        }
    }

    /// <summary>Reports providers that use the reserved id <c>other</c>.</summary>
    public static void ReservedProviderId(CsvTable providers, List<DataError> errors)
    {
        int field = providers.Spec.IndexOf("provider_id");
        foreach (CsvRow row in providers.Rows)
        {
            if (row.Text(field) == MarketShare.OtherProviderId)
            {
                errors.Add(providers.Fault(
                    row.Line,
                    field,
                    $"column 'provider_id': reserved id: expected a provider's own id, found '{MarketShare.OtherProviderId}' (reserved for the unallocated remainder of a market)"));
            }
        }
    }

    /// <summary>
    /// Checks the measure rules of <c>market_shares.csv</c>: each row gives exactly one of share,
    /// revenue_usd and count, or a range share_low/share_high (both, low ≤ high, bracketing share if
    /// given); the measure fits the market's (revenue_usd only for revenue markets, count only for sites,
    /// customers or certificates); all rows of one market and period use the same measure; and their
    /// shares (share, or share_low for range-only rows) sum to at most 1 + share_tolerance, exactly in decimal.
    /// </summary>
    /// <param name="shares">The market_shares table.</param>
    /// <param name="markets">The markets table, or null when it is not available.</param>
    /// <param name="toleranceWithoutMarket">Tolerance for markets not found in <paramref name="markets"/>; null skips the sum check for them.</param>
    /// <param name="errors">Faults are appended here.</param>
    public static void Shares(CsvTable shares, CsvTable? markets, decimal? toleranceWithoutMarket, List<DataError> errors)
    {
        TableSpec spec = shares.Spec;
        int marketField = spec.IndexOf("market_id");
        int periodField = spec.IndexOf("period");
        int shareField = spec.IndexOf("share");
        int revenueField = spec.IndexOf("revenue_usd");
        int countField = spec.IndexOf("count");
        int lowField = spec.IndexOf("share_low");
        int highField = spec.IndexOf("share_high");
        Dictionary<string, (string Measure, decimal? Tolerance)> marketInfo = MarketInfo(markets);

        var groups = new Dictionary<(string Market, string Period), List<(CsvRow Row, Measure Measure)>>();
        foreach (CsvRow row in shares.Rows)
        {
            int[] measureFields = [shareField, revenueField, countField, lowField, highField];
            if (!measureFields.All(f => row.Valid[f]))
            {
                continue;
            }

            Measure? measure = RowMeasure(shares, row, errors);
            if (measure is null)
            {
                continue;
            }

            string? market = row.Text(marketField);
            string? period = row.Text(periodField);
            if (market is null || period is null)
            {
                continue;
            }

            if (marketInfo.TryGetValue(market, out var info))
            {
                CheckUnit(shares, row, market, info.Measure, measure.Value, errors);
            }

            if (!groups.TryGetValue((market, period), out var group))
            {
                group = [];
                groups.Add((market, period), group);
            }

            group.Add((row, measure.Value));
        }

        foreach (var ((market, period), group) in groups)
        {
            var (firstRow, firstMeasure) = group[0];
            bool mixed = false;
            foreach (var (row, measure) in group.Skip(1))
            {
                if (measure != firstMeasure)
                {
                    mixed = true;
                    errors.Add(shares.Fault(
                        row.Line,
                        MeasureField(measure),
                        $"mixed measures in market '{CsvTable.Show(market)}' period '{period}': expected {Describe(firstMeasure)} like line {firstRow.Line}, found {Describe(measure)}"));
                }
            }

            if (mixed || firstMeasure != Measure.Share)
            {
                continue;
            }

            decimal? tolerance = marketInfo.TryGetValue(market, out var info)
                ? info.Tolerance
                : markets is null || !markets.IsRead ? toleranceWithoutMarket : null;
            if (tolerance is null)
            {
                continue;
            }

            decimal sum = group.Sum(g => (decimal)(g.Row.Number(shareField) ?? g.Row.Number(lowField)!.Value));
            if (sum > 1m + tolerance.Value)
            {
                string sumText = sum.ToString(CultureInfo.InvariantCulture);
                string toleranceText = tolerance.Value.ToString(CultureInfo.InvariantCulture);
                errors.Add(shares.Fault(
                    firstRow.Line,
                    shareField,
                    $"shares sum past 1: market '{CsvTable.Show(market)}' period '{period}' has {group.Count} rows (lines {firstRow.Line}-{group[^1].Row.Line}) "
                    + $"whose shares sum to {sumText}, expected at most 1 + share_tolerance {toleranceText}"));
            }
        }

        int MeasureField(Measure measure) => measure switch
        {
            Measure.Revenue => revenueField,
            Measure.Count => countField,
            _ => shareField,
        };
    }

    private static Dictionary<string, (string Measure, decimal? Tolerance)> MarketInfo(CsvTable? markets)
    {
        var info = new Dictionary<string, (string, decimal?)>(StringComparer.Ordinal);
        if (markets is null || !markets.IsRead)
        {
            return info;
        }

        int idField = markets.Spec.IndexOf("market_id");
        int measureField = markets.Spec.IndexOf("measure");
        int toleranceField = markets.Spec.IndexOf("share_tolerance");
        foreach (CsvRow row in markets.Rows)
        {
            if (row.Text(idField) is string id && row.Text(measureField) is string measure)
            {
                info.TryAdd(id, (measure, row.Number(toleranceField) is double t ? (decimal)t : null));
            }
        }

        return info;
    }

    /// <summary>The row's measure, or null after reporting why it has none or several.</summary>
    private static Measure? RowMeasure(CsvTable shares, CsvRow row, List<DataError> errors)
    {
        TableSpec spec = shares.Spec;
        int shareField = spec.IndexOf("share");
        int revenueField = spec.IndexOf("revenue_usd");
        int countField = spec.IndexOf("count");
        int lowField = spec.IndexOf("share_low");
        int highField = spec.IndexOf("share_high");
        double? share = row.Number(shareField);
        double? revenue = row.Number(revenueField);
        long? count = row.Integer(countField);
        double? low = row.Number(lowField);
        double? high = row.Number(highField);

        var given = new List<string>(3);
        if (share is not null)
        {
            given.Add("share");
        }

        if (revenue is not null)
        {
            given.Add("revenue_usd");
        }

        if (count is not null)
        {
            given.Add("count");
        }

        if (given.Count > 1)
        {
            errors.Add(shares.Fault(row.Line, spec.IndexOf(given[1]), $"column '{given[1]}': several measures: expected exactly one of share, revenue_usd or count, found {string.Join(" and ", given)}"));
            return null;
        }

        if ((low is null) != (high is null))
        {
            string missing = low is null ? "share_low" : "share_high";
            string present = low is null ? "share_high" : "share_low";
            errors.Add(shares.Fault(row.Line, spec.IndexOf(missing), $"column '{missing}': incomplete range: expected share_low and share_high together, found only {present}"));
            return null;
        }

        if (low is double lo && high is double hi)
        {
            if (revenue is not null || count is not null)
            {
                errors.Add(shares.Fault(row.Line, lowField, $"column 'share_low': a share range cannot accompany {given[0]}: expected share_low and share_high only with share or an empty share"));
                return null;
            }

            if (lo > hi)
            {
                errors.Add(shares.Fault(row.Line, lowField, $"column 'share_low': inverted range: expected share_low <= share_high, found {Format(lo)} > {Format(hi)}"));
                return null;
            }

            if (share is double s && (s < lo || s > hi))
            {
                errors.Add(shares.Fault(row.Line, shareField, $"column 'share': outside its range: expected share between share_low {Format(lo)} and share_high {Format(hi)}, found {Format(s)}"));
                return null;
            }

            return Measure.Share;
        }

        if (given.Count == 0)
        {
            errors.Add(shares.Fault(row.Line, shareField, "no measure: expected exactly one of share, revenue_usd or count (or share_low and share_high), found all empty"));
            return null;
        }

        return given[0] switch
        {
            "share" => Measure.Share,
            "revenue_usd" => Measure.Revenue,
            _ => Measure.Count,
        };
    }

    private static void CheckUnit(CsvTable shares, CsvRow row, string market, string marketMeasure, Measure measure, List<DataError> errors)
    {
        if (measure == Measure.Revenue && marketMeasure != "revenue")
        {
            errors.Add(shares.Fault(row.Line, shares.Spec.IndexOf("revenue_usd"), $"column 'revenue_usd': unit does not fit the market: market '{CsvTable.Show(market)}' measures {marketMeasure}, expected share or count, found revenue_usd"));
        }
        else if (measure == Measure.Count && marketMeasure == "revenue")
        {
            errors.Add(shares.Fault(row.Line, shares.Spec.IndexOf("count"), $"column 'count': unit does not fit the market: market '{CsvTable.Show(market)}' measures revenue, expected share or revenue_usd, found count"));
        }
    }

    private static string Describe(Measure measure) => measure switch
    {
        Measure.Revenue => "revenue_usd",
        Measure.Count => "count",
        _ => "share",
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string[]? KeyOf(CsvRow row, int[] fields)
    {
        var parts = new string[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            if (row.Text(fields[i]) is not string part)
            {
                return null;
            }

            parts[i] = part;
        }

        return parts;
    }
}
