using RiskToolkit.Concentration;
using RiskToolkit.Data;
using RiskToolkit.Reporting;
using RiskToolkit.Reporting.Html;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public partial class ConcentrationChartsTests
{
    private static MarketConcentration Whole(params double[] shares) =>
        Assert.Single(ConcentrationAnalysis.Analyze(shares.Select((s, i) => new MarketShare("w", "2020", $"p{i}", s, null, null, null, null, "src", null))));

    [Fact]
    public void Comparison_draws_one_interval_per_item_and_tabulates_every_regime()
    {
        // 0.6/0.4: 3,600 + 1,600 = 5,200 points; 0.5/0.3/0.2: 2,500 + 900 + 400 = 3,800 points.
        LabelledResult[] items = [new("two firms", Whole(0.6, 0.4)), new("three <firms>", Whole(0.5, 0.3, 0.2))];
        var html = ChartHtml.Fragment(ConcentrationCharts.HhiComparison(items, "t"));
        Assert.Equal(2, Count(html, "\"name\":\"HHI interval (lower–upper)\""));
        Assert.Contains("three &lt;firms&gt;", html);
        Assert.DoesNotContain("three <firms>", html);

        var table = ConcentrationCharts.ComparisonTable(items);
        Assert.Equal(5200.0, table["HHI (points)"][0]);
        Assert.Equal(3800.0, table["HHI upper (points)"][1]);
        foreach (var regime in ConcentrationBands.Regimes)
        {
            Assert.Contains(regime.Name, table.Columns.Select(c => c.Name));
        }
    }

    [Fact]
    public void Comparison_rejects_duplicate_labels_and_empty_lists()
    {
        Assert.Throws<ArgumentException>(() => ConcentrationCharts.HhiComparison([new("x", Whole(1)), new("x", Whole(1))], "t"));
        Assert.Throws<ArgumentException>(() => ConcentrationCharts.ComparisonTable([]));
    }

    [Fact]
    public void Lorenz_curves_need_the_whole_market_and_tabulate_their_points()
    {
        // Shares 0.2 and 0.8, smallest first: (0, 0), (50%, 20%), (100%, 100%); Gini 2·(0.2 + 1.6)/2 − 3/2 = 0.3.
        var table = ConcentrationCharts.LorenzTable([new("m", Whole(0.8, 0.2))]);
        Assert.Equal([0.0, 50.0, 100.0], table["firms (%)"].Cast<double>());
        Assert.Equal([0.0, 20.0, 100.0], table["share (%)"].Cast<double>());
        Assert.Equal(0.3, (double)table["Gini"][0]!, 9);
        var html = ChartHtml.Fragment(ConcentrationCharts.LorenzCurves([new("m", Whole(0.8, 0.2))], "t"));
        Assert.Contains("\"name\":\"line of equality\"", html);

        var partial = Assert.Single(ConcentrationAnalysis.Analyze([new MarketShare("p", "2020", "a", 0.5, null, null, null, null, "src", null), new MarketShare("p", "2020", "other", 0.5, null, null, null, null, "src", null)]));
        var ex = Assert.Throws<ArgumentException>(() => ConcentrationCharts.LorenzCurves([new("partial", partial)], "t"));
        Assert.Contains("not all known", ex.Message);
    }

    [Fact]
    public void Merger_chart_and_table_show_before_after_and_each_regime()
    {
        // 0.5/0.3/0.2: 3,800 points; merging 0.3 and 0.2 adds 2·0.3·0.2 = 0.12 → 1,200 points: 5,000 after.
        var rows = new[] { ("a", 0.5), ("b", 0.3), ("c", 0.2) }.Select(p => new MarketShare("w", "2020", p.Item1, p.Item2, null, null, null, null, "src", null)).ToList();
        var merger = WhatIfAnalysis.Merger(rows, null, "w", "2020", "b", "c");
        var table = ConcentrationCharts.MergerTable(merger);
        Assert.Equal(ConcentrationBands.Regimes.Count, (int)table.Rows.Count);
        Assert.Equal("3800", table["HHI before (points)"][0]);
        Assert.Equal("1200", table["ΔHHI (points)"][0]);
        Assert.Equal("5000", table["HHI after (points)"][0]);
        var html = ChartHtml.Fragment(ConcentrationCharts.MergerChart(merger, "t", new Dictionary<string, string> { ["b"] = "B" }));
        Assert.Contains("B + c", html);
    }

    [Fact]
    public void Shares_by_period_table_has_a_column_per_period_and_blanks_for_unnamed_providers()
    {
        // 2020: a 60%, b 40%; 2021: a 50%, c 50% (b not named).
        var series = ConcentrationAnalysis.Analyze(new[] { ("2020", "a", 0.6), ("2020", "b", 0.4), ("2021", "a", 0.5), ("2021", "c", 0.5) }
            .Select(t => new MarketShare("w", t.Item1, t.Item2, t.Item3, null, null, null, null, "src", null)));
        var table = ConcentrationCharts.SharesByPeriodTable(series, new Dictionary<string, string> { ["a"] = "A" });
        Assert.Equal(["provider", "2020 (%)", "2021 (%)"], table.Columns.Select(c => c.Name));
        Assert.Equal(["A", "c", "b"], table["provider"].Cast<string>());
        Assert.Equal(60.0, table["2020 (%)"][0]);
        Assert.Null(table["2021 (%)"][2]);
    }
}
