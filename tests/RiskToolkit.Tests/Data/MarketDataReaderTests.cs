using System.Globalization;
using System.Text;
using CsCheck;
using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Data;

public class MarketDataReaderTests
{
    private const string Shares = "market_shares.csv";

    /// <summary>Validates the set and returns its only fault, asserting its exact file:line:column: prefix.</summary>
    private static DataError SingleFaultAt(TempDataSet set, string file, int line, int column) =>
        TempDataSet.SingleFault(MarketDataReader.Validate(set.Directory), set.PathOf(file), line, column);

    private static string SharesWith(string oldText, string newText)
    {
        Assert.Contains(oldText, TempDataSet.Shares);
        return TempDataSet.Shares.Replace(oldText, newText);
    }

    private static string Replace(string table, string oldText, string newText) => TempDataSet.Replace(table, oldText, newText);

    /// <summary><see cref="TempDataSet.Markets"/> with the share_rounding column (column 8) and the given cells for its two rows.</summary>
    private static string MarketsWithRounding(string cloud, string cdn)
    {
        string[] lines = TempDataSet.Markets.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        return $"{lines[0]},share_rounding\n{lines[1]},{cloud}\n{lines[2]},{cdn}\n";
    }

    /// <summary>
    /// <paramref name="shares"/> (by default <see cref="TempDataSet.Shares"/>) with the rank column (column
    /// 11) and the given ranks on the given lines; other rows get an empty rank.
    /// </summary>
    private static string SharesWithRanks(params (int Line, string Rank)[] ranks) => SharesWithRanks(TempDataSet.Shares, ranks);

    private static string SharesWithRanks(string shares, params (int Line, string Rank)[] ranks)
    {
        string[] lines = shares.TrimEnd('\n').Split('\n');
        var builder = new StringBuilder(lines[0] + ",rank\n");
        for (int i = 1; i < lines.Length; i++)
        {
            int line = i + 1;
            string rank = ranks.Where(r => r.Line == line).Select(r => r.Rank).SingleOrDefault() ?? string.Empty;
            builder.Append(lines[i]).Append(',').Append(rank).Append('\n');
        }

        return builder.ToString();
    }

    // ---- valid input ----------------------------------------------------------------------------

    [Fact]
    public void Valid_set_has_no_faults_and_loads_every_row_with_its_values()
    {
        using var set = TempDataSet.Create();

        Assert.Empty(MarketDataReader.Validate(set.Directory));
        MarketData data = MarketDataReader.Load(set.Directory);

        Assert.Equal(2, data.Sources.Count);
        Assert.Equal(new Source("src-b", "W3Techs", "Usage of CDNs, 2025", new DateOnly(2025, 1, 15), "https://example.org/b", "CC BY 4.0", "B"), data.Sources[1]);
        Assert.Equal("publisher's copyright", data.Sources[0].Licence);
        Assert.Equal(new Provider("aws", "Amazon Web Services", "amazon", "cloud", "US"), data.Providers[1]);
        Assert.Null(data.Providers[3].HqCountry);
        Assert.Equal(new Market("cloud", "Cloud infrastructure", "cloud", "global", "revenue", "IaaS, PaaS and hosted private cloud", 0.02), data.Markets[0]);
        Assert.Equal(6, data.MarketShares.Count);
        Assert.Equal(new MarketShare("cloud", "2025Q2", "aws", 0.30, null, null, null, null, "src-a", null), data.MarketShares[0]);
        Assert.True(data.MarketShares[2].IsOther);
        Assert.Equal(107_000_000_000.0, data.MarketShares[3].RevenueUsd);
        Assert.Equal(1200L, data.MarketShares[4].Count);
        Assert.Equal(((double?)null, (double?)0.3, (double?)0.4, "30-40%"), (data.MarketShares[5].Share, data.MarketShares[5].ShareLow, data.MarketShares[5].ShareHigh, data.MarketShares[5].Note));
        Assert.Equal([new MarketSize("cloud", "2025Q2", 99e9, "src-a"), new MarketSize("cloud", "2025Q1", 330e9, "src-a")], data.MarketSizes);
    }

    [Fact]
    public void Fixture_directory_loads_with_bom_crlf_and_quoted_fields()
    {
        string directory = Path.Join(AppContext.BaseDirectory, "Data", "Fixtures", "valid");

        MarketData data = MarketDataReader.Load(directory);

        Assert.Equal("synergy-2025q2", data.Sources[0].SourceId);
        MarketShare aws = data.MarketShares.Single(s => s.ProviderId == "aws" && s.Period == "2025Q2");
        Assert.Equal(0.30, aws.Share);
        // The file has CRLF line ends, so the line break inside the quoted note is CRLF too.
        Assert.Equal("Canalys gives 32%, \"Synergy\" 30%;\r\nkept Synergy", aws.Note);
        // The fixture is written with the columns added later; TempDataSet is written without them.
        Assert.Equal(1, aws.Rank);
        Assert.Equal(0.01, data.Markets[0].ShareRounding);
        Assert.Null(data.Markets[1].ShareRounding);
    }

    [Fact]
    public void Files_without_the_columns_added_later_read_as_before()
    {
        using var set = TempDataSet.Create();

        MarketData data = MarketDataReader.Load(set.Directory);

        Assert.All(data.Markets, m => Assert.Null(m.ShareRounding));
        Assert.All(data.MarketShares, s => Assert.Null(s.Rank));
    }

    [Fact]
    public void Columns_added_later_are_read_when_present()
    {
        using var set = TempDataSet.Create(
            ("markets.csv", MarketsWithRounding("0.01", string.Empty)),
            (Shares, SharesWithRanks((2, "1"), (3, "2"))));

        MarketData data = MarketDataReader.Load(set.Directory);

        Assert.Equal(new double?[] { 0.01, null }, data.Markets.Select(m => m.ShareRounding));
        Assert.Equal(new int?[] { 1, 2, null, null, null, null }, data.MarketShares.Select(s => s.Rank));
        // Records compare their init properties too.
        Assert.NotEqual(new MarketShare("cloud", "2025Q2", "aws", 0.30, null, null, null, null, "src-a", null), data.MarketShares[0]);
        Assert.Equal(new MarketShare("cloud", "2025Q2", "aws", 0.30, null, null, null, null, "src-a", null) { Rank = 1 }, data.MarketShares[0]);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_accepted_and_not_part_of_the_first_column()
    {
        byte[] Bom(string text) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
        using var set = TempDataSet.CreateBytes(
            ("sources.csv", Bom(TempDataSet.Sources)),
            ("providers.csv", Bom(TempDataSet.Providers)),
            ("markets.csv", Bom(TempDataSet.Markets)),
            (Shares, Bom(TempDataSet.Shares)),
            ("market_sizes.csv", Bom(TempDataSet.Sizes)));

        MarketData data = MarketDataReader.Load(set.Directory);

        Assert.Equal("src-a", data.Sources[0].SourceId);
        Assert.Equal("cloud", data.MarketShares[0].MarketId);
    }

    [Fact]
    public void Crlf_line_endings_are_accepted_and_not_part_of_values()
    {
        string Crlf(string text) => text.Replace("\n", "\r\n");
        using var set = TempDataSet.Create(
            ("sources.csv", Crlf(TempDataSet.Sources)),
            ("providers.csv", Crlf(TempDataSet.Providers)),
            ("markets.csv", Crlf(TempDataSet.Markets)),
            (Shares, Crlf(TempDataSet.Shares)),
            ("market_sizes.csv", Crlf(TempDataSet.Sizes)));

        MarketData data = MarketDataReader.Load(set.Directory);

        Assert.Equal("B", data.Sources[1].Reliability);
        Assert.Equal("30-40%", data.MarketShares[5].Note);
        Assert.Equal("src-a", data.MarketSizes[1].SourceId);
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        string note = "\"Canalys: 31%, IDC \"\"32%\"\"\r\nkept Synergy\"";
        using var set = TempDataSet.Create((Shares, SharesWith("src-a,\n", "src-a," + note + "\n")));

        MarketData data = MarketDataReader.Load(set.Directory);

        Assert.Equal("Canalys: 31%, IDC \"32%\"\r\nkept Synergy", data.MarketShares[0].Note);
        Assert.Equal("Canalys: 31%, IDC \"32%\"\r\nkept Synergy", data.MarketShares[1].Note);
    }

    [Fact]
    public void Line_numbers_count_physical_lines_after_a_quoted_line_break()
    {
        // Line 2's note spans lines 2-3, so the msft row starts on physical line 4.
        string shares = SharesWith("cloud,2025Q2,aws,0.30,,,,,src-a,\n", "cloud,2025Q2,aws,0.30,,,,,src-a,\"two\nlines\"\n");
        shares = Replace(shares, "msft,0.20,", "msft,1.2,");
        using var set = TempDataSet.Create((Shares, shares));

        SingleFaultAt(set, Shares, 4, 4);
    }

    [Fact]
    public void Numbers_are_read_in_invariant_culture_whatever_the_current_culture()
    {
        // The project runs with InvariantGlobalization=true, where CultureInfo("de-DE") throws
        // CultureNotFoundException. A clone of the invariant culture with German number formatting
        // ("," decimal, "." thousands) stands in: a culture-sensitive parse of "0.30" under it gives 30,
        // so reading 0.30 proves the reader does not consult CurrentCulture.
        var german = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        german.NumberFormat.NumberDecimalSeparator = ",";
        german.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = german;
            Assert.Equal(30.0, double.Parse("0.30", CultureInfo.CurrentCulture));
            using var set = TempDataSet.Create();

            MarketData data = MarketDataReader.Load(set.Directory);

            Assert.Equal(0.30, data.MarketShares[0].Share);
            Assert.Equal(0.02, data.Markets[0].ShareTolerance);
            Assert.Equal(330e9, data.MarketSizes[1].TotalUsd);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Header_only_file_is_a_valid_empty_table()
    {
        using var set = TempDataSet.Create(("market_sizes.csv", "market_id,period,total_usd,source_id\n"));

        MarketData data = MarketDataReader.Load(set.Directory);

        Assert.Empty(data.MarketSizes);
    }

    [Fact]
    public void Shares_summing_past_1_within_the_tolerance_are_accepted()
    {
        // 0.30 + 0.21 + 0.50 = 1.01 <= 1 + 0.02.
        using var set = TempDataSet.Create((Shares, SharesWith("msft,0.20,", "msft,0.21,")));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Shares_summing_to_exactly_1_plus_tolerance_are_accepted_despite_binary_rounding()
    {
        // 0.1 + 0.2 + 0.72 = 1.02 exactly in decimal (but 1.0200000000000002 in double arithmetic).
        string shares = SharesWith("aws,0.30,", "aws,0.1,");
        shares = Replace(shares, "msft,0.20,", "msft,0.2,");
        shares = Replace(shares, "other,0.50,", "other,0.72,");
        using var set = TempDataSet.Create((Shares, shares));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Share_may_sit_inside_its_published_range()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("aws,0.30,,,,,", "aws,0.30,,,0.25,0.35,")));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    // ---- faults: header --------------------------------------------------------------------------

    [Fact]
    public void Missing_column_is_reported_at_its_expected_position()
    {
        // Drop 'count' (6th column) from the header and every row.
        string shares = string.Join("\n", TempDataSet.Shares.Split('\n').Select(line => line.Length == 0 ? line : string.Join(",", line.Split(',').Where((_, i) => i != 5))));
        using var set = TempDataSet.Create((Shares, shares));

        DataError error = SingleFaultAt(set, Shares, 1, 6);
        Assert.Contains("missing column 'count'", error.Message);
    }

    [Fact]
    public void Extra_column_is_reported_at_its_position()
    {
        string shares = string.Join("\n", TempDataSet.Shares.Split('\n').Select((line, i) => line.Length == 0 ? line : line + (i == 0 ? ",comment" : ",x")));
        using var set = TempDataSet.Create((Shares, shares));

        DataError error = SingleFaultAt(set, Shares, 1, 11);
        Assert.Contains("extra column 'comment'", error.Message);
    }

    [Fact]
    public void Column_in_an_unknown_unit_is_reported_as_extra_and_missing()
    {
        // Units are part of column names: revenue in euros is not revenue_usd.
        using var set = TempDataSet.Create((Shares, SharesWith("share,revenue_usd,", "share,revenue_eur,")));

        IReadOnlyList<DataError> errors = MarketDataReader.Validate(set.Directory);

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith($"{set.PathOf(Shares)}:1:5: ", e.ToString()));
        Assert.Contains(errors, e => e.Message.Contains("extra column 'revenue_eur' (expected 'revenue_usd' here)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("missing column 'revenue_usd'", StringComparison.Ordinal));
    }

    [Fact]
    public void Renamed_column_is_reported_as_extra_and_missing_at_its_position()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("provider_id,share,", "provider_id,shares,")));

        IReadOnlyList<DataError> errors = MarketDataReader.Validate(set.Directory);

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith($"{set.PathOf(Shares)}:1:4: ", e.ToString()));
        Assert.Contains(errors, e => e.Message.Contains("extra column 'shares' (expected 'share' here)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("missing column 'share'", StringComparison.Ordinal));
    }

    [Fact]
    public void Columns_in_the_wrong_order_are_reported_at_the_first_difference()
    {
        string sizes = Replace(TempDataSet.Sizes, "market_id,period,total_usd,source_id", "market_id,period,source_id,total_usd");
        using var set = TempDataSet.Create(("market_sizes.csv", sizes.Split('\n')[0] + "\n"));

        DataError error = SingleFaultAt(set, "market_sizes.csv", 1, 3);
        Assert.Contains("column order: expected 'total_usd', found 'source_id'", error.Message);
    }

    [Fact]
    public void Duplicate_column_is_reported_at_its_second_occurrence()
    {
        using var set = TempDataSet.Create(("market_sizes.csv", "market_id,period,total_usd,source_id,period\n"));

        DataError error = SingleFaultAt(set, "market_sizes.csv", 1, 5);
        Assert.Contains("duplicate column 'period': already at column 2", error.Message);
    }

    // ---- faults: cell types and values -----------------------------------------------------------

    [Fact]
    public void Share_above_one_is_rejected_with_line_and_column()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("msft,0.20,", "msft,1.2,")));

        DataError error = SingleFaultAt(set, Shares, 3, 4);
        Assert.Equal("column 'share': expected a number between 0 and 1, found '1.2'", error.Message);
    }

    [Fact]
    public void Negative_share_is_rejected_with_line_and_column()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("msft,0.20,", "msft,-0.1,")));

        DataError error = SingleFaultAt(set, Shares, 3, 4);
        Assert.Equal("column 'share': expected a number between 0 and 1, found '-0.1'", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("+Infinity")]
    [InlineData("inf")]
    [InlineData("∞")]
    [InlineData("-∞")]
    public void NaN_and_infinity_are_rejected(string value)
    {
        using var set = TempDataSet.Create((Shares, SharesWith("aws,0.30,", $"aws,{value},")));

        DataError error = SingleFaultAt(set, Shares, 2, 4);
        Assert.Equal($"column 'share': expected a number between 0 and 1, found '{value}' (NaN and infinities are not allowed)", error.Message);
    }

    [Fact]
    public void Number_beyond_the_range_of_a_double_is_rejected()
    {
        using var set = TempDataSet.Create(("market_sizes.csv", Replace(TempDataSet.Sizes, "330e9", "1e999")));

        DataError error = SingleFaultAt(set, "market_sizes.csv", 3, 3);
        Assert.Contains("found '1e999' (out of the range of a double)", error.Message);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("99,000,000,000")]
    [InlineData("9.9E+10 ")]
    [InlineData("0x10")]
    public void Malformed_number_is_rejected(string value)
    {
        using var set = TempDataSet.Create(("market_sizes.csv", Replace(TempDataSet.Sizes, "99000000000", $"\"{value}\"")));

        DataError error = SingleFaultAt(set, "market_sizes.csv", 2, 3);
        Assert.Equal($"column 'total_usd': expected a number > 0, found '{value}' (invariant culture: '.' as decimal point, no thousands separators)", error.Message);
    }

    [Fact]
    public void Decimal_comma_is_rejected_not_misread()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("aws,0.30,", "aws,\"0,30\",")));

        DataError error = SingleFaultAt(set, Shares, 2, 4);
        Assert.Contains("found '0,30'", error.Message);
    }

    [Fact]
    public void Zero_market_size_is_rejected()
    {
        using var set = TempDataSet.Create(("market_sizes.csv", Replace(TempDataSet.Sizes, "330e9", "0")));

        DataError error = SingleFaultAt(set, "market_sizes.csv", 3, 3);
        Assert.Equal("column 'total_usd': expected a number > 0, found '0'", error.Message);
    }

    [Fact]
    public void Share_tolerance_of_1_or_more_is_rejected()
    {
        using var set = TempDataSet.Create(("markets.csv", Replace(TempDataSet.Markets, "cloud\",0.02", "cloud\",1")));

        DataError error = SingleFaultAt(set, "markets.csv", 2, 7);
        Assert.Equal("column 'share_tolerance': expected a number >= 0 and < 1, found '1'", error.Message);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("1e3")]
    [InlineData("-3")]
    [InlineData("99999999999999999999")]
    public void Count_that_is_not_a_non_negative_integer_is_rejected(string value)
    {
        using var set = TempDataSet.Create((Shares, SharesWith(",,,1200,", $",,,{value},")));

        DataError error = SingleFaultAt(set, Shares, 6, 6);
        Assert.Equal($"column 'count': expected an integer >= 0, found '{value}'", error.Message);
    }

    [Theory]
    [InlineData("31/07/2025")]
    [InlineData("2025-7-31")]
    [InlineData("2025-02-30")]
    [InlineData("2025-07-31T00:00:00Z")]
    public void Date_that_is_not_iso_yyyy_mm_dd_is_rejected(string value)
    {
        using var set = TempDataSet.Create(("sources.csv", Replace(TempDataSet.Sources, "2025-07-31", value)));

        DataError error = SingleFaultAt(set, "sources.csv", 2, 4);
        Assert.Equal($"column 'date': expected a date yyyy-MM-dd, found '{value}'", error.Message);
    }

    [Fact]
    public void Unknown_measure_is_rejected()
    {
        using var set = TempDataSet.Create(("markets.csv", Replace(TempDataSet.Markets, "global,sites,", "global,users,")));

        DataError error = SingleFaultAt(set, "markets.csv", 3, 5);
        Assert.Equal("column 'measure': unknown value: expected one of revenue, sites, customers, certificates, found 'users'", error.Message);
    }

    [Fact]
    public void Unknown_reliability_grade_is_rejected()
    {
        using var set = TempDataSet.Create(("sources.csv", Replace(TempDataSet.Sources, "CC BY 4.0,B", "CC BY 4.0,b")));

        DataError error = SingleFaultAt(set, "sources.csv", 3, 7);
        Assert.Equal("column 'reliability': unknown value: expected one of A, B, C, found 'b'", error.Message);
    }

    [Theory]
    [InlineData("2025-Q2")]
    [InlineData("2025Q5")]
    [InlineData("25Q2")]
    [InlineData("2025q2")]
    public void Malformed_period_is_rejected(string value)
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cdn,2025Q2,", $"cdn,{value},")));

        DataError error = SingleFaultAt(set, Shares, 6, 2);
        Assert.Equal($"column 'period': expected a year yyyy or a quarter yyyyQn (pattern ^\\d{{4}}(Q[1-4])?$), found '{value}'", error.Message);
    }

    [Fact]
    public void Country_that_is_not_two_capital_letters_is_rejected()
    {
        using var set = TempDataSet.Create(("providers.csv", Replace(TempDataSet.Providers, "msft,Microsoft,,cloud,US", "msft,Microsoft,,cloud,USA")));

        DataError error = SingleFaultAt(set, "providers.csv", 4, 5);
        Assert.Contains("found 'USA'", error.Message);
    }

    [Fact]
    public void Missing_required_value_is_rejected()
    {
        using var set = TempDataSet.Create(("sources.csv", Replace(TempDataSet.Sources, "src-a,Synergy Research Group,", "src-a,,")));

        DataError error = SingleFaultAt(set, "sources.csv", 2, 2);
        Assert.Equal("column 'publisher': missing required value: expected a value, found an empty cell", error.Message);
    }

    [Fact]
    public void Missing_licence_is_rejected_because_every_source_states_its_terms()
    {
        using var set = TempDataSet.Create(("sources.csv", Replace(TempDataSet.Sources, "publisher's copyright,A", ",A")));

        DataError error = SingleFaultAt(set, "sources.csv", 2, 6);
        Assert.StartsWith("column 'licence': missing required value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("0.2")]
    public void Share_rounding_that_is_not_positive_and_at_most_a_tenth_is_rejected(string value)
    {
        using var set = TempDataSet.Create(("markets.csv", MarketsWithRounding(value, string.Empty)));

        DataError error = SingleFaultAt(set, "markets.csv", 2, 8);
        Assert.Equal($"column 'share_rounding': expected a number > 0 and <= 0.1, found '{value}'", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("first")]
    [InlineData("2147483648")]
    public void Rank_that_is_not_a_whole_number_from_1_is_rejected(string value)
    {
        using var set = TempDataSet.Create((Shares, SharesWithRanks((3, value))));

        DataError error = SingleFaultAt(set, Shares, 3, 11);
        Assert.Equal($"column 'rank': expected an integer between 1 and 2147483647, found '{value}'", error.Message);
    }

    [Fact]
    public void Rank_on_the_other_row_is_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWithRanks((4, "3"))));

        DataError error = SingleFaultAt(set, Shares, 4, 11);
        Assert.Equal("column 'rank': rank on the remainder: expected no rank on 'other' (the unallocated remainder is not a firm), found 3", error.Message);
    }

    [Fact]
    public void Duplicate_rank_in_one_market_and_period_is_reported_at_the_later_row()
    {
        using var set = TempDataSet.Create((Shares, SharesWithRanks((2, "1"), (3, "1"))));

        DataError error = SingleFaultAt(set, Shares, 3, 11);
        Assert.Equal("column 'rank': duplicate rank 1 in market 'cloud' period '2025Q2': expected each rank once, already on line 2", error.Message);
    }

    [Fact]
    public void The_same_rank_in_other_periods_or_markets_is_no_duplicate()
    {
        // Lines 2 (cloud 2025Q2), 5 (cloud 2025Q1) and 6 (cdn 2025Q2) are in three different groups.
        using var set = TempDataSet.Create((Shares, SharesWithRanks((2, "1"), (5, "1"), (6, "1"))));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Higher_rank_with_a_larger_share_than_a_better_rank_is_rejected()
    {
        // aws (line 2) has 0.30 at rank 2, msft (line 3) 0.20 at rank 1: rank 2 may not exceed rank 1.
        using var set = TempDataSet.Create((Shares, SharesWithRanks((2, "2"), (3, "1"))));

        DataError error = SingleFaultAt(set, Shares, 2, 11);
        Assert.Equal(
            "column 'rank': ranks contradict the values in market 'cloud' period '2025Q2': rank 2 has share 0.3, "
            + "but the better rank 1 (line 3) has share 0.2; expected a higher rank never to exceed a lower one",
            error.Message);
    }

    [Fact]
    public void Ranks_with_gaps_and_equal_rounded_shares_are_accepted()
    {
        // "DigiCert is 4th": ranks 1 and 4 with ranks 2 and 3 unnamed; equal rounded shares keep any order.
        string shares = TempDataSet.SharesHeader
            + "m,2025,a,0.461,,,,,src-a,\n"   // line 2
            + "m,2025,b,0.083,,,,,src-a,\n"   // line 3
            + "m,2025,c,0.083,,,,,src-a,\n";  // line 4
        // Without markets.csv beside it, ReadMarketShares checks the rows alone (tolerance 0; 0.627 <= 1).
        using var set = TempDataSet.Create((Shares, SharesWithRanks(shares, (2, "1"), (3, "4"), (4, "5"))), ("markets.csv", null));

        IReadOnlyList<MarketShare> rows = MarketDataReader.ReadMarketShares(set.PathOf(Shares));

        Assert.Equal(new int?[] { 1, 4, 5 }, rows.Select(r => r.Rank));
    }

    [Fact]
    public void Ranked_ranges_contradict_only_when_they_cannot_overlap()
    {
        // Line 7: cdn 2025Q1 cloudflare 0.3-0.4 at rank 2. Line 8 at rank 1 with 0.1-0.5 overlaps it: accepted.
        // Line 9 at rank 3 with 0.45-0.5: its low 0.45 exceeds the high 0.4 of rank 2 (the smallest better high).
        // The lows sum to 0.3 + 0.1 + 0.45 = 0.85 <= 1, so the sum check has nothing to say.
        string shares = TempDataSet.Shares
            + "cdn,2025Q1,aws,,,,0.1,0.5,src-b,\n"    // line 8
            + "cdn,2025Q1,msft,,,,0.45,0.5,src-b,\n";  // line 9
        using var set = TempDataSet.Create((Shares, SharesWithRanks(shares, (7, "2"), (8, "1"), (9, "3"))));

        DataError error = SingleFaultAt(set, Shares, 9, 11);
        Assert.Equal(
            "column 'rank': ranks contradict the values in market 'cdn' period '2025Q1': rank 3 has share_low 0.45, "
            + "but the better rank 2 (line 7) has share_high 0.4; expected a higher rank never to exceed a lower one",
            error.Message);
    }

    [Fact]
    public void Higher_rank_with_a_larger_count_than_a_better_rank_is_rejected()
    {
        string shares = TempDataSet.Shares + "cdn,2025Q2,aws,,,1300,,,src-b,\n"; // line 8
        using var set = TempDataSet.Create((Shares, SharesWithRanks(shares, (6, "1"), (8, "2"))));

        DataError error = SingleFaultAt(set, Shares, 8, 11);
        Assert.Contains("rank 2 has count 1300, but the better rank 1 (line 6) has count 1200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranks_in_order_of_shares_are_accepted_and_a_swap_of_unequal_shares_is_rejected()
    {
        // Whole-percent shares of up to six firms, summing to at most 1, in any order.
        Gen<int[]> percents = Gen.Int[0, 16].Array[2, 6];
        using var set = TempDataSet.Create(("markets.csv", null));
        string path = set.PathOf(Shares);

        percents.Sample(
            p =>
            {
                // Rank 1 is the largest share; ties take their order from the row order.
                int[] byShare = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ToArray();
                int[] rank = new int[p.Length];
                for (int r = 0; r < byShare.Length; r++)
                {
                    rank[byShare[r]] = r + 1;
                }

                string Rows(int[] ranks) => TempDataSet.SharesHeader.TrimEnd('\n') + ",rank\n"
                    + string.Concat(p.Select((x, i) => $"m,2025,f{i},{(x / 100m).ToString(CultureInfo.InvariantCulture)},,,,,s,,{ranks[i]}\n"));

                File.WriteAllText(path, Rows(rank));
                Assert.Equal(p.Length, MarketDataReader.ReadMarketShares(path).Count);

                // Swapping the ranks of the largest and smallest share contradicts the shares unless they are equal.
                int top = byShare[0], bottom = byShare[^1];
                int[] swapped = (int[])rank.Clone();
                (swapped[top], swapped[bottom]) = (swapped[bottom], swapped[top]);
                File.WriteAllText(path, Rows(swapped));
                if (p[top] == p[bottom])
                {
                    Assert.Equal(p.Length, MarketDataReader.ReadMarketShares(path).Count);
                }
                else
                {
                    var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.ReadMarketShares(path));
                    Assert.All(ex.Errors, e => Assert.Contains("ranks contradict the values", e.Message, StringComparison.Ordinal));
                }
            },
            iter: 1000,
            threads: 1); // every case rewrites the same file
    }

    [Fact]
    public void Column_that_may_be_absent_keeps_its_place_when_present()
    {
        string shares = SharesWithRanks(TempDataSet.SharesHeader + "cloud,2025Q2,aws,0.30,,,,,src-a,\n")
            .Replace("source_id,note,rank", "source_id,rank,note", StringComparison.Ordinal);
        using var set = TempDataSet.Create((Shares, shares));

        DataError error = SingleFaultAt(set, Shares, 1, 10);
        Assert.Equal(
            "column order: expected 'note', found 'rank' (header must be 'market_id,period,provider_id,share,revenue_usd,count,share_low,share_high,source_id,note,rank')",
            error.Message);
    }

    [Fact]
    public void ReadMarketShares_checks_ranks_too()
    {
        using var set = TempDataSet.Create((Shares, SharesWithRanks((2, "1"), (3, "1"))));

        var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.ReadMarketShares(set.PathOf(Shares)));

        Assert.StartsWith($"{set.PathOf(Shares)}:3:11: column 'rank': duplicate rank 1", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void White_space_is_not_a_required_value()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("1200,,,src-b,", "1200,,,  ,")));

        DataError error = SingleFaultAt(set, Shares, 6, 9);
        Assert.Contains("missing required value", error.Message);
    }

    // ---- faults: market_shares rules -------------------------------------------------------------

    [Fact]
    public void Shares_summing_past_1_beyond_tolerance_are_reported_at_the_first_row_of_the_group()
    {
        // 0.30 + 0.25 + 0.50 = 1.05 > 1 + 0.02.
        using var set = TempDataSet.Create((Shares, SharesWith("msft,0.20,", "msft,0.25,")));

        DataError error = SingleFaultAt(set, Shares, 2, 4);
        Assert.Contains("shares sum past 1: market 'cloud' period '2025Q2' has 3 rows (lines 2-4) whose shares sum to 1.05, expected at most 1 + share_tolerance 0.02", error.Message);
    }

    [Fact]
    public void Range_only_rows_count_with_their_lower_bound_in_the_sum()
    {
        // Market cdn (tolerance 0), 2025Q1: 0.3 (share_low, line 7) + 0.7 (share) + 0.4 (share_low) = 1.4 > 1 + 0.
        string shares = TempDataSet.Shares + "cdn,2025Q1,other,0.7,,,,,src-b,\ncdn,2025Q1,aws,,,,0.4,0.5,src-b,\n";
        using var set = TempDataSet.Create((Shares, shares));

        DataError error = SingleFaultAt(set, Shares, 7, 4);
        Assert.Contains("sum to 1.4", error.Message);
    }

    [Fact]
    public void Shares_with_an_other_row_summing_below_1_minus_tolerance_are_reported_at_the_other_row()
    {
        // 'other' is the remainder, so the group is the whole market: 0.30 + 0.20 + 0.40 = 0.9 < 1 - 0.02.
        using var set = TempDataSet.Create((Shares, SharesWith("other,0.50,", "other,0.40,")));

        DataError error = SingleFaultAt(set, Shares, 4, 4);
        Assert.Equal(
            "shares sum below 1: market 'cloud' period '2025Q2' has 3 rows (lines 2-4) including the remainder 'other', "
            + "so they must sum to 1 within share_tolerance 0.02; found a sum of 0.9, expected at least 0.98",
            error.Message);
    }

    [Fact]
    public void Shares_with_an_other_row_summing_to_exactly_1_minus_tolerance_are_accepted()
    {
        // 0.30 + 0.20 + 0.48 = 0.98 = 1 - 0.02 exactly in decimal.
        using var set = TempDataSet.Create((Shares, SharesWith("other,0.50,", "other,0.48,")));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Shares_without_an_other_row_may_sum_below_1_because_the_gap_is_unallocated()
    {
        // Without line 4 the named shares sum to 0.5.
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q2,other,0.50,,,,,src-a,\n", string.Empty)));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Share_finer_than_the_market_rounding_is_rejected_at_its_share_cell()
    {
        // Market cloud rounds to whole percents (0.01); 0.305 is 30.5 whole-percent steps. The sum
        // 0.305 + 0.20 + 0.50 = 1.005 stays within 1 ± 0.02, so this is the only fault.
        using var set = TempDataSet.Create(
            ("markets.csv", MarketsWithRounding("0.01", string.Empty)),
            (Shares, SharesWith("aws,0.30,", "aws,0.305,")));

        DataError error = SingleFaultAt(set, Shares, 2, 4);
        Assert.Equal(
            "column 'share': finer than the market's rounding: share 0.305 is not a multiple of the share_rounding 0.01 of market 'cloud'; "
            + "expected a whole multiple of 0.01, or share_low and share_high for a share published to another precision",
            error.Message);
    }

    [Fact]
    public void Share_finer_than_the_market_rounding_is_accepted_with_its_own_range()
    {
        // 30.5% published to one decimal: its range [0.3045, 0.3055] states the precision, so the
        // market's whole-percent rounding no longer applies to it.
        using var set = TempDataSet.Create(
            ("markets.csv", MarketsWithRounding("0.01", string.Empty)),
            (Shares, SharesWith("aws,0.30,,,,,", "aws,0.305,,,0.3045,0.3055,")));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Theory]
    [InlineData("0.01", "0.29")]
    [InlineData("0.001", "0.189")]
    [InlineData("0.0001", "0.2051")]
    [InlineData("0.01", "0.070000000001")]
    public void Shares_that_are_multiples_of_the_rounding_in_decimal_are_accepted(string rounding, string share)
    {
        // Binary doubles hold none of these exactly; the check works in decimal and allows 1e-9. Without
        // the 'other' row (line 4) the group may sum below 1.
        string shares = Replace(SharesWith("cloud,2025Q2,other,0.50,,,,,src-a,\n", string.Empty), "aws,0.30,", $"aws,{share},");
        using var set = TempDataSet.Create(("markets.csv", MarketsWithRounding(rounding, string.Empty)), (Shares, shares));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Rounding_unit_too_fine_to_matter_accepts_every_share()
    {
        // share_rounding 1e-30 is valid (> 0) but below decimal's smallest step: every share lies within
        // half a unit of a multiple, so none is reported (and nothing divides by a unit read as 0).
        using var set = TempDataSet.Create(
            ("markets.csv", MarketsWithRounding("1e-30", string.Empty)),
            (Shares, SharesWith("aws,0.30,", "aws,0.3000000001,")));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void ReadMarketShares_checks_the_rounding_of_a_markets_file_beside_it()
    {
        using var set = TempDataSet.Create(
            ("markets.csv", MarketsWithRounding("0.01", string.Empty)),
            (Shares, SharesWith("msft,0.20,", "msft,0.205,")));

        var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.ReadMarketShares(set.PathOf(Shares)));

        Assert.StartsWith($"{set.PathOf(Shares)}:3:4: column 'share': finer than the market's rounding: share 0.205 is not a multiple of the share_rounding 0.01", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void Range_only_rows_count_with_their_upper_bound_against_the_other_row()
    {
        // Market cdn (tolerance 0), 2025Q1: at most 0.4 (share_high, line 7) + 0.5 (other, line 8) = 0.9 < 1.
        using var set = TempDataSet.Create((Shares, TempDataSet.Shares + "cdn,2025Q1,other,0.5,,,,,src-b,\n"));

        DataError error = SingleFaultAt(set, Shares, 8, 4);
        Assert.EndsWith("found a sum of 0.9 (share_high for range-only rows), expected at least 1", error.Message);
    }

    [Fact]
    public void Range_only_rows_whose_upper_bound_reaches_1_with_the_other_row_are_accepted()
    {
        // 0.3 to 0.4 (line 7) + 0.6 (other): the sum lies between 0.9 and 1.0, so it can be 1.
        using var set = TempDataSet.Create((Shares, TempDataSet.Shares + "cdn,2025Q1,other,0.6,,,,,src-b,\n"));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Sum_below_1_is_not_reported_for_a_market_that_lost_a_row_to_a_faulty_period()
    {
        // The msft row's period is faulty, so it is in no group; 'cloud' 2025Q2 then holds only 0.30 + 0.50,
        // which would look short of 1 though the data only lack a valid period.
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q2,msft,", "cloud,2025-Q2,msft,")));

        DataError error = SingleFaultAt(set, Shares, 3, 2);
        Assert.StartsWith("column 'period': expected a year yyyy or a quarter yyyyQn", error.Message);
    }

    [Fact]
    public void Years_and_quarters_mixed_in_one_market_are_reported_at_the_first_row_of_the_other_kind()
    {
        // 'cloud' starts with quarters (line 2); lines 8 and 9 are years. Only the first is reported.
        using var set = TempDataSet.Create((Shares, TempDataSet.Shares + "cloud,2023,aws,,9e10,,,,src-a,\ncloud,2022,aws,,8e10,,,,src-a,\n"));

        DataError error = SingleFaultAt(set, Shares, 8, 2);
        Assert.Equal(
            "column 'period': mixed period kinds in market 'cloud': expected a quarter like line 2 ('2025Q2'), found a year '2023' (a market's series uses years or quarters, not both)",
            error.Message);
    }

    [Fact]
    public void Different_markets_may_use_different_period_kinds()
    {
        // 'cdn' in years, 'cloud' in quarters.
        string shares = SharesWith("cdn,2025Q2,", "cdn,2025,");
        shares = Replace(shares, "cdn,2025Q1,", "cdn,2024,");
        using var set = TempDataSet.Create((Shares, shares));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Counts_that_are_all_zero_leave_no_share_to_derive()
    {
        string text = "market_id,period,provider_id,share,revenue_usd,count,share_low,share_high,source_id,note\n"
            + "m,2020,a,,,0,,,s,\n"
            + "m,2020,b,,,0,,,s,\n";
        string file = Path.Combine(Path.GetTempPath(), $"zero-counts-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, text);
        try
        {
            var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.ReadMarketShares(file));
            var error = Assert.Single(ex.Errors);
            Assert.Equal((2, 6), (error.Line, error.Column));
            Assert.StartsWith("count all 0 in market 'm' period '2020'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Mixed_measures_in_one_market_and_period_are_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q2,other,0.50,,,,,src-a,\n", "cloud,2025Q2,other,0.50,,,,,src-a,\ncloud,2025Q2,cloudflare,,5e9,,,,src-a,\n")));

        DataError error = SingleFaultAt(set, Shares, 5, 5);
        Assert.Equal("mixed measures in market 'cloud' period '2025Q2': expected share like line 2, found revenue_usd", error.Message);
    }

    [Fact]
    public void Row_with_two_measures_is_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q1,aws,,1.07e11,", "cloud,2025Q1,aws,0.3,1.07e11,")));

        DataError error = SingleFaultAt(set, Shares, 5, 5);
        Assert.Equal("column 'revenue_usd': several measures: expected exactly one of share, revenue_usd or count, found share and revenue_usd", error.Message);
    }

    [Fact]
    public void Row_without_a_measure_is_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q1,aws,,1.07e11,", "cloud,2025Q1,aws,,,")));

        DataError error = SingleFaultAt(set, Shares, 5, 4);
        Assert.StartsWith("no measure: expected exactly one of share, revenue_usd or count", error.Message);
    }

    [Fact]
    public void Range_with_only_one_end_is_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWith(",0.3,0.4,src-b", ",0.3,,src-b")));

        DataError error = SingleFaultAt(set, Shares, 7, 8);
        Assert.Equal("column 'share_high': incomplete range: expected share_low and share_high together, found only share_low", error.Message);
    }

    [Fact]
    public void Inverted_range_is_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWith(",0.3,0.4,src-b", ",0.4,0.3,src-b")));

        DataError error = SingleFaultAt(set, Shares, 7, 7);
        Assert.Equal("column 'share_low': inverted range: expected share_low <= share_high, found 0.4 > 0.3", error.Message);
    }

    [Fact]
    public void Share_outside_its_range_is_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("aws,0.30,,,,,", "aws,0.30,,,0.31,0.35,")));

        DataError error = SingleFaultAt(set, Shares, 2, 4);
        Assert.Contains("outside its range", error.Message);
    }

    [Fact]
    public void Range_beside_a_count_is_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWith(",,,1200,,,", ",,,1200,0.1,0.2,")));

        DataError error = SingleFaultAt(set, Shares, 6, 7);
        Assert.Contains("a share range cannot accompany count", error.Message);
    }

    [Fact]
    public void Count_in_a_revenue_market_is_rejected_as_a_unit_mismatch()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q1,aws,,1.07e11,", "cloud,2025Q1,aws,,,5")));

        DataError error = SingleFaultAt(set, Shares, 5, 6);
        Assert.Equal("column 'count': unit does not fit the market: market 'cloud' measures revenue, expected share or revenue_usd, found count", error.Message);
    }

    [Fact]
    public void Revenue_in_a_sites_market_is_rejected_as_a_unit_mismatch()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cdn,2025Q2,cloudflare,,,1200,", "cdn,2025Q2,cloudflare,,1200,,")));

        DataError error = SingleFaultAt(set, Shares, 6, 5);
        Assert.Contains("market 'cdn' measures sites", error.Message);
    }

    // ---- faults: keys ----------------------------------------------------------------------------

    [Fact]
    public void Duplicate_primary_key_names_the_first_occurrence()
    {
        using var set = TempDataSet.Create(("providers.csv", TempDataSet.Providers + "aws,AWS again,,cloud,US\n"));

        DataError error = SingleFaultAt(set, "providers.csv", 6, 1);
        Assert.Equal("duplicate primary key (provider_id) = ('aws'): first occurrence on line 3", error.Message);
    }

    [Fact]
    public void Duplicate_composite_key_names_the_first_occurrence()
    {
        using var set = TempDataSet.Create((Shares, TempDataSet.Shares + "cloud,2025Q2,msft,0,,,,,src-a,\n"));

        DataError error = SingleFaultAt(set, Shares, 8, 1);
        Assert.Equal("duplicate primary key (market_id, period, provider_id) = ('cloud', '2025Q2', 'msft'): first occurrence on line 3", error.Message);
    }

    [Fact]
    public void Dangling_provider_reference_is_rejected()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q2,msft,", "cloud,2025Q2,google,")));

        DataError error = SingleFaultAt(set, Shares, 3, 3);
        Assert.Equal("column 'provider_id': dangling reference: expected a provider_id of providers.csv, found 'google'", error.Message);
    }

    [Fact]
    public void Dangling_market_and_source_references_are_each_rejected()
    {
        using var set = TempDataSet.Create(("market_sizes.csv", Replace(Replace(TempDataSet.Sizes, "cloud,2025Q1", "clouds,2025Q1"), "99000000000,src-a", "99000000000,src-z")));

        IReadOnlyList<DataError> errors = MarketDataReader.Validate(set.Directory);

        Assert.Equal(
            [$"{set.PathOf("market_sizes.csv")}:2:4: column 'source_id': dangling reference: expected a source_id of sources.csv, found 'src-z'",
             $"{set.PathOf("market_sizes.csv")}:3:1: column 'market_id': dangling reference: expected a market_id of markets.csv, found 'clouds'"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Dangling_parent_reference_is_rejected()
    {
        using var set = TempDataSet.Create(("providers.csv", Replace(TempDataSet.Providers, "aws,Amazon Web Services,amazon,", "aws,Amazon Web Services,amzn,")));

        SingleFaultAt(set, "providers.csv", 3, 3);
    }

    [Fact]
    public void Provider_named_other_is_rejected_because_the_id_is_reserved()
    {
        using var set = TempDataSet.Create(("providers.csv", TempDataSet.Providers + "other,Others,,cloud,\n"));

        DataError error = SingleFaultAt(set, "providers.csv", 6, 1);
        Assert.Contains("reserved id", error.Message);
    }

    // ---- faults: file and row structure ----------------------------------------------------------

    [Fact]
    public void Empty_file_is_reported_at_line_0_column_0()
    {
        using var set = TempDataSet.Create(("market_sizes.csv", string.Empty));

        DataError error = SingleFaultAt(set, "market_sizes.csv", 0, 0);
        Assert.Equal("empty file: expected at least the header 'market_id,period,total_usd,source_id'", error.Message);
    }

    [Fact]
    public void File_holding_only_a_byte_order_mark_is_empty()
    {
        using var set = TempDataSet.CreateBytes(("market_sizes.csv", [0xEF, 0xBB, 0xBF]));

        SingleFaultAt(set, "market_sizes.csv", 0, 0);
    }

    [Fact]
    public void Missing_file_is_reported_at_line_0_column_0()
    {
        using var set = TempDataSet.Create(("market_sizes.csv", null));

        DataError error = SingleFaultAt(set, "market_sizes.csv", 0, 0);
        Assert.StartsWith("missing file", error.Message);
    }

    [Fact]
    public void Missing_referenced_file_does_not_add_a_dangling_reference_per_row()
    {
        using var set = TempDataSet.Create(("providers.csv", null));

        SingleFaultAt(set, "providers.csv", 0, 0);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_at_line_and_byte_column()
    {
        // Line 3 is "src-b,W3T\xE9chs,..." in Latin-1: the lone byte 0xE9 is the 10th byte of the line.
        byte[] bytes = [.. Encoding.UTF8.GetBytes(TempDataSet.Sources.Split("W3Techs")[0] + "W3T"), 0xE9, .. Encoding.UTF8.GetBytes("chs" + TempDataSet.Sources.Split("W3Techs")[1])];
        using var set = TempDataSet.CreateBytes(("sources.csv", bytes));

        IReadOnlyList<DataError> errors = MarketDataReader.Validate(set.Directory);

        DataError error = Assert.Single(errors);
        Assert.Equal($"{set.PathOf("sources.csv")}:3:10: invalid UTF-8: expected UTF-8 text, found byte 0xE9 (save the file as UTF-8)", error.ToString());
    }

    [Fact]
    public void Overlong_utf8_encoding_is_rejected()
    {
        // 0xC0 0xAF is an overlong '/', which strict decoders must refuse; the byte order mark counts on line 1.
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("market_id,period,total_usd,source_id\r\ncloud,2025Q2,1,src"), 0xC0, 0xAF, .. "\r\n"u8];
        using var set = TempDataSet.CreateBytes(("market_sizes.csv", bytes));

        SingleFaultAt(set, "market_sizes.csv", 2, 19);
    }

    [Fact]
    public void Row_with_too_few_fields_is_reported_at_the_first_missing_field()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q2,msft,0.20,,,,,src-a,\n", "cloud,2025Q2,msft,0.20,,,,,src-a\n")));

        DataError error = SingleFaultAt(set, Shares, 3, 10);
        Assert.Equal("wrong number of fields: expected 10, found 9 (row ends early)", error.Message);
    }

    [Fact]
    public void Row_with_too_many_fields_is_reported_at_the_first_surplus_field()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("cloud,2025Q2,msft,0.20,,,,,src-a,\n", "cloud,2025Q2,msft,0.20,,,,,src-a,,x\n")));

        DataError error = SingleFaultAt(set, Shares, 3, 11);
        Assert.Equal("wrong number of fields: expected 10, found 11 (first surplus field 'x')", error.Message);
    }

    [Fact]
    public void Blank_line_between_rows_is_reported_not_skipped()
    {
        string[] lines = TempDataSet.Sizes.Split('\n');
        string withBlank = string.Join('\n', lines.Take(2)) + "\n\n" + string.Join('\n', lines.Skip(2));
        using var set = TempDataSet.Create(("market_sizes.csv", withBlank));

        DataError error = SingleFaultAt(set, "market_sizes.csv", 3, 0);
        Assert.Equal("blank line: expected 4 fields", error.Message);
    }

    [Fact]
    public void Blank_lines_at_the_end_of_a_file_hold_no_row_and_are_accepted()
    {
        using var set = TempDataSet.Create(("market_sizes.csv", TempDataSet.Sizes + "\n\n"));

        Assert.Empty(MarketDataReader.Validate(set.Directory));
    }

    [Fact]
    public void Header_missing_a_column_is_one_fault_not_one_per_row()
    {
        // The header lost 'source_id'; both data rows still have the four fields the schema expects.
        string sizes = TempDataSet.Sizes.Replace("market_id,period,total_usd,source_id", "market_id,period,total_usd", StringComparison.Ordinal);
        using var set = TempDataSet.Create(("market_sizes.csv", sizes));

        var faults = MarketDataReader.Validate(set.Directory).Where(e => e.File.EndsWith("market_sizes.csv", StringComparison.Ordinal)).ToList();
        Assert.Contains(faults, e => e.Line == 1 && e.Message.StartsWith("missing column 'source_id'", StringComparison.Ordinal));
        var summary = Assert.Single(faults, e => e.Message.StartsWith("header has 3 fields", StringComparison.Ordinal));
        Assert.Equal((1, 0), (summary.Line, summary.Column));
        Assert.DoesNotContain(faults, e => e.Message.StartsWith("wrong number of fields", StringComparison.Ordinal));
    }

    [Fact]
    public void Unterminated_quote_is_reported_where_the_field_starts()
    {
        using var set = TempDataSet.Create((Shares, SharesWith("msft,0.20,,,,,src-a,\n", "msft,0.20,,,,,src-a,\"open\n")));

        DataError error = SingleFaultAt(set, Shares, 3, 10);
        Assert.Equal("column 'note': malformed quoting: expected a closing quote, found the end of the file", error.Message);
    }

    [Fact]
    public void Stray_quote_inside_an_unquoted_field_is_rejected()
    {
        using var set = TempDataSet.Create(("sources.csv", Replace(TempDataSet.Sources, "Cloud market Q2 2025", "Cloud \"market\" Q2 2025")));

        DataError error = SingleFaultAt(set, "sources.csv", 2, 3);
        Assert.StartsWith("column 'title': malformed quoting", error.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_rejected()
    {
        using var set = TempDataSet.Create(("sources.csv", Replace(TempDataSet.Sources, "\"Usage of CDNs, 2025\"", "\"Usage of CDNs\" 2025")));

        DataError error = SingleFaultAt(set, "sources.csv", 3, 3);
        Assert.Equal("column 'title': malformed quoting: expected a separator or line end after the closing quote, found ' 2025'", error.Message);
    }

    // ---- every fault, Load and arguments ---------------------------------------------------------

    [Fact]
    public void Validate_lists_every_fault_across_files_in_table_then_line_order()
    {
        string directory = Path.Join(AppContext.BaseDirectory, "Data", "Fixtures", "faulty");

        IReadOnlyList<DataError> errors = MarketDataReader.Validate(directory);

        string P(string file) => Path.Join(directory, file);
        Assert.Equal(
            [
                $"{P("sources.csv")}:3:7: column 'reliability': unknown value: expected one of A, B, C, found 'D'",
                $"{P("providers.csv")}:4:1: duplicate primary key (provider_id) = ('aws'): first occurrence on line 2",
                $"{P("markets.csv")}:2:7: column 'share_tolerance': expected a number >= 0 and < 1, found 'NaN' (NaN and infinities are not allowed)",
                $"{P("market_shares.csv")}:3:4: column 'share': expected a number between 0 and 1, found '1.2'",
                $"{P("market_shares.csv")}:4:3: column 'provider_id': dangling reference: expected a provider_id of providers.csv, found 'google'",
                $"{P("market_sizes.csv")}:0:0: empty file: expected at least the header 'market_id,period,total_usd,source_id'",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Load_throws_with_every_fault_in_the_message()
    {
        string directory = Path.Join(AppContext.BaseDirectory, "Data", "Fixtures", "faulty");

        var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.Load(directory));

        Assert.Equal(6, ex.Errors.Count);
        Assert.Equal(string.Join(Environment.NewLine, ex.Errors), ex.Message);
    }

    [Fact]
    public void Null_or_empty_directory_is_an_argument_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => MarketDataReader.Validate(null!));
        Assert.ThrowsAny<ArgumentException>(() => MarketDataReader.Validate(string.Empty));
        Assert.ThrowsAny<ArgumentException>(() => MarketDataReader.Load(string.Empty));
        Assert.ThrowsAny<ArgumentException>(() => MarketDataReader.ReadMarketShares(string.Empty));
    }

    [Fact]
    public void Missing_directory_throws_directory_not_found()
    {
        string missing = Path.Join(Path.GetTempPath(), "risktoolkit-missing-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<DirectoryNotFoundException>(() => MarketDataReader.Validate(missing));
        Assert.Throws<DirectoryNotFoundException>(() => MarketDataReader.Load(missing));
    }

    // ---- ReadMarketShares ------------------------------------------------------------------------

    [Fact]
    public void ReadMarketShares_applies_the_tolerance_of_a_markets_file_beside_it()
    {
        // 0.30 + 0.21 + 0.50 = 1.01: within cloud's tolerance 0.02.
        using var set = TempDataSet.Create((Shares, SharesWith("msft,0.20,", "msft,0.21,")));

        IReadOnlyList<MarketShare> rows = MarketDataReader.ReadMarketShares(set.PathOf(Shares));

        Assert.Equal(6, rows.Count);
        Assert.Equal(0.21, rows[1].Share);
    }

    [Fact]
    public void ReadMarketShares_without_markets_file_uses_tolerance_0_and_skips_market_references()
    {
        // Same 1.01 sum, but with no markets.csv the tolerance is 0; the unknown market 'nowhere' is not checked.
        string shares = SharesWith("msft,0.20,", "msft,0.21,") + "nowhere,2025,aws,0.5,,,,,src-a,\n";
        using var set = TempDataSet.Create((Shares, shares), ("markets.csv", null));

        var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.ReadMarketShares(set.PathOf(Shares)));

        DataError error = Assert.Single(ex.Errors);
        Assert.StartsWith($"{set.PathOf(Shares)}:2:4: shares sum past 1", error.ToString());
        Assert.Contains("sum to 1.01, expected at most 1 + share_tolerance 0", error.Message);
    }

    [Fact]
    public void ReadMarketShares_checks_markets_but_not_providers_or_sources()
    {
        string shares = TempDataSet.Shares + "nowhere,2025,unlisted,0.5,,,,,no-such-source,\n";
        using var set = TempDataSet.Create((Shares, shares));

        var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.ReadMarketShares(set.PathOf(Shares)));

        DataError error = Assert.Single(ex.Errors);
        Assert.StartsWith($"{set.PathOf(Shares)}:8:1: column 'market_id': dangling reference", error.ToString());
    }

    [Fact]
    public void ReadMarketShares_of_a_folder_says_it_is_a_folder()
    {
        using var set = TempDataSet.Create();

        var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.ReadMarketShares(set.Directory));
        var error = Assert.Single(ex.Errors);
        Assert.Equal((0, 0), (error.Line, error.Column));
        Assert.StartsWith("is a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadMarketShares_reports_a_missing_file_as_a_fault()
    {
        string missing = Path.Join(Path.GetTempPath(), "risktoolkit-missing-" + Guid.NewGuid().ToString("N"), Shares);

        var ex = Assert.Throws<DataValidationException>(() => MarketDataReader.ReadMarketShares(missing));

        Assert.StartsWith($"{missing}:0:0: missing file", Assert.Single(ex.Errors).ToString());
    }

    // ---- the bundled data ------------------------------------------------------------------------

    [Fact]
    public void Bundled_data_directory_is_valid_and_not_empty()
    {
        // data/ is committed: a missing or emptied table must fail here, not pass unnoticed.
        Assert.Empty(MarketDataReader.Validate(RepoPaths.Data).Select(e => e.ToString()));

        MarketData data = MarketDataReader.Load(RepoPaths.Data);
        Assert.NotEmpty(data.Sources);
        Assert.NotEmpty(data.Providers);
        Assert.NotEmpty(data.Markets);
        Assert.NotEmpty(data.MarketShares);
        Assert.NotEmpty(data.MarketSizes);
    }

    [Fact]
    public void Bundled_synergy_quarters_have_no_other_row_because_synergy_publishes_none()
    {
        // Synergy publishes the named providers' shares (and sometimes a top-three total), never an
        // "others" share: a row of 1 - the named shares would be read as a published whole-percent figure
        // and pin the named total. The analysis derives the remainder itself (data/README.md).
        MarketData data = MarketDataReader.Load(RepoPaths.Data);

        var synergy = data.MarketShares.Where(r => r.MarketId == "cloud-infra-synergy").ToList();
        Assert.Equal(10, synergy.Select(r => r.Period).Distinct().Count());
        Assert.DoesNotContain(synergy, r => r.IsOther);
        Assert.Contains(data.MarketShares, r => r.MarketId == "cloud-infra-canalys" && r.IsOther);
    }
}
