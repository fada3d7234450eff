using System.Globalization;
using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using RiskToolkit.Concentration;
using Chart = Plotly.NET.CSharp.Chart;

namespace RiskToolkit.Reporting;

/// <summary>
/// Plotly.NET charts of concentration results. Every chart is built from results alone, so the same
/// figure appears in a notebook and in a report; HHI is drawn in points (0–10,000), shares in percent.
/// </summary>
public static partial class ConcentrationCharts
{
    private const int Width = 900;
    private const int Height = 480;

    /// <summary>
    /// HHI over time for one market: the HHI of the published shares, both ends of the interval the data
    /// allow (remainder, rounding, ranges), and the US 2023 Merger Guidelines bands shaded behind.
    /// </summary>
    /// <param name="series">Results of one market, in period order.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentException">Empty series, or results of more than one market.</exception>
    public static GenericChart HhiTrend(IReadOnlyList<MarketConcentration> series, string title)
    {
        OneMarket(series);
        var top = AxisTop(series);
        var charts = new List<GenericChart>();
        charts.AddRange(TimeLine(series, r => Math.Round(r.HhiInterval.UpperPoints), "upper end: the remainder packed into firms no larger than the smallest named one", "#7f1d1d", 2, dashed: true));
        charts.AddRange(TimeLine(series, r => r.HhiPoints is { } p ? Math.Round(p) : null, "HHI of the published shares (the remainder fragmented)", "#1e3a8a", 3, dashed: false));
        charts.AddRange(TimeLine(series, r => Math.Round(r.HhiInterval.LowerPoints), "lower end: shares at the low end of their rounding or range", "#60a5fa", 2, dashed: true));
        return YearAxis(Finish(WithUs2023Bands(Chart.Combine(charts), top), title, "HHI (points, 0–10,000)", top), series);
    }

    /// <summary>Concentration ratio CR3 (share of the three largest providers) over time, in percent.</summary>
    /// <param name="series">Results of one market, in period order.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart; the line breaks where periods are missing or CR3 is undefined.</returns>
    /// <exception cref="ArgumentException">Empty series, or results of more than one market.</exception>
    public static GenericChart Cr3Trend(IReadOnlyList<MarketConcentration> series, string title)
    {
        OneMarket(series);
        var chart = Chart.Combine(TimeLine(series, r => r.Cr3 is { } c ? Math.Round(100 * c, 2) : null, "CR3 (%)", "#065f46", 3, dashed: false));
        return YearAxis(Finish(chart, title, "share of the three largest providers (%)", 100), series);
    }

    /// <summary>
    /// The providers' shares in one period as bars, largest first, with the unallocated remainder as
    /// a separate grey bar labelled as such (it is not a firm).
    /// </summary>
    /// <param name="result">One market in one period.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="names">Display name per provider id; ids without a name are shown as ids.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart SharesBar(MarketConcentration result, string title, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(names);
        // Horizontal bars, largest at the top, so long provider names stay readable however many are named;
        // the bar labels say what each bar is, so no legend.
        var firms = result.Shares.Reverse().ToList();
        var charts = new List<GenericChart>();
        if (result.Remainder > 0)
        {
            var r = Math.Round(100 * result.Remainder, 2);
            charts.Add(Chart.Bar<double, string, string>(new[] { r }, new[] { "unallocated (not a firm)" }, Name: "unallocated remainder ('other')", ShowLegend: false, MarkerColor: Color.fromString("#9ca3af"), MultiText: new[] { Percent(result.Remainder) }, TextPosition: StyleParam.TextPosition.Outside));
        }

        charts.Add(Chart.Bar<double, string, string>(firms.Select(BarHeight), firms.Select(s => PlotText(names.GetValueOrDefault(s.ProviderId, s.ProviderId))).ToArray(), Name: "named providers", ShowLegend: false, MarkerColor: Color.fromString("#1e3a8a"), MultiText: firms.Select(BarLabel).ToArray(), TextPosition: StyleParam.TextPosition.Outside));
        var chart = Finish(Chart.Combine(charts), title, null, null, Math.Max(320, 140 + 36 * (firms.Count + 1)));
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: "share (%)");
        // Room on the left for the longest provider name (about 7 px a character at the default font).
        var labelWidth = 20 + 7 * firms.Select(s => names.GetValueOrDefault(s.ProviderId, s.ProviderId).Length).Append("unallocated (not a firm)".Length).Max();
        return Plotly.NET.Chart.withMarginSize<int, int, int, int, int, bool>(
            Left: FSharpOption<int>.Some(labelWidth), Right: FSharpOption<int>.Some(60), Top: null, Bottom: null, Pad: null, Autoexpand: null).Invoke(chart);
    }

    /// <summary>
    /// Shares of each provider across periods as grouped bars (one group per provider, one bar per
    /// period), e.g. Gartner's annual IaaS shares; the remainder is left out, and a provider a period
    /// does not name has no bar in it.
    /// </summary>
    /// <param name="series">Results of one market, in period order.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="names">Display name per provider id.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentException">Empty series, or results of more than one market.</exception>
    public static GenericChart SharesByPeriod(IReadOnlyList<MarketConcentration> series, string title, IReadOnlyDictionary<string, string> names)
    {
        OneMarket(series);
        ArgumentNullException.ThrowIfNull(names);
        // Each period draws only the providers it names: a provider missing from a period is unknown, not 0%.
        var order = series.SelectMany(r => r.Shares.Select(s => s.ProviderId)).Distinct().ToList();
        var bars = series.Select(r =>
        {
            var shares = r.Shares.OrderBy(s => order.IndexOf(s.ProviderId)).ToList();
            return Chart.Column<double, string, string>(
                shares.Select(BarHeight), shares.Select(s => PlotText(names.GetValueOrDefault(s.ProviderId, s.ProviderId))).ToArray(), Name: r.Period, MultiText: shares.Select(BarLabel).ToArray(), TextPosition: StyleParam.TextPosition.Outside);
        });
        return Finish(Chart.Combine(bars), title, "share (%)", null);
    }

    /// <summary>
    /// The HHI interval of every period as a vertical range (lower to upper end, points), with the
    /// US 2023 thresholds shaded: shows how much the unallocated remainder leaves open.
    /// </summary>
    /// <param name="series">Results of one market, in period order.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentException">Empty series, or results of more than one market.</exception>
    public static GenericChart HhiInterval(IReadOnlyList<MarketConcentration> series, string title)
    {
        OneMarket(series);
        var top = AxisTop(series);
        var quarterly = IsQuarter(series[0].Period);
        var charts = series.Select((r, i) =>
        {
            double[] ends = [Math.Round(r.HhiInterval.LowerPoints), Math.Round(r.HhiInterval.UpperPoints)];
            string[] text = [r.Period, r.Period];
            const string name = "HHI interval (lower–upper)";
            var color = Color.fromString("#1e3a8a");
            return quarterly
                ? Chart.Line<DateTime, double, string>([PeriodStart(r.Period), PeriodStart(r.Period)], ends, MultiText: text, ShowMarkers: true, ShowLegend: i == 0, Name: name, LineColor: color, LineWidth: 6)
                : Chart.Line<string, double, string>([r.Period, r.Period], ends, MultiText: text, ShowMarkers: true, ShowLegend: i == 0, Name: name, LineColor: color, LineWidth: 6);
        }).ToList();

        return YearAxis(Finish(WithUs2023Bands(Chart.Combine(charts), top), title, "HHI (points, 0–10,000)", top), series);
    }

    // Line.init has no C# defaults: every argument is given, all but the width left unset.
    private static readonly Line NoOutline = Line.init(
        BackOff: null,
        AutoColorScale: null,
        CAuto: null,
        CMax: null,
        CMid: null,
        CMin: null,
        Color: null,
        ColorAxis: null,
        Colorscale: null,
        ReverseScale: null,
        ShowScale: null,
        ColorBar: null,
        Dash: null,
        Shape: null,
        Simplify: null,
        Smoothing: null,
        Width: FSharpOption<double>.Some(0),
        MultiWidth: null,
        OutlierColor: null,
        OutlierWidth: null);

    /// <summary>
    /// The data of <see cref="HhiTrend"/>, <see cref="Cr3Trend"/> and <see cref="HhiInterval"/> as a
    /// table to show beside them, rounded as a reader needs it: HHI in whole points, CR3 in percent
    /// to 0.1. Full precision is in <see cref="ConcentrationAnalysis.ToDataFrame(IReadOnlyList{MarketConcentration})"/>.
    /// </summary>
    /// <param name="series">Results of one market, in period order.</param>
    /// <returns>Columns: period, named firms, HHI (points; empty when only ranges are published), HHI lower (points), HHI upper (points), CR3 (%), US 2023 band, sources (ids in data/sources.csv).</returns>
    /// <exception cref="ArgumentException">Empty series, or results of more than one market.</exception>
    public static DataFrame TrendTable(IReadOnlyList<MarketConcentration> series)
    {
        OneMarket(series);
        return new DataFrame(
            new StringDataFrameColumn("period", series.Select(r => r.Period)),
            new PrimitiveDataFrameColumn<int>("named firms", series.Select(r => r.N)),
            new PrimitiveDataFrameColumn<double>("HHI (points)", series.Select(r => r.HhiPoints is { } p ? Math.Round(p) : (double?)null)),
            new PrimitiveDataFrameColumn<double>("HHI lower (points)", series.Select(r => Math.Round(r.HhiInterval.LowerPoints))),
            new PrimitiveDataFrameColumn<double>("HHI upper (points)", series.Select(r => Math.Round(r.HhiInterval.UpperPoints))),
            new PrimitiveDataFrameColumn<double>("CR3 (%)", series.Select(r => r.Cr3 is { } c ? Math.Round(100 * c, 1) : (double?)null)),
            new StringDataFrameColumn("US 2023 band", series.Select(r => r.Bands.Single(x => x.Regime == ConcentrationBands.Us2023).Verdict)),
            new StringDataFrameColumn("sources", series.Select(r => string.Join(", ", r.SourceIds))));
    }

    /// <summary>The data of <see cref="SharesBar"/> or of one period of <see cref="SharesByPeriod"/>: each provider's share in percent to 0.1.</summary>
    /// <param name="result">One market in one period.</param>
    /// <param name="names">Display name per provider id.</param>
    /// <returns>
    /// Columns: provider and share (%) (empty when only a range is published), plus low (%) and
    /// high (%) when any range is published; the remainder last as "unallocated (not a firm)".
    /// </returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame SharesTable(MarketConcentration result, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(names);
        static double? Pct(double? v) => v is { } x ? Math.Round(100 * x, 1) : null;
        var rows = result.Shares.Select(s => (Name: names.GetValueOrDefault(s.ProviderId, s.ProviderId), s.Share, Low: (double?)s.Low, High: (double?)s.High)).ToList();
        var ranges = result.Shares.Any(s => s.Low != s.High);
        if (result.Remainder > 0)
        {
            rows.Add(("unallocated (not a firm)", result.Remainder, null, null));
        }

        var frame = new DataFrame(
            new StringDataFrameColumn("provider", rows.Select(r => r.Name)),
            new PrimitiveDataFrameColumn<double>("share (%)", rows.Select(r => Pct(r.Share))));
        if (ranges)
        {
            frame.Columns.Add(new PrimitiveDataFrameColumn<double>("low (%)", rows.Select(r => Pct(r.Low))));
            frame.Columns.Add(new PrimitiveDataFrameColumn<double>("high (%)", rows.Select(r => Pct(r.High))));
        }

        return frame;
    }

    /// <summary>The US 2023 bands as full-width rectangles behind the data, each with a legend entry.</summary>
    private static GenericChart WithUs2023Bands(GenericChart chart, double top)
    {
        static Shape Band(double from, double to, string name, string color) =>
            Shape.init<double, double, double, double>(
                Editable: null,
                FillColor: FSharpOption<Color>.Some(Color.fromString(color)),
                FillRule: null,
                Label: null,
                ShowLegend: FSharpOption<bool>.Some(true),
                Legend: null,
                LegendRank: null,
                LegendGroup: null,
                LegendGroupTitle: null,
                LegendWidth: null,
                Layer: FSharpOption<StyleParam.Layer>.Some(StyleParam.Layer.Below),
                Line: FSharpOption<Line>.Some(NoOutline),
                Name: FSharpOption<string>.Some(name),
                Opacity: null,
                Path: null,
                TemplateItemName: null,
                ShapeType: FSharpOption<StyleParam.ShapeType>.Some(StyleParam.ShapeType.Rectangle),
                Visible: null,
                X0: FSharpOption<double>.Some(0),
                X1: FSharpOption<double>.Some(1),
                XAnchor: null,
                Xref: FSharpOption<string>.Some("paper"),
                XSizeMode: null,
                Y0: FSharpOption<double>.Some(from),
                Y1: FSharpOption<double>.Some(to),
                YAnchor: null,
                Yref: null,
                YSizeMode: null);

        Shape[] bands =
        [
            Band(0, ConcentrationBands.Us2023ModerateAbovePoints, "US 2023: unconcentrated (< 1,000)", "rgba(34,197,94,0.15)"),
            Band(ConcentrationBands.Us2023ModerateAbovePoints, ConcentrationBands.Us2023HighAbovePoints, "US 2023: moderately concentrated (1,000–1,800)", "rgba(234,179,8,0.2)"),
            Band(ConcentrationBands.Us2023HighAbovePoints, top, "US 2023: highly concentrated (> 1,800)", "rgba(239,68,68,0.15)"),
        ];
        return Plotly.NET.Chart.withShapes(bands, null).Invoke(chart);
    }

    internal static GenericChart Finish(GenericChart chart, string title, string? yTitle, double? yMax, int height = Height)
    {
        // A white plot area, so the band colours read as the legend shows them.
        var styled = Plotly.NET.Chart.withTemplate(ChartTemplates.light).Invoke(chart);
        styled = Plotly.NET.CSharp.GenericChartExtensions.WithSize(styled, Width, height);
        if (yTitle is not null)
        {
            styled = yMax is null
                ? Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(styled, TitleText: yTitle)
                : Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(styled, TitleText: yTitle, MinMax: Tuple.Create(0.0, yMax.Value));
        }

        // Legend below the plot, so long labels do not squeeze the plotting area.
        styled = Plotly.NET.CSharp.GenericChartExtensions.WithLegendStyle(
            styled,
            Orientation: StyleParam.Orientation.Horizontal,
            X: 0.0,
            Y: -0.2,
            YAnchor: StyleParam.YAnchorPosition.Top);
        return Plotly.NET.Chart.withTitle(PlotText(title), null).Invoke(styled);
    }

    /// <summary>
    /// One line of a series over time, broken where periods are missing (2021Q2 → 2023Q4 is no trend)
    /// or the value is undefined: one trace per run of consecutive periods, the legend entry on the
    /// first. Quarters sit on a time axis, years on a category axis of year labels.
    /// </summary>
    private static IEnumerable<GenericChart> TimeLine(
        IReadOnlyList<MarketConcentration> series, Func<MarketConcentration, double?> value, string name, string color, double width, bool dashed)
    {
        var first = true;
        foreach (var run in Runs(series.Where(r => value(r) is not null).ToList()))
        {
            var y = run.Select(r => value(r)!.Value).ToArray();
            var text = run.Select(r => r.Period).ToArray();
            var dash = dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid;
            yield return IsQuarter(run[0].Period)
                ? Chart.Line<DateTime, double, string>(run.Select(r => PeriodStart(r.Period)).ToArray(), y, Name: name, ShowLegend: first, MultiText: text, ShowMarkers: true, LineColor: Color.fromString(color), LineWidth: width, LineDash: dash)
                : Chart.Line<string, double, string>(text, y, Name: name, ShowLegend: first, MultiText: text, ShowMarkers: true, LineColor: Color.fromString(color), LineWidth: width, LineDash: dash);
            first = false;
        }
    }

    /// <summary>Top of the HHI axis: 2,500 points, or the next 500 above the highest upper end, so every band shows.</summary>
    private static double AxisTop(IReadOnlyList<MarketConcentration> series) =>
        AxisTop(series.Select(r => r.HhiInterval.UpperPoints));

    private static double AxisTop(IEnumerable<double> upperPoints) =>
        Math.Max(2500, Math.Ceiling(upperPoints.Max() / 500) * 500);

    /// <summary>Years are labels ("2020"), which plotly would otherwise read as numbers and tick at 2020.5.</summary>
    private static GenericChart YearAxis(GenericChart chart, IReadOnlyList<MarketConcentration> series) =>
        IsQuarter(series[0].Period)
            ? chart
            : Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<string, string, string>(chart, AxisType: StyleParam.AxisType.Category);

    /// <summary>Splits results in period order into runs of consecutive quarters or years.</summary>
    private static List<List<MarketConcentration>> Runs(IReadOnlyList<MarketConcentration> series)
    {
        var runs = new List<List<MarketConcentration>>();
        foreach (var r in series)
        {
            if (runs.Count == 0 || PeriodIndex(r.Period) != PeriodIndex(runs[^1][^1].Period) + 1)
            {
                runs.Add([]);
            }

            runs[^1].Add(r);
        }

        return runs;
    }

    private static bool IsQuarter(string period) => period.Length == 6 && period[4] == 'Q';

    /// <summary>Consecutive periods have consecutive indices: quarters count 4 a year, years 1.</summary>
    private static int PeriodIndex(string period) =>
        IsQuarter(period)
            ? 4 * int.Parse(period[..4], CultureInfo.InvariantCulture) + (period[5] - '1')
            : int.Parse(period, CultureInfo.InvariantCulture);

    /// <summary>
    /// Plotly draws its own pseudo-HTML in labels and titles (&lt;b&gt;, &lt;a href&gt;, &lt;br&gt;); dataset text is
    /// entity-encoded so a provider named "&lt;a href=…&gt;" stays text. Plotly decodes the entities for display.
    /// </summary>
    internal static string PlotText(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Start of a period: <c>2025Q2</c> → 1 April 2025, <c>2023</c> → 1 January 2023, so a time axis shows gaps between published periods.</summary>
    private static DateTime PeriodStart(string period) =>
        IsQuarter(period)
            ? new DateTime(int.Parse(period[..4], CultureInfo.InvariantCulture), 3 * (period[5] - '1') + 1, 1)
            : new DateTime(int.Parse(period, CultureInfo.InvariantCulture), 1, 1);

    private static double BarHeight(ProviderShare s) => Math.Round(100 * (s.Share ?? s.High), 2);

    private static string BarLabel(ProviderShare s) =>
        s.Share is { } point
            ? Percent(point)
            : string.Create(CultureInfo.InvariantCulture, $"{100 * s.Low:0.0}–{100 * s.High:0.0}% (range)");

    private static void OneMarket(IReadOnlyList<MarketConcentration> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("At least one result is required.", nameof(series));
        }

        if (series.Select(r => r.MarketId).Distinct().Count() > 1)
        {
            throw new ArgumentException("Results of one market only: never mix market definitions in one series.", nameof(series));
        }
    }
}
