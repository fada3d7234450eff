using System.Collections.Immutable;
namespace RiskToolkit.Data;

/// <summary>
/// Reads and validates the market tables (<c>sources.csv</c>, <c>providers.csv</c>, <c>markets.csv</c>,
/// <c>market_shares.csv</c>, <c>market_sizes.csv</c>) described in <c>data/datapackage.json</c>.
/// </summary>
/// <remarks>
/// <para>
/// Accepted CSV: RFC 4180 with a header row; UTF-8 with or without byte order mark; LF, CRLF or CR line
/// ends; quoted fields holding commas, doubled quotes and line breaks. Numbers are parsed in invariant
/// culture whatever the machine's locale: <c>.</c> as decimal point, no thousands separators, optional
/// exponent; NaN and infinities are rejected. Dates are <c>yyyy-MM-dd</c>. An empty cell is "no value":
/// an error in a required column, <see langword="null"/> in an optional one. Values are not trimmed.
/// A header-only file is a valid empty table. The header names every column in the order of
/// <c>data/datapackage.json</c>, except that columns added later (<c>markets.share_rounding</c>,
/// <c>market_shares.rank</c>) may be left out altogether, so files written before them still read;
/// every row then has no value there.
/// </para>
/// <para>
/// Every fault is reported as a <see cref="DataError"/> <c>file:line:column: message</c>, where file is the
/// directory as passed joined with the file name, line is the 1-based physical line where the row starts
/// (the header is line 1), and column is the 1-based field position. Faults that concern a whole file
/// (missing file, empty file of 0 bytes) are at line 0, column 0; a blank line is at column 0 of its
/// line; bytes that are not UTF-8 are at their line and 1-based byte position in that line (the first
/// such sequence of each line is reported, and a file with any is not parsed further). A row with a wrong
/// number of fields or broken quoting gets one fault at the first field concerned, and its cells are not
/// checked. Foreign keys into a table that could not be read, or that lost rows to such faults, are not
/// checked (its own fault says why).
/// </para>
/// <para>
/// Measure rule of <c>market_shares.csv</c>: a row gives exactly one of <c>share</c>, <c>revenue_usd</c>
/// and <c>count</c>; or, with those empty, a range <c>share_low</c> and <c>share_high</c>. A range may also
/// accompany a <c>share</c> (then share_low ≤ share ≤ share_high) but never revenue_usd or count.
/// revenue_usd rows belong to markets whose measure is <c>revenue</c>; count rows to markets measuring
/// sites, customers or certificates. All rows of one market and period use the same measure, and their
/// shares (<c>share</c>, or <c>share_low</c> for a range-only row, including the <c>other</c> row) sum to at
/// most 1 + the market's <c>share_tolerance</c>, compared exactly in decimal arithmetic. A market and period
/// with an <c>other</c> row (the remainder, so the rows cover the whole market) must also sum to at least
/// 1 − share_tolerance, counting <c>share_high</c> for range-only rows; without an <c>other</c> row the
/// gap below 1 is unallocated and allowed. All periods of one market are years or all are quarters; the
/// first row whose kind differs from the market's first row is reported. A <c>rank</c> (1 = largest)
/// is never given on <c>other</c>, appears once per market and period, and a higher rank never has a
/// larger share (share, or share_low against the better rank's share_high), count or revenue than a
/// lower one. In a market with a <c>share_rounding</c> u, a <c>share</c> given without share_low and
/// share_high is a whole multiple of u (within 1e-9), since analyses read it as rounded to u; a share
/// published to another precision (0.4% in a whole-percent market) gives its range in share_low and
/// share_high. <c>sources.licence</c> is required.
/// </para>
/// </remarks>
public static class MarketDataReader
{
    /// <summary>
    /// Reads and validates all five tables in <paramref name="directory"/>.
    /// </summary>
    /// <param name="directory">Directory holding the five CSV files, e.g. <c>data</c>.</param>
    /// <returns>The tables as records, rows in file order.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="directory"/> does not exist.</exception>
    /// <exception cref="DataValidationException">When any fault is found; it lists every fault, not only the first.</exception>
    public static MarketData Load(string directory)
    {
        var (tables, errors) = ReadDirectory(directory);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        return new MarketData(
            tables.Sources.Rows.Select(ToSource).ToImmutableArray(),
            tables.Providers.Rows.Select(ToProvider).ToImmutableArray(),
            tables.Markets.Rows.Select(ToMarket).ToImmutableArray(),
            tables.Shares.Rows.Select(ToMarketShare).ToImmutableArray(),
            tables.Sizes.Rows.Select(ToMarketSize).ToImmutableArray());
    }

    /// <summary>
    /// Runs the same checks as <see cref="Load"/> and returns the faults instead of throwing.
    /// </summary>
    /// <param name="directory">Directory holding the five CSV files, e.g. <c>data</c>.</param>
    /// <returns>Every fault, ordered by table (sources, providers, markets, market_shares, market_sizes), line and column; empty when the data are valid.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="directory"/> does not exist.</exception>
    public static IReadOnlyList<DataError> Validate(string directory) => ReadDirectory(directory).Errors;

    /// <summary>
    /// Reads one <c>market_shares.csv</c> on its own (for <c>risk concentration --shares FILE</c>). When a
    /// <c>markets.csv</c> sits in the same directory it is read and validated too: its share_tolerance
    /// applies, market_id must name one of its markets, and revenue_usd and count must fit the market's
    /// measure. Without it, the tolerance is 0 and market_id is not checked. provider_id and source_id
    /// are not checked against other tables here; <see cref="Validate"/> does that.
    /// </summary>
    /// <param name="path">Path of the file; faults name it as given.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="ArgumentException">When <paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DataValidationException">When any fault is found, including a missing file (line 0, column 0); it lists every fault.</exception>
    public static IReadOnlyList<MarketShare> ReadMarketShares(string path) => ReadShareFile(path).Shares;

    /// <summary>
    /// Reads one <c>market_shares.csv</c> as <see cref="ReadMarketShares"/> does, with the markets of the
    /// <c>markets.csv</c> beside it (their share rounding feeds the intervals of
    /// <see cref="Concentration.ConcentrationAnalysis"/>).
    /// </summary>
    /// <param name="path">Path of the file; faults name it as given.</param>
    /// <returns>The rows in file order, and the markets (empty when no <c>markets.csv</c> sits beside the file).</returns>
    /// <exception cref="ArgumentException">When <paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DataValidationException">As <see cref="ReadMarketShares"/>.</exception>
    public static MarketShareFile ReadShareFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var errors = new List<DataError>();
        CsvTable shares = CsvTable.Read(path, MarketTables.MarketShares, errors);
        string marketsPath = Path.Join(Path.GetDirectoryName(path), MarketTables.Markets.FileName);
        CsvTable? markets = null;
        if (File.Exists(marketsPath))
        {
            markets = CsvTable.Read(marketsPath, MarketTables.Markets, errors);
            MarketChecks.PrimaryKey(markets, errors);
            MarketChecks.ForeignKey(shares, MarketTables.MarketShares.ForeignKeys.Single(fk => fk.TargetTable == "markets"), markets, null, errors);
        }

        MarketChecks.PrimaryKey(shares, errors);
        MarketChecks.Shares(shares, markets, markets is null ? 0m : null, errors);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors.OrderBy(e => e.File == path ? 0 : 1).ThenBy(e => e.Line).ThenBy(e => e.Column).ToArray());
        }

        return new MarketShareFile(
            shares.Rows.Select(ToMarketShare).ToImmutableArray(),
            markets is null ? [] : markets.Rows.Select(ToMarket).ToImmutableArray());
    }

    private sealed record Tables(CsvTable Sources, CsvTable Providers, CsvTable Markets, CsvTable Shares, CsvTable Sizes);

    private static (Tables Tables, IReadOnlyList<DataError> Errors) ReadDirectory(string directory)
    {
        var errors = new List<DataError>();
        CsvTable[] all = MarketChecks.ReadFolder(
            directory,
            MarketTables.All,
            errors,
            (table, fk) => table.Spec == MarketTables.MarketShares && fk.Field == "provider_id" ? MarketShare.OtherProviderId : null);
        var tables = new Tables(all[0], all[1], all[2], all[3], all[4]);
        MarketChecks.Shares(tables.Shares, tables.Markets, null, errors);
        return (tables, MarketChecks.Sorted(errors, all));
    }

    internal static Source ToSource(CsvRow row) => new(
        SourceId: row.Get<string>("source_id"),
        Publisher: row.Get<string>("publisher"),
        Title: row.Get<string>("title"),
        Date: row.Get<DateOnly>("date"),
        Url: row.Get<string>("url"),
        Licence: row.Get<string>("licence"),
        Reliability: row.Get<string>("reliability"));

    internal static Provider ToProvider(CsvRow row) => new(
        ProviderId: row.Get<string>("provider_id"),
        Name: row.Get<string>("name"),
        Parent: row.Get<string?>("parent"),
        Layer: row.Get<string>("layer"),
        HqCountry: row.Get<string?>("hq_country"));

    private static Market ToMarket(CsvRow row) => new(
        MarketId: row.Get<string>("market_id"),
        Name: row.Get<string>("name"),
        Layer: row.Get<string>("layer"),
        Geography: row.Get<string>("geography"),
        Measure: row.Get<string>("measure"),
        Definition: row.Get<string>("definition"),
        ShareTolerance: row.Get<double>("share_tolerance"))
    {
        ShareRounding = row.Get<double?>("share_rounding"),
    };

    private static MarketShare ToMarketShare(CsvRow row) => new(
        MarketId: row.Get<string>("market_id"),
        Period: row.Get<string>("period"),
        ProviderId: row.Get<string>("provider_id"),
        Share: row.Get<double?>("share"),
        RevenueUsd: row.Get<double?>("revenue_usd"),
        Count: row.Get<long?>("count"),
        ShareLow: row.Get<double?>("share_low"),
        ShareHigh: row.Get<double?>("share_high"),
        SourceId: row.Get<string>("source_id"),
        Note: row.Get<string?>("note"))
    {
        // The schema bounds the rank to 1..int.MaxValue, so the conversion cannot overflow.
        Rank = row.Get<long?>("rank") is long rank ? (int)rank : null,
    };

    private static MarketSize ToMarketSize(CsvRow row) => new(
        MarketId: row.Get<string>("market_id"),
        Period: row.Get<string>("period"),
        TotalUsd: row.Get<double>("total_usd"),
        SourceId: row.Get<string>("source_id"));
}
