using RiskToolkit.Policy;
using RiskToolkit.Reporting;
using RiskToolkit.Reporting.Html;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public class PolicyChartsTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    private static PolicyOutcome Outcome(string label, PolicyKind kind, double dHhi, double dLoss, double? dOep) =>
        new(new PolicySpec(label, kind, 0.5), 1, 2, 0.1, 3, 2e6 + dLoss, 2e5, 3e6, 3.5e6, dHhi, dLoss, dLoss / 10, dOep, dOep);

    private static PolicyComparisonReport Comparison() => new(
        "test",
        1000,
        42,
        [
            Outcome("baseline", PolicyKind.Baseline, 0, 0, 0),
            Outcome("multi-region 50%", PolicyKind.MultiRegion, 0, -1.5e6, -2e6),
            Outcome(Hostile, PolicyKind.MultiCloud, -400, -1e6, null),
        ]);

    private static RelianceReport Reliance() => new(
        "52",
        null,
        10,
        10,
        1000,
        [
            new("big", 5, 6, 0.5, 0.6, 0.4, true),
            new(Hostile, 1, 3, 0.1, 0.3, null, null),
            new("small", 0, 1, 0, 0.1, 0, false),
        ]);

    [Fact]
    public void Delta_charts_label_each_policy_with_its_change_in_usd_and_encode_dataset_text()
    {
        string html = ChartHtml.Fragment(PolicyCharts.DeltaExpectedLoss(Comparison(), "policies"));

        // Largest |Δ| is 1.5 M USD, so the axis is in USD M; labels use the three-figure USD format.
        Assert.Contains("USD M", html, StringComparison.Ordinal);
        Assert.Contains("multi-region 50%: −$1.5 M", html, StringComparison.Ordinal);
        Assert.Contains("points, 0–10,000 scale", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Axes_hold_policies_that_raise_the_hhi_or_the_loss()
    {
        var report = new PolicyComparisonReport(
            "test",
            1000,
            42,
            [
                Outcome("baseline", PolicyKind.Baseline, 0, 0, 0),
                Outcome("cuts", PolicyKind.MultiCloud, -400, -1e6, -1e6),
                Outcome("raises", PolicyKind.Deconcentration, 800, 4e5, 4e5),
            ]);

        string html = ChartHtml.Fragment(PolicyCharts.DeltaExpectedLoss(report, "policies"));

        // x spans −400…800 points (1,200), widened by 300 each side: −700…1,100. y in USD M spans −1…0.4 (1.4),
        // widened by 0.35 each side: −1.35…0.75, so the +0.4 M point is inside.
        Assert.Contains("\"range\":[-700.0,1100.0]", html.Replace(" ", ""), StringComparison.Ordinal);
        Assert.Contains("\"range\":[-1.35,0.75]", html.Replace(" ", ""), StringComparison.Ordinal);
    }

    [Fact]
    public void Tail_chart_leaves_out_policies_without_a_1_in_100_year_loss()
    {
        string html = ChartHtml.Fragment(PolicyCharts.DeltaTailLoss(Comparison(), "tail"));
        Assert.Contains("multi-region 50%: −$2 M", html, StringComparison.Ordinal);
        Assert.DoesNotContain("img src=x", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_table_has_one_row_per_policy_and_empty_cells_for_missing_tail_losses()
    {
        var table = PolicyCharts.ComparisonTable(Comparison());
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("delta_hhi_points", table.Columns[5].Name);
        Assert.Equal(-400.0, table["delta_hhi_points"][2]);
        Assert.Null(table["delta_oep100_usd"][2]);
        Assert.Equal(-1_500_000.0, table["delta_expected_loss_usd"][1]);
    }

    [Fact]
    public void Reliance_chart_marks_flagged_providers_and_draws_the_ten_percent_line()
    {
        string html = ChartHtml.Fragment(PolicyCharts.Reliance(Reliance(), 3, "reliance"));
        Assert.Contains("⚑ big (meets 10% criterion)", html, StringComparison.Ordinal);
        Assert.Contains("(revenue unknown)", html, StringComparison.Ordinal);
        Assert.Contains("10% criterion (Delegated Regulation (EU) 2024/1502 Art. 2)", html, StringComparison.Ordinal);
        Assert.Contains("#b91c1c", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyCharts.Reliance(Reliance(), 0, "reliance"));
    }

    [Fact]
    public void Reliance_table_says_yes_no_or_undecided()
    {
        var table = PolicyCharts.RelianceTable(Reliance());
        Assert.Equal(["yes", "undecided", "no"], Enumerable.Range(0, 3).Select(i => (string)table["meets_10pct_criterion"][i]));
        Assert.Null(table["revenue_share_relying"][1]);
        Assert.Equal(2, table["services_using_with_alternative"][1]);
    }
}
