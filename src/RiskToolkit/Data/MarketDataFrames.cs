using Microsoft.Data.Analysis;

namespace RiskToolkit.Data;

/// <summary>
/// Microsoft.Data.Analysis <see cref="DataFrame"/> views of the market tables, one row per record in
/// order, column names and order as in the CSV files. Empty optional values become nulls; strings are
/// <see cref="StringDataFrameColumn"/>, numbers <see cref="DoubleDataFrameColumn"/> (USD, shares 0–1),
/// counts <see cref="Int64DataFrameColumn"/>, ranks <see cref="Int32DataFrameColumn"/>, dates
/// <see cref="DateTimeDataFrameColumn"/> at midnight.
/// </summary>
public static class MarketDataFrames
{
    /// <summary>Columns of <c>sources.csv</c>: source_id, publisher, title, date (DateTime at 00:00), url, licence, reliability.</summary>
    /// <param name="rows">The rows; an empty sequence gives a frame with the columns and no rows.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="rows"/> is null.</exception>
    public static DataFrame ToDataFrame(this IEnumerable<Source> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Source[] r = rows.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("source_id", r.Select(x => x.SourceId)),
            new StringDataFrameColumn("publisher", r.Select(x => x.Publisher)),
            new StringDataFrameColumn("title", r.Select(x => x.Title)),
            new DateTimeDataFrameColumn("date", r.Select(x => x.Date.ToDateTime(TimeOnly.MinValue))),
            new StringDataFrameColumn("url", r.Select(x => x.Url)),
            new StringDataFrameColumn("licence", r.Select(x => x.Licence)),
            new StringDataFrameColumn("reliability", r.Select(x => x.Reliability)));
    }

    /// <summary>Columns of <c>providers.csv</c>: provider_id, name, parent, layer, hq_country.</summary>
    /// <param name="rows">The rows; an empty sequence gives a frame with the columns and no rows.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="rows"/> is null.</exception>
    public static DataFrame ToDataFrame(this IEnumerable<Provider> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Provider[] r = rows.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("provider_id", r.Select(x => x.ProviderId)),
            new StringDataFrameColumn("name", r.Select(x => x.Name)),
            new StringDataFrameColumn("parent", r.Select(x => x.Parent)),
            new StringDataFrameColumn("layer", r.Select(x => x.Layer)),
            new StringDataFrameColumn("hq_country", r.Select(x => x.HqCountry)));
    }

    /// <summary>Columns of <c>markets.csv</c>: market_id, name, layer, geography, measure, definition, share_tolerance and share_rounding (shares 0–1; share_rounding null when the shares are exact or derived).</summary>
    /// <param name="rows">The rows; an empty sequence gives a frame with the columns and no rows.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="rows"/> is null.</exception>
    public static DataFrame ToDataFrame(this IEnumerable<Market> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Market[] r = rows.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("market_id", r.Select(x => x.MarketId)),
            new StringDataFrameColumn("name", r.Select(x => x.Name)),
            new StringDataFrameColumn("layer", r.Select(x => x.Layer)),
            new StringDataFrameColumn("geography", r.Select(x => x.Geography)),
            new StringDataFrameColumn("measure", r.Select(x => x.Measure)),
            new StringDataFrameColumn("definition", r.Select(x => x.Definition)),
            new DoubleDataFrameColumn("share_tolerance", r.Select(x => x.ShareTolerance)),
            new DoubleDataFrameColumn("share_rounding", r.Select(x => x.ShareRounding)));
    }

    /// <summary>
    /// Columns of <c>market_shares.csv</c>: market_id, period, provider_id, share (0–1), revenue_usd (USD),
    /// count (Int64), share_low, share_high (0–1), source_id, note, rank (Int32, 1 = largest); empty values are nulls.
    /// </summary>
    /// <param name="rows">The rows; an empty sequence gives a frame with the columns and no rows.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="rows"/> is null.</exception>
    public static DataFrame ToDataFrame(this IEnumerable<MarketShare> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        MarketShare[] r = rows.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("market_id", r.Select(x => x.MarketId)),
            new StringDataFrameColumn("period", r.Select(x => x.Period)),
            new StringDataFrameColumn("provider_id", r.Select(x => x.ProviderId)),
            new DoubleDataFrameColumn("share", r.Select(x => x.Share)),
            new DoubleDataFrameColumn("revenue_usd", r.Select(x => x.RevenueUsd)),
            new Int64DataFrameColumn("count", r.Select(x => x.Count)),
            new DoubleDataFrameColumn("share_low", r.Select(x => x.ShareLow)),
            new DoubleDataFrameColumn("share_high", r.Select(x => x.ShareHigh)),
            new StringDataFrameColumn("source_id", r.Select(x => x.SourceId)),
            new StringDataFrameColumn("note", r.Select(x => x.Note)),
            new Int32DataFrameColumn("rank", r.Select(x => x.Rank)));
    }

    /// <summary>Columns of <c>market_sizes.csv</c>: market_id, period, total_usd (USD), source_id.</summary>
    /// <param name="rows">The rows; an empty sequence gives a frame with the columns and no rows.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="rows"/> is null.</exception>
    public static DataFrame ToDataFrame(this IEnumerable<MarketSize> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        MarketSize[] r = rows.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("market_id", r.Select(x => x.MarketId)),
            new StringDataFrameColumn("period", r.Select(x => x.Period)),
            new DoubleDataFrameColumn("total_usd", r.Select(x => x.TotalUsd)),
            new StringDataFrameColumn("source_id", r.Select(x => x.SourceId)));
    }
}
