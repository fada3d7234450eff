using Microsoft.Data.Analysis;
using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Data;

public class MarketDataFramesTests
{
    private static MarketData Bundle()
    {
        using var set = TempDataSet.Create();
        return MarketDataReader.Load(set.Directory);
    }

    private static string[] Names(DataFrame frame) => frame.Columns.Select(c => c.Name).ToArray();

    private static string[] SpecNames(TableSpec spec) => spec.Fields.Select(f => f.Name).ToArray();

    [Fact]
    public void Every_frame_has_the_csv_columns_in_file_order_and_one_row_per_record()
    {
        MarketData data = Bundle();

        Assert.Equal(SpecNames(MarketTables.Sources), Names(data.Sources.ToDataFrame()));
        Assert.Equal(SpecNames(MarketTables.Providers), Names(data.Providers.ToDataFrame()));
        Assert.Equal(SpecNames(MarketTables.Markets), Names(data.Markets.ToDataFrame()));
        Assert.Equal(SpecNames(MarketTables.MarketShares), Names(data.MarketShares.ToDataFrame()));
        Assert.Equal(SpecNames(MarketTables.MarketSizes), Names(data.MarketSizes.ToDataFrame()));
        Assert.Equal(data.MarketShares.Count, data.MarketShares.ToDataFrame().Rows.Count);
        Assert.Equal(data.Sources.Count, data.Sources.ToDataFrame().Rows.Count);
    }

    [Fact]
    public void Market_shares_frame_keeps_measures_typed_and_empty_values_null()
    {
        DataFrame frame = Bundle().MarketShares.ToDataFrame();

        Assert.Equal(typeof(double), frame.Columns["share"].DataType);
        Assert.Equal(typeof(long), frame.Columns["count"].DataType);
        Assert.Equal(0.30, frame.Columns["share"][0]);
        Assert.Null(frame.Columns["share"][3]);
        Assert.Equal(107_000_000_000.0, frame.Columns["revenue_usd"][3]);
        Assert.Equal(1200L, frame.Columns["count"][4]);
        Assert.Equal(0.4, frame.Columns["share_high"][5]);
        Assert.Null(frame.Columns["note"][0]);
        Assert.Equal("other", frame.Columns["provider_id"][2]);
        // Five of six rows have no count.
        Assert.Equal(5, frame.Columns["count"].NullCount);
    }

    [Fact]
    public void Source_dates_become_midnight_date_times()
    {
        DataFrame frame = Bundle().Sources.ToDataFrame();

        Assert.Equal(new DateTime(2025, 7, 31), frame.Columns["date"][0]);
        Assert.Equal("publisher's copyright", frame.Columns["licence"][0]);
    }

    [Fact]
    public void Sizes_markets_and_providers_frames_hold_the_record_values()
    {
        MarketData data = Bundle();

        Assert.Equal(330e9, data.MarketSizes.ToDataFrame().Columns["total_usd"][1]);
        Assert.Equal(0.02, data.Markets.ToDataFrame().Columns["share_tolerance"][0]);
        Assert.Equal("amazon", data.Providers.ToDataFrame().Columns["parent"][1]);
    }

    [Fact]
    public void Empty_input_gives_the_columns_and_no_rows()
    {
        DataFrame frame = Array.Empty<MarketShare>().ToDataFrame();

        Assert.Equal(11, frame.Columns.Count);
        Assert.Equal(0, frame.Rows.Count);
    }

    [Fact]
    public void Frames_have_the_columns_of_the_csv_files_in_their_order()
    {
        static IEnumerable<string> Names(DataFrame frame) => frame.Columns.Select(c => c.Name);
        static IEnumerable<string> Spec(TableSpec spec) => spec.Fields.Select(f => f.Name);

        Assert.Equal(Spec(MarketTables.Sources), Names(Array.Empty<Source>().ToDataFrame()));
        Assert.Equal(Spec(MarketTables.Providers), Names(Array.Empty<Provider>().ToDataFrame()));
        Assert.Equal(Spec(MarketTables.Markets), Names(Array.Empty<Market>().ToDataFrame()));
        Assert.Equal(Spec(MarketTables.MarketShares), Names(Array.Empty<MarketShare>().ToDataFrame()));
        Assert.Equal(Spec(MarketTables.MarketSizes), Names(Array.Empty<MarketSize>().ToDataFrame()));
    }

    [Fact]
    public void Rank_and_share_rounding_become_nullable_columns()
    {
        Market market = new("m", "M", "cloud", "global", "revenue", "d", 0.02) { ShareRounding = 0.01 };
        MarketShare ranked = new("m", "2025", "a", 0.4, null, null, null, null, "s", null) { Rank = 1 };
        MarketShare unranked = ranked with { ProviderId = "b", Rank = null };

        Assert.Equal(0.01, new[] { market }.ToDataFrame().Columns["share_rounding"][0]);
        DataFrame shares = new[] { ranked, unranked }.ToDataFrame();
        Assert.Equal(1, shares.Columns["rank"][0]);
        Assert.Null(shares.Columns["rank"][1]);
    }

    [Fact]
    public void Null_input_throws_argument_null()
    {
        Assert.Throws<ArgumentNullException>(() => ((IEnumerable<MarketShare>)null!).ToDataFrame());
        Assert.Throws<ArgumentNullException>(() => ((IEnumerable<Source>)null!).ToDataFrame());
    }
}
