using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;
using RiskToolkit.Concentration;
using RiskToolkit.Data;

namespace RiskToolkit.Cli.Commands;

/// <summary>
/// <c>risk concentration --shares FILE [--market ID] [--period P] [--format table|json|csv]</c>: every
/// index, band and HHI interval per market and period.
/// </summary>
public static class ConcentrationCommand
{
    /// <summary>JSON options of every machine-readable output: camelCase keys, indented; NaN cannot be written.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var shares = new Option<string>("--shares") { Description = "A market_shares.csv file; a markets.csv beside it supplies each market's share tolerance.", Required = true };
        var market = new Option<string?>("--market") { Description = "Only this market id." };
        var period = new Option<string?>("--period") { Description = "Only this period (e.g. 2025Q2 or 2023)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var command = new Command("concentration", "HHI, CR1–CR4, equivalent firms, normalised HHI, Gini, entropy, the HHI interval and the US 2023 band, per market and period.")
        {
            shares, market, period, format,
        };
        command.SetAction(result => RiskCommand.Guarded(result, output =>
        {
            var rows = MarketDataReader.ReadMarketShares(result.GetRequiredValue(shares));
            var marketId = result.GetValue(market);
            var periodId = result.GetValue(period);
            var results = ConcentrationAnalysis.Analyze(rows, marketId, periodId);
            if (results.Count == 0)
            {
                result.InvocationConfiguration.Error.WriteLine(
                    $"No rows for market '{marketId ?? "(any)"}' and period '{periodId ?? "(any)"}'.");
                return RiskCommand.Failed;
            }

            switch (result.GetValue(format))
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(results, Json));
                    break;
                case "csv":
                    WriteCsv(results, output);
                    break;
                default:
                    WriteTable(results, output);
                    break;
            }

            return RiskCommand.Ok;
        }));
        return command;
    }

    private static readonly string[] CsvColumns =
    [
        "marketId", "period", "measure", "n", "remainder", "hhi", "hhiPoints", "hhiLower", "hhiUpper",
        "cr1", "cr2", "cr3", "cr4", "equivalentFirms", "normalizedHhi", "gini", "entropy", "normalizedEntropy",
        "us2023Lower", "us2023Upper",
    ];

    private static void WriteCsv(IReadOnlyList<MarketConcentration> results, TextWriter output)
    {
        static string F(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true);
        foreach (var r in results)
        {
            var us = r.Bands.Single(b => b.Regime == ConcentrationBands.Us2023);
            string[] values =
            [
                r.MarketId, r.Period, r.Measure, r.N.ToString(CultureInfo.InvariantCulture), F(r.Remainder), F(r.Hhi),
                F(r.HhiPoints), F(r.HhiInterval.Lower), F(r.HhiInterval.Upper), F(r.Cr1), F(r.Cr2), F(r.Cr3), F(r.Cr4),
                F(r.EquivalentFirms), F(r.NormalizedHhi), F(r.Gini), F(r.Entropy), F(r.NormalizedEntropy), us.Lower, us.Upper,
            ];
            using var row = writer.NewRow();
            for (var i = 0; i < CsvColumns.Length; i++)
            {
                row[CsvColumns[i]].Set(values[i]);
            }
        }
    }

    private static void WriteTable(IReadOnlyList<MarketConcentration> results, TextWriter output)
    {
        static string P(double? v) => v is null ? "–" : (100 * v.Value).ToString("0.0", CultureInfo.InvariantCulture);
        static string N(double? v) => v is null ? "–" : v.Value.ToString("0.000", CultureInfo.InvariantCulture);
        string[] header = ["market", "period", "n", "HHI pts", "HHI interval", "CR1%", "CR2%", "CR3%", "CR4%", "1/HHI", "norm HHI", "Gini", "entropy", "norm ent", "US 2023 band (lower..upper)"];
        var lines = results.Select(r =>
        {
            var us = r.Bands.Single(b => b.Regime == ConcentrationBands.Us2023);
            return new[]
            {
                r.MarketId, r.Period, r.N.ToString(CultureInfo.InvariantCulture),
                r.HhiPoints.ToString("0", CultureInfo.InvariantCulture),
                $"{r.HhiInterval.LowerPoints.ToString("0", CultureInfo.InvariantCulture)}–{r.HhiInterval.UpperPoints.ToString("0", CultureInfo.InvariantCulture)}",
                P(r.Cr1), P(r.Cr2), P(r.Cr3), P(r.Cr4), N(r.EquivalentFirms), N(r.NormalizedHhi), N(r.Gini), N(r.Entropy), N(r.NormalizedEntropy),
                us.Lower == us.Upper ? us.Lower : $"{us.Lower}..{us.Upper}",
            };
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Max(l => l[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var l in lines)
        {
            output.WriteLine(string.Join("  ", l.Select((c, i) => i is >= 2 and <= 13 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine("HHI points 0–10,000 over named firms ('other' is never a firm); the interval's upper end assumes the remainder sits in firms no larger than the smallest named one.");
        output.WriteLine($"Bands: {ConcentrationBands.Us2023Citation}.");
    }
}
