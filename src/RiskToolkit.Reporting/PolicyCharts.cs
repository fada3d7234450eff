using System.Globalization;
using Microsoft.Data.Analysis;
using Plotly.NET;
using RiskToolkit.Policy;
using Chart = Plotly.NET.CSharp.Chart;

namespace RiskToolkit.Reporting;

/// <summary>
/// Plotly.NET charts and their data tables for policy what-ifs: each policy's change in the HHI of reliance
/// (HHI points) against its change in expected loss per event or in the 1-in-100-year loss (USD), and the
/// DORA-style reliance bars with the 10% line of Delegated Regulation (EU) 2024/1502 Art. 2. Losses are drawn
/// in thousands, millions or billions of USD by the largest value shown (the axis title says which);
/// dataset text is entity-encoded before plotly sees it.
/// </summary>
public static class PolicyCharts
{
    private const string Flagged = "#b91c1c";
    private const string Relying = "#1e3a8a";
    private const string Revenue = "#60a5fa";
    private const string Using = "#d1d5db";

    private static readonly Dictionary<PolicyKind, string> KindColor = new()
    {
        [PolicyKind.Baseline] = "#111827",
        [PolicyKind.MultiRegion] = "#1d4ed8",
        [PolicyKind.MultiCloud] = "#15803d",
        [PolicyKind.Deconcentration] = "#b45309",
    };

    /// <summary>
    /// One labelled point per policy: x = ΔHHI of reliance (points, 0–10,000 scale) against the baseline,
    /// y = Δ expected ground-up loss per event (Monte Carlo mean, USD); the baseline sits at (0, 0). Points left
    /// of 0 deconcentrate reliance, points below 0 cut the loss. Deconcentration labels sit below their points,
    /// the others above, so that neighbouring policies of equal share keep their labels apart.
    /// </summary>
    /// <param name="report">A policy comparison.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart; values as in <see cref="ComparisonTable"/>.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart DeltaExpectedLoss(PolicyComparisonReport report, string title) =>
        Delta(report, o => o.DeltaExpectedLossUsd, "Δ expected loss per event", title);

    /// <summary>
    /// As <see cref="DeltaExpectedLoss"/> with y = Δ 1-in-100-year ground-up occurrence loss (OEP at return
    /// period 100, USD); policies without it (fewer than 100 simulated years) are left out.
    /// </summary>
    /// <param name="report">A policy comparison.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static GenericChart DeltaTailLoss(PolicyComparisonReport report, string title) =>
        Delta(report, o => o.DeltaOep100Usd, "Δ 1-in-100-year loss (OEP)", title);

    /// <summary>The table behind <see cref="DeltaExpectedLoss"/> and <see cref="DeltaTailLoss"/>: one row per policy, the baseline first.</summary>
    /// <param name="report">A policy comparison.</param>
    /// <returns>
    /// Columns: policy, share (0–1), services_changed, eligible, reliance_hhi_points (0–10,000), delta_hhi_points,
    /// services_affected, expected_loss_usd, delta_expected_loss_usd, aal_usd, delta_aal_usd, oep100_usd,
    /// delta_oep100_usd, aep100_usd, delta_aep100_usd (USD rounded to whole dollars; empty cells where a
    /// 1-in-100-year loss was not simulated).
    /// </returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame ComparisonTable(PolicyComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Outcomes;
        static double? Round(double? v) => v is { } x ? Math.Round(x) : null;
        return new DataFrame(
            new StringDataFrameColumn("policy", o.Select(x => x.Policy.Label)),
            new DoubleDataFrameColumn("share", o.Select(x => x.Policy.Kind == PolicyKind.Baseline ? 0 : x.Policy.Share)),
            new Int32DataFrameColumn("services_changed", o.Select(x => x.ServicesChanged)),
            new Int32DataFrameColumn("eligible", o.Select(x => x.Eligible)),
            new DoubleDataFrameColumn("reliance_hhi_points", o.Select(x => Math.Round(x.RelianceHhiPoints, 1))),
            new DoubleDataFrameColumn("delta_hhi_points", o.Select(x => Math.Round(x.DeltaHhiPoints, 1))),
            new Int32DataFrameColumn("services_affected", o.Select(x => x.ServicesAffected)),
            new DoubleDataFrameColumn("expected_loss_usd", o.Select(x => Math.Round(x.ExpectedLossUsd))),
            new DoubleDataFrameColumn("delta_expected_loss_usd", o.Select(x => Math.Round(x.DeltaExpectedLossUsd))),
            new DoubleDataFrameColumn("aal_usd", o.Select(x => Math.Round(x.AalUsd))),
            new DoubleDataFrameColumn("delta_aal_usd", o.Select(x => Math.Round(x.DeltaAalUsd))),
            new DoubleDataFrameColumn("oep100_usd", o.Select(x => Round(x.Oep100Usd))),
            new DoubleDataFrameColumn("delta_oep100_usd", o.Select(x => Round(x.DeltaOep100Usd))),
            new DoubleDataFrameColumn("aep100_usd", o.Select(x => Round(x.Aep100Usd))),
            new DoubleDataFrameColumn("delta_aep100_usd", o.Select(x => Round(x.DeltaAep100Usd))));
    }

    /// <summary>
    /// Reliance bars, most relied-on provider at the top: per provider the share of the sector's services
    /// relying on it, the revenue-weighted share (the stand-in for total assets) and the share using it only
    /// with an alternative, in percent, with a dashed line at the 10% criterion. Providers meeting both 10%
    /// tests are marked "⚑ … meets 10% criterion" in red; undecided ones (unknown revenue) "?".
    /// </summary>
    /// <param name="report">A reliance report.</param>
    /// <param name="top">Providers shown (the first <paramref name="top"/> of the report), ≥ 1.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> below 1.</exception>
    public static GenericChart Reliance(RelianceReport report, int top, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var rows = report.Providers.Take(top).Reverse().ToList();
        string[] labels = rows.Select(Label).ToArray();
        string[] plotLabels = labels.Select(ConcentrationCharts.PlotText).ToArray();
        static string Pct(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        var traces = new List<GenericChart>
        {
            Chart.Bar<double, string, string>(
                rows.Select(r => Math.Round(100.0 * r.ServicesUsingWithAlternative / Math.Max(1, report.Services), 2)),
                plotLabels,
                Name: "uses it, with an alternative (share of services)",
                MarkerColor: Color.fromString(Using)),
            Chart.Bar<double, string, string>(
                rows.Select(r => Math.Round(100 * (r.RevenueShareRelying ?? 0), 2)),
                plotLabels,
                Name: "relies on it: revenue-weighted share (stand-in for total assets)",
                MarkerColor: Color.fromString(Revenue)),
            Chart.Bar<double, string, string>(
                rows.Select(r => Math.Round(100 * r.ShareRelying, 2)),
                plotLabels,
                Name: "relies on it: share of services",
                MarkerColor: Color.fromColors(rows.Select(r => Color.fromString(r.MeetsThreshold == true ? Flagged : Relying))),
                MultiText: rows.Select(r => Pct(r.ShareRelying)).ToArray(),
                TextPosition: StyleParam.TextPosition.Outside),
        };
        if (rows.Count > 0)
        {
            traces.Add(Chart.Line<double, string, string>(
                [100 * RelianceAnalysis.Threshold, 100 * RelianceAnalysis.Threshold],
                [plotLabels[0], plotLabels[^1]],
                Name: "10% criterion (Delegated Regulation (EU) 2024/1502 Art. 2)",
                LineColor: Color.fromString(Flagged),
                LineDash: StyleParam.DrawingStyle.Dash));
        }

        var chart = DependencyCharts.WithBarMode(Chart.Combine(traces), "group");
        int height = Math.Max(460, 220 + (54 * rows.Count));
        chart = ConcentrationCharts.Finish(chart, title, null, null, height);
        // The legend goes a fixed ~90 px below the plot (clear of the axis title) whatever the chart's height; legend
        // positions are in plot heights, and the plot is the chart less about 160 px of margins.
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithLegendStyle(
            chart, Orientation: StyleParam.Orientation.Horizontal, X: 0.0, Y: -90.0 / (height - 160), YAnchor: StyleParam.YAnchorPosition.Top);
        double max = rows.SelectMany(r => new[] { r.ShareRelying, r.RevenueShareRelying ?? 0, (double)r.ServicesUsingWithAlternative / Math.Max(1, report.Services) }).DefaultIfEmpty(0).Max();
        string scope = report.Sector is null ? "all services" : $"services of NAICS {report.Sector}";
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(
            chart,
            TitleText: ConcentrationCharts.PlotText($"share of {scope} (%, of {report.Services:N0})"),
            MinMax: Tuple.Create(0.0, Math.Min(100, Math.Max(15, (100 * max) + 12))));
        return DependencyCharts.LeftMargin(chart, labels);
    }

    /// <summary>The table behind <see cref="Reliance"/>: one row per provider of the report, in its order.</summary>
    /// <param name="report">A reliance report.</param>
    /// <returns>
    /// Columns: provider, services_relying, services_using, services_using_with_alternative, share_relying (0–1),
    /// share_using (0–1), revenue_share_relying (0–1; empty when unknown), meets_10pct_criterion ("yes", "no" or
    /// "undecided" when the revenue share is unknown).
    /// </returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static DataFrame RelianceTable(RelianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Providers;
        return new DataFrame(
            new StringDataFrameColumn("provider", p.Select(r => r.ProviderId)),
            new Int32DataFrameColumn("services_relying", p.Select(r => r.ServicesRelying)),
            new Int32DataFrameColumn("services_using", p.Select(r => r.ServicesUsing)),
            new Int32DataFrameColumn("services_using_with_alternative", p.Select(r => r.ServicesUsingWithAlternative)),
            new DoubleDataFrameColumn("share_relying", p.Select(r => Math.Round(r.ShareRelying, 4))),
            new DoubleDataFrameColumn("share_using", p.Select(r => Math.Round(r.ShareUsing, 4))),
            new DoubleDataFrameColumn("revenue_share_relying", p.Select(r => r.RevenueShareRelying is { } v ? Math.Round(v, 4) : (double?)null)),
            new StringDataFrameColumn("meets_10pct_criterion", p.Select(r => r.MeetsThreshold switch { true => "yes", false => "no", null => "undecided" })));
    }

    private static string Label(ProviderReliance r) => r.MeetsThreshold switch
    {
        true => $"⚑ {r.ProviderId} (meets 10% criterion)",
        null => $"? {r.ProviderId} (revenue unknown)",
        false => r.ProviderId,
    };

    private static GenericChart Delta(PolicyComparisonReport report, Func<PolicyOutcome, double?> delta, string measure, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(title);
        var points = report.Outcomes.Where(o => delta(o) is not null).ToList();
        double max = points.Select(o => Math.Abs(delta(o)!.Value)).DefaultIfEmpty(0).Max();
        var (scale, unit) = Scale(max);
        var traces = new List<GenericChart>();
        foreach (var kind in points.GroupBy(o => o.Policy.Kind))
        {
            var list = kind.ToList();
            traces.Add(Chart.Point<double, double, string>(
                list.Select(o => Math.Round(o.DeltaHhiPoints, 1)),
                list.Select(o => delta(o)!.Value / scale),
                Name: KindName(kind.Key),
                MarkerColor: Color.fromString(KindColor[kind.Key]),
                MultiText: list.Select(o => ConcentrationCharts.PlotText($"{o.Policy.Label}: {ImpactCharts.Usd(delta(o)!.Value)}")).ToArray(),
                TextPosition: kind.Key == PolicyKind.Deconcentration ? StyleParam.TextPosition.BottomCenter : StyleParam.TextPosition.TopCenter));
        }

        var chart = Chart.Combine(traces);
        chart = ConcentrationCharts.Finish(chart, title, $"{measure} against the baseline ({unit})", null, 560);
        // Each axis spans the points' own minimum and maximum (with the origin, where the baseline sits) and a margin, so a
        // policy that raises the HHI or the loss is drawn as surely as one that lowers it.
        var (xLow, xHigh) = Range(points.Select(o => o.DeltaHhiPoints), 50);
        var (yLow, yHigh) = Range(points.Select(o => delta(o)!.Value / scale), 1);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(
            chart, TitleText: "Δ HHI of reliance on cloud providers against the baseline (points, 0–10,000 scale)", MinMax: Tuple.Create(xLow, xHigh));
        return Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(
            chart, TitleText: $"{measure} against the baseline ({unit})", MinMax: Tuple.Create(yLow, yHigh));
    }

    /// <summary>An axis range holding 0 and every value, widened by a quarter of its span on each side and at least <paramref name="minimumSpan"/> wide.</summary>
    private static (double Low, double High) Range(IEnumerable<double> values, double minimumSpan)
    {
        double low = 0, high = 0;
        foreach (double v in values)
        {
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }

        double margin = Math.Max(minimumSpan, high - low) * 0.25;
        return (low - margin, high + margin);
    }

    private static string KindName(PolicyKind kind) => kind switch
    {
        PolicyKind.Baseline => "baseline",
        PolicyKind.MultiRegion => "multi-region",
        PolicyKind.MultiCloud => "multi-cloud",
        _ => "deconcentration",
    };

    /// <summary>Divisor and axis unit for losses up to <paramref name="max"/> USD.</summary>
    private static (double Scale, string Unit) Scale(double max) => max switch
    {
        >= 1e9 => (1e9, "USD bn"),
        >= 1e6 => (1e6, "USD M"),
        >= 1e3 => (1e3, "USD thousand"),
        _ => (1, "USD"),
    };
}
