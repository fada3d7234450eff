using System.Globalization;
using Microsoft.Data.Analysis;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using RiskToolkit.Impact;
using Chart = Plotly.NET.CSharp.Chart;

namespace RiskToolkit.Reporting;

/// <summary>
/// Plotly.NET charts and their data tables for economic-impact results: the per-event loss histogram,
/// exceedance curves with the AAL, Monte Carlo convergence, direct and cascaded loss by sector, dynamic
/// inoperability paths, the tornado of assumptions and the calibration against published estimates.
/// Losses are in USD, drawn in thousands, millions or billions by the largest value shown (the axis title
/// says which); dataset text is entity-encoded before plotly sees it.
/// </summary>
public static class ImpactCharts
{
    private const string GroundUpColor = "#1e3a8a";
    private const string InsuredColor = "#b45309";
    private const string CascadedColor = "#93c5fd";
    private const string PublishedColor = "#9ca3af";

    /// <summary>Bins of <see cref="LossHistogram"/>.</summary>
    private const int Bins = 40;

    /// <summary>
    /// Histogram of the per-event ground-up loss over the Monte Carlo trials, with dashed vertical lines at
    /// the mean, VaR95 and TVaR95 (METHODS 'Economic impact'); the insured loss is a second, overlaid
    /// histogram on the same bins when any trial has an insured loss.
    /// </summary>
    /// <param name="distribution">A Monte Carlo loss distribution.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart; bins as in <see cref="LossHistogramTable"/>.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart LossHistogram(LossDistribution distribution, string title)
    {
        var bins = Histogram(distribution);
        var (scale, unit) = Scale(bins[^1].High);
        double[] centres = bins.Select(b => (b.Low + b.High) / 2 / scale).ToArray();
        double width = (bins[0].High - bins[0].Low) / scale;
        var traces = new List<GenericChart>
        {
            Chart.Column<double, double, string>(bins.Select(b => (double)b.GroundUp), centres, Name: "ground-up loss", MarkerColor: Color.fromString(GroundUpColor), Opacity: 0.85, Width: width),
        };
        bool insured = distribution.InsuredLosses.Any(l => l > 0);
        if (insured)
        {
            traces.Add(Chart.Column<double, double, string>(bins.Select(b => (double)b.Insured), centres, Name: "insured loss", MarkerColor: Color.fromString(InsuredColor), Opacity: 0.7, Width: width));
        }

        int top = bins.Max(b => insured ? Math.Max(b.GroundUp, b.Insured) : b.GroundUp);
        LossStatistics s = distribution.GroundUp;
        traces.Add(Marker(s.Mean, top, $"mean {Usd(s.Mean)}", "#15803d", StyleParam.DrawingStyle.Solid));
        traces.Add(Marker(s.Var95, top, $"VaR95 {Usd(s.Var95)}", "#b91c1c", StyleParam.DrawingStyle.Dash));
        traces.Add(Marker(s.Tvar95, top, $"TVaR95 {Usd(s.Tvar95)}", "#7f1d1d", StyleParam.DrawingStyle.Dot));

        GenericChart Marker(double at, int height, string name, string color, StyleParam.DrawingStyle dash) =>
            Chart.Line<double, int, string>([at / scale, at / scale], [0, height], Name: $"ground-up {name}", LineColor: Color.fromString(color), LineWidth: 2, LineDash: dash);

        var chart = DependencyCharts.WithBarMode(Chart.Combine(traces), "overlay");
        chart = ConcentrationCharts.Finish(chart, title, $"trials (of {distribution.Trials:N0})", null);
        return Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: $"loss per event ({unit})", MinMax: Tuple.Create(0.0, bins[^1].High / scale));
    }

    /// <summary>
    /// The bins of <see cref="LossHistogram"/>: 40 bins of equal, rounded width (1, 2, 2.5 or 5 × 10^k USD)
    /// from 0 to past the largest ground-up loss; a loss on an edge falls in the upper bin.
    /// </summary>
    /// <param name="distribution">A Monte Carlo loss distribution.</param>
    /// <returns>Columns: from_usd, to_usd, ground_up_trials, ground_up_share (0–1), insured_trials, insured_share (0–1).</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame LossHistogramTable(LossDistribution distribution)
    {
        var bins = Histogram(distribution);
        double n = distribution.Trials;
        return new DataFrame(
            new DoubleDataFrameColumn("from_usd", bins.Select(b => b.Low)),
            new DoubleDataFrameColumn("to_usd", bins.Select(b => b.High)),
            new Int32DataFrameColumn("ground_up_trials", bins.Select(b => b.GroundUp)),
            new DoubleDataFrameColumn("ground_up_share", bins.Select(b => Math.Round(b.GroundUp / n, 4))),
            new Int32DataFrameColumn("insured_trials", bins.Select(b => b.Insured)),
            new DoubleDataFrameColumn("insured_share", bins.Select(b => Math.Round(b.Insured / n, 4))));
    }

    /// <summary>
    /// Occurrence (OEP) and aggregate (AEP) exceedance losses against return period on a log axis, a marker at
    /// each standard return period the simulated years support (5 to 1,000); ground-up and, when given,
    /// insured. The AAL with its 95 % interval is written under the title.
    /// </summary>
    /// <param name="groundUp">Exceedance results of the ground-up loss.</param>
    /// <param name="insured">Exceedance results of the insured loss, or <see langword="null"/>.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groundUp"/> or <paramref name="title"/> is null.</exception>
    public static GenericChart ExceedanceCurves(ExceedanceResult groundUp, ExceedanceResult? insured, string title)
    {
        ArgumentNullException.ThrowIfNull(groundUp);
        ArgumentNullException.ThrowIfNull(title);
        var rows = groundUp.Ep.Rows;
        double max = rows.Select(r => r.Aep).Concat(insured?.Ep.Rows.Select(r => r.Aep) ?? []).DefaultIfEmpty(0).Max();
        var (scale, unit) = Scale(max);
        var traces = new List<GenericChart>();
        void Curve(ExceedanceResult result, string measure, string color)
        {
            var r = result.Ep.Rows;
            int[] t = r.Select(x => x.ReturnPeriod).ToArray();
            traces.Add(Chart.Line<int, double, string>(t, r.Select(x => x.Oep / scale), ShowMarkers: true, Name: $"OEP {measure}", LineColor: Color.fromString(color), LineWidth: 2.5));
            traces.Add(Chart.Line<int, double, string>(t, r.Select(x => x.Aep / scale), ShowMarkers: true, Name: $"AEP {measure}", LineColor: Color.fromString(color), LineWidth: 2, LineDash: StyleParam.DrawingStyle.Dash));
        }

        Curve(groundUp, "ground-up", GroundUpColor);
        if (insured is not null)
        {
            Curve(insured, "insured", InsuredColor);
        }

        var chart = ConcentrationCharts.Finish(Chart.Combine(traces), title, $"loss exceeded with probability 1/T ({unit})", null);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: $"return period T (years; {groundUp.Ep.Periods:N0} simulated years)", AxisType: StyleParam.AxisType.Log);
        var axis = new LinearAxis();
        axis.SetProperty("tickvals", ExceedanceAnalysis.StandardReturnPeriods.ToArray());
        chart = Plotly.NET.Chart.withXAxis(axis, null).Invoke(chart);
        string aal = $"AAL ground-up {Aal(groundUp.Aal)}" + (insured is null ? string.Empty : $"; insured {Aal(insured.Aal)}");
        return Subtitle(chart, title, rows.Count == 0 ? $"{aal}; too few simulated years for a return period of 5" : aal);
    }

    /// <summary>The table behind <see cref="ExceedanceCurves"/>: one row per return period.</summary>
    /// <param name="groundUp">Exceedance results of the ground-up loss.</param>
    /// <param name="insured">Exceedance results of the insured loss, or <see langword="null"/> (its columns are then left out).</param>
    /// <returns>Columns: return_period (years), oep_usd, aep_usd, and with <paramref name="insured"/> insured_oep_usd, insured_aep_usd.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groundUp"/> is null.</exception>
    public static DataFrame ExceedanceTable(ExceedanceResult groundUp, ExceedanceResult? insured)
    {
        ArgumentNullException.ThrowIfNull(groundUp);
        var rows = groundUp.Ep.Rows;
        var frame = new DataFrame(
            new Int32DataFrameColumn("return_period", rows.Select(r => r.ReturnPeriod)),
            new DoubleDataFrameColumn("oep_usd", rows.Select(r => Math.Round(r.Oep))),
            new DoubleDataFrameColumn("aep_usd", rows.Select(r => Math.Round(r.Aep))));
        if (insured is not null)
        {
            var byPeriod = insured.Ep.Rows.ToDictionary(r => r.ReturnPeriod);
            frame.Columns.Add(new DoubleDataFrameColumn("insured_oep_usd", rows.Select(r => byPeriod.TryGetValue(r.ReturnPeriod, out var i) ? Math.Round(i.Oep) : (double?)null)));
            frame.Columns.Add(new DoubleDataFrameColumn("insured_aep_usd", rows.Select(r => byPeriod.TryGetValue(r.ReturnPeriod, out var i) ? Math.Round(i.Aep) : (double?)null)));
        }

        return frame;
    }

    /// <summary>
    /// Monte Carlo convergence: the running mean of the ground-up loss per event against the number of
    /// trials, inside a band of ± 2 standard errors.
    /// </summary>
    /// <param name="distribution">A Monte Carlo loss distribution.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart Convergence(LossDistribution distribution, string title)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var points = distribution.Convergence;
        var (scale, unit) = Scale(points.Select(p => p.Mean + (2 * p.StandardError)).DefaultIfEmpty(0).Max());
        int[] trials = points.Select(p => p.Trials).ToArray();
        double[] upper = points.Select(p => (p.Mean + (2 * p.StandardError)) / scale).ToArray();
        double[] lower = points.Select(p => (p.Mean - (2 * p.StandardError)) / scale).ToArray();

        // One closed polygon (upper edge out, lower edge back) shades the band.
        var band = Chart.Line<int, double, string>(
            trials.Concat(trials.Reverse()), upper.Concat(lower.Reverse()), Name: "± 2 standard errors", LineColor: Color.fromString("rgba(147,197,253,0)"), Fill: StyleParam.Fill.ToSelf, FillColor: Color.fromString("rgba(147,197,253,0.45)"));
        var mean = Chart.Line<int, double, string>(trials, points.Select(p => p.Mean / scale), Name: "running mean of the ground-up loss", LineColor: Color.fromString(GroundUpColor), LineWidth: 2.5);
        var chart = ConcentrationCharts.Finish(Chart.Combine([band, mean]), title, $"mean loss per event ({unit})", null, 420);
        return Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "trials");
    }

    /// <summary>The table behind <see cref="Convergence"/>.</summary>
    /// <param name="distribution">A Monte Carlo loss distribution.</param>
    /// <returns>Columns: trials, mean_usd, standard_error_usd, relative_error (s.e. ÷ mean; empty when the mean is 0).</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame ConvergenceTable(LossDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var points = distribution.Convergence;
        return new DataFrame(
            new Int32DataFrameColumn("trials", points.Select(p => p.Trials)),
            new DoubleDataFrameColumn("mean_usd", points.Select(p => Math.Round(p.Mean))),
            new DoubleDataFrameColumn("standard_error_usd", points.Select(p => Math.Round(p.StandardError))),
            new DoubleDataFrameColumn("relative_error", points.Select(p => p.Mean > 0 ? Math.Round(p.StandardError / p.Mean, 4) : (double?)null)));
    }

    /// <summary>
    /// Direct and cascaded loss by input-output sector (Inoperability Input-Output Model, METHODS 'Economic
    /// impact') as stacked horizontal bars, the largest total at the top; sectors without loss are left out.
    /// </summary>
    /// <param name="cascade">A cascade result.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart SectorCascade(CascadeLoss cascade, string title)
    {
        var rows = CascadeRows(cascade).Reverse().ToList();
        var (scale, unit) = Scale(rows.Select(r => r.TotalLossUsd).DefaultIfEmpty(0).Max());
        string[] labels = rows.Select(r => ConcentrationCharts.PlotText(r.Name)).ToArray();
        var chart = rows.Count == 0
            ? Chart.Bar<int, string, string>(new[] { 0 }, new[] { "no sector has a loss" })
            : Chart.Combine(
            [
                Chart.Bar<double, string, string>(rows.Select(r => r.DirectLossUsd / scale), labels, Name: "direct (the outage's own loss)", MarkerColor: Color.fromString(GroundUpColor)),
                Chart.Bar<double, string, string>(rows.Select(r => r.CascadedLossUsd / scale), labels, Name: "cascaded (through suppliers and customers)", MarkerColor: Color.fromString(CascadedColor), MultiText: rows.Select(r => Usd(r.TotalLossUsd)).ToArray(), TextPosition: StyleParam.TextPosition.Outside),
            ]);
        chart = DependencyCharts.WithBarMode(chart, "stack");
        chart = ConcentrationCharts.Finish(chart, title, null, null, Math.Max(360, 180 + (30 * rows.Count)));
        // Room right of the longest bar for its total.
        double right = rows.Select(r => r.TotalLossUsd / scale).DefaultIfEmpty(1).Max() * 1.2;
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: $"loss over {cascade.DurationHours:0.#} h ({unit})", MinMax: Tuple.Create(0.0, right));
        return DependencyCharts.LeftMargin(chart, rows.Count == 0 ? ["no sector has a loss"] : rows.Select(r => r.Name));
    }

    /// <summary>The table behind <see cref="SectorCascade"/>, largest total first.</summary>
    /// <param name="cascade">A cascade result.</param>
    /// <returns>Columns: sector_id, name, direct_loss_usd, cascaded_loss_usd, total_loss_usd, cascaded_share (cascaded ÷ total, 0–1), inoperability (q, 0–1).</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame SectorCascadeTable(CascadeLoss cascade)
    {
        var rows = CascadeRows(cascade).ToList();
        return new DataFrame(
            new StringDataFrameColumn("sector_id", rows.Select(r => r.SectorId)),
            new StringDataFrameColumn("name", rows.Select(r => r.Name)),
            new DoubleDataFrameColumn("direct_loss_usd", rows.Select(r => Math.Round(r.DirectLossUsd))),
            new DoubleDataFrameColumn("cascaded_loss_usd", rows.Select(r => Math.Round(r.CascadedLossUsd))),
            new DoubleDataFrameColumn("total_loss_usd", rows.Select(r => Math.Round(r.TotalLossUsd))),
            new DoubleDataFrameColumn("cascaded_share", rows.Select(r => Math.Round(r.CascadedLossUsd / r.TotalLossUsd, 4))),
            new DoubleDataFrameColumn("inoperability", rows.Select(r => r.Inoperability)));
    }

    /// <summary>
    /// Inoperability over time (dynamic IIM) of the <paramref name="top"/> sectors with the largest loss, in
    /// percent of each sector's planned output.
    /// </summary>
    /// <param name="dynamic">A dynamic inoperability path.</param>
    /// <param name="io">The input-output table it was computed on (the same sectors in the same order).</param>
    /// <param name="top">Sectors drawn, ≥ 1.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="io"/> has other sectors than <paramref name="dynamic"/>.</exception>
    public static GenericChart RecoveryPaths(DynamicInoperability dynamic, IoTable io, int top, string title)
    {
        var sectors = TopSectors(dynamic, io, top);
        var traces = sectors.Select(i => Chart.Line<double, double, string>(
            dynamic.TimesHours,
            dynamic.Inoperability.Select(q => Math.Round(100 * q[i], 6)),
            Name: ConcentrationCharts.PlotText(dynamic.SectorNames[i]),
            LineWidth: 2)).ToList();
        var chart = ConcentrationCharts.Finish(Chart.Combine(traces), title, "inoperability (% of planned output)", null, 520);
        return Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "hours since the outage began");
    }

    /// <summary>The table behind <see cref="RecoveryPaths"/>: one row per drawn sector, largest loss first (the full path is <see cref="DynamicInoperability.ToDataFrame"/>).</summary>
    /// <param name="dynamic">A dynamic inoperability path.</param>
    /// <param name="io">The input-output table it was computed on.</param>
    /// <param name="top">Sectors included, ≥ 1.</param>
    /// <returns>Columns: sector_id, name, output_usd (per year), resilience_per_hour (k), peak_inoperability_share (0–1; the chart shows percent), peak_hour, loss_usd.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="io"/> has other sectors than <paramref name="dynamic"/>.</exception>
    public static DataFrame RecoveryPathsTable(DynamicInoperability dynamic, IoTable io, int top)
    {
        var sectors = TopSectors(dynamic, io, top);
        int Peak(int i) => Enumerable.Range(0, dynamic.TimesHours.Count).MaxBy(m => dynamic.Inoperability[m][i]);
        return new DataFrame(
            new StringDataFrameColumn("sector_id", sectors.Select(i => dynamic.SectorIds[i])),
            new StringDataFrameColumn("name", sectors.Select(i => dynamic.SectorNames[i])),
            new DoubleDataFrameColumn("output_usd", sectors.Select(i => io.TotalOutputUsd[i])),
            new DoubleDataFrameColumn("resilience_per_hour", sectors.Select(i => Math.Round(dynamic.ResiliencePerHour[i], 4))),
            new DoubleDataFrameColumn("peak_inoperability_share", sectors.Select(i => dynamic.Inoperability[Peak(i)][i])),
            new DoubleDataFrameColumn("peak_hour", sectors.Select(i => dynamic.TimesHours[Peak(i)])),
            new DoubleDataFrameColumn("loss_usd", sectors.Select(i => Math.Round(dynamic.LossUsd[i]))));
    }

    /// <summary>
    /// A tornado of one-at-a-time sensitivities: per assumption a bar from the loss at its low setting to the
    /// loss at its high setting, drawn from the base loss (the vertical line), the widest at the top; each bar
    /// end is labelled with its setting.
    /// </summary>
    /// <param name="tornado">A tornado report.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart Tornado(TornadoReport tornado, string title)
    {
        var bars = TornadoRows(tornado).Reverse().ToList();
        double max = bars.SelectMany(b => new[] { b.LowLossUsd, b.HighLossUsd }).Append(tornado.BaseLossUsd).Max();
        var (scale, unit) = Scale(max);
        double baseLoss = tornado.BaseLossUsd / scale;
        string[] labels = bars.Select(b => ConcentrationCharts.PlotText(b.Assumption)).ToArray();

        // A side that leaves the loss at base has no bar and no label; a bar with neither side says so once.
        static bool Moves(double loss, double at) => Math.Abs(loss - at) > 1e-9 * Math.Max(1, Math.Abs(at));
        string Label(TornadoBar b, bool high)
        {
            bool low = Moves(b.LowLossUsd, tornado.BaseLossUsd), up = Moves(b.HighLossUsd, tornado.BaseLossUsd);
            if (!low && !up)
            {
                return high ? ConcentrationCharts.PlotText($"no change ({b.LowSetting} to {b.HighSetting})") : string.Empty;
            }

            return (high ? up : low) ? ConcentrationCharts.PlotText($"{(high ? b.HighSetting : b.LowSetting)}: {Usd(high ? b.HighLossUsd : b.LowLossUsd)}") : string.Empty;
        }

        GenericChart Side(string name, string color, Func<TornadoBar, double> loss, bool high) =>
            Chart.Bar<double, string, string>(
                bars.Select(b => (loss(b) / scale) - baseLoss),
                labels,
                Name: name,
                MarkerColor: Color.fromString(color),
                Base: baseLoss,
                MultiText: bars.Select(b => Label(b, high)).ToArray(),
                TextPosition: StyleParam.TextPosition.Outside);
        var traces = new List<GenericChart>
        {
            Side("low setting", "#60a5fa", b => b.LowLossUsd, high: false),
            Side("high setting", "#1e3a8a", b => b.HighLossUsd, high: true),
        };
        if (bars.Count > 0)
        {
            traces.Add(Chart.Line<double, string, string>([baseLoss, baseLoss], [labels[0], labels[^1]], Name: $"base {Usd(tornado.BaseLossUsd)}", LineColor: Color.fromString("#111827"), LineDash: StyleParam.DrawingStyle.Dash));
        }

        var chart = DependencyCharts.WithBarMode(Chart.Combine(traces), "overlay");
        // Tall enough that the legend, placed a fixed share of the plot height below it, clears the axis title.
        chart = ConcentrationCharts.Finish(chart, title, null, null, Math.Max(460, 200 + (44 * bars.Count)));
        var ends = bars.SelectMany(b => new[] { (b.LowLossUsd / scale, Label(b, false)), (b.HighLossUsd / scale, Label(b, true)) })
            .Select(e => (At: e.Item1, e.Item2.Length, Left: e.Item1 < baseLoss)).ToList();
        var (from, to) = RoomForLabels(ends, baseLoss, LabelMarginWidth(bars.Select(b => b.Assumption)));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: $"{tornado.Measure} loss ({unit})", MinMax: Tuple.Create(from, to));

        // Ticks at round values, none below 0 when no loss is: the room left for labels is not a loss.
        double step = NiceWidth((to - Math.Max(0, from)) / 6);
        double first = Math.Ceiling(Math.Max(from, Math.Min(0, ends.Select(e => e.At).DefaultIfEmpty(0).Min())) / step) * step;
        var axis = new LinearAxis();
        axis.SetProperty("tickvals", Enumerable.Range(0, (int)Math.Floor((to - first) / step) + 1).Select(k => Math.Round(first + (k * step), 10)).ToArray());
        chart = Plotly.NET.Chart.withXAxis(axis, null).Invoke(chart);
        return DependencyCharts.LeftMargin(chart, bars.Select(b => b.Assumption));
    }

    /// <summary>The table behind <see cref="Tornado"/>: one row per assumption, widest first.</summary>
    /// <param name="tornado">A tornado report.</param>
    /// <returns>Columns: assumption, low_setting, high_setting, low_loss_usd, high_loss_usd, swing_usd, basis.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame TornadoTable(TornadoReport tornado)
    {
        var bars = TornadoRows(tornado).ToList();
        return new DataFrame(
            new StringDataFrameColumn("assumption", bars.Select(b => b.Assumption)),
            new StringDataFrameColumn("low_setting", bars.Select(b => b.LowSetting)),
            new StringDataFrameColumn("high_setting", bars.Select(b => b.HighSetting)),
            new DoubleDataFrameColumn("low_loss_usd", bars.Select(b => Math.Round(b.LowLossUsd))),
            new DoubleDataFrameColumn("high_loss_usd", bars.Select(b => Math.Round(b.HighLossUsd))),
            new DoubleDataFrameColumn("swing_usd", bars.Select(b => Math.Round(b.Swing))),
            new StringDataFrameColumn("basis", bars.Select(b => b.Basis)));
    }

    /// <summary>
    /// Published loss estimates beside ours on a log USD axis: per row the published figure or range as a
    /// wide grey interval and ours as a narrow dark interval over it (a single figure is a marker).
    /// </summary>
    /// <param name="report">A calibration report.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart Calibration(CalibrationReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows.Reverse().ToList();
        var (scale, unit) = Scale(rows.SelectMany(r => new[] { r.PublishedHighUsd, r.OursHighUsd }).DefaultIfEmpty(0).Max());
        var lines = rows.Select(CalibrationLines).ToList();

        // Long study and case texts wrap onto lines joined by plotly's own line break, each line encoded.
        string[] labels = lines.Select(l => string.Join("<br>", l.Select(ConcentrationCharts.PlotText))).ToArray();
        var published = new Plotly.NET.TraceObjects.Marker();
        published.SetProperty("size", 14);
        published.SetProperty("color", PublishedColor);
        var traces = new List<GenericChart>();
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string label = labels[i];
            traces.Add(Chart.Line<double, string, string>([r.PublishedLowUsd / scale, r.PublishedHighUsd / scale], [label, label], ShowMarkers: true, Name: "published", ShowLegend: i == 0, LineColor: Color.fromString(PublishedColor), Marker: published, LineWidth: 14, MultiText: new[] { Usd(r.PublishedLowUsd), Usd(r.PublishedHighUsd) }));
            traces.Add(Chart.Line<double, string, string>([r.OursLowUsd / scale, r.OursHighUsd / scale], [label, label], ShowMarkers: true, Name: "ours", ShowLegend: i == 0, LineColor: Color.fromString(GroundUpColor), MarkerColor: Color.fromString(GroundUpColor), MarkerSymbol: StyleParam.MarkerSymbol.Diamond, LineWidth: 4, MultiText: new[] { Usd(r.OursLowUsd), Usd(r.OursHighUsd) }));
        }

        var chart = ConcentrationCharts.Finish(traces.Count == 0 ? Chart.Bar<int, string, string>(new[] { 0 }, new[] { "no comparison" }) : Chart.Combine(traces), title, null, null, Math.Max(360, 180 + (24 * lines.Sum(l => l.Count + 1))));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: $"loss ({unit}, log scale)", AxisType: StyleParam.AxisType.Log);
        return DependencyCharts.LeftMargin(chart, lines.SelectMany(l => l).DefaultIfEmpty("no comparison"));
    }

    /// <summary>The figures behind <see cref="Calibration"/>, in the report's order; <see cref="CalibrationNotesTable"/> holds the words.</summary>
    /// <param name="report">A calibration report.</param>
    /// <returns>Columns: study, case, measure, published, ours (ranges in words, e.g. "$6.9 bn – $14.7 bn"), ours_over_published (the low and high ratios), tolerance, within_tolerance.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame CalibrationTable(CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows;
        static string Range(double low, double high) => low == high ? Usd(low) : $"{Usd(low)} – {Usd(high)}";
        static string Ratio(double low, double high) => Math.Round(low, 2) == Math.Round(high, 2)
            ? string.Create(CultureInfo.InvariantCulture, $"{low:0.00}")
            : string.Create(CultureInfo.InvariantCulture, $"{low:0.00} – {high:0.00}");
        return new DataFrame(
            new StringDataFrameColumn("study", rows.Select(r => r.Study)),
            new StringDataFrameColumn("case", rows.Select(r => r.Case)),
            new StringDataFrameColumn("measure", rows.Select(r => r.Measure)),
            new StringDataFrameColumn("published", rows.Select(r => Range(r.PublishedLowUsd, r.PublishedHighUsd))),
            new StringDataFrameColumn("ours", rows.Select(r => Range(r.OursLowUsd, r.OursHighUsd))),
            new StringDataFrameColumn("ours_over_published", rows.Select(r => Ratio(r.LowRatio, r.HighRatio))),
            new DoubleDataFrameColumn("tolerance", rows.Select(r => r.Tolerance)),
            new BooleanDataFrameColumn("within_tolerance", rows.Select(r => r.WithinTolerance)));
    }

    /// <summary>The words behind each comparison of <see cref="Calibration"/>: what we assumed, where and why we differ, and the sources.</summary>
    /// <param name="report">A calibration report.</param>
    /// <returns>Columns: study, measure, assumptions, difference, sources.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame CalibrationNotesTable(CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows;
        return new DataFrame(
            new StringDataFrameColumn("study", rows.Select(r => r.Study)),
            new StringDataFrameColumn("measure", rows.Select(r => r.Measure)),
            new StringDataFrameColumn("assumptions", rows.Select(r => r.Assumptions)),
            new StringDataFrameColumn("difference", rows.Select(r => r.Difference)),
            new StringDataFrameColumn("sources", rows.Select(r => string.Join(", ", r.SourceIds))));
    }

    /// <summary>A loss in words: "$22.5 M", "$1.42 bn", "$283 k", "$0".</summary>
    /// <param name="usd">USD.</param>
    /// <returns>Three significant figures with a k, M or bn suffix.</returns>
    internal static string Usd(double usd)
    {
        double a = Math.Abs(usd);
        string sign = usd < 0 ? "−" : string.Empty;
        static string Three(double v) => v.ToString(v >= 100 ? "0" : v >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
        return a switch
        {
            >= 1e9 => $"{sign}${Three(a / 1e9)} bn",
            >= 1e6 => $"{sign}${Three(a / 1e6)} M",
            >= 1e3 => $"{sign}${Three(a / 1e3)} k",
            _ => $"{sign}${a.ToString("0", CultureInfo.InvariantCulture)}",
        };
    }

    /// <summary>Divisor and axis unit for losses up to <paramref name="max"/> USD.</summary>
    private static (double Scale, string Unit) Scale(double max) => max switch
    {
        >= 1e9 => (1e9, "USD bn"),
        >= 1e6 => (1e6, "USD M"),
        >= 1e3 => (1e3, "USD thousand"),
        _ => (1, "USD"),
    };

    private static string Aal(AverageAnnualLoss aal) =>
        aal.ConfidenceLow95 is { } low && aal.ConfidenceHigh95 is { } high
            ? $"{Usd(aal.Aal)} a year (95% interval {Usd(Math.Max(0, low))}–{Usd(high)})"
            : $"{Usd(aal.Aal)} a year";

    /// <summary>The title with a smaller second line; both lines are dataset text and entity-encoded, the line break is ours.</summary>
    private static GenericChart Subtitle(GenericChart chart, string title, string subtitle) =>
        Plotly.NET.Chart.withTitle($"{ConcentrationCharts.PlotText(title)}<br><sup>{ConcentrationCharts.PlotText(subtitle)}</sup>", null).Invoke(chart);

    private sealed record Bin(double Low, double High, int GroundUp, int Insured);

    private static List<Bin> Histogram(LossDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        double max = distribution.GroundUpLosses.Concat(distribution.InsuredLosses).DefaultIfEmpty(0).Max();
        double width = NiceWidth(max / Bins);
        int count = Math.Max(1, (int)Math.Floor(max / width) + 1);
        var groundUp = new int[count];
        var insured = new int[count];
        int Index(double loss) => Math.Clamp((int)Math.Floor(loss / width), 0, count - 1);
        foreach (double l in distribution.GroundUpLosses)
        {
            groundUp[Index(l)]++;
        }

        foreach (double l in distribution.InsuredLosses)
        {
            insured[Index(l)]++;
        }

        return Enumerable.Range(0, count).Select(i => new Bin(i * width, (i + 1) * width, groundUp[i], insured[i])).ToList();
    }

    /// <summary>The smallest of 1, 2, 2.5 and 5 × 10^k at or above <paramref name="raw"/> (1 when there is no loss).</summary>
    private static double NiceWidth(double raw)
    {
        if (!(raw > 0))
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(w => w >= raw * (1 - 1e-12));
    }

    private static IEnumerable<SectorLoss> CascadeRows(CascadeLoss cascade)
    {
        ArgumentNullException.ThrowIfNull(cascade);
        return cascade.Sectors.Where(s => s.TotalLossUsd > 0).OrderByDescending(s => s.TotalLossUsd).ThenBy(s => s.SectorId, StringComparer.Ordinal);
    }

    private static List<int> TopSectors(DynamicInoperability dynamic, IoTable io, int top)
    {
        ArgumentNullException.ThrowIfNull(dynamic);
        ArgumentNullException.ThrowIfNull(io);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (!io.SectorIds.SequenceEqual(dynamic.SectorIds, StringComparer.Ordinal))
        {
            throw new ArgumentException("The input-output table must have the path's sectors, in the same order.", nameof(io));
        }

        return Enumerable.Range(0, dynamic.SectorIds.Count).OrderByDescending(i => dynamic.LossUsd[i]).ThenBy(i => i).Take(top).ToList();
    }

    /// <summary>
    /// An axis range that leaves room for each label outside its bar end (about 6.5 px a character at the
    /// default font) in a plot of the chart's width less the margins.
    /// </summary>
    private static (double From, double To) RoomForLabels(IReadOnlyList<(double At, int Length, bool Left)> ends, double baseLoss, int leftMargin)
    {
        double plot = 900 - leftMargin - 60;
        double from = ends.Select(e => e.At).Append(baseLoss).Min();
        double to = ends.Select(e => e.At).Append(baseLoss).Max();
        if (to - from <= 0)
        {
            (from, to) = (from - (0.5 * Math.Max(1, Math.Abs(from))), to + (0.5 * Math.Max(1, Math.Abs(to))));
        }

        // Each pass widens the range to fit the labels at its current scale; it settles in a few passes
        // unless the labels alone would fill the plot, when it stops at the last pass.
        for (int pass = 0; pass < 20; pass++)
        {
            double span = to - from;
            double f = ends.Where(e => e.Left && e.Length > 0).Select(e => e.At - (((6.5 * e.Length) + 10) / plot * span)).Append(from).Min();
            double t = ends.Where(e => !e.Left && e.Length > 0).Select(e => e.At + (((6.5 * e.Length) + 10) / plot * span)).Append(to).Max();
            if (f >= from && t <= to)
            {
                break;
            }

            (from, to) = (Math.Min(from, f), Math.Max(to, t));
        }

        return (from, to);
    }

    private static int LabelMarginWidth(IEnumerable<string> labels) => Math.Min(420, 30 + (7 * labels.Select(l => l.Length).DefaultIfEmpty(10).Max()));

    private static IEnumerable<TornadoBar> TornadoRows(TornadoReport tornado)
    {
        ArgumentNullException.ThrowIfNull(tornado);
        return tornado.Bars.OrderByDescending(b => b.Swing);
    }

    /// <summary>"Study (measure)" on the first line, the case wrapped at word breaks onto lines of at most 40 characters.</summary>
    private static List<string> CalibrationLines(CalibrationRow r)
    {
        var lines = new List<string> { $"{r.Study} ({r.Measure})" };
        string line = string.Empty;
        foreach (string word in r.Case.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > 40)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : $"{line} {word}";
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}
