using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
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
    /// <summary>
    /// JSON options of every machine-readable output: camelCase keys, indented, text unescaped beyond
    /// what JSON needs (the output is never embedded in HTML); NaN cannot be written.
    /// </summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SignificantDigitsConverter() },
    };

    /// <summary>
    /// Numbers in JSON and CSV carry 12 significant digits: far more than any published input has,
    /// without binary noise such as 0.15890000000000004 for 29² + 22² + 12² percent.
    /// </summary>
    internal static string Number(double value) =>
        double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    private sealed class SignificantDigitsConverter : System.Text.Json.Serialization.JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(double.Parse(Number(value), CultureInfo.InvariantCulture));
    }

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var shares = new Option<string>("--shares") { Description = "A market_shares.csv file; a markets.csv beside it supplies each market's share tolerance.", Required = true };
        var market = new Option<string?>("--market") { Description = "Only this market id." };
        var period = new Option<string?>("--period") { Description = "Only this period (e.g. 2025Q2 or 2023)." };
        var format = new Option<string>("--format") { Description = "Output format: table, json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "table", "json", "csv");
        var command = new Command("concentration", "HHI, CR1–CR4, equivalent firms, normalised HHI, Gini, entropy, the HHI interval and the US 2023 band, per market and period.")
        {
            shares, market, period, format,
        };
        command.SetAction(result => RiskCommand.Guarded(result, output =>
        {
            var path = result.GetRequiredValue(shares);
            var error = result.InvocationConfiguration.Error;
            var rows = MarketDataReader.ReadMarketShares(path);
            if (!File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "markets.csv")))
            {
                error.WriteLine($"note: no markets.csv beside {path}: share sums are checked against 1 with no rounding tolerance, and market ids are not checked.");
            }

            var marketId = result.GetValue(market);
            var periodId = result.GetValue(period);
            var results = ConcentrationAnalysis.Analyze(rows, marketId, periodId);
            if (results.Count == 0)
            {
                var markets = rows.Select(r => r.MarketId).Distinct().Order(StringComparer.Ordinal).ToList();
                error.WriteLine(marketId is not null && !markets.Contains(marketId)
                    ? $"{path}: no market '{marketId}'; markets: {string.Join(", ", markets)}."
                    : $"{path}: no period '{periodId}'{(marketId is null ? "" : $" in market '{marketId}'")}; periods: " +
                      string.Join(", ", rows.Where(r => marketId is null || r.MarketId == marketId).Select(r => r.Period).Distinct().Order(StringComparer.Ordinal)) + ".");
                return RiskCommand.Failed;
            }

            switch (result.GetValue(format)!.ToLowerInvariant())
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

    private static void WriteCsv(IReadOnlyList<MarketConcentration> results, TextWriter output)
    {
        var frame = results.ToDataFrame();
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true);
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            using var row = writer.NewRow();
            foreach (var column in frame.Columns)
            {
                row[column.Name].Set(column[i] switch
                {
                    null => "",
                    double d => Number(d),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString() ?? "",
                });
            }
        }
    }

    private static void WriteTable(IReadOnlyList<MarketConcentration> results, TextWriter output)
    {
        static string P(double? v) => v is null ? "–" : (100 * v.Value).ToString("0.0", CultureInfo.InvariantCulture);
        static string N(double? v) => v is null ? "–" : v.Value.ToString("0.000", CultureInfo.InvariantCulture);
        static string Pts(double? v) => v is null ? "–" : v.Value.ToString("0", CultureInfo.InvariantCulture);
        string[] header = ["market", "period", "n", "HHI pts", "HHI interval", "CR1%", "CR2%", "CR3%", "CR4%", "1/HHI", "norm HHI", "Gini", "entropy", "norm ent", "US 2023 band"];
        var lines = results.Select(r =>
        {
            var us = r.Bands.Single(b => b.Regime == ConcentrationBands.Us2023);
            return new[]
            {
                r.MarketId, r.Period, r.N.ToString(CultureInfo.InvariantCulture), Pts(r.HhiPoints),
                $"{Pts(r.HhiInterval.LowerPoints)}–{Pts(r.HhiInterval.UpperPoints)}",
                P(r.Cr1), P(r.Cr2), P(r.Cr3), P(r.Cr4), N(r.EquivalentFirms), N(r.NormalizedHhi), N(r.Gini), N(r.Entropy), N(r.NormalizedEntropy),
                us.Verdict,
            };
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Max(l => l[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var l in lines)
        {
            output.WriteLine(string.Join("  ", l.Select((c, i) => i is >= 2 and <= 13 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine("HHI in points 0–10,000 over the named firms ('other' is never a firm); the interval's upper end assumes the");
        output.WriteLine("unallocated remainder sits in firms no larger than the smallest named one. '–': undefined (see --format json, 'reasons').");
        output.WriteLine($"Bands: {ConcentrationBands.Us2023Citation}.");
    }
}
