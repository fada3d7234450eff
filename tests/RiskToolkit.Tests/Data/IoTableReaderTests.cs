using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Data;

public class IoTableReaderTests
{
    private const string SectorsFile = "io_sectors.csv";
    private const string CoefficientsFile = "io_coefficients.csv";

    // Line numbers below are relied on by the tests; the header is line 1. src-a is a source of TempDataSet.
    private const string Sectors =
        "sector_id,name,naics,total_output_usd,year,source_id,note\n"
        + "AGR,Agriculture,11,1000,2015,src-a,\n"                  // line 2
        + "MFG,\"Manufacturing, all\",31-33,2000,2015,src-a,\n"     // line 3
        + "SRV,Services,52;53,4000,2015,src-a,a note\n";           // line 4

    // Column sums: AGR 0.45, MFG 0.55, SRV 0.3.
    private const string Coefficients =
        "sector,AGR,MFG,SRV\n"
        + "AGR,0.1,0.2,0\n"        // line 2
        + "MFG,0.3,0.25,0.1\n"     // line 3
        + "SRV,0.05,0.1,0.2\n";    // line 4

    private static TempDataSet Set(string sectors = Sectors, string? coefficients = Coefficients) =>
        TempDataSet.Create((SectorsFile, sectors), (CoefficientsFile, coefficients));

    private static DataError SingleFaultAt(TempDataSet set, string file, int line, int column) =>
        TempDataSet.SingleFault(IoTableReader.Validate(set.Directory), set.PathOf(file), line, column);

    private static void Throws(TempDataSet set, string message)
    {
        var ex = Assert.Throws<DataValidationException>(() => IoTableReader.Load(set.Directory));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_table_has_the_fifteen_bea_sectors_with_their_2015_output()
    {
        IoTable table = IoTableReader.Load(RepoPaths.Data);

        Assert.Equal(["AGR", "MIN", "UTL", "CON", "MFG", "WHL", "RET", "TRN", "INF", "FIR", "PRO", "EHS", "AER", "OSV", "GOV"], table.SectorIds);
        Assert.Equal(2015, table.Year);
        Assert.Equal("bea-io-2015", table.SourceId);

        // Dataset README, "Sector outputs": AGR 446,731 and GOV 3,519,699 million USD; all sectors 31,397,024 million USD.
        Assert.Equal(446_731e6, table.TotalOutputUsd[0]);
        Assert.Equal(3_519_699e6, table.TotalOutputUsd[14]);
        Assert.Equal(31_397_024e6, table.TotalOutputUsd.Sum());
    }

    [Fact]
    public void Bundled_column_sums_of_a_are_the_published_ones()
    {
        // Dataset README, "column sum of A", four decimals (tolerance 5e-5).
        double[] published = [0.6062, 0.2692, 0.2898, 0.4559, 0.6222, 0.2942, 0.3546, 0.4755, 0.4501, 0.3407, 0.3666, 0.4075, 0.4449, 0.3717, 0.3314];
        var a = IoTableReader.Load(RepoPaths.Data).TechnicalCoefficients;

        for (int j = 0; j < 15; j++)
        {
            Assert.Equal(published[j], a.Column(j).Sum(), 5e-5);
        }

        // "its diagonal A[MFG,MFG] = 0.331".
        Assert.Equal(0.331, a[4, 4], 5e-4);
    }

    [Fact]
    public void Every_naics_sector_of_services_belongs_to_one_bundled_sector()
    {
        IoTable table = IoTableReader.Load(RepoPaths.Data);

        Assert.All(DependencyTables.NaicsSectors, code => Assert.NotNull(table.SectorOfNaics(code)));
        Assert.Equal("FIR", table.SectorOfNaics("52"));
        Assert.Equal("FIR", table.SectorOfNaics("53"));
        Assert.Equal("PRO", table.SectorOfNaics("55"));
        Assert.Equal("MFG", table.SectorOfNaics("31-33"));
        Assert.Equal("GOV", table.SectorOfNaics("92"));
        Assert.Null(table.SectorOfNaics("31"));
    }

    [Fact]
    public void Small_table_loads_in_file_order()
    {
        using var set = Set();

        IoTable table = IoTableReader.Load(set.Directory);

        Assert.Equal(["AGR", "MFG", "SRV"], table.SectorIds);
        Assert.Equal("Manufacturing, all", table.SectorNames[1]);
        Assert.Equal(["52", "53"], table.Naics[2]);
        Assert.Equal([1000.0, 2000, 4000], table.TotalOutputUsd);
        Assert.Equal(0.3, table.TechnicalCoefficients[1, 0]);
        Assert.Equal(0.1, table.TechnicalCoefficients[1, 2]);
        Assert.Empty(IoTableReader.Validate(set.Directory));
    }

    [Fact]
    public void Missing_coefficient_file_is_a_fault_of_the_whole_file()
    {
        using var set = Set(coefficients: null);

        DataError error = SingleFaultAt(set, CoefficientsFile, 0, 0);
        Assert.Contains("missing file", error.Message, StringComparison.Ordinal);
        Throws(set, "missing file");
    }

    [Fact]
    public void Wrong_first_column_of_the_sector_file_is_named_in_the_header()
    {
        using var set = Set(sectors: Sectors.Replace("sector_id,name", "id,name", StringComparison.Ordinal));

        IReadOnlyList<DataError> errors = IoTableReader.Validate(set.Directory);

        Assert.Contains(errors, e => e.File == set.PathOf(SectorsFile) && e.Line == 1 && e.Column == 1 && e.Message.Contains("extra column 'id'", StringComparison.Ordinal));
    }

    [Fact]
    public void Non_numeric_coefficient_is_located()
    {
        using var set = Set(coefficients: Coefficients.Replace("AGR,0.1,0.2,0", "AGR,0.1,abc,0", StringComparison.Ordinal));

        Assert.Contains("column 'MFG': expected a number >= 0, found 'abc'", SingleFaultAt(set, CoefficientsFile, 2, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_coefficient_is_rejected()
    {
        using var set = Set(coefficients: Coefficients.Replace("SRV,0.05,0.1,0.2", "SRV,0.05,NaN,0.2", StringComparison.Ordinal));

        Assert.Contains("NaN and infinities are not allowed", SingleFaultAt(set, CoefficientsFile, 4, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_coefficient_is_rejected()
    {
        using var set = Set(coefficients: Coefficients.Replace("MFG,0.3,0.25,0.1", "MFG,0.3,0.25,-0.1", StringComparison.Ordinal));

        Assert.Contains("expected a number >= 0, found '-0.1'", SingleFaultAt(set, CoefficientsFile, 3, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_sum_of_one_or_more_is_not_productive_and_located_at_the_column_header()
    {
        // MFG column: 0.2 + 0.8 + 0.1 = 1.1.
        using var set = Set(coefficients: Coefficients.Replace("MFG,0.3,0.25,0.1", "MFG,0.3,0.8,0.1", StringComparison.Ordinal));

        DataError error = SingleFaultAt(set, CoefficientsFile, 1, 3);
        Assert.Contains("column 'MFG': not productive: the column sum of A is", error.Message, StringComparison.Ordinal);
        Throws(set, "expected below 1");
    }

    [Fact]
    public void Coefficient_columns_must_be_the_sectors_in_their_order()
    {
        using var set = Set(coefficients: Coefficients.Replace("sector,AGR,MFG,SRV", "sector,AGR,SRV,MFG", StringComparison.Ordinal));

        DataError error = SingleFaultAt(set, CoefficientsFile, 1, 3);
        Assert.Contains("column order: expected 'MFG', found 'SRV'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coefficient_column_for_a_sector_the_sector_file_lacks_is_an_extra_column()
    {
        using var set = Set(coefficients: Coefficients.Replace("sector,AGR,MFG,SRV", "sector,AGR,MFG,OTH", StringComparison.Ordinal));

        IReadOnlyList<DataError> errors = IoTableReader.Validate(set.Directory);

        Assert.Contains(errors, e => (e.Line, e.Column) == (1, 4) && e.Message.Contains("extra column 'OTH'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 1 && e.Message.Contains("missing column 'SRV'", StringComparison.Ordinal));
    }

    [Fact]
    public void Coefficient_rows_out_of_order_are_each_located()
    {
        string swapped = "sector,AGR,MFG,SRV\nAGR,0.1,0.2,0\nSRV,0.05,0.1,0.2\nMFG,0.3,0.25,0.1\n";
        using var set = Set(coefficients: swapped);

        IReadOnlyList<DataError> errors = IoTableReader.Validate(set.Directory);

        Assert.Equal(
            [
                $"{set.PathOf(CoefficientsFile)}:3:1: column 'sector': sector order: expected 'MFG' (row 2 of io_sectors.csv), found 'SRV'",
                $"{set.PathOf(CoefficientsFile)}:4:1: column 'sector': sector order: expected 'SRV' (row 3 of io_sectors.csv), found 'MFG'",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Missing_coefficient_row_names_the_first_missing_sector()
    {
        using var set = Set(coefficients: "sector,AGR,MFG,SRV\nAGR,0.1,0.2,0\nMFG,0.3,0.25,0.1\n");

        Assert.Contains("found 2; first missing 'SRV'", SingleFaultAt(set, CoefficientsFile, 0, 0).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_sector_is_a_duplicate_primary_key()
    {
        using var set = Set(sectors: Sectors.Replace("SRV,Services", "AGR,Services", StringComparison.Ordinal));

        IReadOnlyList<DataError> errors = IoTableReader.Validate(set.Directory);

        DataError error = Assert.Single(errors, e => e.File == set.PathOf(SectorsFile));
        Assert.Equal($"{set.PathOf(SectorsFile)}:4:1: duplicate primary key (sector_id) = ('AGR'): first occurrence on line 2", error.ToString());
    }

    [Fact]
    public void Naics_code_claimed_by_two_sectors_names_the_first_owner()
    {
        using var set = Set(sectors: Sectors.Replace("52;53", "52;11", StringComparison.Ordinal));

        Assert.Contains("NAICS code '11' claimed twice: already given to sector 'AGR' on line 2", SingleFaultAt(set, SectorsFile, 4, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_naics_code_lists_the_accepted_ones()
    {
        using var set = Set(sectors: Sectors.Replace("52;53", "52;99", StringComparison.Ordinal));

        Assert.Contains("unknown NAICS code '99': expected NAICS 2022 sectors as services.sector writes them (11, 21,", SingleFaultAt(set, SectorsFile, 4, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Naics_list_that_is_not_codes_joined_by_semicolons_is_rejected()
    {
        using var set = Set(sectors: Sectors.Replace("52;53", "52/53", StringComparison.Ordinal));

        Assert.Contains("NAICS sector codes joined by ';'", SingleFaultAt(set, SectorsFile, 4, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_with_another_year_are_located()
    {
        using var set = Set(sectors: Sectors.Replace("2000,2015", "2000,2016", StringComparison.Ordinal));

        Assert.Contains("column 'year': mixed values: expected '2015' as on line 2", SingleFaultAt(set, SectorsFile, 3, 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_source_is_a_dangling_reference()
    {
        using var set = Set(sectors: Sectors.Replace("src-a,\n", "src-z,\n", StringComparison.Ordinal));

        IReadOnlyList<DataError> errors = IoTableReader.Validate(set.Directory);

        Assert.Contains(errors, e => (e.File, e.Line, e.Column) == (set.PathOf(SectorsFile), 2, 6) && e.Message.Contains("dangling reference", StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_output_is_rejected()
    {
        using var set = Set(sectors: Sectors.Replace(",1000,", ",0,", StringComparison.Ordinal));

        Assert.Contains("expected a number > 0, found '0'", SingleFaultAt(set, SectorsFile, 2, 4).Message, StringComparison.Ordinal);
    }
}
