using System.Globalization;
using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;
using Plotly.NET;
using RiskToolkit.Concentration;
using Chart = Plotly.NET.CSharp.Chart;

namespace RiskToolkit.Reporting;

/// <summary>A result with the label a chart or table shows for it (e.g. "DNS, Alexa top-100K, 2020").</summary>
/// <param name="Label">Text shown on the axis or legend; dataset text is escaped when drawn.</param>
/// <param name="Result">One market in one period.</param>
public sealed record LabelledResult(string Label, MarketConcentration Result);

/// <summary>Charts and tables that compare markets, market definitions and what-ifs.</summary>
public static partial class ConcentrationCharts
{
    /// <summary>
    /// HHI intervals of several markets (or definitions, or before and after a what-if) side by side: a
    /// thick vertical range from the lower to the upper end and a marker at the point HHI where one is
    /// defined, on HHI points (0–10,000) with the US 2023 bands shaded.
    /// </summary>
    /// <param name="items">The results to compare, in display order; labels must be distinct.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentException">No items, or two items share a label.</exception>
    public static GenericChart HhiComparison(IReadOnlyList<LabelledResult> items, string title)
    {
        Labelled(items);
        return IntervalChart(
            items.Select(i => (i.Label, i.Result.HhiInterval.LowerPoints, i.Result.HhiInterval.UpperPoints, i.Result.HhiPoints)).ToList(),
            title);
    }

    /// <summary>
    /// A merger what-if as two HHI intervals, before and after, on HHI points with the US 2023 bands
    /// shaded; the after interval is <see cref="MergerAnalysis.PostMergerHhi"/>.
    /// </summary>
    /// <param name="merger">The what-if.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="names">Display name per provider id; ids without a name are shown as ids.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart MergerChart(MergerAnalysis merger, string title, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(merger);
        ArgumentNullException.ThrowIfNull(names);
        var before = merger.Before;
        // The merged rows' point HHI is the published one plus 2·s_a·s_b: the point of the post-merger interval.
        var after = merger.After.HhiPoints;
        return IntervalChart(
            [
                ($"{before.Period}, as published", before.HhiInterval.LowerPoints, before.HhiInterval.UpperPoints, before.HhiPoints),
                ($"{names.GetValueOrDefault(merger.A, merger.A)} + {names.GetValueOrDefault(merger.B, merger.B)}", merger.PostMergerHhi.Lower, merger.PostMergerHhi.Upper, after),
            ],
            title);
    }

    /// <summary>The data of <see cref="MergerChart"/> with each regime's band before and presumption after.</summary>
    /// <param name="merger">The what-if.</param>
    /// <returns>
    /// One row per regime: regime, band before the merger (at both ends of the HHI interval), the
    /// presumption for the merger, HHI before and after and ΔHHI (points, whole, "lower–upper" when an
    /// interval), and the citation.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="merger"/> is null.</exception>
    public static DataFrame MergerTable(MergerAnalysis merger)
    {
        ArgumentNullException.ThrowIfNull(merger);
        var regimes = ConcentrationBands.Regimes;
        return new DataFrame(
            new StringDataFrameColumn("regime", regimes.Select(r => r.Name)),
            new StringDataFrameColumn("band before", regimes.Select(r => merger.Before.Bands.Single(b => b.Regime == r.Id).Verdict)),
            new StringDataFrameColumn("merger presumption", regimes.Select(r => merger.Assessments.Single(a => a.Regime == r.Id).Verdict)),
            new StringDataFrameColumn("HHI before (points)", regimes.Select(_ => WithPoint(merger.Before.HhiPoints, merger.Before.HhiInterval.LowerPoints, merger.Before.HhiInterval.UpperPoints))),
            new StringDataFrameColumn("ΔHHI (points)", regimes.Select(_ => WithPoint(merger.After.HhiPoints - merger.Before.HhiPoints, merger.DeltaHhi.Lower, merger.DeltaHhi.Upper))),
            new StringDataFrameColumn("HHI after (points)", regimes.Select(_ => WithPoint(merger.After.HhiPoints, merger.PostMergerHhi.Lower, merger.PostMergerHhi.Upper))),
            new StringDataFrameColumn("citation", regimes.Select(r => r.Citation)));
    }

    /// <summary>
    /// An exit what-if as two HHI intervals, before and after, on HHI points with the US 2023 bands
    /// shaded; the after interval is <see cref="ExitAnalysis.PostExitHhi"/>, its marker the HHI of the
    /// published shares after the exit.
    /// </summary>
    /// <param name="exit">The what-if.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="names">Display name per provider id; ids without a name are shown as ids.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart ExitChart(ExitAnalysis exit, string title, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(exit);
        ArgumentNullException.ThrowIfNull(names);
        var before = exit.Before;
        return IntervalChart(
            [
                ($"{before.Period}, as published", before.HhiInterval.LowerPoints, before.HhiInterval.UpperPoints, before.HhiPoints),
                ($"after {names.GetValueOrDefault(exit.Exiting, exit.Exiting)} leaves", exit.PostExitHhi.Lower, exit.PostExitHhi.Upper, exit.After.HhiPoints),
            ],
            title);
    }

    /// <summary>The data of <see cref="ExitChart"/> with CR3 and each regime's band before and after.</summary>
    /// <param name="exit">The what-if.</param>
    /// <returns>
    /// Two rows, "as published" and "after the exit"; columns: scenario, HHI (points, whole; empty where
    /// only ranges are published), HHI interval (points, whole, "lower–upper", or one number when both
    /// ends round alike), CR3 (%, to 0.1; empty where the third firm may be unnamed), CR3 interval (%,
    /// "lower–upper", "–" without one), then one column per regime (<see cref="ConcentrationBands.Regimes"/>
    /// order, headed by its name) with its band at both ends of the HHI interval. The after row uses
    /// <see cref="ExitAnalysis.PostExitHhi"/>, <see cref="ExitAnalysis.PostExitCr3"/> and
    /// <see cref="ExitAnalysis.PostExitBands"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="exit"/> is null.</exception>
    public static DataFrame ExitTable(ExitAnalysis exit)
    {
        ArgumentNullException.ThrowIfNull(exit);
        static double? Round(double? v, int digits = 0) => v is { } x ? Math.Round(x, digits) : null;
        static string Percent(IndexInterval? c) => c is null ? "–"
            : string.Create(CultureInfo.InvariantCulture, $"{100 * c.Lower:0.0}–{100 * c.Upper:0.0}");
        // Formatted as the command line prints it: 0.20695 · 10,000, stored as 2069.4999…, shows as 2070.
        static string Points(double lower, double upper)
        {
            var (l, u) = (lower.ToString("0", CultureInfo.InvariantCulture), upper.ToString("0", CultureInfo.InvariantCulture));
            return l == u ? l : $"{l}–{u}";
        }

        var before = exit.Before;
        var frame = new DataFrame(
            new StringDataFrameColumn("scenario", ["as published", "after the exit"]),
            new PrimitiveDataFrameColumn<double>("HHI (points)", [Round(before.HhiPoints), Round(exit.After.HhiPoints)]),
            new StringDataFrameColumn("HHI interval (points)", [Points(before.HhiInterval.LowerPoints, before.HhiInterval.UpperPoints), Points(exit.PostExitHhi.Lower, exit.PostExitHhi.Upper)]),
            new PrimitiveDataFrameColumn<double>("CR3 (%)", [Round(100 * before.Cr3, 1), Round(100 * exit.After.Cr3, 1)]),
            new StringDataFrameColumn("CR3 interval (%)", [Percent(before.Intervals.GetValueOrDefault("cr3")), Percent(exit.PostExitCr3)]));
        foreach (var regime in ConcentrationBands.Regimes)
        {
            frame.Columns.Add(new StringDataFrameColumn(
                regime.Name,
                [before.Bands.Single(b => b.Regime == regime.Id).Verdict, exit.PostExitBands.Single(b => b.Regime == regime.Id).Verdict]));
        }

        return frame;
    }

    private static GenericChart IntervalChart(IReadOnlyList<(string Label, double Lower, double Upper, double? Point)> items, string title)
    {
        var top = AxisTop(items.Select(i => i.Upper));
        var intervalColor = Color.fromString("#1e3a8a");
        var charts = items.Select((item, i) =>
        {
            var label = PlotText(item.Label);
            return Chart.Line<string, double, string>(
                [label, label],
                [Math.Round(item.Lower), Math.Round(item.Upper)],
                Name: "HHI interval (lower–upper)",
                ShowLegend: i == 0,
                ShowMarkers: true,
                LineColor: intervalColor,
                LineWidth: 10);
        }).ToList();
        var withPoint = items.Where(i => i.Point is not null).ToList();
        if (withPoint.Count > 0)
        {
            charts.Add(Chart.Point<string, double, string>(
                withPoint.Select(i => PlotText(i.Label)).ToArray(),
                withPoint.Select(i => Math.Round(i.Point!.Value)).ToArray(),
                Name: "HHI of the published shares",
                MarkerColor: Color.fromString("#f59e0b")));
        }

        var chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<string, string, string>(
            WithUs2023Bands(Chart.Combine(charts), top), AxisType: StyleParam.AxisType.Category);
        chart = Finish(chart, title, "HHI (points, 0–10,000)", top, 600);
        // Long labels are drawn slanted below the axis: room for them (about 3 px a character), and the
        // legend beside the plot, where it cannot collide with them.
        var labelRoom = 40 + (3 * items.Max(i => i.Label.Length));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithLegendStyle(
            chart, Orientation: StyleParam.Orientation.Vertical, X: 1.02, Y: 1.0, YAnchor: StyleParam.YAnchorPosition.Top);
        return Plotly.NET.Chart.withMarginSize<int, int, int, int, int, bool>(
            Left: null, Right: null, Top: null, Bottom: FSharpOption<int>.Some(labelRoom), Pad: null, Autoexpand: null).Invoke(chart);
    }

    // "point (lower–upper)" in whole points, or just the point when the interval is one.
    private static string WithPoint(double? point, double lower, double upper)
    {
        var span = Span(lower, upper);
        return point is not { } p ? span
            : span.Contains('–', StringComparison.Ordinal) ? $"{Math.Round(p).ToString("0", CultureInfo.InvariantCulture)} ({span})"
            : Math.Round(p).ToString("0", CultureInfo.InvariantCulture);
    }

    private static string Span(double lower, double upper)
    {
        var l = Math.Round(lower).ToString("0", CultureInfo.InvariantCulture);
        var u = Math.Round(upper).ToString("0", CultureInfo.InvariantCulture);
        return l == u ? l : $"{l}–{u}";
    }

    /// <summary>
    /// The data of <see cref="HhiComparison"/> with every regime's verdict: one row per item.
    /// </summary>
    /// <param name="items">The results compared, in display order.</param>
    /// <returns>
    /// Columns: label, market, period, measure, named firms, HHI (points, whole), HHI lower and upper
    /// (points, whole), CR3 (%) and its interval, one column per regime with its verdict at both ends
    /// of the interval, sources (ids in data/sources.csv).
    /// </returns>
    /// <exception cref="ArgumentException">No items, or two items share a label.</exception>
    public static DataFrame ComparisonTable(IReadOnlyList<LabelledResult> items)
    {
        Labelled(items);
        static double? Round(double? v, int digits = 0) => v is { } x ? Math.Round(x, digits) : null;
        var frame = new DataFrame(
            new StringDataFrameColumn("label", items.Select(i => i.Label)),
            new StringDataFrameColumn("market", items.Select(i => i.Result.MarketId)),
            new StringDataFrameColumn("period", items.Select(i => i.Result.Period)),
            new StringDataFrameColumn("measure", items.Select(i => i.Result.Measure)),
            new PrimitiveDataFrameColumn<int>("named firms", items.Select(i => i.Result.N)),
            new PrimitiveDataFrameColumn<double>("HHI (points)", items.Select(i => Round(i.Result.HhiPoints))),
            new PrimitiveDataFrameColumn<double>("HHI lower (points)", items.Select(i => Round(i.Result.HhiInterval.LowerPoints))),
            new PrimitiveDataFrameColumn<double>("HHI upper (points)", items.Select(i => Round(i.Result.HhiInterval.UpperPoints))),
            new PrimitiveDataFrameColumn<double>("CR3 (%)", items.Select(i => Round(100 * i.Result.Cr3, 1))),
            new StringDataFrameColumn("CR3 interval (%)", items.Select(i => i.Result.Intervals.TryGetValue("cr3", out var c)
                ? string.Create(CultureInfo.InvariantCulture, $"{100 * c.Lower:0.0}–{100 * c.Upper:0.0}")
                : "–")));
        foreach (var regime in ConcentrationBands.Regimes)
        {
            frame.Columns.Add(new StringDataFrameColumn(regime.Name, items.Select(i => i.Result.Bands.Single(b => b.Regime == regime.Id).Verdict)));
        }

        frame.Columns.Add(new StringDataFrameColumn("sources", items.Select(i => string.Join(", ", i.Result.SourceIds))));
        return frame;
    }

    /// <summary>
    /// Lorenz curves (ineq::Lc) of markets whose firms are all known, with the line of equality: the
    /// further a curve sags below the diagonal, the more unequal the firms' shares.
    /// </summary>
    /// <param name="items">Results whose <see cref="MarketConcentration.Lorenz"/> is set, in legend order.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart: cumulative share of firms (smallest first, %) against cumulative share of the market (%).</returns>
    /// <exception cref="ArgumentException">No items, two items share a label, or a result has no Lorenz curve (a remainder or unnamed ranks).</exception>
    public static GenericChart LorenzCurves(IReadOnlyList<LabelledResult> items, string title)
    {
        Labelled(items);
        if (items.FirstOrDefault(i => i.Result.Lorenz is null) is { } missing)
        {
            throw new ArgumentException($"'{missing.Label}' has no Lorenz curve: its firms are not all known.", nameof(items));
        }

        var charts = new List<GenericChart>
        {
            Chart.Line<double, double, string>([0.0, 100.0], [0.0, 100.0], Name: "line of equality", LineColor: Color.fromString("#9ca3af"), LineDash: StyleParam.DrawingStyle.Dash),
        };
        charts.AddRange(items.Select(i => Chart.Line<double, double, string>(
            i.Result.Lorenz!.Select(p => Math.Round(100 * p.CumulativeFirms, 3)).ToArray(),
            i.Result.Lorenz!.Select(p => Math.Round(100 * p.CumulativeShare, 3)).ToArray(),
            Name: PlotText(i.Label),
            ShowMarkers: i.Result.Lorenz!.Count <= 30)));
        var chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(
            Chart.Combine(charts), TitleText: "firms, smallest first (cumulative %)", MinMax: Tuple.Create(0.0, 100.0));
        return Finish(chart, title, "share of the market (cumulative %)", 100, 560);
    }

    /// <summary>The data of <see cref="LorenzCurves"/>: one row per point of each curve, with its Gini.</summary>
    /// <param name="items">Results whose Lorenz curve is set.</param>
    /// <returns>Columns: label, firms (%), share (%), each to 0.01, and the curve's Gini coefficient.</returns>
    /// <exception cref="ArgumentException">As <see cref="LorenzCurves"/>.</exception>
    public static DataFrame LorenzTable(IReadOnlyList<LabelledResult> items)
    {
        Labelled(items);
        var rows = items.SelectMany(i => (i.Result.Lorenz ?? throw new ArgumentException($"'{i.Label}' has no Lorenz curve: its firms are not all known.", nameof(items)))
            .Select(p => (i.Label, p, i.Result.Gini))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("label", rows.Select(r => r.Label)),
            new PrimitiveDataFrameColumn<double>("firms (%)", rows.Select(r => Math.Round(100 * r.p.CumulativeFirms, 2))),
            new PrimitiveDataFrameColumn<double>("share (%)", rows.Select(r => Math.Round(100 * r.p.CumulativeShare, 2))),
            new PrimitiveDataFrameColumn<double>("Gini", rows.Select(r => r.Gini is { } g ? Math.Round(g, 4) : (double?)null)));
    }

    /// <summary>The data of <see cref="SharesByPeriod"/>: one row per provider, one column per period.</summary>
    /// <param name="series">Results of one market, in period order.</param>
    /// <param name="names">Display name per provider id; ids without a name are shown as ids.</param>
    /// <returns>
    /// Columns: provider, then "{period} (%)" for each period, each share in percent to 0.1 (empty where
    /// the provider is not named or only a range is published); providers in the order of the last
    /// period's shares, then any named only earlier.
    /// </returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">Empty series, or results of more than one market.</exception>
    public static DataFrame SharesByPeriodTable(IReadOnlyList<MarketConcentration> series, IReadOnlyDictionary<string, string> names)
    {
        OneMarket(series);
        ArgumentNullException.ThrowIfNull(names);
        var providers = series.Reverse().SelectMany(r => r.Shares.Select(s => s.ProviderId)).Distinct(StringComparer.Ordinal).ToList();
        var frame = new DataFrame(new StringDataFrameColumn("provider", providers.Select(p => names.GetValueOrDefault(p, p))));
        foreach (var r in series)
        {
            var shares = r.Shares.ToDictionary(s => s.ProviderId, s => s.Share, StringComparer.Ordinal);
            frame.Columns.Add(new PrimitiveDataFrameColumn<double>(
                $"{r.Period} (%)",
                providers.Select(p => shares.GetValueOrDefault(p) is { } v ? Math.Round(100 * v, 1) : (double?)null)));
        }

        return frame;
    }

    private static void Labelled(IReadOnlyList<LabelledResult> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("At least one result is required.", nameof(items));
        }

        if (items.Select(i => i.Label).Distinct(StringComparer.Ordinal).Count() != items.Count)
        {
            throw new ArgumentException("Each item needs its own label.", nameof(items));
        }
    }
}
