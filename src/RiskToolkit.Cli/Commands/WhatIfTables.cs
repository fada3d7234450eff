using System.Globalization;
using RiskToolkit.Concentration;

namespace RiskToolkit.Cli.Commands;

/// <summary>Plain-text tables of merger and exit what-ifs for <c>risk concentration --merge/--exit</c>.</summary>
internal static class WhatIfTables
{
    /// <summary>
    /// One line per market and period (merged share, ΔHHI, HHI before and after, in points, each as
    /// "point (lower–upper)"), then one indented line per regime with its presumption.
    /// </summary>
    public static void WriteMergers(IReadOnlyList<MergerAnalysis> mergers, TextWriter output)
    {
        string[] header = ["market", "period", "merged share %", "ΔHHI pts", "HHI before", "HHI after"];
        foreach (var m in mergers)
        {
            double? delta = m.Before.HhiPoints is { } before && m.After.HhiPoints is { } after ? after - before : null;
            TextTable.Write(
                header,
                [
                    [
                        m.MarketId, m.Period, Span(100 * m.MergedShare.Lower, 100 * m.MergedShare.Upper, "0.0"),
                        WithPoint(delta, m.DeltaHhi.Lower, m.DeltaHhi.Upper),
                        WithPoint(m.Before.HhiPoints, m.Before.HhiInterval.LowerPoints, m.Before.HhiInterval.UpperPoints),
                        WithPoint(m.After.HhiPoints, m.PostMergerHhi.Lower, m.PostMergerHhi.Upper),
                    ],
                ],
                output);
            var width = ConcentrationBands.Regimes.Max(r => r.Id.Length);
            foreach (var a in m.Assessments)
            {
                output.WriteLine($"  {a.Regime.PadRight(width)}  {a.Verdict}");
            }

            output.WriteLine();
        }

        output.WriteLine("ΔHHI = 2·s_a·s_b (points), from the published shares and, in brackets, over every market the data allow.");
        output.WriteLine("Presumptions: US 2023 Merger Guidelines §2.1, US 2010 Horizontal Merger Guidelines §5.3, US 1992/1997 §1.51,");
        output.WriteLine("EU Horizontal Merger Guidelines 2004 ¶19–21 (citations in --format json).");
    }

    /// <summary>
    /// One line per market and period: HHI before and after (points) and CR3 after (%), each as "point
    /// (lower–upper)", the after intervals being <see cref="ExitAnalysis.PostExitHhi"/> and
    /// <see cref="ExitAnalysis.PostExitCr3"/>, and the US 2023 band at both ends of the HHI after.
    /// </summary>
    public static void WriteExits(IReadOnlyList<ExitAnalysis> exits, TextWriter output)
    {
        string[] header = ["market", "period", "exiting", "to", "HHI before", "HHI after", "CR3 after %", "US 2023 band after"];
        var lines = exits.Select(e => new[]
        {
            e.MarketId, e.Period, e.Exiting, e.Recipients.Count == 0 ? "all, pro rata" : string.Join(",", e.Recipients),
            WithPoint(e.Before.HhiPoints, e.Before.HhiInterval.LowerPoints, e.Before.HhiInterval.UpperPoints),
            WithPoint(e.After.HhiPoints, e.PostExitHhi.Lower, e.PostExitHhi.Upper),
            e.PostExitCr3 is { } cr3 ? WithPoint(100 * e.After.Cr3, 100 * cr3.Lower, 100 * cr3.Upper, "0.0")
                : e.After.Cr3 is { } point ? (100 * point).ToString("0.0", CultureInfo.InvariantCulture) : "–",
            e.PostExitBands.Single(b => b.Regime == ConcentrationBands.Us2023).Verdict,
        }).ToList();
        TextTable.Write(header, lines, output);
        output.WriteLine();
        output.WriteLine("HHI in points 0–10,000 and CR3 in %: from the published shares and, in brackets, over every market the data allow.");
        output.WriteLine("After the exit the brackets also use the intervals before it, so unnamed firms stay no larger than the smallest");
        output.WriteLine("firm named before the exit. Every regime's band after: --format json, 'postExitBands'.");
    }

    private static string WithPoint(double? point, double lower, double upper, string format = "0")
    {
        var span = Span(lower, upper, format);
        return point is { } p && span.Contains('–', StringComparison.Ordinal)
            ? $"{p.ToString(format, CultureInfo.InvariantCulture)} ({span})"
            : point is { } q ? q.ToString(format, CultureInfo.InvariantCulture) : span;
    }

    private static string Span(double lower, double upper, string format)
    {
        var l = lower.ToString(format, CultureInfo.InvariantCulture);
        var u = upper.ToString(format, CultureInfo.InvariantCulture);
        return l == u ? l : $"{l}–{u}";
    }
}

/// <summary>Left-aligned plain-text columns separated by two spaces.</summary>
internal static class TextTable
{
    /// <summary>Writes a header line and one line per row, each column as wide as its widest cell.</summary>
    public static void Write(IReadOnlyList<string> header, IReadOnlyList<string[]> lines, TextWriter output, Func<int, bool>? rightAligned = null)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Count == 0 ? 0 : lines.Max(l => l[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var l in lines)
        {
            output.WriteLine(string.Join("  ", l.Select((c, i) => rightAligned?.Invoke(i) == true ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
