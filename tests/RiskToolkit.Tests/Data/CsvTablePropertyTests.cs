using System.Globalization;
using System.Text;
using CsCheck;
using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Data;

/// <summary>Properties of the internal CSV reader behind <see cref="MarketDataReader"/>.</summary>
public class CsvTablePropertyTests
{
    private const string File = "data/market_sizes.csv";

    [Fact]
    public void Arbitrary_text_never_throws_and_every_fault_has_a_location_inside_the_file()
    {
        Gen<string> text = Gen.Char["ab1.,\"\r\n e-Q2"].Array[0, 120]
            .Select(chars => "market_id,period,total_usd,source_id\n" + new string(chars));

        text.Sample(
            t =>
            {
                var errors = new List<DataError>();
                CsvTable table = CsvTable.FromBytes(File, Encoding.UTF8.GetBytes(t), MarketTables.MarketSizes, errors);
                int lines = t.Count(c => c == '\n') + t.Replace("\r\n", "\n").Count(c => c == '\r') + 1;
                Assert.All(errors, e => Assert.InRange(e.Line, 1, lines));
                Assert.All(errors, e => Assert.InRange(e.Column, 0, 121));
                Assert.All(table.Rows, r => Assert.InRange(r.Line, 2, lines));
            },
            iter: 1000);
    }

    [Fact]
    public void Arbitrary_bytes_never_throw()
    {
        Gen.Byte.Array[0, 200].Sample(
            bytes =>
            {
                var errors = new List<DataError>();
                CsvTable.FromBytes(File, bytes, MarketTables.MarketShares, errors);
                Assert.All(errors, e => Assert.True(e.Line >= 0 && e.Column >= 0));
            },
            iter: 1000);
    }

    [Fact]
    public void Any_share_written_round_trip_is_read_back_exactly()
    {
        FieldSpec share = MarketTables.MarketShares.Fields[MarketTables.MarketShares.IndexOf("share")];

        Gen.Double[0.0, 1.0].Sample(
            x =>
            {
                Assert.Null(CsvTable.ParseCell(share, x.ToString("R", CultureInfo.InvariantCulture), out object? value));
                Assert.Equal(x, (double)value!);
            },
            iter: 1000);
    }

    [Fact]
    public void Shares_outside_0_to_1_are_always_rejected()
    {
        FieldSpec share = MarketTables.MarketShares.Fields[MarketTables.MarketShares.IndexOf("share")];

        Gen.Double.Where(x => double.IsFinite(x) && (x < 0 || x > 1)).Sample(
            x => Assert.NotNull(CsvTable.ParseCell(share, x.ToString("R", CultureInfo.InvariantCulture), out _)),
            iter: 1000);
    }
}
