using System.Text.RegularExpressions;
using RiskToolkit.Dependencies;
using RiskToolkit.Reporting;
using RiskToolkit.Reporting.Html;
using RiskToolkit.Tests.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public class DependencyChartsTests
{
    private static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    [Fact]
    public void Ranking_draws_direct_and_indirect_failures_of_the_top_contingencies()
    {
        var report = ContingencyAnalysis.NMinus1(DependencyFixture.Model());
        var html = ChartHtml.Fragment(DependencyCharts.ContingencyRanking(report, 3, "N-1"));

        Assert.Contains("\"barmode\":\"overlay\"", html);
        Assert.Equal(1, Count(html, "\"name\":\"failed, with indirect dependencies\""));

        // Bars bottom-up, so the most severe (cdn-x, rank 1) is last in the trace.
        Assert.Contains("\"y\":[\"dns-a\",\"cdn-y\",\"cdn-x\"]", html);
    }

    [Fact]
    public void Exposure_stacks_sectors_with_their_naics_titles_and_unknown()
    {
        var report = ContingencyAnalysis.NMinus1(DependencyFixture.Model());
        var html = ChartHtml.Fragment(DependencyCharts.Exposure(report, 5, byCountry: false, "by sector"));

        Assert.Contains("\"barmode\":\"stack\"", html);
        Assert.Contains("\"name\":\"51 Information\"", html);
        Assert.Contains("\"name\":\"52 Finance and insurance\"", html);
        Assert.Contains("\"name\":\"unknown\"", html);

        // One row per contingency, one column per country of the base case (most services first).
        var table = DependencyCharts.ExposureTable(report, 5, byCountry: true);
        Assert.Equal(["node_id", "name", "services failed", "US", "GB", "unknown"], table.Columns.Select(c => c.Name));
        Assert.Equal(5, table.Rows.Count);
        Assert.Equal(1, table["GB"][1]); // cdn-y takes s4 (GB)
    }

    [Fact]
    public void Redundancy_bars_are_percent_of_the_services_that_require_the_layer()
    {
        var html = ChartHtml.Fragment(DependencyCharts.Redundancy(RedundancyAnalysis.ByLayer(DependencyFixture.Model()), "redundancy"));

        // dns: 2 of 3 critical → 66.7 %, 1 of 3 redundant → 33.3 %.
        Assert.Contains("66.7", html);
        Assert.Contains("33.3", html);
    }

    [Fact]
    public void Cut_set_chart_lists_pairs_and_says_when_there_are_none()
    {
        var report = CutSetAnalysis.MinimalCutSets(DependencyFixture.Model(), 2);
        Assert.Contains("dns-a + dns-b", ChartHtml.Fragment(DependencyCharts.CutSets(report, 2, 10, "pairs")));
        Assert.Equal(3, DependencyCharts.CutSetTable(report, 2, 10).Rows.Count);

        var single = CutSetAnalysis.MinimalCutSets(DependencyFixture.Model(), 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => DependencyCharts.CutSets(single, 2, 10, "pairs"));
    }

    [Fact]
    public void Sankey_flows_go_from_services_to_providers_to_what_providers_need()
    {
        var model = DependencyFixture.Model();
        var flows = DependencyFlows.Of(model, maxServices: 10);

        // s2 names dns-b, cdn-x and cdn-y; each reaches a node once, at its first hop:
        // s1 names dns-a itself; s2 reaches dns-a through cdn-x (found first); s4 through cdn-y.
        Assert.Contains(new DependencyFlow("s2", "cdn-x", 1), flows);
        Assert.Contains(new DependencyFlow("s1", "dns-a", 1), flows);
        Assert.Contains(new DependencyFlow("cdn-x", "dns-a", 1), flows);
        Assert.Contains(new DependencyFlow("cdn-y", "dns-a", 1), flows);

        // Grouped by sector above the limit; one hop only with depth 1; small nodes merged.
        Assert.Contains(new DependencyFlow("sector 51 Information", "cdn-x", 2), DependencyFlows.Of(model, maxServices: 1));
        Assert.DoesNotContain(DependencyFlows.Of(model, 10, depth: 1), f => f.Source == "cdn-x");
        Assert.Contains(DependencyFlows.Of(model, 10, depth: 2, maxNodes: 1), f => f.Target.EndsWith("smaller nodes", StringComparison.Ordinal));
        Assert.Contains("\"type\":\"sankey\"", ChartHtml.Fragment(DependencyCharts.Sankey(model, 10, 2, 30, "flows")));
    }

    [Fact]
    public void Hostile_names_stay_text_in_every_chart()
    {
        var data = DependencyFixture.Data();
        var hostile = data with { Nodes = data.Nodes.Select(n => n.NodeId == "cdn-x" ? n with { Name = "<img src=x onerror=alert(1)>" } : n).ToArray() };
        var model = DependencyModel.Build(hostile);
        var report = ContingencyAnalysis.NMinus1(model);
        foreach (var chart in new[] { DependencyCharts.ContingencyRanking(report, 5, "t"), DependencyCharts.Exposure(report, 5, false, "t"), DependencyCharts.Sankey(model, 10, 2, 30, "t") })
        {
            var html = ChartHtml.Fragment(chart);
            Assert.DoesNotContain("<img", html);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        }
    }

    [Fact]
    public void Sankey_keeps_apart_nodes_that_share_a_name()
    {
        // Cloudflare as a DNS provider and as a CDN: two nodes, one name.
        var data = new DependencyData(
            [],
            [],
            [new("dns:cf", NodeKind.Provider, "Cloudflare") { Layer = "dns" }, new("cdn:cf", NodeKind.Provider, "Cloudflare") { Layer = "cdn" }],
            [new("s", "s")],
            [new("s", "dns", "dns", "dns:cf"), new("s", "cdn", "cdn", "cdn:cf"), new("cdn:cf", "dns", "dns", "dns:cf")]);

        var flows = DependencyFlows.Of(DependencyModel.Build(data), 10);

        Assert.Contains(new DependencyFlow("s", "Cloudflare (dns)", 1), flows);
        Assert.Contains(new DependencyFlow("s", "Cloudflare (cdn)", 1), flows);
    }

    [Fact]
    public void Ranking_bars_of_nodes_that_share_a_name_get_their_layer()
    {
        // Cloudflare as a DNS provider and as a CDN, each a single point of failure of one service.
        var data = new DependencyData(
            [],
            [],
            [new("dns:cf", NodeKind.Provider, "Cloudflare") { Layer = "dns" }, new("cdn:cf", NodeKind.Provider, "Cloudflare") { Layer = "cdn" }],
            [new("s", "s"), new("t", "t")],
            [new("s", "dns", "dns", "dns:cf"), new("t", "cdn", "cdn", "cdn:cf")]);
        var report = ContingencyAnalysis.NMinus1(DependencyModel.Build(data));

        var html = ChartHtml.Fragment(DependencyCharts.ContingencyRanking(report, 5, "N-1"));

        Assert.Contains("Cloudflare (dns)", html);
        Assert.Contains("Cloudflare (cdn)", html);
    }
}
