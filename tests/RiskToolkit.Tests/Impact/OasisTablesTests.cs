using System.Globalization;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public sealed class OasisTablesTests : IDisposable
{
    private const int Mar1 = (31 + 28) * 24 * 60;

    private static readonly EventLossSamples[] Catalogue =
    [
        new(1, "us-east-1 day", 0.5, [0, 100, 200]),
        new(2, "dns hour", 0.25, [50]),
    ];

    private readonly string _dir = Path.Join(Path.GetTempPath(), "oasis-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>
    /// Four periods: period 1 has event 1 sample 3 (200) on 1 March 13:05; period 3 has event 2 sample 1 (50)
    /// on 1 January 00:00 and event 1 sample 2 (100) on 31 December 23:59. Periods 2 and 4 are empty.
    /// Aggregate losses 200, 0, 150, 0; occurrence losses 200, 0, 100, 0.
    /// </summary>
    private static PeriodLossTable FourPeriods() => PeriodLossTable.FromOccurrences(4,
    [
        new(3, 1, 2, 100, PeriodOccurrence.MinutesPerYear - 1),
        new(1, 1, 3, 200, Mar1 + (13 * 60) + 5),
        new(3, 2, 1, 50, 0),
    ]);

    private string[] Lines(string file) => File.ReadAllText(Path.Join(_dir, file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Headers_are_the_ord_column_layouts()
    {
        OasisTables.Write(_dir, Catalogue, FourPeriods());

        Assert.Equal("EventId,SummaryId,SampleId,Loss,ImpactedExposure", Lines("elt_selt.csv")[0]);
        Assert.Equal("EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,MaxLoss,FootprintExposure,MeanImpactedExposure,MaxImpactedExposure", Lines("elt_melt.csv")[0]);
        Assert.Equal("Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss,ImpactedExposure", Lines("plt_splt.csv")[0]);
        Assert.Equal("SummaryId,EPCalc,EPType,ReturnPeriod,Loss", Lines("ept.csv")[0]);
        Assert.Equal("SummaryId,SampleType,MeanLoss,SDLoss", Lines("palt.csv")[0]);
    }

    [Fact]
    public void Only_the_five_tables_are_left_in_the_folder()
    {
        OasisTables.Write(_dir, Catalogue, FourPeriods());

        Assert.Equal(["elt_melt.csv", "elt_selt.csv", "ept.csv", "palt.csv", "plt_splt.csv"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Selt_has_one_row_per_event_and_sample()
    {
        OasisTables.Write(_dir, Catalogue, FourPeriods(), exposureUsd: 1e6);

        Assert.Equal(["1,1,1,0,1000000", "1,1,2,100,1000000", "1,1,3,200,1000000", "2,1,1,50,1000000"], Lines("elt_selt.csv").Skip(1));
    }

    [Fact]
    public void Melt_moments_by_hand()
    {
        OasisTables.Write(_dir, Catalogue, FourPeriods());

        // Event 1, samples 0, 100, 200: chance of loss 2/3, mean 100, SD √((100² + 0 + 100²)/2) = 100, max 200.
        // Event 2, one sample 50: chance 1, mean 50, SD undefined (empty cell), max 50.
        Assert.Equal(
            ["1,1,2,0.5,0.6666666666666666,100,100,200,0,0,0", "2,1,2,0.25,1,50,,50,0,0,0"],
            Lines("elt_melt.csv").Skip(1));
    }

    [Fact]
    public void Splt_has_one_row_per_occurrence_with_its_date()
    {
        OasisTables.Write(_dir, Catalogue, FourPeriods());

        // PeriodWeight 1/4; Year = period; rows by period then time of year.
        Assert.Equal(
        [
            "1,0.25,1,1,3,1,13,5,1,3,200,0",
            "3,0.25,2,3,1,1,0,0,1,1,50,0",
            "3,0.25,1,3,12,31,23,59,1,2,100,0",
        ],
            Lines("plt_splt.csv").Skip(1));
    }

    [Fact]
    public void Ept_rows_by_hand()
    {
        OasisTables.Write(_dir, Catalogue, FourPeriods(), returnPeriods: [1, 2, 3, 4, 5]);

        // P = 4. Sorted AEP 200, 150, 0, 0; OEP 200, 100, 0, 0.
        // T = 4 → rank 1: 200 / 200; TVaR 200 / 200.
        // T = 3 → r = 4/3, i = 2, w = (3·2 − 4)·1/4 = 0.5: OEP 0.5·100 + 0.5·200 = 150, AEP 0.5·150 + 0.5·200 = 175;
        //         TVaR OEP (200 + 150)/2 = 175, AEP (200 + 175)/2 = 187.5.
        // T = 2 → rank 2: OEP 100, AEP 150; TVaR OEP (200+100)/2 = 150, AEP (200+150)/2 = 175.
        // T = 1 → rank 4: 0 / 0; TVaR OEP 300/4 = 75, AEP 350/4 = 87.5.
        // T = 5 > P: no row. EPCalc 2; EPType 1 OEP, 2 OEP TVaR, 3 AEP, 4 AEP TVaR; return periods decreasing.
        Assert.Equal(
        [
            "1,2,1,4,200", "1,2,1,3,150", "1,2,1,2,100", "1,2,1,1,0",
            "1,2,2,4,200", "1,2,2,3,175", "1,2,2,2,150", "1,2,2,1,75",
            "1,2,3,4,200", "1,2,3,3,175", "1,2,3,2,150", "1,2,3,1,0",
            "1,2,4,4,200", "1,2,4,3,187.5", "1,2,4,2,175", "1,2,4,1,87.5",
        ],
            Lines("ept.csv").Skip(1));
    }

    [Fact]
    public void Palt_is_the_aal_and_the_sd_of_period_losses()
    {
        OasisTables.Write(_dir, Catalogue, FourPeriods());

        // Aggregate losses 200, 0, 150, 0: AAL 350/4 = 87.5; deviations 112.5, −87.5, 62.5, −87.5;
        // squares 12656.25 + 7656.25 + 3906.25 + 7656.25 = 31875; SD = √(31875/3) = √10625.
        Assert.Equal(["1,2,87.5," + Math.Sqrt(10625).ToString("R", CultureInfo.InvariantCulture)], Lines("palt.csv").Skip(1));
    }

    [Fact]
    public void Identical_seeds_give_identical_files()
    {
        EventLossSamples[] catalogue = [new(1, "a", 1.5, [10, 20.5, 30]), new(2, "b", 0.1, [1e6, 2.5e6])];
        string other = _dir + "-b";
        try
        {
            OasisTables.Write(_dir, catalogue, ExceedanceAnalysis.SimulatePeriods(catalogue, 5000, 42, parallel: true));
            OasisTables.Write(other, catalogue, ExceedanceAnalysis.SimulatePeriods(catalogue, 5000, 42, parallel: false));

            foreach (var file in new[] { OasisTables.SeltFileName, OasisTables.MeltFileName, OasisTables.SpltFileName, OasisTables.EptFileName, OasisTables.PaltFileName })
            {
                byte[] a = File.ReadAllBytes(Path.Join(_dir, file));
                Assert.Equal(a, File.ReadAllBytes(Path.Join(other, file)));
                Assert.DoesNotContain("NaN", File.ReadAllText(Path.Join(_dir, file)), StringComparison.Ordinal);
            }

            Assert.True(Lines(OasisTables.SpltFileName).Length > 5000);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void Writing_again_replaces_the_files()
    {
        OasisTables.Write(_dir, Catalogue, FourPeriods());
        OasisTables.Write(_dir, Catalogue, PeriodLossTable.FromOccurrences(2, []));

        Assert.Equal(["1,2,0,0"], Lines("palt.csv").Skip(1));
        Assert.Single(Lines("plt_splt.csv"));
    }

    // Validation: one test per fault.
    [Fact]
    public void Empty_directory_is_rejected() =>
        Assert.Equal("directory", Assert.Throws<ArgumentException>(() => OasisTables.Write("", Catalogue, FourPeriods())).ParamName);

    [Fact]
    public void Invalid_catalogue_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => OasisTables.Write(_dir, [new(1, "e", -1, [1])], FourPeriods()));
        Assert.Equal("catalogue", ex.ParamName);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void Null_table_is_rejected() =>
        Assert.Equal("table", Assert.Throws<ArgumentNullException>(() => OasisTables.Write(_dir, Catalogue, null!)).ParamName);

    [Fact]
    public void Occurrence_of_an_event_outside_the_catalogue_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => OasisTables.Write(_dir, [Catalogue[0]], FourPeriods()));
        Assert.Equal("table", ex.ParamName);
        Assert.Contains("event 2, which is not in the catalogue", ex.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Negative_or_non_finite_exposure_is_rejected(double exposure) =>
        Assert.Equal("exposureUsd", Assert.Throws<ArgumentOutOfRangeException>(() => OasisTables.Write(_dir, Catalogue, FourPeriods(), exposureUsd: exposure)).ParamName);

    [Fact]
    public void Repeated_return_period_is_rejected() =>
        Assert.Equal("returnPeriods", Assert.Throws<ArgumentException>(() => OasisTables.Write(_dir, Catalogue, FourPeriods(), returnPeriods: [2, 2])).ParamName);
}
