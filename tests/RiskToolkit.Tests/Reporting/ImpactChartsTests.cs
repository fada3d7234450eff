using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using RiskToolkit.Impact;
using RiskToolkit.Reporting;
using RiskToolkit.Reporting.Html;
using RiskToolkit.Tests.Impact;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public class ImpactChartsTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    private static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    /// <summary>
    /// Ten trials, ground-up 0, 10, …, 90 USD and insured 0 except 20 and 40 in the last two.
    /// Max 90 USD over 40 bins: 2.25 per bin, rounded up to 2.5; ⌊90 ÷ 2.5⌋ + 1 = 37 bins.
    /// </summary>
    private static LossDistribution Distribution()
    {
        double[] groundUp = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90];
        double[] insured = [0, 0, 0, 0, 0, 0, 0, 0, 20, 40];
        return new LossDistribution(
            "test",
            42,
            groundUp,
            insured,
            LossStatistics.Of(groundUp),
            LossStatistics.Of(insured),
            [],
            [new ConvergencePoint(5, 20, 7), new ConvergencePoint(10, 45, 9.5)],
            new LossScope(4, 4, 4, 0, 0, 0));
    }

    /// <summary>Ten years: year 1 has losses 100 and 50 (OEP 100, AEP 150), years 2–10 none.</summary>
    private static ExceedanceResult TenYears(double scale = 1)
    {
        var table = PeriodLossTable.FromOccurrences(10, [new(1, 1, 1, 100 * scale, 0), new(1, 1, 2, 50 * scale, 60)]);
        return new ExceedanceResult(table, ExceedanceAnalysis.EpTable(table), ExceedanceAnalysis.Aal(table));
    }

    /// <summary>The two-sector table of InoperabilityModelTests with a hostile second name.</summary>
    private static IoTable TwoSectors(string secondName = "Sector 2") => new(
        ["S1", "S2"],
        ["Sector 1", secondName],
        [["51"], ["52"]],
        Matrix<double>.Build.DenseOfArray(new[,] { { 0.2, 0.3 }, { 0.1, 0.4 } }),
        [876_000, 1_752_000],
        2015,
        "test");

    [Fact]
    public void Histogram_bins_have_rounded_width_and_count_every_trial()
    {
        var table = ImpactCharts.LossHistogramTable(Distribution());

        Assert.Equal(["from_usd", "to_usd", "ground_up_trials", "ground_up_share", "insured_trials", "insured_share"], table.Columns.Select(c => c.Name));
        Assert.Equal(37, table.Rows.Count);
        Assert.Equal(2.5, (double)table["to_usd"][0]!);
        Assert.Equal(10, table.Columns["ground_up_trials"].Cast<int>().Sum());
        Assert.Equal(10, table.Columns["insured_trials"].Cast<int>().Sum());

        // 10 USD falls in [10, 12.5), bin 4; eight zero insured losses in bin 0 (share 0.8).
        Assert.Equal(1, table["ground_up_trials"][4]);
        Assert.Equal(0.8, (double)table["insured_share"][0]!);
    }

    [Fact]
    public void Histogram_overlays_insured_and_marks_mean_var_and_tvar()
    {
        var html = ChartHtml.Fragment(ImpactCharts.LossHistogram(Distribution(), "losses"));

        Assert.Contains("\"barmode\":\"overlay\"", html);
        Assert.Equal(1, Count(html, "\"name\":\"ground-up loss\""));
        Assert.Equal(1, Count(html, "\"name\":\"insured loss\""));

        // Vertical bars: the bin centres (2.5-USD bins: 1.25, 3.75, …) on the x axis.
        Assert.Contains("\"x\":[1.25,3.75,", html);

        // Mean 45; VaR95 is the R-7 quantile at 0.95: 80 + 0.55 × 10 = 85.5; TVaR95 the mean of the
        // top ⌈0.05 × 10⌉ = 1 trial: 90.
        Assert.Contains("\"name\":\"ground-up mean $45\"", html);
        Assert.Contains("\"name\":\"ground-up VaR95 $86\"", html);
        Assert.Contains("\"name\":\"ground-up TVaR95 $90\"", html);
        Assert.Contains("loss per event (USD)", html);
    }

    [Fact]
    public void Histogram_leaves_out_insured_when_nothing_is_insured()
    {
        var d = Distribution();
        double[] none = new double[10];
        var html = ChartHtml.Fragment(ImpactCharts.LossHistogram(d with { InsuredLosses = none, Insured = LossStatistics.Of(none) }, "losses"));

        Assert.DoesNotContain("\"name\":\"insured loss\"", html);
    }

    [Fact]
    public void Exceedance_curves_use_a_log_axis_marked_at_the_return_periods_with_the_aal()
    {
        var html = ChartHtml.Fragment(ImpactCharts.ExceedanceCurves(TenYears(1e6), TenYears(1e5), "EP"));

        Assert.Contains("\"type\":\"log\"", html);
        Assert.Contains("\"tickvals\":[5,10,20,30,50,100,200,250,500,1000]", html);
        foreach (var name in new[] { "OEP ground-up", "AEP ground-up", "OEP insured", "AEP insured" })
        {
            Assert.Equal(1, Count(html, $"\"name\":\"{name}\""));
        }

        // Ten years support T = 5 and 10 only. At T = 10 (rank 1) OEP is 100 M and AEP 150 M, drawn in USD M.
        Assert.Contains("\"x\":[5,10]", html);
        Assert.Contains("\"y\":[0.0,150.0]", html);

        // AAL = 150 M ÷ 10 years = 15 M.
        Assert.Contains("AAL ground-up $15 M a year", html);
        Assert.Contains("(USD M)", html);
    }

    [Fact]
    public void Exceedance_table_has_insured_columns_only_when_insured_is_given()
    {
        var both = ImpactCharts.ExceedanceTable(TenYears(), TenYears(0.5));
        Assert.Equal(["return_period", "oep_usd", "aep_usd", "insured_oep_usd", "insured_aep_usd"], both.Columns.Select(c => c.Name));
        Assert.Equal(2, both.Rows.Count);
        Assert.Equal(75.0, both["insured_aep_usd"][1]);

        Assert.Equal(3, ImpactCharts.ExceedanceTable(TenYears(), null).Columns.Count);
        Assert.DoesNotContain("insured", ChartHtml.Fragment(ImpactCharts.ExceedanceCurves(TenYears(), null, "EP")));
    }

    [Fact]
    public void Convergence_draws_the_running_mean_inside_a_two_standard_error_band()
    {
        var html = ChartHtml.Fragment(ImpactCharts.Convergence(Distribution(), "convergence"));

        Assert.Contains("\"name\":\"running mean of the ground-up loss\"", html);
        Assert.Contains("\"fill\":\"toself\"", html);

        // Band: 20 ± 14 and 45 ± 19, upper edge out and lower edge back.
        Assert.Contains("\"x\":[5,10,10,5]", html);
        Assert.Contains("\"y\":[34.0,64.0,26.0,6.0]", html);

        var table = ImpactCharts.ConvergenceTable(Distribution());
        Assert.Equal(["trials", "mean_usd", "standard_error_usd", "relative_error"], table.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Sector_cascade_stacks_direct_and_cascaded_largest_total_at_the_top()
    {
        // 10 h over two sectors, 8,760 USD direct loss in S1 only: window_1 = 876,000 ÷ 8,760 × 10 = 1,000 USD,
        // so c*_1 = 8.76; S2 is hit only through the links.
        var cascade = InoperabilityModel.Cascade(TwoSectors(), new Dictionary<string, double> { ["S1"] = 876 }, 10);
        var html = ChartHtml.Fragment(ImpactCharts.SectorCascade(cascade, "cascade"));

        Assert.Contains("\"barmode\":\"stack\"", html);
        Assert.Equal(1, Count(html, "\"name\":\"direct (the outage's own loss)\""));
        Assert.Equal(1, Count(html, "\"name\":\"cascaded (through suppliers and customers)\""));

        var table = ImpactCharts.SectorCascadeTable(cascade);
        Assert.Equal(["sector_id", "name", "direct_loss_usd", "cascaded_loss_usd", "total_loss_usd", "cascaded_share", "inoperability"], table.Columns.Select(c => c.Name));
        var totals = table.Columns["total_loss_usd"].Cast<double>().ToArray();
        Assert.True(totals[0] >= totals[1]);

        // Bars bottom-up: the largest total is the last category.
        string first = (string)table["name"][0];
        string last = (string)table["name"][1];
        Assert.Contains($"\"y\":[\"{last}\",\"{first}\"]", html);
    }

    [Fact]
    public void Recovery_paths_draw_the_top_sectors_in_percent()
    {
        var io = TwoSectors();
        var path = InoperabilityModel.Dynamic(io, [0.1, 0], 2, 10, 0.5, 24);
        var html = ChartHtml.Fragment(ImpactCharts.RecoveryPaths(path, io, 1, "paths"));

        Assert.Equal(1, Count(html, "\"type\":\"scatter\""));
        Assert.Contains("\"name\":\"Sector 1\"", html);
        Assert.Contains("inoperability (% of planned output)", html);

        var table = ImpactCharts.RecoveryPathsTable(path, io, 2);
        Assert.Equal(["sector_id", "name", "output_usd", "resilience_per_hour", "peak_inoperability_share", "peak_hour", "loss_usd"], table.Columns.Select(c => c.Name));
        Assert.Equal("S1", table["sector_id"][0]);

        var other = new IoTable(["X", "Y"], ["x", "y"], [[], []], Matrix<double>.Build.Dense(2, 2), [1, 1], 2015, "test");
        Assert.Equal("io", Assert.Throws<ArgumentException>(() => ImpactCharts.RecoveryPaths(path, other, 1, "paths")).ParamName);
        Assert.Equal("top", Assert.Throws<ArgumentOutOfRangeException>(() => ImpactCharts.RecoveryPaths(path, io, 0, "paths")).ParamName);
    }

    /// <summary>Base 100 M; hours 50–200 M (swing 150 M), revenue 80–120 M (swing 40 M).</summary>
    private static TornadoReport Tornado(string assumption = "revenue") => new(
        "ground-up",
        100e6,
        [
            new TornadoBar("outage hours", "× 0.5", "× 2", 50e6, 200e6, "assumption"),
            new TornadoBar(assumption, "− 20%", "+ 20%", 80e6, 120e6, "assumption"),
        ]);

    [Fact]
    public void Tornado_bars_start_at_the_base_widest_on_top_labelled_with_their_settings()
    {
        var html = ChartHtml.Fragment(ImpactCharts.Tornado(Tornado(), "tornado"));

        Assert.Contains("\"barmode\":\"overlay\"", html);
        Assert.Contains("\"base\":100.0", html);

        // Bottom-up: revenue then hours (the widest); bars run from the base (100 M) to each end.
        Assert.Contains("\"x\":[-20.0,-50.0],\"y\":[\"revenue\",\"outage hours\"]", html);
        Assert.Contains("\"x\":[20.0,100.0],\"y\":[\"revenue\",\"outage hours\"]", html);
        Assert.Contains("× 2: $200 M", html);
        Assert.Contains("\"name\":\"base $100 M\"", html);

        var table = ImpactCharts.TornadoTable(Tornado());
        Assert.Equal(["assumption", "low_setting", "high_setting", "low_loss_usd", "high_loss_usd", "swing_usd", "basis"], table.Columns.Select(c => c.Name));
        Assert.Equal(150e6, table["swing_usd"][0]);
    }

    [Fact]
    public void Tornado_labels_an_assumption_that_moves_nothing_once()
    {
        var report = new TornadoReport("ground-up", 100e6, [new TornadoBar("loss fraction", "× 0.5", "× 1.5", 100e6, 100e6, "assumption")]);
        var html = ChartHtml.Fragment(ImpactCharts.Tornado(report, "tornado"));

        Assert.Equal(1, Count(html, "no change (× 0.5 to × 1.5)"));
        Assert.DoesNotContain("× 0.5: $100 M", html);
    }

    private static CalibrationReport Calibration(string study = "Lloyd's & AIR 2018") => new(
    [
        new CalibrationRow("Parametrix 2023", "us-east-1 24 h", "ground-up", 3.4e9, 3.4e9, 3.1e9, 3.1e9, "one third of the Fortune 500", "we count revenue only", 0.05, ["parametrix-2023"]),
        new CalibrationRow(study, "3-6 days, top-3 provider", "insured", 1.5e9, 2.8e9, 1.2e9, 2.4e9, "take-up 0.3", "lower take-up", 0.5, ["lloyds-2018"]),
    ]);

    [Fact]
    public void Calibration_sets_published_ranges_beside_ours_on_a_log_axis()
    {
        var html = ChartHtml.Fragment(ImpactCharts.Calibration(Calibration(), "calibration"));

        Assert.Contains("\"type\":\"log\"", html);
        Assert.Equal(1, Count(html, "\"name\":\"published\",\"showlegend\":true"));
        Assert.Equal(1, Count(html, "\"name\":\"ours\",\"showlegend\":true"));

        // Drawn in USD bn: Lloyd's published 1.5–2.8, ours 1.2–2.4.
        Assert.Contains("\"x\":[1.5,2.8]", html);
        Assert.Contains("\"x\":[1.2,2.4]", html);
        Assert.Contains("(USD bn, log scale)", html);

        var table = ImpactCharts.CalibrationTable(Calibration());
        Assert.Equal(["study", "case", "measure", "published", "ours", "ours_over_published", "tolerance", "within_tolerance"], table.Columns.Select(c => c.Name));
        Assert.Equal("$3.4 bn", table["published"][0]);
        Assert.Equal("$1.2 bn – $2.4 bn", table["ours"][1]);

        // 1.2 ÷ 1.5 = 0.80, 2.4 ÷ 2.8 = 0.857.
        Assert.Equal("0.80 – 0.86", table["ours_over_published"][1]);
        var notes = ImpactCharts.CalibrationNotesTable(Calibration());
        Assert.Equal(["study", "measure", "assumptions", "difference", "sources"], notes.Columns.Select(c => c.Name));
        Assert.Equal("lower take-up", notes["difference"][1]);
    }

    [Fact]
    public void Hostile_names_stay_text_in_every_chart()
    {
        var io = TwoSectors(Hostile);
        var cascade = InoperabilityModel.Cascade(io, new Dictionary<string, double> { ["S1"] = 876 }, 10);
        var path = InoperabilityModel.Dynamic(io, [0.1, 0.1], 2, 10, 0.5, 24);
        foreach (var chart in new[]
        {
            ImpactCharts.SectorCascade(cascade, Hostile),
            ImpactCharts.RecoveryPaths(path, io, 2, "t"),
            ImpactCharts.Tornado(Tornado(Hostile), "t"),
            ImpactCharts.Calibration(Calibration(Hostile), "t"),
            ImpactCharts.ExceedanceCurves(TenYears(), null, Hostile),
        })
        {
            var html = ChartHtml.Fragment(chart);
            Assert.DoesNotContain("<img", html);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        }
    }

    [Fact]
    public void Losses_read_in_thousands_millions_and_billions()
    {
        var report = new CalibrationReport([new CalibrationRow("s", "c", "insured", 283_336, 283_336, 21_670_000, 1_420_000_000, "a", "d", 0.5, [])]);
        var table = ImpactCharts.CalibrationTable(report);

        Assert.Equal("$283 k", table["published"][0]);
        Assert.Equal("$21.7 M – $1.42 bn", table["ours"][0]);
    }

    [Fact]
    public void Null_arguments_name_the_parameter()
    {
        Assert.Equal("distribution", Assert.Throws<ArgumentNullException>(() => ImpactCharts.LossHistogram(null!, "t")).ParamName);
        Assert.Equal("groundUp", Assert.Throws<ArgumentNullException>(() => ImpactCharts.ExceedanceCurves(null!, null, "t")).ParamName);
        Assert.Equal("cascade", Assert.Throws<ArgumentNullException>(() => ImpactCharts.SectorCascadeTable(null!)).ParamName);
        Assert.Equal("tornado", Assert.Throws<ArgumentNullException>(() => ImpactCharts.TornadoTable(null!)).ParamName);
        Assert.Equal("report", Assert.Throws<ArgumentNullException>(() => ImpactCharts.CalibrationTable(null!)).ParamName);
    }
}
