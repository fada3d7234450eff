using System.Globalization;
using System.Text.Unicode;
using nietras.SeparatedValues;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Data;

/// <summary>
/// The fast path of <see cref="DependencyDataReader.Load"/> for large, valid folders: services.csv and
/// requirements.csv are parsed with Sep on spans, ids are resolved through one index without a string
/// per cell, and every check of the strict reader is repeated in a cheaper form. It reports no faults:
/// on the first anomaly of any kind (a quote, a blank line, a cell or key the strict reader would
/// question) it gives up, and the strict reader reads the folder again and reports every fault with
/// its file, line and column. So valid input reads fast, and invalid input gets exactly the strict
/// messages.
/// </summary>
internal static class FastDependencyReader
{
    private const string CountryPattern = "^[A-Z]{2}$";

    private static readonly FieldSpec[] ServiceFields = [.. DependencyTables.Services.Fields];

    /// <summary>Reads the folder, or returns null when anything at all would need the strict reader.</summary>
    public static DependencyData? TryLoad(string directory)
    {
        var errors = new List<DataError>();
        CsvTable[] small = MarketChecks.ReadFolder(directory, [MarketTables.Sources, MarketTables.Providers, DependencyTables.Nodes], errors);
        var (sources, providers, nodes) = (small[0], small[1], small[2]);
        string servicesPath = Path.Join(directory, DependencyTables.Services.FileName);
        string requirementsPath = Path.Join(directory, DependencyTables.Requirements.FileName);
        if (errors.Count > 0 || !File.Exists(servicesPath) || !File.Exists(requirementsPath))
        {
            return null;
        }

        // Words (layers, groups, sources, sectors) are few and shared; ids index nodes, then services.
        var words = new Interner();
        var ids = new Dictionary<string, int>(capacity: nodes.Rows.Count + (int)Math.Min(int.MaxValue / 2, new FileInfo(servicesPath).Length / 24), StringComparer.Ordinal);
        var sourceIds = sources.Rows.Select(r => words.Of(r.Get<string>("source_id"))).ToHashSet(StringComparer.Ordinal);
        var nodeRows = new DependencyNode[nodes.Rows.Count];
        for (int i = 0; i < nodeRows.Length; i++)
        {
            DependencyNode node = DependencyDataReader.ToNode(nodes.Rows[i], words.Of);
            // Node keys and references were checked with the small tables; the index only needs filling.
            ids.Add(node.NodeId, i);

            nodeRows[i] = node;
        }

        List<DependentService>? services = ReadServices(servicesPath, ids, words, sourceIds);
        if (services is null)
        {
            return null;
        }

        List<Requirement>? requirements = ReadRequirements(requirementsPath, ids, nodeRows.Length, words, sourceIds, out int[] dependents);
        if (requirements is null || !GroupsHold(requirements, dependents, ids.Count))
        {
            return null;
        }

        return new DependencyData(
            sources.Rows.Select(MarketDataReader.ToSource).ToArray(),
            providers.Rows.Select(MarketDataReader.ToProvider).ToArray(),
            nodeRows,
            services,
            requirements);
    }

    /// <summary>A Sep reader over the file's bytes after a strict UTF-8 check and without a byte order mark, positioned after a header equal to the spec's; or null.</summary>
    private static SepReader? Open(string path, TableSpec spec, out long length)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int bom = bytes.AsSpan().StartsWith(CsvTable.Utf8Bom) ? 3 : 0;
        length = bytes.Length;
        if (bytes.Length == bom || !Utf8.IsValid(bytes.AsSpan(bom)))
        {
            return null;
        }

        SepReader reader = Sep.New(',')
            .Reader(o => o with { HasHeader = false, Unescape = false, DisableColCountCheck = true, DisableFastFloat = true })
            .From(new MemoryStream(bytes, bom, bytes.Length - bom, writable: false));
        if (!reader.MoveNext() || !reader.Current.Span.SequenceEqual(spec.Header))
        {
            reader.Dispose();
            return null;
        }

        return reader;
    }

    private static List<DependentService>? ReadServices(string path, Dictionary<string, int> ids, Interner words, HashSet<string> sourceIds)
    {
        using SepReader? reader = Open(path, DependencyTables.Services, out long length);
        if (reader is null)
        {
            return null;
        }

        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var rows = new List<DependentService>((int)Math.Min(int.MaxValue / 2, length / 64));
        foreach (SepReader.Row row in reader)
        {
            if (row.ColCount != ServiceFields.Length || row.Span.IndexOf('"') >= 0)
            {
                return null;
            }

            ReadOnlySpan<char> id = row[0].Span;
            if (!IsId(id, ServiceFields[0]) || lookup.ContainsKey(id)
                || !Text(ServiceFields[1], row[1].Span, out string? name)
                || !Text(ServiceFields[3], row[3].Span, out string? sector)
                || !Text(ServiceFields[4], row[4].Span, out string? country)
                || !Integer(ServiceFields[5], row[5].Span, out long? users)
                || !Number(ServiceFields[6], row[6].Span, out double? revenue)
                || !Number(ServiceFields[7], row[7].Span, out double? criticality)
                || !Integer(ServiceFields[8], row[8].Span, out long? rank))
            {
                return null;
            }

            ReadOnlySpan<char> source = row[9].Span;
            string? sourceId = source.IsEmpty ? null : words.Of(source);
            if (sourceId is not null && !sourceIds.Contains(sourceId))
            {
                return null;
            }

            string serviceId = id.ToString();
            ids.Add(serviceId, ids.Count);
            rows.Add(new DependentService(serviceId, name!)
            {
                Operator = row[2].Span.IsEmpty ? null : row[2].ToString(),
                Sector = sector is null ? null : words.Of(sector),
                Country = country is null ? null : words.Of(country),
                Users = users,
                AnnualRevenueUsd = revenue,
                Criticality = criticality,

                // The schema bounds the rank to 1..int.MaxValue, so the conversion cannot overflow.
                Rank = rank is long r ? (int)r : null,
                SourceId = sourceId,
                Note = row[10].Span.IsEmpty ? null : row[10].ToString(),
            });
        }

        return rows;
    }

    private static List<Requirement>? ReadRequirements(
        string path, Dictionary<string, int> ids, int nodes, Interner words, HashSet<string> sourceIds, out int[] dependents)
    {
        dependents = [];
        using SepReader? reader = Open(path, DependencyTables.Requirements, out long length);
        if (reader is null)
        {
            return null;
        }

        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var rows = new List<Requirement>((int)Math.Min(int.MaxValue / 2, length / 40));
        var dependentList = new List<int>(rows.Capacity);
        IReadOnlyList<FieldSpec> fields = DependencyTables.Requirements.Fields;

        // Consecutive rows mostly repeat the dependent, layer, group and source: compare with the last
        // value, which passed every check, before looking the text up (null before the first row).
        (string? Id, int Index) lastDependent = (null, -1);
        string? lastLayer = null, lastGroup = null, lastSource = null;
        foreach (SepReader.Row row in reader)
        {
            if (row.ColCount != 6 || row.Span.IndexOf('"') >= 0)
            {
                return null;
            }

            ReadOnlySpan<char> dependent = row[0].Span;
            ReadOnlySpan<char> layer = row[1].Span;
            ReadOnlySpan<char> group = row[2].Span;
            ReadOnlySpan<char> target = row[3].Span;
            ReadOnlySpan<char> source = row[4].Span;
            ReadOnlySpan<char> note = row[5].Span;
            if (lastDependent.Id is null || !dependent.SequenceEqual(lastDependent.Id))
            {
                if (!IsId(dependent, fields[0]) || !lookup.TryGetValue(dependent, out string? dependentId, out int dependentIndex))
                {
                    return null;
                }

                lastDependent = (dependentId, dependentIndex);
            }

            if (!IsId(target, fields[3]) || !lookup.TryGetValue(target, out string? targetId, out int targetIndex) || targetIndex >= nodes
                || !((lastLayer is not null && layer.SequenceEqual(lastLayer)) || (IsLayer(layer) && (lastLayer = words.Of(layer)) is not null))
                || !((lastGroup is not null && group.SequenceEqual(lastGroup)) || (IsId(group, fields[2]) && (lastGroup = words.Of(group)) is not null)))
            {
                return null;
            }

            string? sourceId = null;
            if (!source.IsEmpty)
            {
                if (lastSource is null || !source.SequenceEqual(lastSource))
                {
                    lastSource = words.Of(source);
                    if (!sourceIds.Contains(lastSource))
                    {
                        return null;
                    }
                }

                sourceId = lastSource;
            }

            dependentList.Add(lastDependent.Index);
            rows.Add(new Requirement(lastDependent.Id, lastLayer!, lastGroup!, targetId)
            {
                SourceId = sourceId,
                Note = note.IsEmpty ? null : note.ToString(),
            });
        }

        dependents = [.. dependentList];
        return rows;
    }

    /// <summary>A string cell as <see cref="CsvTable.ParseCell"/> would accept it (required, enum, pattern), or false.</summary>
    private static bool Text(FieldSpec field, ReadOnlySpan<char> cell, out string? value)
    {
        value = null;
        if (cell.IsEmpty)
        {
            return !field.Required;
        }

        if ((field.Required && cell.IsWhiteSpace())
            || (field.Enum is not null && !InEnum(field.Enum, cell))
            || (field.Pattern == DependencyTables.IdPattern && !IsId(cell, field))
            || (field.Pattern == CountryPattern && !(cell.Length == 2 && char.IsAsciiLetterUpper(cell[0]) && char.IsAsciiLetterUpper(cell[1])))
            || (field.Pattern is not null && field.Pattern != DependencyTables.IdPattern && field.Pattern != CountryPattern && !field.MatchesPattern(cell.ToString())))
        {
            return false;
        }

        value = cell.ToString();
        return true;
    }

    /// <summary>A number cell as <see cref="CsvTable.ParseCell"/> would accept it, or false.</summary>
    private static bool Number(FieldSpec field, ReadOnlySpan<char> cell, out double? value)
    {
        value = null;
        if (cell.IsEmpty)
        {
            return !field.Required;
        }

        if (!CsvTable.NumberSyntax().IsMatch(cell))
        {
            return false;
        }

        double number = double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
        value = number;
        return double.IsFinite(number) && CsvTable.InRange(field, number);
    }

    /// <summary>An integer cell as <see cref="CsvTable.ParseCell"/> would accept it, or false.</summary>
    private static bool Integer(FieldSpec field, ReadOnlySpan<char> cell, out long? value)
    {
        value = null;
        if (cell.IsEmpty)
        {
            return !field.Required;
        }

        if (!CsvTable.IntegerSyntax().IsMatch(cell) || !long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return false;
        }

        value = integer;
        return CsvTable.InRange(field, integer);
    }

    private static bool InEnum(IReadOnlyList<string> values, ReadOnlySpan<char> cell)
    {
        foreach (string value in values)
        {
            if (cell.SequenceEqual(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Pattern <c>^\S+$</c> (ECMAScript): ASCII checked here, anything else by the field's own pattern.</summary>
    private static bool IsId(ReadOnlySpan<char> span, FieldSpec field)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (char c in span)
        {
            if (c >= 128)
            {
                return field.MatchesPattern(span.ToString());
            }

            if (c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Pattern <c>^[a-z][a-z0-9-]*$</c>.</summary>
    private static bool IsLayer(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty || span[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (char c in span)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>No (dependent, group, target) repeats and every group keeps one layer: checked per dependent over its own rows.</summary>
    private static bool GroupsHold(List<Requirement> rows, int[] dependent, int dependents)
    {
        var start = new int[dependents + 1];
        foreach (int d in dependent)
        {
            start[d + 1]++;
        }

        for (int d = 0; d < dependents; d++)
        {
            start[d + 1] += start[d];
        }

        var order = new int[rows.Count];
        var next = (int[])start.Clone();
        for (int r = 0; r < rows.Count; r++)
        {
            order[next[dependent[r]]++] = r;
        }

        var seen = new HashSet<(string, string)>();
        var layers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int d = 0; d < dependents; d++)
        {
            if (start[d + 1] - start[d] <= 16)
            {
                for (int i = start[d]; i < start[d + 1]; i++)
                {
                    Requirement a = rows[order[i]];
                    for (int j = start[d]; j < i; j++)
                    {
                        Requirement b = rows[order[j]];
                        if (a.GroupId == b.GroupId && (a.TargetId == b.TargetId || a.Layer != b.Layer))
                        {
                            return false;
                        }
                    }
                }

                continue;
            }

            seen.Clear();
            layers.Clear();
            for (int i = start[d]; i < start[d + 1]; i++)
            {
                Requirement a = rows[order[i]];
                if (!seen.Add((a.GroupId, a.TargetId)) || (layers.TryGetValue(a.GroupId, out string? layer) && layer != a.Layer))
                {
                    return false;
                }

                layers[a.GroupId] = a.Layer;
            }
        }

        return true;
    }

    /// <summary>Shares one string instance per distinct text.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);

        public string Of(string text) => Of(text.AsSpan());

        public string Of(ReadOnlySpan<char> text)
        {
            var lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(text, out string? shared))
            {
                shared = text.ToString();
                strings.Add(shared, shared);
            }

            return shared;
        }
    }
}
