using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using RiskToolkit.Concentration;
using RiskToolkit.Data;
using RiskToolkit.Reporting.Html;

namespace RiskToolkit.Cli.Commands;

/// <summary>
/// <c>risk concentration --shares FILE [--market ID] [--period P] [--format table|json|csv]</c>: every
/// index, band and HHI interval per market and period. A what-if (<c>--merge</c>, <c>--exit</c>)
/// without <c>--period</c> runs in every period that has its firms; a period that lacks them, or where
/// the what-if is undefined (an unnamed rank, recipients holding nothing, no named firm left), is
/// skipped with a one-line note on stderr, and the command fails, with one line, only when no period
/// qualifies.
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
    internal static string Number(double value) => CsvText.Number(value);

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
        var shares = new Option<string>("--shares") { Description = "A market_shares.csv file; a markets.csv beside it supplies each market's share tolerance and rounding.", Required = true };
        var market = new Option<string?>("--market") { Description = "Only this market id (required with --merge and --exit)." };
        var period = new Option<string?>("--period") { Description = "Only this period (e.g. 2025Q2 or 2023)." };
        var format = new Option<string>("--format") { Description = "Output format: table, json or csv (csv only without --merge and --exit).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "table", "json", "csv");
        var level = new Option<string>("--level") { Description = "provider, or owner: providers combined through providers.parent (needs the data folder's providers.csv beside the file).", DefaultValueFactory = _ => "provider" };
        level.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "provider", "owner");
        var merge = new Option<string?>("--merge") { Description = "What-if merger of two different provider ids, e.g. microsoft,google: ΔHHI and each regime's presumption. Without --period, periods lacking a firm, or where the what-if is undefined, are skipped with a note." };
        var exit = new Option<string?>("--exit") { Description = "What-if exit of one provider id; its share goes pro rata to the others (or to --to). Without --period, periods lacking a firm, or where the what-if is undefined, are skipped with a note." };
        var to = new Option<string?>("--to") { Description = "With --exit: provider ids, comma-separated, each once, that take the exiting share pro rata (other allowed)." };
        var command = new Command("concentration", "Every concentration index with its interval, each regime's band (US 2023, 2010, 1992; EU 2004), per market and period; merger and exit what-ifs; owner level.")
        {
            shares, market, period, format, level, merge, exit, to,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(merge) is not null && r.GetValue(exit) is not null)
            {
                r.AddError("--merge and --exit cannot be combined.");
            }

            if ((r.GetValue(merge) is not null || r.GetValue(exit) is not null) && r.GetValue(market) is null)
            {
                r.AddError("--merge and --exit need --market: a what-if belongs to one market definition.");
            }

            if ((r.GetValue(merge) is not null || r.GetValue(exit) is not null) && string.Equals(r.GetValue(format), "csv", StringComparison.OrdinalIgnoreCase))
            {
                r.AddError("--format csv is for index tables; use table or json with --merge and --exit.");
            }

            if (r.GetValue(to) is { } recipients)
            {
                var ids = Ids(recipients);
                var twice = ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (r.GetValue(exit) is not { } leaving)
                {
                    r.AddError("--to needs --exit.");
                }
                else if (ids.Count == 0)
                {
                    r.AddError($"--to needs at least one provider id, found '{recipients}'.");
                }
                else if (twice is not null)
                {
                    r.AddError($"--to lists '{twice.Key}' twice: name each recipient once.");
                }
                else if (ids.Contains(leaving.Trim(), StringComparer.Ordinal))
                {
                    r.AddError($"--to includes the exiting firm '{leaving.Trim()}': it cannot win its own customers.");
                }
            }

            if (r.GetValue(merge) is { } m && Ids(m).Count != 2)
            {
                r.AddError($"--merge needs two provider ids separated by a comma, found '{m}'.");
            }
            else if (r.GetValue(merge) is { } same && Ids(same)[0] == Ids(same)[1])
            {
                r.AddError($"--merge needs two different provider ids, found '{same}': a firm cannot merge with itself.");
            }
        });
        command.SetAction(result => RiskCommand.Guarded(result, output =>
        {
            var path = result.GetRequiredValue(shares);
            var error = result.InvocationConfiguration.Error;
            var file = MarketDataReader.ReadShareFile(path);
            IReadOnlyList<MarketShare> rows = file.Shares;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!File.Exists(Path.Combine(directory, "markets.csv")))
            {
                error.WriteLine($"note: no markets.csv beside {path}: share sums are checked against 1 with no rounding tolerance, shares are taken as exact, and market ids are not checked.");
            }

            var marketId = result.GetValue(market);
            var periodId = result.GetValue(period);
            IReadOnlyList<MarketConcentration> results;
            if (string.Equals(result.GetValue(level), "owner", StringComparison.OrdinalIgnoreCase))
            {
                // The owner rows are kept: a what-if at owner level runs on them.
                rows = ShareScenarios.ByOwner(rows, MarketDataReader.Load(directory).Providers, file.Markets);
                results = WhatIfAnalysis.OwnerLevelOfCombinedRows(rows, file.Markets, marketId, periodId);
            }
            else
            {
                results = ConcentrationAnalysis.Analyze(rows, marketId, periodId, file.Markets);
            }

            if (results.Count == 0)
            {
                var markets = rows.Select(r => r.MarketId).Distinct().Order(StringComparer.Ordinal).ToList();
                error.WriteLine(marketId is not null && !markets.Contains(marketId)
                    ? $"{path}: no market '{marketId}'; markets: {string.Join(", ", markets)}."
                    : $"{path}: no period '{periodId}'{(marketId is null ? "" : $" in market '{marketId}'")}; periods: " +
                      string.Join(", ", rows.Where(r => marketId is null || r.MarketId == marketId).Select(r => r.Period).Distinct().Order(StringComparer.Ordinal)) + ".");
                return RiskCommand.Failed;
            }

            var json = string.Equals(result.GetValue(format), "json", StringComparison.OrdinalIgnoreCase);
            var recipients = result.GetValue(to) is { } list ? Ids(list) : null;
            List<string> firms = result.GetValue(merge) is { } named ? Ids(named)
                : result.GetValue(exit) is { } leaving ? [leaving.Trim(), .. recipients ?? []]
                : [];

            // A what-if runs per period; periods that lack its firms, or where it is undefined, are skipped with a note.
            int WhatIf<T>(Func<MarketConcentration, T> run, Action<List<T>> write)
            {
                var skipped = new List<(string Period, string Reason)>();
                var candidates = results;
                if (results.Count > 1)
                {
                    var present = rows.Where(r => r.MarketId == marketId)
                        .GroupBy(r => r.Period)
                        .ToDictionary(g => g.Key, g => g.Select(r => r.ProviderId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
                    candidates = results.Where(r => firms.All(present[r.Period].Contains)).ToList();
                    if (candidates.Count == 0)
                    {
                        var absent = firms.Where(f => !present.Values.Any(ids => ids.Contains(f))).ToList();
                        error.WriteLine(absent.Count > 0
                            ? $"{path}: no period of market '{marketId}' has {Quoted(absent, "or")}; providers: {string.Join(", ", present.Values.SelectMany(ids => ids).Where(id => id != MarketShare.OtherProviderId).Distinct().Order(StringComparer.Ordinal))}."
                            : $"{path}: no period of market '{marketId}' has {Quoted(firms, "and")} together.");
                        return RiskCommand.Failed;
                    }

                    skipped.AddRange(results.Where(r => !candidates.Contains(r))
                        .Select(r => (r.Period, $"no {Quoted(firms.Where(f => !present[r.Period].Contains(f)).ToList(), "or")} in that period.")));
                }

                var done = new List<T>();
                foreach (var r in candidates)
                {
                    try
                    {
                        done.Add(run(r));
                    }
                    catch (ArgumentException ex)
                    {
                        skipped.Add((r.Period, RiskCommand.UserMessage(ex)));
                    }
                }

                skipped.Sort((x, y) => StringComparer.Ordinal.Compare(x.Period, y.Period));
                if (done.Count == 0)
                {
                    error.WriteLine(skipped.Count == 1
                        ? skipped[0].Reason
                        : $"{path}: no period of market '{marketId}' allows the what-if: {string.Join(" ", skipped.Select(x => $"{x.Period}: {x.Reason}"))}");
                    return RiskCommand.Failed;
                }

                foreach (var (skippedPeriod, reason) in skipped)
                {
                    error.WriteLine($"note: skipped {marketId} {skippedPeriod}: {reason}");
                }

                write(done);
                return RiskCommand.Ok;
            }

            if (result.GetValue(merge) is { } pair)
            {
                var (a, b) = (Ids(pair)[0], Ids(pair)[1]);
                return WhatIf(
                    r => WhatIfAnalysis.Merger(rows, file.Markets, r.MarketId, r.Period, a, b),
                    mergers =>
                    {
                        if (json)
                        {
                            output.WriteLine(JsonSerializer.Serialize(mergers, Json));
                        }
                        else
                        {
                            WhatIfTables.WriteMergers(mergers, output);
                        }
                    });
            }

            if (result.GetValue(exit) is { } exiting)
            {
                return WhatIf(
                    r => WhatIfAnalysis.Exit(rows, file.Markets, r.MarketId, r.Period, exiting.Trim(), recipients),
                    exits =>
                    {
                        if (json)
                        {
                            output.WriteLine(JsonSerializer.Serialize(exits, Json));
                        }
                        else
                        {
                            WhatIfTables.WriteExits(exits, output);
                        }
                    });
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

    private static List<string> Ids(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Quoted(IReadOnlyList<string> ids, string conjunction) =>
        ids.Count == 1 ? $"'{ids[0]}'" : $"{string.Join(", ", ids.SkipLast(1).Select(i => $"'{i}'"))} {conjunction} '{ids[^1]}'";

    private static void WriteCsv(IReadOnlyList<MarketConcentration> results, TextWriter output) => WriteCsv(results.ToDataFrame(), output);

    /// <summary>Writes a data frame as RFC 4180 CSV with a header; numbers in invariant culture to 12 significant digits, null as an empty cell.</summary>
    internal static void WriteCsv(Microsoft.Data.Analysis.DataFrame frame, TextWriter output) => CsvText.Write(frame, output);

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
        TextTable.Write(header, lines, output, i => i is >= 2 and <= 13);

        output.WriteLine();
        output.WriteLine("HHI in points 0–10,000 over the named firms ('other' is never a firm). The interval spans every market the data");
        output.WriteLine("allow: the remainder fragmented or packed into firms no larger than the smallest named one, published ranges,");
        output.WriteLine("rounding and unnamed ranks. '–': undefined (see --format json, 'reasons'). Every index, its interval and the");
        output.WriteLine("US 2010, US 1992 and EU 2004 verdicts are in --format json.");
        output.WriteLine($"Bands: {ConcentrationBands.Us2023Citation}.");
    }
}
