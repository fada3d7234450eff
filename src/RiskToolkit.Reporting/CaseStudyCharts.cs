using System.Globalization;
using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;
using Chart = Plotly.NET.CSharp.Chart;

namespace RiskToolkit.Reporting;

/// <summary>
/// Plotly.NET charts and their data tables for an outage case study (notebook 04): Gantt charts of the
/// component windows, of the cascade through the dependency model and of each service's down windows; our
/// loss distribution beside a published range; published report counts beside the model's counts; and a
/// market's concentration beside the reliance of services on a region and its provider. Times are UTC on the
/// chart axes (the tables add US Pacific time, in which AWS reports); losses in USD, drawn in millions or
/// billions as the axis title says. Dataset text is entity-encoded before plotly sees it.
/// </summary>
public static class CaseStudyCharts
{
    private const string EventColor = "#6b7280";
    private const string ComponentColor = "#1e3a8a";
    private const string BroughtDownColor = "#93c5fd";
    private const string LagColor = "#fbbf24";
    private const string GroundUpColor = "#1e3a8a";
    private const string InsuredColor = "#b45309";
    private const string PublishedColor = "rgba(220,38,38,0.15)";

    private const string TimeFormat = "yyyy-MM-dd HH:mm";

    /// <summary>
    /// Gantt chart of an event's timeline: the whole event (grey) and each component's impact window (blue), one
    /// row each, top to bottom in the order given, on a UTC time axis.
    /// </summary>
    /// <param name="windows">Windows, e.g. from <see cref="CaseStudy.Timeline"/>; at least one.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">No windows.</exception>
    public static GenericChart ComponentGantt(IReadOnlyList<TimelineWindow> windows, string title)
    {
        NotEmpty(windows, nameof(windows));
        ArgumentNullException.ThrowIfNull(title);
        var bars = windows.Select(w => new Segment(
            w.Label,
            w.StartUtc,
            w.EndUtc,
            w.NodeId is null ? "whole event" : "component impact window",
            w.NodeId is null ? EventColor : ComponentColor,
            $"{w.Label}: {Utc(w.StartUtc)}–{Utc(w.EndUtc)} UTC ({Duration(w.Hours)})")).ToList();
        return Gantt(bars, windows.Select(w => w.Label).ToList(), title);
    }

    /// <summary>The table behind <see cref="ComponentGantt"/>, with the times in UTC and US Pacific time.</summary>
    /// <param name="windows">Windows, e.g. from <see cref="CaseStudy.Timeline"/>.</param>
    /// <returns>Columns: window, node_id, start_utc, end_utc, start_pacific, end_pacific (with their offset, −07:00 for PDT), hours, source_id.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame ComponentTable(IReadOnlyList<TimelineWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new DataFrame(
            new StringDataFrameColumn("window", windows.Select(w => w.Label)),
            new StringDataFrameColumn("node_id", windows.Select(w => w.NodeId)),
            new StringDataFrameColumn("start_utc", windows.Select(w => Utc(w.StartUtc))),
            new StringDataFrameColumn("end_utc", windows.Select(w => Utc(w.EndUtc))),
            new StringDataFrameColumn("start_pacific", windows.Select(w => Local(w.StartPacific))),
            new StringDataFrameColumn("end_pacific", windows.Select(w => Local(w.EndPacific))),
            new DoubleDataFrameColumn("hours", windows.Select(w => Math.Round(w.Hours, 2))),
            new StringDataFrameColumn("source_id", windows.Select(w => w.SourceId)));
    }

    /// <summary>
    /// Gantt chart of the cascade: one row per node that is down at some time, with a bar for each stretch in which
    /// it is down, dark where it failed on its own and light where its requirements brought it down.
    /// </summary>
    /// <param name="cascade">Stretches, e.g. from <see cref="CaseStudy.Cascade"/>; at least one.</param>
    /// <param name="model">The model (for node names).</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">No stretches, or a node the model lacks.</exception>
    public static GenericChart CascadeGantt(IReadOnlyList<CascadeStretch> cascade, DependencyModel model, string title)
    {
        NotEmpty(cascade, nameof(cascade));
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(title);
        var order = new List<string>();
        var bars = new List<Segment>();
        foreach (CascadeStretch stretch in cascade)
        {
            foreach ((string id, bool own) in stretch.FailedNodeIds.Select(id => (id, true)).Concat(stretch.BroughtDownNodeIds.Select(id => (id, false))))
            {
                string name = NodeName(model, id);
                if (!order.Contains(name))
                {
                    order.Add(name);
                }

                bars.Add(new Segment(
                    name,
                    stretch.StartUtc,
                    stretch.EndUtc,
                    own ? "failed on its own (impact window)" : "down through its requirements",
                    own ? ComponentColor : BroughtDownColor,
                    $"{name}: {Utc(stretch.StartUtc)}–{Utc(stretch.EndUtc)} UTC, {(own ? "failed" : "brought down")}"));
            }
        }

        return Gantt(bars, order, title);
    }

    /// <summary>The table behind <see cref="CascadeGantt"/>: one row per stretch.</summary>
    /// <param name="cascade">Stretches.</param>
    /// <param name="model">The model (for node names).</param>
    /// <returns>Columns: start_utc, end_utc, hours, failed (names), brought_down (names), nodes_down, services_down.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">A node the model lacks.</exception>
    public static DataFrame CascadeTable(IReadOnlyList<CascadeStretch> cascade, DependencyModel model)
    {
        ArgumentNullException.ThrowIfNull(cascade);
        ArgumentNullException.ThrowIfNull(model);
        return new DataFrame(
            new StringDataFrameColumn("start_utc", cascade.Select(s => Utc(s.StartUtc))),
            new StringDataFrameColumn("end_utc", cascade.Select(s => Utc(s.EndUtc))),
            new DoubleDataFrameColumn("hours", cascade.Select(s => Math.Round(s.Hours, 2))),
            new StringDataFrameColumn("failed", cascade.Select(s => string.Join("; ", s.FailedNodeIds.Select(id => NodeName(model, id))))),
            new StringDataFrameColumn("brought_down", cascade.Select(s => string.Join("; ", s.BroughtDownNodeIds.Select(id => NodeName(model, id))))),
            new Int32DataFrameColumn("nodes_down", cascade.Select(s => s.FailedNodeIds.Count + s.BroughtDownNodeIds.Count)),
            new Int32DataFrameColumn("services_down", cascade.Select(s => s.ServicesDown)));
    }

    /// <summary>
    /// Gantt chart of the services' down windows: one row per service, blue while its requirements are down and
    /// amber for its recovery lag; services in the order given.
    /// </summary>
    /// <param name="windows">Down windows, e.g. from <see cref="CaseStudy.ServiceWindows"/>; at least one.</param>
    /// <param name="context">A window drawn in grey as the first row for scale (e.g. the whole event), or <see langword="null"/>.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="windows"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">No windows.</exception>
    public static GenericChart ServiceGantt(IReadOnlyList<ServiceDownWindow> windows, TimelineWindow? context, string title)
    {
        NotEmpty(windows, nameof(windows));
        ArgumentNullException.ThrowIfNull(title);
        var bars = new List<Segment>();
        var rows = new List<string>();
        if (context is not null)
        {
            bars.Add(new Segment(context.Label, context.StartUtc, context.EndUtc, "whole event", EventColor, $"{context.Label}: {Utc(context.StartUtc)}–{Utc(context.EndUtc)} UTC"));
            rows.Add(context.Label);
        }

        foreach (ServiceDownWindow w in windows)
        {
            string label = ServiceLabel(w);
            bars.Add(new Segment(label, w.StartUtc, w.RequirementsBackUtc, "requirements down", ComponentColor, $"{w.Name}: down {Utc(w.StartUtc)}–{Utc(w.RequirementsBackUtc)} UTC"));
            if (w.EndUtc > w.RequirementsBackUtc)
            {
                bars.Add(new Segment(label, w.RequirementsBackUtc, w.EndUtc, "recovery lag", LagColor, $"{w.Name}: recovery lag to {Utc(w.EndUtc)} UTC"));
            }
        }

        rows.AddRange(windows.Select(ServiceLabel).Distinct());
        return Gantt(bars, rows, title);
    }

    /// <summary>The table behind <see cref="ServiceGantt"/>.</summary>
    /// <param name="windows">Down windows.</param>
    /// <returns>Columns: service_id, name, country, sector, start_utc, requirements_back_utc, end_utc, lag_hours, hours.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame ServiceTable(IReadOnlyList<ServiceDownWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new DataFrame(
            new StringDataFrameColumn("service_id", windows.Select(w => w.ServiceId)),
            new StringDataFrameColumn("name", windows.Select(w => w.Name)),
            new StringDataFrameColumn("country", windows.Select(w => w.Country)),
            new StringDataFrameColumn("sector", windows.Select(w => w.Sector)),
            new StringDataFrameColumn("start_utc", windows.Select(w => Utc(w.StartUtc))),
            new StringDataFrameColumn("requirements_back_utc", windows.Select(w => Utc(w.RequirementsBackUtc))),
            new StringDataFrameColumn("end_utc", windows.Select(w => Utc(w.EndUtc))),
            new DoubleDataFrameColumn("lag_hours", windows.Select(w => Math.Round(w.LagHours, 2))),
            new DoubleDataFrameColumn("hours", windows.Select(w => Math.Round(w.Hours, 2))));
    }

    /// <summary>
    /// Our Monte Carlo loss per event beside a published range, on a log loss axis so that both show whatever
    /// their sizes: the number of trials in each of 10 bins a decade (log-spaced) as filled curves, ground-up and,
    /// when any trial pays, insured, with the published range as a shaded band. Trials with no loss cannot sit on a
    /// log axis; the subtitle counts them.
    /// </summary>
    /// <param name="distribution">Our Monte Carlo distribution.</param>
    /// <param name="published">The published row (e.g. from <see cref="CaseStudy.PublishedLoss"/>), with a low end above 0.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">The published range does not start above 0.</exception>
    public static GenericChart LossBesidePublished(LossDistribution distribution, LossComparisonRow published, string title)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(title);
        if (!(published.LowUsd > 0))
        {
            throw new ArgumentException("The published range must start above 0 to sit on a log axis.", nameof(published));
        }

        var positive = distribution.GroundUpLosses.Concat(distribution.InsuredLosses).Where(l => l > 0).ToList();
        double from = Math.Floor(Math.Log10(positive.Append(published.LowUsd).Min()));
        double to = Math.Ceiling(Math.Log10(positive.Append(published.HighUsd).Max()));
        const int perDecade = 10;
        int count = Math.Max(1, (int)((to - from) * perDecade));
        double[] Edges() => Enumerable.Range(0, count + 1).Select(i => Math.Pow(10, from + ((double)i / perDecade))).ToArray();
        double[] edges = Edges();
        double[] centres = Enumerable.Range(0, count).Select(i => Math.Sqrt(edges[i] * edges[i + 1])).ToArray();
        int[] Count(IReadOnlyList<double> losses)
        {
            var bins = new int[count];
            foreach (double l in losses.Where(l => l > 0))
            {
                bins[Math.Clamp((int)Math.Floor((Math.Log10(l) - from) * perDecade), 0, count - 1)]++;
            }

            return bins;
        }

        int[] groundUp = Count(distribution.GroundUpLosses);
        int[] insuredBins = Count(distribution.InsuredLosses);
        bool insured = insuredBins.Any(c => c > 0);
        int top = groundUp.Concat(insuredBins).Max();
        string band = $"{published.Estimate} {published.Measure} range {ImpactCharts.Usd(published.LowUsd)}–{ImpactCharts.Usd(published.HighUsd)}";
        var traces = new List<GenericChart>
        {
            Chart.Line<double, double, string>(
                [published.LowUsd, published.HighUsd, published.HighUsd, published.LowUsd, published.LowUsd],
                [0, 0, top * 1.08, top * 1.08, 0],
                Name: ConcentrationCharts.PlotText(band),
                LineColor: Color.fromString("rgba(220,38,38,0.6)"),
                Fill: StyleParam.Fill.ToSelf,
                FillColor: Color.fromString(PublishedColor)),
            Chart.Line<double, int, string>(centres, groundUp, Name: "our ground-up loss (trials per bin)", LineColor: Color.fromString(GroundUpColor), LineWidth: 2, Fill: StyleParam.Fill.ToZero_y, FillColor: Color.fromString("rgba(30,58,138,0.35)")),
        };
        if (insured)
        {
            traces.Add(Chart.Line<double, int, string>(centres, insuredBins, Name: "our insured loss (trials per bin)", LineColor: Color.fromString(InsuredColor), LineWidth: 2, Fill: StyleParam.Fill.ToZero_y, FillColor: Color.fromString("rgba(180,83,9,0.35)")));
        }

        var chart = ConcentrationCharts.Finish(Chart.Combine(traces), title, $"trials per bin (of {distribution.Trials:N0}; 10 bins a decade)", null);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "loss per event (USD, log scale)", AxisType: StyleParam.AxisType.Log);
        int zeroInsured = distribution.InsuredLosses.Count(l => l <= 0);
        int zeroGroundUp = distribution.GroundUpLosses.Count(l => l <= 0);
        string note = $"mean ground-up {ImpactCharts.Usd(distribution.GroundUp.Mean)}, insured {ImpactCharts.Usd(distribution.Insured.Mean)}"
            + (zeroInsured == distribution.Trials ? "; no trial pays an insured loss" : zeroInsured > 0 ? $"; {zeroInsured:N0} trials pay no insured loss" : string.Empty)
            + (zeroGroundUp > 0 ? $"; {zeroGroundUp:N0} trials lose nothing" : string.Empty)
            + "; shaded: a different scope, see the table";
        return Subtitle(chart, title, note);
    }

    /// <summary>The table behind <see cref="LossBesidePublished"/>: published and our figures side by side.</summary>
    /// <param name="rows">Rows, e.g. <see cref="CaseStudy.PublishedLoss"/> then <see cref="CaseStudy.OurLoss"/>.</param>
    /// <returns>Columns: estimate, measure, scope, low_usd (ours: 5th percentile), central_usd (ours: mean), high_usd (ours: 95th percentile), share_in_published_range (0–1), source_id.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame LossComparisonTable(IReadOnlyList<LossComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new DataFrame(
            new StringDataFrameColumn("estimate", rows.Select(r => r.Estimate)),
            new StringDataFrameColumn("measure", rows.Select(r => r.Measure)),
            new StringDataFrameColumn("scope", rows.Select(r => r.Scope)),
            new DoubleDataFrameColumn("low_usd", rows.Select(r => Math.Round(r.LowUsd))),
            new DoubleDataFrameColumn("central_usd", rows.Select(r => r.CentralUsd is { } c ? Math.Round(c) : (double?)null)),
            new DoubleDataFrameColumn("high_usd", rows.Select(r => Math.Round(r.HighUsd))),
            new DoubleDataFrameColumn("share_in_published_range", rows.Select(r => r.ShareInPublishedRange is { } s ? Math.Round(s, 4) : (double?)null)),
            new StringDataFrameColumn("source_id", rows.Select(r => r.SourceId)));
    }

    /// <summary>
    /// Published report counts beside the model: for each indicator (scope and window), the published count and,
    /// for each replay that knows its services' users, the users of the services down in the same scope, as
    /// grouped bars on a log axis. Reports are not users; the subtitle says so.
    /// </summary>
    /// <param name="rows">Comparisons, e.g. from <see cref="CaseStudy.IndicatorsBesideModel"/>; at least one.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">No rows.</exception>
    public static GenericChart ReportCounts(IReadOnlyList<IndicatorComparison> rows, string title)
    {
        NotEmpty(rows, nameof(rows));
        ArgumentNullException.ThrowIfNull(title);
        string[] labels = rows.Select(r => ConcentrationCharts.PlotText(IndicatorLabel(r.Indicator))).ToArray();
        string unit = string.Join(", ", rows.Select(r => r.Indicator.Unit).Distinct(StringComparer.Ordinal));
        var traces = new List<GenericChart>
        {
            Chart.Column<double, string, string>(
                rows.Select(r => r.Indicator.Value),
                labels,
                Name: $"published {unit} (Downdetector)",
                MarkerColor: Color.fromString("#b91c1c"),
                MultiText: rows.Select(r => Count(r.Indicator.Value) + (r.Indicator.Qualifier == "at_least" ? "+" : string.Empty)).ToArray(),
                TextPosition: StyleParam.TextPosition.Outside),
        };
        string[] colors = ["#1e3a8a", "#0f766e", "#7c3aed"];
        var replays = rows[0].Replays.Select(r => r.Label).ToArray();
        for (int k = 0; k < replays.Length; k++)
        {
            int index = k;
            if (!rows.Any(r => r.Replays[index].UsersDown > 0))
            {
                continue;
            }

            traces.Add(Chart.Column<double, string, string>(
                rows.Select(r => (double)(r.Replays[index].UsersDown ?? 0)),
                labels,
                Name: ConcentrationCharts.PlotText($"users of the services down, {replays[index]} (model)"),
                MarkerColor: Color.fromString(colors[index % colors.Length]),
                MultiText: rows.Select(r => r.Replays[index].UsersDown is { } u ? Count(u) : "unknown").ToArray(),
                TextPosition: StyleParam.TextPosition.Outside));
        }

        var chart = Chart.Combine(traces);
        var layout = new Layout();
        layout.SetProperty("uniformtext", new Dictionary<string, object> { ["mode"] = "show", ["minsize"] = 9 });
        chart = Plotly.NET.Chart.withLayout(layout).Invoke(chart);
        chart = ConcentrationCharts.Finish(chart, title, "count (log scale)", null, 520);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: "count (log scale)", AxisType: StyleParam.AxisType.Log);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<string, string, string>(chart, TitleText: "scope and window of the published count");
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithLegendStyle(chart, Orientation: StyleParam.Orientation.Horizontal, X: 0.0, Y: -0.3, YAnchor: StyleParam.YAnchorPosition.Top);
        return Subtitle(chart, title, "A report is one person telling Downdetector a service failed; users of the services down count a person once per service. Neither is the other.");
    }

    /// <summary>The table behind <see cref="ReportCounts"/>, with every replay's services in scope and down.</summary>
    /// <param name="rows">Comparisons.</param>
    /// <returns>
    /// Columns: metric, scope, value, qualifier, unit, source_id, then for each replay (by its label) services_in_scope,
    /// services_down and users_down.
    /// </returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame ReportCountsTable(IReadOnlyList<IndicatorComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var frame = new DataFrame(
            new StringDataFrameColumn("metric", rows.Select(r => r.Indicator.Metric)),
            new StringDataFrameColumn("scope", rows.Select(r => r.Indicator.Scope)),
            new DoubleDataFrameColumn("value", rows.Select(r => r.Indicator.Value)),
            new StringDataFrameColumn("qualifier", rows.Select(r => r.Indicator.Qualifier)),
            new StringDataFrameColumn("unit", rows.Select(r => r.Indicator.Unit)),
            new StringDataFrameColumn("source_id", rows.Select(r => r.Indicator.SourceId)));
        if (rows.Count == 0)
        {
            return frame;
        }

        for (int k = 0; k < rows[0].Replays.Count; k++)
        {
            int index = k;
            string label = rows[0].Replays[index].Label;
            frame.Columns.Add(new Int32DataFrameColumn($"{label}: services_in_scope", rows.Select(r => r.Replays[index].ServicesInScope)));
            frame.Columns.Add(new Int32DataFrameColumn($"{label}: services_down", rows.Select(r => r.Replays[index].ServicesDown)));
            frame.Columns.Add(new Int64DataFrameColumn($"{label}: users_down", rows.Select(r => r.Replays[index].UsersDown)));
        }

        return frame;
    }

    /// <summary>
    /// A market's concentration beside services' reliance: horizontal bars of every share (0–100 %), grouped by
    /// whose figure it is (market first), with the value at each bar's end; a published range shows as its low end
    /// with the range in the label. The HHI is left to the table (it is not a share).
    /// </summary>
    /// <param name="rows">Rows, e.g. from <see cref="CaseStudy.ConcentrationBesideReliance"/>; at least one share.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">No row is a share.</exception>
    public static GenericChart Reliance(IReadOnlyList<RelianceRow> rows, string title)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(title);
        var shares = rows.Where(r => r.IsShare).ToList();
        if (shares.Count == 0)
        {
            throw new ArgumentException("At least one row must be a share.", nameof(rows));
        }

        string[] colors = ["#6b7280", "#1e3a8a", "#0f766e", "#7c3aed"];
        var groups = shares.Select(r => r.Group).Distinct(StringComparer.Ordinal).ToList();
        var all = shares.AsEnumerable().Reverse().Select(RelianceLabel).ToArray();
        var traces = groups.Select((g, i) =>
        {
            var part = shares.Where(r => r.Group == g).Reverse().ToList();
            return Chart.Bar<double, string, string>(
                part.Select(r => r.Value is { } v ? Math.Round(100 * v, 1) : 0),
                part.Select(r => ConcentrationCharts.PlotText(RelianceLabel(r))).ToArray(),
                Name: ConcentrationCharts.PlotText(g),
                MarkerColor: Color.fromString(colors[i % colors.Length]),
                MultiText: part.Select(r => r.Value is null ? "unknown" : r.Low is { } lo && r.High is { } hi ? $"{Percent(lo)}–{Percent(hi)}" : Percent(r.Value.Value)).ToArray(),
                TextPosition: StyleParam.TextPosition.Outside);
        }).ToArray();
        var chart = Chart.Combine(traces);
        int height = Math.Max(360, 200 + (30 * shares.Count));
        chart = ConcentrationCharts.Finish(chart, title, null, null, height);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "share (%)", MinMax: Tuple.Create(0.0, 115.0));
        var axis = new LinearAxis();
        axis.SetProperty("categoryorder", "array");
        axis.SetProperty("categoryarray", all.Select(ConcentrationCharts.PlotText).ToArray());
        chart = Plotly.NET.Chart.withYAxis(axis, null).Invoke(chart);
        chart = LegendBelow(chart, height);
        return DependencyCharts.LeftMargin(chart, all);
    }

    /// <summary>The table behind <see cref="Reliance"/>, the HHI included.</summary>
    /// <param name="rows">Rows.</param>
    /// <returns>Columns: group, figure, value (share 0–1, or the HHI on the 0–1 scale), low, high, is_share, basis.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame RelianceTable(IReadOnlyList<RelianceRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new DataFrame(
            new StringDataFrameColumn("group", rows.Select(r => r.Group)),
            new StringDataFrameColumn("figure", rows.Select(r => r.Figure)),
            new DoubleDataFrameColumn("value", rows.Select(r => r.Value is { } v ? Math.Round(v, 4) : (double?)null)),
            new DoubleDataFrameColumn("low", rows.Select(r => r.Low is { } v ? Math.Round(v, 4) : (double?)null)),
            new DoubleDataFrameColumn("high", rows.Select(r => r.High is { } v ? Math.Round(v, 4) : (double?)null)),
            new BooleanDataFrameColumn("is_share", rows.Select(r => r.IsShare)),
            new StringDataFrameColumn("basis", rows.Select(r => r.Basis)));
    }

    /// <summary>One bar of a Gantt chart: a row label, a window, its legend group and colour, and hover text.</summary>
    private sealed record Segment(string Row, DateTimeOffset Start, DateTimeOffset End, string Group, string Color, string Hover);

    /// <summary>
    /// Each segment as a thick line on a UTC time axis, rows top to bottom in <paramref name="rows"/> order; one
    /// legend entry per group.
    /// </summary>
    private static GenericChart Gantt(IReadOnlyList<Segment> segments, IReadOnlyList<string> rows, string title)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int thickness = rows.Count > 20 ? 10 : 18;
        var traces = segments.Select(s => Chart.Line<DateTime, string, string>(
            [s.Start.UtcDateTime, s.End.UtcDateTime],
            [ConcentrationCharts.PlotText(s.Row), ConcentrationCharts.PlotText(s.Row)],
            Name: ConcentrationCharts.PlotText(s.Group),
            ShowLegend: seen.Add(s.Group),
            LineColor: Color.fromString(s.Color),
            LineWidth: thickness,
            MultiText: new[] { ConcentrationCharts.PlotText(s.Hover), ConcentrationCharts.PlotText(s.Hover) })).ToArray();
        int height = Math.Max(300, 200 + ((rows.Count > 20 ? 18 : 40) * rows.Count));
        var chart = ConcentrationCharts.Finish(Chart.Combine(traces), title, null, null, height);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<DateTime, DateTime, string>(chart, TitleText: "time (UTC)");
        var yAxis = new LinearAxis();
        yAxis.SetProperty("categoryorder", "array");
        yAxis.SetProperty("categoryarray", rows.Select(ConcentrationCharts.PlotText).ToArray());
        yAxis.SetProperty("autorange", "reversed");
        chart = Plotly.NET.Chart.withYAxis(yAxis, null).Invoke(chart);
        chart = LegendBelow(chart, height);
        return DependencyCharts.LeftMargin(chart, rows);
    }

    /// <summary>The legend about 70 px below the plot area, whatever the chart's height.</summary>
    private static GenericChart LegendBelow(GenericChart chart, int height)
    {
        double plot = Math.Max(100, height - 180);
        return Plotly.NET.CSharp.GenericChartExtensions.WithLegendStyle(chart, Orientation: StyleParam.Orientation.Horizontal, X: 0.0, Y: -70 / plot, YAnchor: StyleParam.YAnchorPosition.Top);
    }

    /// <summary>The title with a smaller second line; both are dataset text and entity-encoded, the line break is ours.</summary>
    private static GenericChart Subtitle(GenericChart chart, string title, string subtitle) =>
        Plotly.NET.Chart.withTitle($"{ConcentrationCharts.PlotText(title)}<br><sup>{ConcentrationCharts.PlotText(subtitle)}</sup>", null).Invoke(chart);

    private static void NotEmpty<T>(IReadOnlyList<T> items, string name)
    {
        ArgumentNullException.ThrowIfNull(items, name);
        if (items.Count == 0)
        {
            throw new ArgumentException("At least one row is required.", name);
        }
    }

    private static string NodeName(DependencyModel model, string id)
    {
        int i = model.IndexOfNode(id);
        return i >= 0 ? model.Nodes[i].Name : throw new ArgumentException($"'{id}' is not a node of the model.", nameof(model));
    }

    private static string ServiceLabel(ServiceDownWindow w) => w.Country is null ? w.Name : $"{w.Name} ({w.Country})";

    private static string IndicatorLabel(OutageIndicator i)
    {
        string scope = i.IsWorld ? "world" : string.Join("+", i.Countries);
        string window = i.Metric.EndsWith("_first_2h", StringComparison.Ordinal) ? "first ~2 h" : i.Metric.EndsWith("_whole_event", StringComparison.Ordinal) ? "whole event" : i.Metric;
        return $"{scope}, {window}";
    }

    private static string RelianceLabel(RelianceRow r) => r.Group == "market" ? r.Figure : $"{r.Group}: {r.Figure}";

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset t) => t.ToString(TimeFormat + " zzz", CultureInfo.InvariantCulture);

    private static string Duration(double hours)
    {
        int minutes = (int)Math.Round(hours * 60);
        return $"{minutes / 60} h {minutes % 60:00} min";
    }

    private static string Percent(double share) => (100 * share).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Count(double value) => value switch
    {
        >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M",
        >= 1e3 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " k",
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };
}
