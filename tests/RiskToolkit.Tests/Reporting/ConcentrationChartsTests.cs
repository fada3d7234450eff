using System.Text.RegularExpressions;
using RiskToolkit.Concentration;
using RiskToolkit.Data;
using RiskToolkit.Reporting;
using RiskToolkit.Reporting.Html;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public partial class ConcentrationChartsTests
{
    private static MarketShare Share(string period, string provider, double share) =>
        new("m", period, provider, share, null, null, null, null, "src", null);

    // Three quarters with a gap between the first two: 2021Q2, then 2023Q4 and 2024Q1.
    private static readonly IReadOnlyList<MarketConcentration> Series = ConcentrationAnalysis.Analyze(
        new[] { "2021Q2", "2023Q4", "2024Q1" }.SelectMany(p => new[] { Share(p, "a", 0.3), Share(p, "b", 0.2), Share(p, "other", 0.5) }));

    private static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    [Fact]
    public void Trend_lines_break_where_periods_are_missing()
    {
        var html = ChartHtml.Fragment(ConcentrationCharts.HhiTrend(Series, "t"));
        // One trace per run of consecutive quarters: 2021Q2 alone, then 2023Q4–2024Q1.
        const string point = "HHI of the published shares (the remainder fragmented)";
        Assert.Equal(2, Count(html, $"\"name\":\"{point}\""));
        Assert.Equal(2, Count(html, "\"name\":\"upper end: the remainder packed into firms no larger than the smallest named one\""));
        Assert.Equal(2, Count(html, "\"name\":\"lower end: shares at the low end of their rounding or range\""));
        // Only the first run carries the legend entry.
        Assert.Equal(1, Count(html, $"\"showlegend\":false,\"name\":\"{point}") + Count(html, $"\"name\":\"{point}\",\"showlegend\":false"));
    }

    [Fact]
    public void Trend_of_years_uses_year_labels_not_dates()
    {
        var years = ConcentrationAnalysis.Analyze(new[] { "2020", "2021" }.SelectMany(p => new[] { Share(p, "a", 0.6), Share(p, "b", 0.4) }));
        var html = ChartHtml.Fragment(ConcentrationCharts.HhiTrend(years, "t"));
        Assert.Contains("\"x\":[\"2020\",\"2021\"]", html);
    }

    [Fact]
    public void Trend_table_rounds_for_reading_and_names_the_sources()
    {
        var table = ConcentrationCharts.TrendTable(Series);
        // 30² + 20² = 1,300 points; upper: the 50% remainder in firms of at most 20%: 1,300 + 2·400 + 100 = 2,200.
        Assert.Equal(1300.0, table["HHI (points)"][0]);
        Assert.Equal(1300.0, table["HHI lower (points)"][0]);
        Assert.Equal(2200.0, table["HHI upper (points)"][0]);
        Assert.Equal("src", table["sources"][0]);
        Assert.Equal("moderately concentrated to highly concentrated", table["US 2023 band"][0]);
    }

    [Fact]
    public void Shares_table_shows_low_and_high_only_when_a_range_is_published()
    {
        var names = new Dictionary<string, string> { ["a"] = "A" };
        var points = ConcentrationCharts.SharesTable(Series[0], names);
        Assert.Equal(["provider", "share (%)"], points.Columns.Select(c => c.Name));
        Assert.Equal("unallocated (not a firm)", points["provider"][2]);
        Assert.Equal(50.0, points["share (%)"][2]);

        var ranged = ConcentrationAnalysis.Analyze([new MarketShare("m", "2024", "a", null, null, null, 0.3, 0.4, "src", null), Share("2024", "b", 0.2)]);
        var table = ConcentrationCharts.SharesTable(ranged[0], names);
        Assert.Equal(["provider", "share (%)", "low (%)", "high (%)"], table.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Provider_names_and_titles_reach_plotly_as_text_not_pseudo_html()
    {
        // Plotly renders <b>, <a href> and <br> in labels; dataset text must stay text.
        var names = new Dictionary<string, string> { ["a"] = "<a href=\"https://example.org\">A</a>" };
        var html = ChartHtml.Fragment(ConcentrationCharts.SharesBar(Series[0], "<b>title</b>", names));
        Assert.Contains("&lt;a href=", html);
        Assert.Contains("&lt;b&gt;title&lt;/b&gt;", html);
        Assert.DoesNotContain("<a href", html);
    }
}
