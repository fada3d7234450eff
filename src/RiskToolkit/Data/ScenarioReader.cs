using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;

namespace RiskToolkit.Data;

/// <summary>
/// Reads an outage scenario file (JSON, camelCase; schema in data/README.md, 'Scenario files') into an
/// <see cref="OutageScenario"/>, checking its types, ranges and references against a loaded data folder.
/// </summary>
/// <remarks>
/// <para>
/// Strict JSON: no comments, no trailing commas, no duplicate properties, no unknown fields (a misspelt
/// field is a fault, never ignored). Times are UTC to the second with a <c>Z</c> (<c>2025-10-20T06:48:00Z</c>).
/// References: <c>failures[].nodeId</c> → nodes, <c>recoveryLag.byService</c> keys → services, every source id
/// → sources, <c>frequency.fromEvents.providerIds</c> → providers; <c>filters.sectors</c> are NAICS codes and
/// <c>filters.countries</c> ISO 3166-1 alpha-2 codes as services.csv writes them.
/// </para>
/// <para>
/// Every fault is a <see cref="DataError"/> whose message starts with the JSON path of the field
/// (<c>failures[1].endUtc</c>, <c>$</c> for the document), then says what was expected and what was found. Line
/// and column (both from 1; the column counts characters) locate the field's value, or its name for an unknown
/// or repeated field, or the enclosing object for a missing field. <see cref="JsonDocument"/> keeps no
/// positions, so the file is first tokenised once with <see cref="Utf8JsonReader"/>, recording the position of
/// every value and property name by path; the document is then checked and positions are looked up by path.
/// Malformed JSON is reported at the line and position of the <see cref="JsonException"/>, with the path
/// reached so far.
/// </para>
/// </remarks>
public static partial class ScenarioReader
{
    /// <summary>Reads and checks the scenario file at <paramref name="path"/>.</summary>
    /// <param name="path">Path of the JSON file; faults name it as given.</param>
    /// <param name="data">The dependency tables the scenario refers to (see <see cref="DependencyDataReader.Load"/>).</param>
    /// <returns>The scenario; optional parts absent from the file are <see cref="RecoveryLags.None"/>, <see cref="ScenarioFilters.None"/>, a null description and no source ids.</returns>
    /// <exception cref="ArgumentException">When <paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException">When <paramref name="data"/> is null.</exception>
    /// <exception cref="DataValidationException">When the file is missing, is not valid JSON, or breaks the schema; it lists every fault found.</exception>
    public static OutageScenario Load(string path, DependencyData data)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(data);
        if (!File.Exists(path))
        {
            throw new DataValidationException([new DataError(path, 0, 0, "$: missing file: expected an outage scenario (JSON, schema in data/README.md)")]);
        }

        return Parse(path, File.ReadAllBytes(path), data);
    }

    /// <summary>Reads a scenario from raw bytes; <paramref name="file"/> names it in faults.</summary>
    internal static OutageScenario Parse(string file, byte[] bytes, DependencyData data)
    {
        ReadOnlyMemory<byte> json = bytes;
        if (json.Span.StartsWith(CsvTable.Utf8Bom))
        {
            json = json[CsvTable.Utf8Bom.Length..];
        }

        var positions = new JsonPositions(json);
        if (positions.Tokenise() is DataError malformed)
        {
            throw new DataValidationException([malformed with { File = file }]);
        }

        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        var checker = new Checker(file, positions, data);
        OutageScenario? scenario = checker.Root(document.RootElement);
        if (checker.Errors.Count > 0 || scenario is null)
        {
            throw new DataValidationException(checker.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToArray());
        }

        return scenario;
    }

    /// <summary>Builds a child path: <c>a.b</c>, or <c>a["odd key"]</c> for keys that are not simple words.</summary>
    internal static string Child(string parent, string name)
    {
        string step = SimpleKey().IsMatch(name) ? name : "[" + JsonSerializer.Serialize(name) + "]";
        return parent == "$" ? (step[0] == '[' ? "$" + step : step) : (step[0] == '[' ? parent + step : parent + "." + step);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleKey();

    /// <summary>Positions (line, column from 1) of every value and property name of a JSON text, by path.</summary>
    private sealed partial class JsonPositions(ReadOnlyMemory<byte> json)
    {
        private readonly Dictionary<string, (int Line, int Column)> values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Line, int Column)> names = new(StringComparer.Ordinal);

        /// <summary>Faults found while tokenising (repeated properties); the document is still well formed.</summary>
        public List<DataError> Duplicates { get; } = [];

        private sealed class Frame(string path, bool isArray)
        {
            public string Path { get; } = path;

            public bool IsArray { get; } = isArray;

            public int Index { get; set; }

            public string? Property { get; set; }

            public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        }

        /// <summary>Position of the value at <paramref name="path"/>, or (1, 1) when unknown.</summary>
        public (int Line, int Column) Value(string path) => values.TryGetValue(path, out var p) ? p : (1, 1);

        /// <summary>Position of the property name that ends <paramref name="path"/>, else of its value.</summary>
        public (int Line, int Column) Name(string path) => names.TryGetValue(path, out var p) ? p : Value(path);

        /// <summary>Reads every token; returns the fault of malformed JSON (file left empty), or null.</summary>
        public DataError? Tokenise()
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
            var stack = new Stack<Frame>();
            string current = "$";
            bool afterName = false;
            try
            {
                while (reader.Read())
                {
                    int offset = checked((int)reader.TokenStartIndex);
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            Frame frame = stack.Peek();
                            string name = reader.GetString()!;
                            current = Child(frame.Path, name);
                            var at = Position(offset);
                            if (!frame.Names.Add(name))
                            {
                                Duplicates.Add(new DataError(string.Empty, at.Line, at.Column, $"{current}: expected each field once, found '{name}' again (duplicate property)"));
                            }
                            else
                            {
                                names[current] = at;
                            }

                            frame.Property = name;
                            afterName = true;
                            continue;

                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            stack.Pop();
                            break;

                        default:
                            string path = stack.Count == 0 ? "$"
                                : stack.Peek().IsArray ? $"{stack.Peek().Path}[{stack.Peek().Index++}]"
                                : Child(stack.Peek().Path, stack.Peek().Property!);
                            current = path;
                            values.TryAdd(path, Position(offset));
                            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            {
                                stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                            }

                            break;
                    }

                    afterName = false;
                }
            }
            catch (JsonException ex)
            {
                int line = checked((int)(ex.LineNumber ?? 0));
                int column = Column(line, checked((int)(ex.BytePositionInLine ?? 0)));
                string message = Location().Replace(ex.Message, string.Empty).Trim();

                // After a name the fault is in its value; otherwise it is between the members of the open container.
                string path = afterName ? current : stack.Count > 0 ? stack.Peek().Path : "$";
                return new DataError(string.Empty, line + 1, column, $"{path}: expected valid JSON (no comments, no trailing commas), found malformed JSON: {message}");
            }

            return null;
        }

        /// <summary>Line and column from 1 of byte <paramref name="offset"/>; lines end at LF, as the JSON reader counts them.</summary>
        private (int Line, int Column) Position(int offset)
        {
            ReadOnlySpan<byte> span = json.Span[..offset];
            int lineStart = span.LastIndexOf((byte)'\n') + 1;
            int line = span.Count((byte)'\n') + 1;
            return (line, Encoding.UTF8.GetCharCount(span[lineStart..]) + 1);
        }

        /// <summary>Column from 1 (characters) of byte <paramref name="byteInLine"/> of 0-based line <paramref name="line"/>.</summary>
        private int Column(int line, int byteInLine)
        {
            ReadOnlySpan<byte> span = json.Span;
            int start = 0;
            for (int i = 0; i < line; i++)
            {
                int next = span[start..].IndexOf((byte)'\n');
                if (next < 0)
                {
                    break;
                }

                start += next + 1;
            }

            int end = Math.Min(span.Length, start + byteInLine);
            return Encoding.UTF8.GetCharCount(span[start..end]) + 1;
        }

        [GeneratedRegex(@"\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?", RegexOptions.CultureInvariant)]
        private static partial Regex Location();
    }

    /// <summary>Checks the document field by field, collecting faults; builds the scenario when there are none.</summary>
    private sealed partial class Checker
    {
        private readonly string file;
        private readonly JsonPositions positions;
        private readonly HashSet<string> nodes;
        private readonly HashSet<string> services;
        private readonly HashSet<string> sources;
        private readonly HashSet<string> providers;

        public Checker(string file, JsonPositions positions, DependencyData data)
        {
            this.file = file;
            this.positions = positions;
            nodes = data.Nodes.Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);
            services = data.Services.Select(s => s.ServiceId).ToHashSet(StringComparer.Ordinal);
            sources = data.Sources.Select(s => s.SourceId).ToHashSet(StringComparer.Ordinal);
            providers = data.Providers.Select(p => p.ProviderId).ToHashSet(StringComparer.Ordinal);
            Errors = positions.Duplicates.Select(e => e with { File = file }).ToList();
        }

        public List<DataError> Errors { get; }

        private void Fault(string path, string message) => FaultAt(positions.Value(path), path, message);

        private void FaultAt((int Line, int Column) at, string path, string message) =>
            Errors.Add(new DataError(file, at.Line, at.Column, $"{path}: {message}"));

        private static string Found(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{CsvTable.Show(e.GetString()!)}\"",
            JsonValueKind.Number => $"the number {e.GetRawText()}",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        };

        /// <summary>Checks that <paramref name="e"/> is an object with only the <paramref name="allowed"/> fields.</summary>
        private bool Object(JsonElement e, string path, params string[] allowed)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Fault(path, $"expected an object, found {Found(e)}");
                return false;
            }

            foreach (JsonProperty p in e.EnumerateObject())
            {
                if (!allowed.Contains(p.Name, StringComparer.Ordinal))
                {
                    string child = Child(path, p.Name);
                    FaultAt(positions.Name(child), child, $"expected one of the fields {string.Join(", ", allowed)}, found the unknown field '{CsvTable.Show(p.Name)}'");
                }
            }

            return true;
        }

        /// <summary>The field <paramref name="name"/> of object <paramref name="obj"/>; a fault when it is required and missing.</summary>
        private JsonElement? Field(JsonElement obj, string path, string name, string expected, bool required)
        {
            if (obj.TryGetProperty(name, out JsonElement value))
            {
                return value;
            }

            if (required)
            {
                FaultAt(positions.Value(path), Child(path, name), $"expected {expected}, found no such field (it is required)");
            }

            return null;
        }

        private string? Text(JsonElement obj, string path, string name, bool required, bool nullable = false, bool nonEmpty = true)
        {
            string expected = "a string";
            if (Field(obj, path, name, expected, required) is not JsonElement e)
            {
                return null;
            }

            string child = Child(path, name);
            if (e.ValueKind == JsonValueKind.Null && nullable)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.String)
            {
                Fault(child, $"expected {expected}{(nullable ? " or null" : string.Empty)}, found {Found(e)}");
                return null;
            }

            string s = e.GetString()!;
            if (nonEmpty && string.IsNullOrWhiteSpace(s))
            {
                Fault(child, $"expected a non-empty string, found \"{CsvTable.Show(s)}\"");
                return null;
            }

            return s;
        }

        private enum Bound
        {
            None,
            NonNegative,
            Positive,
            Fraction,
        }

        private static string Expected(Bound bound, string unit) => bound switch
        {
            Bound.NonNegative => $"a number >= 0{unit}",
            Bound.Positive => $"a number > 0{unit}",
            Bound.Fraction => "a number between 0 and 1",
            _ => "a number",
        };

        /// <summary>A finite number within <paramref name="bound"/>; null when absent, null (if allowed) or faulty.</summary>
        private double? Number(JsonElement obj, string path, string name, Bound bound, bool required, string unit = "", bool nullable = false)
        {
            string expected = Expected(bound, unit);
            if (Field(obj, path, name, expected, required) is not JsonElement e)
            {
                return null;
            }

            return NumberValue(e, Child(path, name), bound, unit, nullable);
        }

        private double? NumberValue(JsonElement e, string path, Bound bound, string unit, bool nullable)
        {
            string expected = Expected(bound, unit) + (nullable ? " or null" : string.Empty);
            if (e.ValueKind == JsonValueKind.Null && nullable)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.Number)
            {
                Fault(path, $"expected {expected}, found {Found(e)}");
                return null;
            }

            if (!e.TryGetDouble(out double x) || !double.IsFinite(x))
            {
                Fault(path, $"expected {expected}, found {Found(e)} (out of the range of a finite double)");
                return null;
            }

            bool ok = bound switch
            {
                Bound.NonNegative => x >= 0,
                Bound.Positive => x > 0,
                Bound.Fraction => x is >= 0 and <= 1,
                _ => true,
            };
            if (!ok)
            {
                Fault(path, $"expected {expected}, found {Found(e)}");
                return null;
            }

            return x;
        }

        private DateTimeOffset? Time(JsonElement obj, string path, string name)
        {
            if (Field(obj, path, name, UtcTime.Expectation, required: true) is not JsonElement e)
            {
                return null;
            }

            string child = Child(path, name);
            if (e.ValueKind != JsonValueKind.String)
            {
                Fault(child, $"expected {UtcTime.Expectation} as a string, found {Found(e)}");
                return null;
            }

            if (UtcTime.Parse(e.GetString()!, out DateTimeOffset time) is string fault)
            {
                Fault(child, $"{fault}, found {Found(e)}");
                return null;
            }

            return time;
        }

        /// <summary>An array of strings, each checked by <paramref name="check"/> (which returns a fault or null).</summary>
        private ImmutableArray<string> Strings(JsonElement obj, string path, string name, string what, Func<string, string?> check, bool required = false)
        {
            string expected = $"an array of {what}";
            if (Field(obj, path, name, expected, required) is not JsonElement e)
            {
                return [];
            }

            string child = Child(path, name);
            if (e.ValueKind != JsonValueKind.Array)
            {
                Fault(child, $"expected {expected}, found {Found(e)}");
                return [];
            }

            var list = ImmutableArray.CreateBuilder<string>();
            int i = 0;
            foreach (JsonElement item in e.EnumerateArray())
            {
                string itemPath = $"{child}[{i++}]";
                if (item.ValueKind != JsonValueKind.String)
                {
                    Fault(itemPath, $"expected {what.TrimEnd('s')} as a string, found {Found(item)}");
                    continue;
                }

                string s = item.GetString()!;
                if (check(s) is string fault)
                {
                    Fault(itemPath, fault);
                    continue;
                }

                list.Add(s);
            }

            return list.ToImmutable();
        }

        private string? SourceFault(string id) =>
            sources.Contains(id) ? null : $"expected a source_id of sources.csv, found \"{CsvTable.Show(id)}\" (dangling reference)";

        public OutageScenario? Root(JsonElement root)
        {
            const string path = "$";
            if (!Object(root, path, "scenarioId", "name", "description", "sourceIds", "failures", "recoveryLag", "filters", "insurance", "uncertainty", "frequency"))
            {
                return null;
            }

            string? id = Text(root, path, "scenarioId", required: true);
            if (id is not null && id.Any(char.IsWhiteSpace))
            {
                Fault("scenarioId", $"expected an id without spaces, found \"{CsvTable.Show(id)}\"");
            }

            string? name = Text(root, path, "name", required: true);
            string? description = Text(root, path, "description", required: false, nullable: true);
            ImmutableArray<string> sourceIds = Strings(root, path, "sourceIds", "source ids", SourceFault);
            IReadOnlyList<NodeFailure> failures = Failures(root);
            RecoveryLags lags = root.TryGetProperty("recoveryLag", out JsonElement lag) ? Lags(lag) : RecoveryLags.None;
            ScenarioFilters filters = root.TryGetProperty("filters", out JsonElement f) ? Filters(f) : ScenarioFilters.None;
            InsuranceTerms? insurance = Field(root, path, "insurance", "an object", required: true) is JsonElement i ? Insurance(i) : null;
            LossUncertainty? uncertainty = Field(root, path, "uncertainty", "an object", required: true) is JsonElement u ? Uncertainty(u) : null;
            EventFrequency? frequency = Field(root, path, "frequency", "an object with annualRate or fromEvents", required: true) is JsonElement q ? Frequency(q) : null;
            if (Errors.Count > 0 || id is null || name is null || insurance is null || uncertainty is null || frequency is null)
            {
                return null;
            }

            return new OutageScenario(id, name, description, failures, lags, filters, insurance, uncertainty, frequency, sourceIds);
        }

        private ImmutableArray<NodeFailure> Failures(JsonElement root)
        {
            const string path = "failures";
            if (Field(root, "$", path, "a non-empty array of node failures", required: true) is not JsonElement e)
            {
                return [];
            }

            if (e.ValueKind != JsonValueKind.Array)
            {
                Fault(path, $"expected a non-empty array of node failures, found {Found(e)}");
                return [];
            }

            if (e.GetArrayLength() == 0)
            {
                Fault(path, "expected a non-empty array of node failures, found an empty array");
                return [];
            }

            var list = ImmutableArray.CreateBuilder<NodeFailure>();
            var windows = new List<(int Index, string Node, DateTimeOffset Start, DateTimeOffset End)>();
            int index = 0;
            foreach (JsonElement item in e.EnumerateArray())
            {
                string itemPath = $"{path}[{index}]";
                int k = index++;
                if (!Object(item, itemPath, "nodeId", "startUtc", "endUtc", "sourceId", "note"))
                {
                    continue;
                }

                string? node = Text(item, itemPath, "nodeId", required: true);
                if (node is not null && !nodes.Contains(node))
                {
                    Fault(Child(itemPath, "nodeId"), $"expected a node_id of nodes.csv, found \"{CsvTable.Show(node)}\" (dangling reference)");
                    node = null;
                }

                DateTimeOffset? start = Time(item, itemPath, "startUtc");
                DateTimeOffset? end = Time(item, itemPath, "endUtc");
                if (start is DateTimeOffset s0 && end is DateTimeOffset e0 && e0 <= s0)
                {
                    Fault(Child(itemPath, "endUtc"), $"expected a time after startUtc {UtcTime.Format(s0)}, found \"{UtcTime.Format(e0)}\"");
                    end = null;
                }

                string? source = Text(item, itemPath, "sourceId", required: false, nullable: true);
                if (source is not null && SourceFault(source) is string sourceFault)
                {
                    Fault(Child(itemPath, "sourceId"), sourceFault);
                }

                string? note = Text(item, itemPath, "note", required: false, nullable: true, nonEmpty: false);
                if (node is null || start is not DateTimeOffset s || end is not DateTimeOffset t)
                {
                    continue;
                }

                foreach (var w in windows.Where(w => w.Node == node && s < w.End && w.Start < t))
                {
                    Fault(
                        Child(itemPath, "startUtc"),
                        $"expected a window that does not overlap failures[{w.Index}] of the same node ({UtcTime.Format(w.Start)} to {UtcTime.Format(w.End)}), found {UtcTime.Format(s)} to {UtcTime.Format(t)} (merge the two windows)");
                }

                windows.Add((k, node, s, t));
                list.Add(new NodeFailure(node, s, t, source, note));
            }

            return list.ToImmutable();
        }

        private RecoveryLags Lags(JsonElement e)
        {
            const string path = "recoveryLag";
            if (!Object(e, path, "defaultHours", "byService"))
            {
                return RecoveryLags.None;
            }

            double defaultHours = Number(e, path, "defaultHours", Bound.NonNegative, required: false, unit: " hours") ?? 0;
            var byService = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            if (e.TryGetProperty("byService", out JsonElement map))
            {
                string mapPath = Child(path, "byService");
                if (map.ValueKind != JsonValueKind.Object)
                {
                    Fault(mapPath, $"expected an object of service ids and hours, found {Found(map)}");
                }
                else
                {
                    foreach (JsonProperty p in map.EnumerateObject())
                    {
                        string child = Child(mapPath, p.Name);
                        if (!services.Contains(p.Name))
                        {
                            FaultAt(positions.Name(child), child, $"expected a service_id of services.csv, found \"{CsvTable.Show(p.Name)}\" (dangling reference)");
                            continue;
                        }

                        if (NumberValue(p.Value, child, Bound.NonNegative, " hours", nullable: false) is double hours)
                        {
                            byService[p.Name] = hours;
                        }
                    }
                }
            }

            return new RecoveryLags(defaultHours, byService.ToImmutable());
        }

        private ScenarioFilters Filters(JsonElement e)
        {
            const string path = "filters";
            if (!Object(e, path, "countries", "sectors", "topByRevenue"))
            {
                return ScenarioFilters.None;
            }

            ImmutableArray<string> countries = Strings(e, path, "countries", "country codes", c =>
                Country().IsMatch(c) ? null : $"expected an ISO 3166-1 alpha-2 code in capitals (as services.country), found \"{CsvTable.Show(c)}\"");
            ImmutableArray<string> sectors = Strings(e, path, "sectors", "NAICS sector codes", c =>
                DependencyTables.NaicsSectors.Contains(c, StringComparer.Ordinal) ? null : $"expected one of {string.Join(", ", DependencyTables.NaicsSectors)} (NAICS sectors as services.sector), found \"{CsvTable.Show(c)}\"");
            int? top = null;
            if (e.TryGetProperty("topByRevenue", out JsonElement t) && t.ValueKind != JsonValueKind.Null)
            {
                string child = Child(path, "topByRevenue");
                if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out int n) || n < 1)
                {
                    Fault(child, $"expected an integer >= 1 or null, found {Found(t)}");
                }
                else
                {
                    top = n;
                }
            }

            return new ScenarioFilters(countries, sectors, top);
        }

        private InsuranceTerms? Insurance(JsonElement e)
        {
            const string path = "insurance";
            if (!Object(e, path, "waitingPeriodHours", "deductibleUsd", "limitUsd", "takeUp"))
            {
                return null;
            }

            double? waiting = Number(e, path, "waitingPeriodHours", Bound.NonNegative, required: true, unit: " hours");
            double? deductible = Number(e, path, "deductibleUsd", Bound.NonNegative, required: true, unit: " USD");
            double? limit = Number(e, path, "limitUsd", Bound.Positive, required: false, unit: " USD", nullable: true);
            double? takeUp = Number(e, path, "takeUp", Bound.Fraction, required: true);
            return waiting is double w && deductible is double d && takeUp is double u ? new InsuranceTerms(w, d, limit, u) : null;
        }

        private LossUncertainty? Uncertainty(JsonElement e)
        {
            const string path = "uncertainty";
            if (!Object(e, path, "durationLogSd", "lossFractionConcentration", "defaultRevenueLogSd"))
            {
                return null;
            }

            double? duration = Number(e, path, "durationLogSd", Bound.NonNegative, required: true);
            double? kappa = Number(e, path, "lossFractionConcentration", Bound.Positive, required: false, nullable: true);
            double? revenue = Number(e, path, "defaultRevenueLogSd", Bound.NonNegative, required: true);
            return duration is double a && revenue is double b ? new LossUncertainty(a, kappa, b) : null;
        }

        private EventFrequency? Frequency(JsonElement e)
        {
            const string path = "frequency";
            if (!Object(e, path, "annualRate", "rateSourceId", "fromEvents"))
            {
                return null;
            }

            bool hasRate = e.TryGetProperty("annualRate", out _);
            bool hasEvents = e.TryGetProperty("fromEvents", out JsonElement events);
            if (hasRate == hasEvents)
            {
                Fault(path, $"expected exactly one of annualRate and fromEvents, found {(hasRate ? "both" : "neither")}");
                return null;
            }

            string? rateSource = Text(e, path, "rateSourceId", required: false, nullable: true);
            if (rateSource is not null && SourceFault(rateSource) is string sourceFault)
            {
                Fault(Child(path, "rateSourceId"), sourceFault);
            }

            if (hasRate)
            {
                double? rate = Number(e, path, "annualRate", Bound.NonNegative, required: true, unit: " events per year");
                return rate is double r ? new EventFrequency(r, rateSource, null) : null;
            }

            if (e.TryGetProperty("rateSourceId", out _))
            {
                FaultAt(positions.Name(Child(path, "rateSourceId")), Child(path, "rateSourceId"), "expected rateSourceId only with annualRate, found it with fromEvents (each counted event cites its own source)");
            }

            string eventsPath = Child(path, "fromEvents");
            if (!Object(events, eventsPath, "providerIds", "layers", "fromUtc", "toUtc"))
            {
                return null;
            }

            ImmutableArray<string> providerIds = Strings(events, eventsPath, "providerIds", "provider ids", p =>
                providers.Contains(p) ? null : $"expected a provider_id of providers.csv, found \"{CsvTable.Show(p)}\" (dangling reference)");
            ImmutableArray<string> layers = Strings(events, eventsPath, "layers", "layers", l =>
                Layer().IsMatch(l) ? null : $"expected {DependencyTables.LayerHint}, found \"{CsvTable.Show(l)}\"");
            DateTimeOffset? from = Time(events, eventsPath, "fromUtc");
            DateTimeOffset? to = Time(events, eventsPath, "toUtc");
            if (from is DateTimeOffset f && to is DateTimeOffset t)
            {
                if (t <= f)
                {
                    Fault(Child(eventsPath, "toUtc"), $"expected a time after fromUtc {UtcTime.Format(f)}, found \"{UtcTime.Format(t)}\"");
                    return null;
                }

                return new EventFrequency(null, null, new OutageEventFilter(providerIds, layers, f, t));
            }

            return null;
        }

        [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
        private static partial Regex Country();

        [GeneratedRegex(DependencyTables.LayerPattern, RegexOptions.CultureInvariant)]
        private static partial Regex Layer();
    }
}
