using System.Text.RegularExpressions;
using RiskToolkit.Impact;
using RiskToolkit.Reporting;
using RiskToolkit.Reporting.Html;
using RiskToolkit.Tests.Impact;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public class CaseStudyChartsTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    private static readonly DateTimeOffset T0 = new(2025, 10, 20, 6, 48, 0, TimeSpan.Zero);

    private static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    private static TimelineWindow[] Windows(string label = "DNS record") =>
    [
        new("whole event", null, T0, T0.AddMinutes(872), "src", null),
        new(label, "n1", T0, T0.AddMinutes(172), "src", null),
    ];

    /// <summary>Ground-up 1 … 100 million USD; insured 0 for the first half, then 1 … 50 million USD.</summary>
    private static LossDistribution Distribution()
    {
        double[] groundUp = Enumerable.Range(1, 100).Select(i => i * 1e6).ToArray();
        double[] insured = groundUp.Select(g => Math.Max(0, g - 50e6)).ToArray();
        return new LossDistribution("t", 1, groundUp, insured, LossStatistics.Of(groundUp), LossStatistics.Of(insured), [], [], new LossScope(1, 1, 1, 0, 0, 0));
    }

    private static readonly LossComparisonRow Published = new("CyberCube", "insured", "global", 38e6, null, 581e6, null, "cybercube-insured-2025-10");

    [Fact]
    public void Component_table_gives_each_window_in_utc_and_pacific_time()
    {
        var table = CaseStudyCharts.ComponentTable(Windows());

        Assert.Equal(["window", "node_id", "start_utc", "end_utc", "start_pacific", "end_pacific", "hours", "source_id"], table.Columns.Select(c => c.Name));

        // 06:48 UTC − 7 h = 23:48 PDT the day before; 06:48 + 14 h 32 min = 21:20 UTC = 14:20 PDT.
        Assert.Equal("2025-10-20 06:48", table["start_utc"][0]);
        Assert.Equal("2025-10-19 23:48 -07:00", table["start_pacific"][0]);
        Assert.Equal("2025-10-20 21:20", table["end_utc"][0]);
        Assert.Equal("2025-10-20 14:20 -07:00", table["end_pacific"][0]);
        Assert.Equal(14.53, table["hours"][0]);
        Assert.Equal(2.87, table["hours"][1]);
    }

    [Fact]
    public void Component_gantt_draws_one_bar_per_window_with_one_legend_entry_per_kind_and_keeps_hostile_text_as_text()
    {
        var html = ChartHtml.Fragment(CaseStudyCharts.ComponentGantt(Windows(Hostile), "timeline"));

        Assert.Equal(2, Count(html, "\"type\":\"scatter\""));
        Assert.Equal(1, Count(html, "\"name\":\"whole event\""));
        Assert.Equal(1, Count(html, "\"name\":\"component impact window\""));
        Assert.Equal(2, Count(html, "\"showlegend\":true"));
        Assert.Contains("time (UTC)", html, StringComparison.Ordinal);
        Assert.Contains("\"autorange\":\"reversed\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CaseStudyCharts.ComponentGantt([], "timeline"));
    }

    [Fact]
    public void Cascade_gantt_and_table_name_the_failed_and_brought_down_nodes()
    {
        var cascade = CaseStudy.Cascade(OutageTimeline.Build(ImpactFixture.Model(), ImpactFixture.Failures(), ImpactFixture.Lags()), ImpactFixture.Model());

        var html = ChartHtml.Fragment(CaseStudyCharts.CascadeGantt(cascade, ImpactFixture.Model(), "cascade"));
        var table = CaseStudyCharts.CascadeTable(cascade, ImpactFixture.Model());

        // Stretches: {dns-a; cdn-x}, {dns-a, dns-b; cdn-x, cdn-y, ca-c}, {dns-b; ca-c}: 2 + 5 + 2 bars.
        Assert.Equal(9, Count(html, "\"type\":\"scatter\""));
        Assert.Equal(4, Count(html, "\"name\":\"failed on its own (impact window)\""));
        Assert.Equal(5, Count(html, "\"name\":\"down through its requirements\""));
        Assert.Equal(2, Count(html, "\"showlegend\":true"));
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("dns-a", table["failed"][0]);
        Assert.Equal("cdn-x", table["brought_down"][0]);
        Assert.Equal(5, table["nodes_down"][1]);
        Assert.Equal(4, table["services_down"][1]);
    }

    [Fact]
    public void Service_gantt_draws_the_recovery_lag_apart_and_the_context_row_first()
    {
        var windows = CaseStudy.ServiceWindows(OutageTimeline.Build(ImpactFixture.Model(), ImpactFixture.Failures(), ImpactFixture.Lags()), ImpactFixture.Model());
        var context = new TimelineWindow("whole event", null, ImpactFixture.T0, ImpactFixture.T0.AddHours(4), null, null);

        var html = ChartHtml.Fragment(CaseStudyCharts.ServiceGantt(windows, context, "services"));
        var table = CaseStudyCharts.ServiceTable(windows);

        // Four services, each with a lag (0.5 h or 2 h): 4 + 4 bars and the context row.
        Assert.Equal(9, Count(html, "\"type\":\"scatter\""));
        Assert.Equal(4, Count(html, "\"name\":\"recovery lag\""));
        Assert.Equal(3, Count(html, "\"showlegend\":true"));
        Assert.Contains("\"categoryarray\":[\"whole event\",\"s1 (US)\"", html, StringComparison.Ordinal);
        Assert.Equal(2.0, table["lag_hours"][1]);
        Assert.Equal(5.0, table["hours"][1]);
    }

    [Fact]
    public void Loss_beside_published_counts_every_positive_trial_on_a_log_axis_with_the_published_band()
    {
        var html = ChartHtml.Fragment(CaseStudyCharts.LossBesidePublished(Distribution(), Published, "loss"));

        Assert.Contains("\"type\":\"log\"", html, StringComparison.Ordinal);
        Assert.Contains("CyberCube insured range $38 M–$581 M", html, StringComparison.Ordinal);
        Assert.Contains("\"fill\":\"toself\"", html, StringComparison.Ordinal);
        Assert.Contains("our insured loss (trials per bin)", html, StringComparison.Ordinal);

        // 50 trials pay no insured loss and cannot sit on the log axis; the subtitle says so.
        Assert.Contains("50 trials pay no insured loss", html, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CaseStudyCharts.LossBesidePublished(Distribution(), Published with { LowUsd = 0 }, "loss"));
    }

    [Fact]
    public void Loss_comparison_table_rounds_to_dollars_and_leaves_missing_values_empty()
    {
        var rows = new List<LossComparisonRow> { Published };
        rows.AddRange(CaseStudy.OurLoss(Distribution(), "ours", "test", Published));

        var table = CaseStudyCharts.LossComparisonTable(rows);

        Assert.Equal(3, table.Rows.Count);
        Assert.Null(table["central_usd"][0]);
        Assert.Equal(50.5e6, table["central_usd"][1]);

        // Insured 38 … 50 million USD are 13 of the 100 trials inside [38 M, 581 M].
        Assert.Equal(0.13, table["share_in_published_range"][2]);
    }

    [Fact]
    public void Report_counts_draw_published_counts_and_only_replays_that_know_users()
    {
        var model = ImpactFixture.Model();
        var timeline = OutageTimeline.Build(model, ImpactFixture.Failures(), ImpactFixture.Lags());
        OutageIndicator Row(string scope, double value) => new("e", "reports_first_2h", scope, value, "at_least", "reports", "src", null);
        var rows = CaseStudy.IndicatorsBesideModel([Row("GB", 1000), Row("FR", 10)], "e", [new ModelReplay("known", model, timeline)]);

        var html = ChartHtml.Fragment(CaseStudyCharts.ReportCounts(rows, "reports"));
        var table = CaseStudyCharts.ReportCountsTable(rows);

        Assert.Equal(2, Count(html, "\"type\":\"bar\""));
        Assert.Contains("GB, first ~2 h", html, StringComparison.Ordinal);
        Assert.Contains("1 k+", html, StringComparison.Ordinal);
        Assert.Contains("Neither is the other", html, StringComparison.Ordinal);
        Assert.Equal(["metric", "scope", "value", "qualifier", "unit", "source_id", "known: services_in_scope", "known: services_down", "known: users_down"], table.Columns.Select(c => c.Name));
        Assert.Equal(100L, table["known: users_down"][0]);
    }

    [Fact]
    public void Reliance_chart_draws_shares_only_and_its_table_keeps_the_hhi()
    {
        RelianceRow[] rows =
        [
            new("market", "AWS share", 0.28, 0.275, 0.285, true, "src"),
            new("market", "HHI", 0.14, 0.13, 0.19, false, "src"),
            new("model", "services failing with the region", 0.25, null, null, true, "model"),
            new("model", "known revenue failing with the region", null, null, null, true, "model"),
        ];

        var html = ChartHtml.Fragment(CaseStudyCharts.Reliance(rows, "reliance"));
        var table = CaseStudyCharts.RelianceTable(rows);

        Assert.Equal(2, Count(html, "\"type\":\"bar\""));
        Assert.Contains("27.5%–28.5%", html, StringComparison.Ordinal);
        Assert.Contains("unknown", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"HHI\"", html, StringComparison.Ordinal);
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(false, table["is_share"][1]);
        Assert.Throws<ArgumentException>(() => CaseStudyCharts.Reliance([rows[1]], "reliance"));
    }
}
