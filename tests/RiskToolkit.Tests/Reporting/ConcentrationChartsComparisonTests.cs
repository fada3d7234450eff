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
    public void Exit_chart_and_table_bound_the_market_after_by_the_firms_named_before()
    {
        // AWS 32%, Azure 22%, Google 11% in whole percents, 35% unallocated; Google leaves pro rata. Before:
        // 32² + 22² + 11² = 1,024 + 484 + 121 = 1,629 points, interval 0.315² + 0.215² + 0.105² = 0.156475 to
        // 0.325² + 0.225² + 3 · 0.115² + 0.105² = 0.20695 (the 33.5% left packed into firms of Google's 11.5%).
        // After: (H − x²)/(1 − x)², least 0.14545/0.801025 = 0.181580 (x = 0.105), greatest 0.193725/0.783225 =
        // 0.247343 (x = 0.115): 1,816–2,473 points; point (0.32² + 0.22²)/0.89² = 0.1508/0.7921 = 0.190380 (1,904).
        // CR3 before 65%, 63.5–66.5; after no point (the third firm is unnamed), (0.315 + 0.215)/0.895 = 59.2% to
        // 0.665/0.885 = 75.1%. US 2023: 1,565–2,070 straddles 1,800; 1,816–2,473 is above it.
        var rows = new[] { ("aws", 0.32), ("microsoft", 0.22), ("google", 0.11) }
            .Select(p => new MarketShare("m", "2025Q2", p.Item1, p.Item2, null, null, null, null, "src", null)).ToList();
        Market[] markets = [new("m", "m", "cloud", "global", "revenue", "test market", 0.02) { ShareRounding = 0.01 }];
        var exit = WhatIfAnalysis.Exit(rows, markets, "m", "2025Q2", "google");

        var table = ConcentrationCharts.ExitTable(exit);
        Assert.Equal(2, (int)table.Rows.Count);
        Assert.Equal(["as published", "after the exit"], table["scenario"].Cast<string>());
        Assert.Equal([1629.0, 1904.0], table["HHI (points)"].Cast<double>());
        Assert.Equal(["1565–2070", "1816–2473"], table["HHI interval (points)"].Cast<string>());
        Assert.Equal(65.0, table["CR3 (%)"][0]);
        Assert.Null(table["CR3 (%)"][1]);
        Assert.Equal(["63.5–66.5", "59.2–75.1"], table["CR3 interval (%)"].Cast<string>());
        var us2023 = ConcentrationBands.Regimes.Single(r => r.Id == ConcentrationBands.Us2023).Name;
        Assert.Equal(["moderately concentrated to highly concentrated", "highly concentrated"], table[us2023].Cast<string>());
        foreach (var regime in ConcentrationBands.Regimes)
        {
            Assert.Contains(regime.Name, table.Columns.Select(c => c.Name));
        }

        // The chart draws the after interval to 2,473, not the 2,796 of the rows after alone.
        var html = ChartHtml.Fragment(ConcentrationCharts.ExitChart(exit, "t", new Dictionary<string, string> { ["google"] = "Google" }));
        Assert.Contains("after Google leaves", html);
        Assert.Contains("2473", html);
        Assert.DoesNotContain("2796", html);
        Assert.Throws<ArgumentNullException>(() => ConcentrationCharts.ExitTable(null!));
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
