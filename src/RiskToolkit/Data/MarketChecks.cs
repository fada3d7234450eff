using System.Globalization;

namespace RiskToolkit.Data;

/// <summary>
/// Checks that span rows or tables: primary keys, foreign keys, the reserved provider id, and the
/// rules of <c>market_shares.csv</c> (one measure per row and group, share sums, one period kind per market).
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

    /// <summary>Positions of the <c>market_shares</c> fields these checks read, looked up once by name.</summary>
    private sealed record ShareFields(int Market, int Period, int Provider, int Share, int Revenue, int Count, int Low, int High, int Rank)
    {
        /// <summary>The five cells that state a measure; a row's measure is judged only when all are valid.</summary>
        public int[] Measures => [Share, Revenue, Count, Low, High];

        /// <summary>Looks the fields up in <paramref name="spec"/>, the market_shares table's.</summary>
        public static ShareFields Of(TableSpec spec) => new(
            spec.IndexOf("market_id"),
            spec.IndexOf("period"),
            spec.IndexOf("provider_id"),
            spec.IndexOf("share"),
            spec.IndexOf("revenue_usd"),
            spec.IndexOf("count"),
            spec.IndexOf("share_low"),
            spec.IndexOf("share_high"),
            spec.IndexOf("rank"));

        /// <summary>The cell that states <paramref name="measure"/> (share for a share range).</summary>
        public int CellOf(Measure measure) => measure switch
        {
            Measure.Revenue => Revenue,
            Measure.Count => Count,
            _ => Share,
        };
    }

    /// <summary>
    /// Reads the tables of a data folder, checks each table's primary key and its foreign keys into the
    /// others, and the reserved provider id (when a providers table is among them).
    /// </summary>
    /// <param name="directory">The folder, as the caller gave it (faults name files under it).</param>
    /// <param name="specs">The tables to read, referenced tables first.</param>
    /// <param name="errors">Faults are appended here.</param>
    /// <param name="reserved">For a table and foreign key, a value allowed without a target row (<c>other</c>), or null.</param>
    /// <returns>The tables, in the order of <paramref name="specs"/>.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="directory"/> does not exist.</exception>
    public static CsvTable[] ReadFolder(string directory, IReadOnlyList<TableSpec> specs, List<DataError> errors, Func<CsvTable, ForeignKeySpec, string?>? reserved = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Data directory '{directory}' does not exist.");
        }

        CsvTable[] all = specs.Select(spec => CsvTable.Read(Path.Join(directory, spec.FileName), spec, errors)).ToArray();
        var byName = all.ToDictionary(t => t.Spec.Name);
        foreach (CsvTable table in all)
        {
            PrimaryKey(table, errors);
            foreach (ForeignKeySpec fk in table.Spec.ForeignKeys)
            {
                ForeignKey(table, fk, byName[fk.TargetTable], reserved?.Invoke(table, fk), errors);
            }
        }

        if (byName.TryGetValue(MarketTables.Providers.Name, out CsvTable? providers))
        {
            ReservedProviderId(providers, errors);
        }

        return all;
    }

    /// <summary>Orders faults by file (in the order of <paramref name="tables"/>), then line and column; stable otherwise.</summary>
    public static DataError[] Sorted(List<DataError> errors, IReadOnlyList<CsvTable> tables)
    {
        string[] files = tables.Select(t => t.File).ToArray();
        return errors.OrderBy(e => Array.IndexOf(files, e.File)).ThenBy(e => e.Line).ThenBy(e => e.Column).ToArray();
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
    /// Checks the rules of <c>market_shares.csv</c> that span cells or rows: each row gives exactly one
    /// of share, revenue_usd and count, or a range share_low/share_high (both, low ≤ high, bracketing
    /// share if given); the measure fits the market's (revenue_usd only for revenue markets, count only
    /// for sites, customers or certificates); all rows of one market and period use the same measure;
    /// their shares (share, or share_low for range-only rows) sum to at most 1 + share_tolerance; when
    /// the group has an <c>other</c> row, its shares (share, or share_high for range-only rows) sum to at
    /// least 1 − share_tolerance; all periods of one market are of one kind (years or quarters); and
    /// published ranks are never on <c>other</c>, unique within a market and period, and never give a
    /// higher rank a larger share (or count, or revenue) than a lower rank; in a market with a share_rounding,
    /// a share given without share_low/share_high is a whole multiple of it (within 1e-9). Sums are exact in decimal. The lower bound is not checked for a group that may have lost rows to
    /// faults already reported (a faulty measure, market_id or period cell, or an omitted row).
    /// </summary>
    /// <param name="shares">The market_shares table.</param>
    /// <param name="markets">The markets table, or null when it is not available.</param>
    /// <param name="toleranceWithoutMarket">Tolerance for markets not found in <paramref name="markets"/>; null skips the sum checks for them.</param>
    /// <param name="errors">Faults are appended here.</param>
    public static void Shares(CsvTable shares, CsvTable? markets, decimal? toleranceWithoutMarket, List<DataError> errors)
    {
        var fields = ShareFields.Of(shares.Spec);
        Dictionary<string, (string Measure, decimal? Tolerance, decimal? Rounding)> marketInfo = MarketInfo(markets);

        var groups = new Dictionary<(string Market, string Period), List<(CsvRow Row, Measure Measure)>>();

        // Rows left out of a group for a fault already reported; a null market or period stands for any.
        var skipped = new List<(string? Market, string? Period)>();
        foreach (CsvRow row in shares.Rows)
        {
            string? market = row.Text(fields.Market);
            string? period = row.Text(fields.Period);
            if (row.Integer(fields.Rank) is long rank && row.Text(fields.Provider) == MarketShare.OtherProviderId)
            {
                errors.Add(shares.Fault(
                    row.Line,
                    fields.Rank,
                    $"column 'rank': rank on the remainder: expected no rank on '{MarketShare.OtherProviderId}' (the unallocated remainder is not a firm), found {rank}"));
            }

            Measure? measure = fields.Measures.All(f => row.Valid[f]) ? RowMeasure(shares, fields, row, errors) : null;
            if (market is not null && measure is not null && marketInfo.TryGetValue(market, out var info))
            {
                CheckUnit(shares, fields, row, market, info.Measure, measure.Value, errors);
                if (info.Rounding is decimal unit)
                {
                    CheckRounding(shares, fields, row, market, unit, errors);
                }
            }

            if (market is null || period is null || measure is null)
            {
                skipped.Add((market, period));
                continue;
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
                        fields.CellOf(measure),
                        $"mixed measures in market '{CsvTable.Show(market)}' period '{period}': expected {Describe(firstMeasure)} like line {firstRow.Line}, found {Describe(measure)}"));
                }
            }

            if (mixed)
            {
                continue;
            }

            RankOrder(shares, fields, market, period, group.ConvertAll(g => g.Row), firstMeasure, errors);

            if (firstMeasure != Measure.Share)
            {
                // Shares are derived as value ÷ Σ values: a group whose values are all 0 has none.
                int field = fields.CellOf(firstMeasure);
                bool allRead = !shares.HasOmittedRows
                    && !skipped.Any(s => (s.Market ?? market) == market && (s.Period ?? period) == period);
                if (allRead && group.All(g => g.Row.Number(field) is 0.0 || g.Row.Integer(field) is 0L))
                {
                    errors.Add(shares.Fault(
                        firstRow.Line,
                        field,
                        $"{Describe(firstMeasure)} all 0 in market '{CsvTable.Show(market)}' period '{period}': expected at least one positive value to derive shares from"));
                }

                continue;
            }

            decimal? tolerance = marketInfo.TryGetValue(market, out var info)
                ? info.Tolerance
                : markets is null || !markets.IsRead ? toleranceWithoutMarket : null;
            if (tolerance is null)
            {
                continue;
            }

            bool complete = !shares.HasOmittedRows
                && !skipped.Any(s => (s.Market ?? market) == market && (s.Period ?? period) == period);
            ShareSums(shares, fields, market, period, group.ConvertAll(g => g.Row), tolerance.Value, complete, errors);
        }

        PeriodKinds(shares, fields, errors);
        RankUniqueness(shares, fields, errors);
    }

    /// <summary>
    /// Reports each row whose rank repeats an earlier row's in the same market and period, at its rank
    /// cell, naming the earlier line. Ranks on <c>other</c> are reported elsewhere and skipped here.
    /// </summary>
    private static void RankUniqueness(CsvTable shares, ShareFields fields, List<DataError> errors)
    {
        var first = new Dictionary<(string Market, string Period, long Rank), int>();
        foreach (CsvRow row in shares.Rows)
        {
            if (row.Text(fields.Market) is not string market
                || row.Text(fields.Period) is not string period
                || row.Integer(fields.Rank) is not long rank
                || row.Text(fields.Provider) is null or MarketShare.OtherProviderId)
            {
                continue;
            }

            if (!first.TryAdd((market, period, rank), row.Line))
            {
                errors.Add(shares.Fault(
                    row.Line,
                    fields.Rank,
                    $"column 'rank': duplicate rank {rank} in market '{CsvTable.Show(market)}' period '{period}': expected each rank once, already on line {first[(market, period, rank)]}"));
            }
        }
    }

    /// <summary>
    /// Reports each ranked row whose smallest possible value (share, or share_low for a range; count or
    /// revenue_usd) exceeds the largest possible value of some better-ranked row (share, or share_high),
    /// at its rank cell, naming the better-ranked row with the smallest such value. Rounded shares keep
    /// their order (rounding is monotone), so a strict excess is a contradiction. Values compare exactly
    /// in decimal; rows of equal rank are not compared (a duplicate rank has its own fault).
    /// </summary>
    private static void RankOrder(CsvTable shares, ShareFields fields, string market, string period, List<CsvRow> rows, Measure measure, List<DataError> errors)
    {
        var ranked = rows
            .Where(r => r.Integer(fields.Rank) is not null && r.Text(fields.Provider) != MarketShare.OtherProviderId)
            .OrderBy(r => r.Integer(fields.Rank)!.Value)
            .ToList();

        // The better-ranked row with the smallest upper value so far, over ranks strictly better than the current one.
        CsvRow? smallest = null;
        var pending = new List<CsvRow>();
        long? pendingRank = null;
        foreach (CsvRow row in ranked)
        {
            long rank = row.Integer(fields.Rank)!.Value;
            if (rank != pendingRank)
            {
                foreach (CsvRow done in pending)
                {
                    if (smallest is null || Bounds(done).High.Value < Bounds(smallest).High.Value)
                    {
                        smallest = done;
                    }
                }

                pending.Clear();
                pendingRank = rank;
            }

            pending.Add(row);
            if (smallest is null)
            {
                continue;
            }

            var (low, _) = Bounds(row);
            var (_, high) = Bounds(smallest);
            if (low.Value > high.Value)
            {
                errors.Add(shares.Fault(
                    row.Line,
                    fields.Rank,
                    $"column 'rank': ranks contradict the values in market '{CsvTable.Show(market)}' period '{period}': rank {rank} has {low.Name} {Format(low.Value)}, "
                    + $"but the better rank {smallest.Integer(fields.Rank)} (line {smallest.Line}) has {high.Name} {Format(high.Value)}; expected a higher rank never to exceed a lower one"));
            }
        }

        // The lowest and highest value a row allows, with the column each comes from.
        ((string Name, decimal Value) Low, (string Name, decimal Value) High) Bounds(CsvRow row)
        {
            if (measure == Measure.Count)
            {
                decimal count = row.Integer(fields.Count)!.Value;
                return (("count", count), ("count", count));
            }

            if (measure == Measure.Revenue)
            {
                decimal revenue = (decimal)row.Number(fields.Revenue)!.Value;
                return (("revenue_usd", revenue), ("revenue_usd", revenue));
            }

            if (row.Number(fields.Share) is double share)
            {
                return (("share", (decimal)share), ("share", (decimal)share));
            }

            return (("share_low", (decimal)row.Number(fields.Low)!.Value), ("share_high", (decimal)row.Number(fields.High)!.Value));
        }
    }

    /// <summary>
    /// Reports a group of share rows whose lower sum passes 1 + <paramref name="tolerance"/>, at its first
    /// row; and, when <paramref name="complete"/> and the group has an <c>other</c> row (the remainder, so
    /// the group is the whole market), one whose upper sum falls below 1 − <paramref name="tolerance"/>,
    /// at the <c>other</c> row. A group without an <c>other</c> row may sum below 1: the gap is unallocated.
    /// </summary>
    private static void ShareSums(CsvTable shares, ShareFields fields, string market, string period, List<CsvRow> rows, decimal tolerance, bool complete, List<DataError> errors)
    {
        decimal low = rows.Sum(r => (decimal)(r.Number(fields.Share) ?? r.Number(fields.Low)!.Value));
        decimal high = rows.Sum(r => (decimal)(r.Number(fields.Share) ?? r.Number(fields.High)!.Value));
        string where = $"market '{CsvTable.Show(market)}' period '{period}' has {rows.Count} rows (lines {rows[0].Line}-{rows[^1].Line})";
        string toleranceText = Format(tolerance);
        if (low > 1m + tolerance)
        {
            errors.Add(shares.Fault(
                rows[0].Line,
                fields.Share,
                $"shares sum past 1: {where} whose shares sum to {Format(low)}, expected at most 1 + share_tolerance {toleranceText}"));
        }

        CsvRow? other = rows.Find(r => r.Text(fields.Provider) == MarketShare.OtherProviderId);
        if (complete && other is not null && high < 1m - tolerance)
        {
            string ranges = rows.Any(r => r.Number(fields.Share) is null) ? " (share_high for range-only rows)" : string.Empty;
            errors.Add(shares.Fault(
                other.Line,
                fields.Share,
                $"shares sum below 1: {where} including the remainder 'other', so they must sum to 1 within share_tolerance {toleranceText}; "
                + $"found a sum of {Format(high)}{ranges}, expected at least {Format(1m - tolerance)}"));
        }
    }

    /// <summary>
    /// Reports, for each market, the first row whose period kind (year or quarter) differs from that of
    /// the market's first row: a market's series uses one kind.
    /// </summary>
    private static void PeriodKinds(CsvTable shares, ShareFields fields, List<DataError> errors)
    {
        var first = new Dictionary<string, CsvRow>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (CsvRow row in shares.Rows)
        {
            if (row.Text(fields.Market) is not string market || row.Text(fields.Period) is not string period)
            {
                continue;
            }

            if (!first.TryGetValue(market, out CsvRow? firstRow))
            {
                first.Add(market, row);
                continue;
            }

            string firstPeriod = firstRow.Text(fields.Period)!;
            if (IsQuarter(period) != IsQuarter(firstPeriod) && reported.Add(market))
            {
                errors.Add(shares.Fault(
                    row.Line,
                    fields.Period,
                    $"column 'period': mixed period kinds in market '{CsvTable.Show(market)}': expected {PeriodKind(firstPeriod)} like line {firstRow.Line} ('{firstPeriod}'), "
                    + $"found {PeriodKind(period)} '{period}' (a market's series uses years or quarters, not both)"));
            }
        }

        static bool IsQuarter(string period) => period.Contains('Q', StringComparison.Ordinal);

        static string PeriodKind(string period) => IsQuarter(period) ? "a quarter" : "a year";
    }

    /// <summary>Each market's measure, share_tolerance and share_rounding (null where the cell is empty or faulty).</summary>
    private static Dictionary<string, (string Measure, decimal? Tolerance, decimal? Rounding)> MarketInfo(CsvTable? markets)
    {
        var info = new Dictionary<string, (string, decimal?, decimal?)>(StringComparer.Ordinal);
        if (markets is null || !markets.IsRead)
        {
            return info;
        }

        int idField = markets.Spec.IndexOf("market_id");
        int measureField = markets.Spec.IndexOf("measure");
        int toleranceField = markets.Spec.IndexOf("share_tolerance");
        int roundingField = markets.Spec.IndexOf("share_rounding");
        foreach (CsvRow row in markets.Rows)
        {
            if (row.Text(idField) is string id && row.Text(measureField) is string measure)
            {
                decimal? tolerance = row.Number(toleranceField) is double t ? (decimal)t : null;
                decimal? rounding = row.Number(roundingField) is double u ? (decimal)u : null;
                info.TryAdd(id, (measure, tolerance, rounding));
            }
        }

        return info;
    }

    /// <summary>
    /// Reports a <c>share</c> given without share_low/share_high that is not a whole multiple of the market's
    /// share_rounding <paramref name="unit"/> (within 1e-9): the analyses read such a share as rounded to
    /// that unit, so a figure published more finely would be widened to the market's rounding interval
    /// (0.004 in whole percents stands for [0, 0.009]). Such a figure states its own precision in
    /// share_low/share_high instead.
    /// </summary>
    private static void CheckRounding(CsvTable shares, ShareFields fields, CsvRow row, string market, decimal unit, List<DataError> errors)
    {
        // Every share lies within unit/2 of a multiple, so a unit of 2e-9 or less (or one below decimal's
        // range, read as 0) accepts every share; skipping it also keeps the division below finite.
        if (unit <= 2e-9m || row.Number(fields.Share) is not double share || row.Number(fields.Low) is not null || row.Number(fields.High) is not null)
        {
            return;
        }

        decimal value = (decimal)share;
        if (Math.Abs(value - (Math.Round(value / unit) * unit)) > 1e-9m)
        {
            errors.Add(shares.Fault(
                row.Line,
                fields.Share,
                $"column 'share': finer than the market's rounding: share {Format(share)} is not a multiple of the share_rounding {Format(unit)} of market '{CsvTable.Show(market)}'; "
                + $"expected a whole multiple of {Format(unit)}, or share_low and share_high for a share published to another precision"));
        }
    }

    /// <summary>The row's measure, or null after reporting why it has none or several.</summary>
    private static Measure? RowMeasure(CsvTable shares, ShareFields fields, CsvRow row, List<DataError> errors)
    {
        TableSpec spec = shares.Spec;
        double? share = row.Number(fields.Share);
        double? revenue = row.Number(fields.Revenue);
        long? count = row.Integer(fields.Count);
        double? low = row.Number(fields.Low);
        double? high = row.Number(fields.High);

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
                errors.Add(shares.Fault(row.Line, fields.Low, $"column 'share_low': a share range cannot accompany {given[0]}: expected share_low and share_high only with share or an empty share"));
                return null;
            }

            if (lo > hi)
            {
                errors.Add(shares.Fault(row.Line, fields.Low, $"column 'share_low': inverted range: expected share_low <= share_high, found {Format(lo)} > {Format(hi)}"));
                return null;
            }

            if (share is double s && (s < lo || s > hi))
            {
                errors.Add(shares.Fault(row.Line, fields.Share, $"column 'share': outside its range: expected share between share_low {Format(lo)} and share_high {Format(hi)}, found {Format(s)}"));
                return null;
            }

            return Measure.Share;
        }

        if (given.Count == 0)
        {
            errors.Add(shares.Fault(row.Line, fields.Share, "no measure: expected exactly one of share, revenue_usd or count (or share_low and share_high), found all empty"));
            return null;
        }

        return given[0] switch
        {
            "share" => Measure.Share,
            "revenue_usd" => Measure.Revenue,
            _ => Measure.Count,
        };
    }

    private static void CheckUnit(CsvTable shares, ShareFields fields, CsvRow row, string market, string marketMeasure, Measure measure, List<DataError> errors)
    {
        if (measure == Measure.Revenue && marketMeasure != "revenue")
        {
            errors.Add(shares.Fault(row.Line, fields.Revenue, $"column 'revenue_usd': unit does not fit the market: market '{CsvTable.Show(market)}' measures {marketMeasure}, expected share or count, found revenue_usd"));
        }
        else if (measure == Measure.Count && marketMeasure == "revenue")
        {
            errors.Add(shares.Fault(row.Line, fields.Count, $"column 'count': unit does not fit the market: market '{CsvTable.Show(market)}' measures revenue, expected share or revenue_usd, found count"));
        }
    }

    private static string Describe(Measure measure) => measure switch
    {
        Measure.Revenue => "revenue_usd",
        Measure.Count => "count",
        _ => "share",
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

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
