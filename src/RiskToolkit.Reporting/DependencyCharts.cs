using System.Globalization;
using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;
using Plotly.NET;
using RiskToolkit.Dependencies;
using Chart = Plotly.NET.CSharp.Chart;

namespace RiskToolkit.Reporting;

/// <summary>
/// Plotly.NET charts and their data tables for single-point-of-failure results: the N-1 ranking,
/// exposure by sector and country, the redundancy breakdown, order-2 cut sets and the flow of services
/// through providers to components. Dataset text is entity-encoded before plotly sees it.
/// </summary>
public static class DependencyCharts
{
    private const string Direct = "#1e3a8a";
    private const string Indirect = "#93c5fd";

    /// <summary>
    /// The most severe N-1 contingencies as horizontal bars: services failed through their own
    /// requirements (critically dependent) and with failure propagated through the nodes they need.
    /// </summary>
    /// <param name="report">An N-1 report.</param>
    /// <param name="top">Contingencies shown (the first <paramref name="top"/> by severity rank), ≥ 1.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> below 1.</exception>
    public static GenericChart ContingencyRanking(ContingencyReport report, int top, string title)
    {
        var rows = Top(report, top).Reverse().ToList();
        string[] labels = Labels(rows).Select(ConcentrationCharts.PlotText).ToArray();
        var indirect = Chart.Bar<int, string, string>(rows.Select(c => c.ServicesFailed), labels, Name: "failed, with indirect dependencies", MarkerColor: Color.fromString(Indirect), MultiText: rows.Select(c => c.ServicesFailed.ToString("N0", CultureInfo.InvariantCulture)).ToArray(), TextPosition: StyleParam.TextPosition.Outside);
        var direct = Chart.Bar<int, string, string>(rows.Select(c => c.ServicesFailedDirect), labels, Name: "failed through their own requirements (critically dependent)", MarkerColor: Color.fromString(Direct));
        var chart = Chart.Combine([indirect, direct]);
        chart = WithBarMode(chart, "overlay");
        chart = ConcentrationCharts.Finish(chart, title, null, null, Math.Max(360, 160 + (30 * rows.Count)));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: $"services failed (of {report.Baseline.Services.Services:N0})");
        return LeftMargin(chart, Labels(rows));
    }

    /// <summary>
    /// Failed services of the most severe contingencies split by NAICS sector (or by country) as stacked
    /// bars; services without a sector or country form an "unknown" segment.
    /// </summary>
    /// <param name="report">An N-1 report.</param>
    /// <param name="top">Contingencies shown, ≥ 1.</param>
    /// <param name="byCountry">True for countries, false for sectors.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> below 1.</exception>
    public static GenericChart Exposure(ContingencyReport report, int top, bool byCountry, string title)
    {
        var rows = Top(report, top).Where(c => c.ServicesFailed > 0).Reverse().ToList();
        string[] labels = Labels(rows).Select(ConcentrationCharts.PlotText).ToArray();
        var keys = report.Baseline.BySector.Select(k => k.Key).ToList();
        if (byCountry)
        {
            keys = report.Baseline.ByCountry.Select(k => k.Key).ToList();
        }

        var traces = keys.Select(key => Chart.Bar<int, string, string>(
            rows.Select(c => (byCountry ? c.ByCountry : c.BySector).FirstOrDefault(k => k.Key == key)?.Services ?? 0),
            labels,
            Name: ConcentrationCharts.PlotText(byCountry ? key : NaicsSectors.Title(key)))).ToList();
        var chart = traces.Count == 0 ? Chart.Bar<int, string, string>(new[] { 0 }, new[] { "no contingency fails a service" }) : Chart.Combine(traces);
        chart = WithBarMode(chart, "stack");
        chart = ConcentrationCharts.Finish(chart, title, null, null, Math.Max(420, 200 + (30 * rows.Count)));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "services failed");

        // Up to twenty sectors: a legend column to the right reads better than rows below.
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithLegendStyle(chart, Orientation: StyleParam.Orientation.Vertical, X: 1.02, Y: 1.0, YAnchor: StyleParam.YAnchorPosition.Top);
        return LeftMargin(chart, Labels(rows));
    }

    /// <summary>
    /// The exposure table behind <see cref="Exposure"/>: one row per contingency (node_id, name, services
    /// failed) and one column per sector (or country) with the services failed there, largest overall first;
    /// users and revenue per sector are in the contingencies' <c>BySector</c> and <c>ByCountry</c>.
    /// </summary>
    /// <param name="report">An N-1 report.</param>
    /// <param name="top">Contingencies included, ≥ 1.</param>
    /// <param name="byCountry">True for countries, false for sectors.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> below 1.</exception>
    public static DataFrame ExposureTable(ContingencyReport report, int top, bool byCountry)
    {
        var rows = Top(report, top).ToList();
        var keys = (byCountry ? report.Baseline.ByCountry : report.Baseline.BySector).Select(k => k.Key).ToList();
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("node_id", rows.Select(c => c.NodeId)),
            new StringDataFrameColumn("name", rows.Select(c => c.Name)),
            new Int32DataFrameColumn("services failed", rows.Select(c => c.ServicesFailed)),
        };
        columns.AddRange(keys.Select(key => new Int32DataFrameColumn(
            byCountry ? key : NaicsSectors.Title(key),
            rows.Select(c => (byCountry ? c.ByCountry : c.BySector).FirstOrDefault(k => k.Key == key)?.Services ?? 0))));
        return new DataFrame(columns);
    }

    /// <summary>
    /// How services meet each layer's requirement, in percent of the services that require the layer:
    /// critical (one third party), own infrastructure only, own infrastructure beside third parties,
    /// redundant third parties.
    /// </summary>
    /// <param name="report">A redundancy report.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart Redundancy(RedundancyReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        var layers = report.Layers.Reverse().ToList();
        string[] labels = layers.Select(l => ConcentrationCharts.PlotText($"{l.Layer} ({l.Services:N0})")).ToArray();
        GenericChart Part(string name, string color, Func<LayerRedundancy, int> count) =>
            Chart.Bar<double, string, string>(
                layers.Select(l => l.Services == 0 ? 0 : Math.Round(100.0 * count(l) / l.Services, 1)),
                labels,
                Name: name,
                MarkerColor: Color.fromString(color),
                MultiText: layers.Select(l => count(l).ToString("N0", CultureInfo.InvariantCulture)).ToArray());
        var chart = Chart.Combine(
        [
            Part("critical: one third-party provider", "#b91c1c", l => l.Critical),
            Part("own infrastructure only", "#9ca3af", l => l.SelfOnly),
            Part("own infrastructure and third parties", "#0f766e", l => l.SelfAndThirdParty),
            Part("redundant third parties", "#15803d", l => l.Redundant),
        ]);
        chart = WithBarMode(chart, "stack");
        chart = ConcentrationCharts.Finish(chart, title, null, null, Math.Max(400, 200 + (40 * layers.Count)));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "share of services that require the layer (%)", MinMax: Tuple.Create(0.0, 100.0));
        // A short plot (one or two layers) needs the legend further down, in plot heights, to clear the axis title.
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithLegendStyle(chart, Orientation: StyleParam.Orientation.Horizontal, X: 0.0, Y: layers.Count <= 2 ? -0.55 : -0.35, YAnchor: StyleParam.YAnchorPosition.Top);
        return LeftMargin(chart, layers.Select(l => $"{l.Layer} ({l.Services:N0})"));
    }

    /// <summary>The largest minimal cut sets of one order as horizontal bars (services each takes down that none of its members does alone).</summary>
    /// <param name="report">A cut-set report.</param>
    /// <param name="order">The order shown, 1 to the report's maximum.</param>
    /// <param name="top">Cut sets shown, ≥ 1.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> outside 1 to the report's maximum, or <paramref name="top"/> below 1.</exception>
    public static GenericChart CutSets(CutSetReport report, int order, int top, string title)
    {
        var rows = CutSetRows(report, order, top).Reverse().ToList();
        string[] labels = rows.Select(c => ConcentrationCharts.PlotText(string.Join(" + ", c.NodeIds))).ToArray();
        var chart = rows.Count == 0
            ? Chart.Bar<int, string, string>(new[] { 0 }, new[] { $"no minimal cut set of order {order}" })
            : Chart.Bar<int, string, string>(rows.Select(c => c.Failed.Services), labels, Name: $"order {order}", MarkerColor: Color.fromString("#7c3aed"), MultiText: rows.Select(c => c.Failed.Services.ToString("N0", CultureInfo.InvariantCulture)).ToArray(), TextPosition: StyleParam.TextPosition.Outside);
        chart = ConcentrationCharts.Finish(chart, title, null, null, Math.Max(320, 160 + (30 * rows.Count)));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "services that fail only when every member fails");
        return LeftMargin(chart, rows.Count == 0 ? new[] { $"no minimal cut set of order {order}" } : rows.Select(c => string.Join(" + ", c.NodeIds)));
    }

    /// <summary>The table behind <see cref="CutSets"/>: label, members, services, users (null when unknown), revenue_usd.</summary>
    /// <param name="report">A cut-set report.</param>
    /// <param name="order">The order shown.</param>
    /// <param name="top">Cut sets included, ≥ 1.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="CutSets"/>.</exception>
    public static DataFrame CutSetTable(CutSetReport report, int order, int top)
    {
        var rows = CutSetRows(report, order, top).ToList();
        return new DataFrame(
            new StringDataFrameColumn("label", rows.Select(c => c.Label)),
            new StringDataFrameColumn("members", rows.Select(c => string.Join(" + ", c.NodeIds))),
            new Int32DataFrameColumn("services", rows.Select(c => c.Failed.Services)),
            new Int64DataFrameColumn("users", rows.Select(c => c.Failed.Users)),
            new DoubleDataFrameColumn("revenue_usd", rows.Select(c => c.Failed.RevenueUsd)));
    }

    /// <summary>
    /// A Sankey diagram of how services reach what they depend on: services (or their sectors, when there
    /// are more than <paramref name="maxServices"/>) → the nodes they require → the nodes those require,
    /// for <paramref name="depth"/> hops (<see cref="DependencyFlows.Of"/>). Link width is the number of services.
    /// </summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="maxServices">Above this many services, the first column groups them by sector.</param>
    /// <param name="depth">Hops beyond the services, ≥ 1.</param>
    /// <param name="maxNodes">Nodes shown by name; the rest are merged, ≥ 1.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> or <paramref name="maxNodes"/> below 1.</exception>
    public static GenericChart Sankey(DependencyModel model, int maxServices, int depth, int maxNodes, string title)
    {
        IReadOnlyList<DependencyFlow> flows = DependencyFlows.Of(model, maxServices, depth, maxNodes);
        var labels = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Node(string label)
        {
            if (!index.TryGetValue(label, out int i))
            {
                i = labels.Count;
                index.Add(label, i);
                labels.Add(Wrapped(label));
            }

            return i;
        }

        var links = flows.Select(f => (Node(f.Source), Node(f.Target))).ToArray();
        var chart = Chart.Sankey<int, string>(labels, links, flows.Select(f => f.Services), NodeColor: Color.fromString("#1e3a8a"), LinkColor: Color.fromString("rgba(147,197,253,0.5)"), Name: "services");
        return ConcentrationCharts.Finish(chart, title, null, null, Math.Max(520, Math.Min(1400, 28 * labels.Count)));
    }

    // A Sankey label longer than 28 characters breaks at the space nearest its middle, so a middle column's name does not
    // run across the next column's nodes.
    private static string Wrapped(string label)
    {
        string text = ConcentrationCharts.PlotText(label);
        if (label.Length <= 28)
        {
            return text;
        }

        int middle = label.Length / 2;
        int left = label.LastIndexOf(' ', middle);
        int right = label.IndexOf(' ', middle);
        int cut = left < 0 ? right : right < 0 ? left : (middle - left <= right - middle ? left : right);
        return cut <= 0 ? text : ConcentrationCharts.PlotText(label[..cut]) + "<br>" + ConcentrationCharts.PlotText(label[(cut + 1)..]);
    }

    /// <summary>The flows behind <see cref="Sankey"/>: source, target, services.</summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="maxServices">As in <see cref="Sankey"/>.</param>
    /// <param name="depth">As in <see cref="Sankey"/>.</param>
    /// <param name="maxNodes">As in <see cref="Sankey"/>.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Sankey"/>.</exception>
    public static DataFrame SankeyTable(DependencyModel model, int maxServices, int depth, int maxNodes)
    {
        IReadOnlyList<DependencyFlow> flows = DependencyFlows.Of(model, maxServices, depth, maxNodes);
        return new DataFrame(
            new StringDataFrameColumn("source", flows.Select(f => f.Source)),
            new StringDataFrameColumn("target", flows.Select(f => f.Target)),
            new Int32DataFrameColumn("services", flows.Select(f => f.Services)));
    }

    /// <summary>
    /// Our figures beside a paper's for the providers with the largest published values of one measure
    /// and rank band: two bars per provider, the paper's and ours (none where we have no such provider).
    /// </summary>
    /// <param name="table">Comparisons, e.g. from <see cref="KashafReproduction.Compare"/>.</param>
    /// <param name="measure">The paper's measure, e.g. <c>damage_3rd</c>.</param>
    /// <param name="top">The rank band, e.g. 100,000.</param>
    /// <param name="providers">Providers shown, ≥ 1.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="providers"/> below 1.</exception>
    public static GenericChart AgainstPublished(KashafComparisonTable table, string measure, int top, int providers, string title)
    {
        var rows = PublishedRows(table, measure, top, providers).Reverse().ToList();
        string[] labels = rows.Select(r => ConcentrationCharts.PlotText(r.Provider)).ToArray();
        var chart = Chart.Combine(
        [
            Chart.Bar<int, string, string>(rows.Select(r => r.Paper), labels, Name: "paper (its published lists)", MarkerColor: Color.fromString("#9ca3af")),
            Chart.Bar<int, string, string>(rows.Select(r => r.Ours ?? 0), labels, Name: "ours (recomputed from the published data)", MarkerColor: Color.fromString(Direct)),
        ]);
        chart = WithBarMode(chart, "group");
        chart = ConcentrationCharts.Finish(chart, title, null, null, Math.Max(360, 180 + (44 * rows.Count)));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: $"sites (top {top:N0})");
        return LeftMargin(chart, rows.Select(r => r.Provider));
    }

    /// <summary>The table behind <see cref="AgainstPublished"/>: provider, node_id, ours, paper, difference.</summary>
    /// <param name="table">Comparisons.</param>
    /// <param name="measure">The paper's measure.</param>
    /// <param name="top">The rank band.</param>
    /// <param name="providers">Providers included, ≥ 1.</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="providers"/> below 1.</exception>
    public static DataFrame AgainstPublishedTable(KashafComparisonTable table, string measure, int top, int providers)
    {
        var rows = PublishedRows(table, measure, top, providers).ToList();
        return new DataFrame(
            new StringDataFrameColumn("provider", rows.Select(r => r.Provider)),
            new StringDataFrameColumn("node_id", rows.Select(r => r.NodeId)),
            new Int32DataFrameColumn("ours", rows.Select(r => r.Ours)),
            new Int32DataFrameColumn("paper", rows.Select(r => r.Paper)),
            new Int32DataFrameColumn("difference", rows.Select(r => r.Difference)));
    }

    private static IEnumerable<KashafComparison> PublishedRows(KashafComparisonTable table, string measure, int top, int providers)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentOutOfRangeException.ThrowIfLessThan(providers, 1);
        return table.Rows.Where(r => r.Measure == measure && r.Top == top)
            .OrderByDescending(r => r.Paper).ThenBy(r => r.Provider, StringComparer.Ordinal).Take(providers);
    }

    /// <summary>
    /// Bar labels: the node's name, with its layer (or id) added where several rows share a name
    /// (Cloudflare's DNS, CDN and CA), since bars on one category axis with one label would be drawn as one.
    /// </summary>
    private static string[] Labels(IReadOnlyList<Contingency> rows)
    {
        var shared = rows.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string[] labels = rows.Select(c => shared.Contains(c.Name) ? $"{c.Name} ({c.Layer ?? c.NodeId})" : c.Name).ToArray();
        return labels.Distinct(StringComparer.Ordinal).Count() == labels.Length ? labels : rows.Select(c => c.NodeId).ToArray();
    }

    private static IEnumerable<Contingency> Top(ContingencyReport report, int top)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        return report.Contingencies.Take(top);
    }

    private static IEnumerable<CutSet> CutSetRows(CutSetReport report, int order, int top)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, report.MaxOrder);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        return report.CutSets.Where(c => c.Order == order).Take(top);
    }

    /// <summary>Sets plotly's layout.barmode ("stack", "overlay").</summary>
    internal static GenericChart WithBarMode(GenericChart chart, string mode)
    {
        var layout = new Layout();
        layout.SetProperty("barmode", mode);
        return Plotly.NET.Chart.withLayout(layout).Invoke(chart);
    }

    /// <summary>Room on the left for the longest label (about 7 px a character at the default font).</summary>
    internal static GenericChart LeftMargin(GenericChart chart, IEnumerable<string> labels)
    {
        int width = Math.Min(420, 30 + (7 * labels.Select(l => l.Length).DefaultIfEmpty(10).Max()));
        return Plotly.NET.Chart.withMarginSize<int, int, int, int, int, bool>(
            Left: FSharpOption<int>.Some(width), Right: FSharpOption<int>.Some(60), Top: null, Bottom: null, Pad: null, Autoexpand: null).Invoke(chart);
    }
}
