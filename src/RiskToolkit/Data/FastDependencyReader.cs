using System.Collections.Immutable;
using System.Text.Unicode;
using nietras.SeparatedValues;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Data;

/// <summary>
/// The fast path of <see cref="DependencyDataReader.Load"/> for large, valid folders: services.csv and
/// requirements.csv are parsed with Sep on spans, ids interned without a string per cell, and every
/// check of the strict reader is repeated in a cheaper form. It reports no faults: on the first
/// anomaly of any kind (a quote, a blank line, a cell or key the strict reader would question) it
/// gives up, and the strict reader reads the folder again and reports every fault with its file,
/// line and column. So valid input reads fast, and invalid input gets exactly the strict messages.
/// </summary>
internal static class FastDependencyReader
{
    private const string CountryPattern = "^[A-Z]{2}$";

    private static readonly FieldSpec[] ServiceFields = [.. DependencyTables.Services.Fields];

    /// <summary>Reads the folder, or returns null when anything at all would need the strict reader.</summary>
    public static DependencyData? TryLoad(string directory)
    {
        var errors = new List<DataError>();
        CsvTable Read(TableSpec spec) => CsvTable.Read(Path.Join(directory, spec.FileName), spec, errors);
        CsvTable sources = Read(MarketTables.Sources);
        CsvTable providers = Read(MarketTables.Providers);
        CsvTable nodes = Read(DependencyTables.Nodes);
        foreach (CsvTable table in new[] { sources, providers, nodes })
        {
            MarketChecks.PrimaryKey(table, errors);
        }

        MarketChecks.ReservedProviderId(providers, errors);
        foreach (ForeignKeySpec fk in MarketTables.Providers.ForeignKeys)
        {
            MarketChecks.ForeignKey(providers, fk, providers, null, errors);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        string Intern(ReadOnlySpan<char> span)
        {
            if (!lookup.TryGetValue(span, out string? shared))
            {
                shared = span.ToString();
                ids.Add(shared, shared);
            }

            return shared;
        }

        string Id(string value) => Intern(value);
        var sourceIds = sources.Rows.Select(r => Intern(r.Get<string>("source_id"))).ToHashSet(ReferenceEqualityComparer.Instance);
        var providerIds = providers.Rows.Select(r => Intern(r.Get<string>("provider_id"))).ToHashSet(ReferenceEqualityComparer.Instance);
        DependencyNode[] nodeRows = nodes.Rows.Select(r => DependencyDataReader.ToNode(r, Id)).ToArray();
        var index = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        foreach (DependencyNode node in nodeRows)
        {
            if ((node.ProviderId is string p && !providerIds.Contains(Intern(p))) || (node.SourceId is string s && !sourceIds.Contains(Intern(s))))
            {
                return null;
            }

            index.Add(node.NodeId, index.Count);
        }

        DependentService[]? services = ReadServices(Path.Join(directory, DependencyTables.Services.FileName), Intern);
        if (services is null)
        {
            return null;
        }

        foreach (DependentService service in services)
        {
            if (!index.TryAdd(service.ServiceId, index.Count) || (service.SourceId is string s && !sourceIds.Contains(s)))
            {
                return null;
            }
        }

        List<Requirement>? requirements = ReadRequirements(Path.Join(directory, DependencyTables.Requirements.FileName), Intern);
        if (requirements is null || !RequirementsHold(requirements, index, nodeRows.Length, sourceIds))
        {
            return null;
        }

        return new DependencyData(
            sources.Rows.Select(MarketDataReader.ToSource).ToImmutableArray(),
            providers.Rows.Select(MarketDataReader.ToProvider).ToImmutableArray(),
            nodeRows,
            services,
            requirements);
    }

    /// <summary>The file's text after a strict UTF-8 check and without a byte order mark, or null.</summary>
    private static string? Text(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> content = bytes.AsSpan().StartsWith(CsvTable.Utf8Bom) ? bytes.AsSpan(3) : bytes;
        return content.Length == 0 || !Utf8.IsValid(content) ? null : CsvTable.StrictUtf8.GetString(content);
    }

    private static SepReader? Open(string? text, TableSpec spec)
    {
        if (text is null)
        {
            return null;
        }

        SepReader reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = false, DisableColCountCheck = true, DisableFastFloat = true }).FromText(text);
        if (!reader.MoveNext() || reader.Current.Span.ToString() != spec.Header)
        {
            reader.Dispose();
            return null;
        }

        return reader;
    }

    private static DependentService[]? ReadServices(string path, Func<ReadOnlySpan<char>, string> intern)
    {
        using SepReader? reader = Open(Text(path), DependencyTables.Services);
        if (reader is null)
        {
            return null;
        }

        var rows = new List<DependentService>();
        var values = new object?[ServiceFields.Length];
        foreach (SepReader.Row row in reader)
        {
            if (row.ColCount != ServiceFields.Length || row.Span.IndexOf('"') >= 0)
            {
                return null;
            }

            for (int f = 0; f < ServiceFields.Length; f++)
            {
                if (!Cell(ServiceFields[f], row[f].Span, out values[f]))
                {
                    return null;
                }
            }

            rows.Add(new DependentService(intern((string)values[0]!), (string)values[1]!)
            {
                Operator = (string?)values[2],
                Sector = values[3] is string sector ? intern(sector) : null,
                Country = values[4] is string country ? intern(country) : null,
                Users = (long?)values[5],
                AnnualRevenueUsd = (double?)values[6],
                Criticality = (double?)values[7],

                // The schema bounds the rank to 1..int.MaxValue, so the conversion cannot overflow.
                Rank = values[8] is long rank ? (int)rank : null,
                SourceId = values[9] is string source ? intern(source) : null,
                Note = (string?)values[10],
            });
        }

        return [.. rows];
    }

    private static List<Requirement>? ReadRequirements(string path, Func<ReadOnlySpan<char>, string> intern)
    {
        using SepReader? reader = Open(Text(path), DependencyTables.Requirements);
        if (reader is null)
        {
            return null;
        }

        var rows = new List<Requirement>();

        // Consecutive rows mostly repeat the dependent, layer, group and source: compare with the last
        // value before looking the text up.
        string lastDependent = string.Empty, lastLayer = string.Empty, lastGroup = string.Empty, lastTarget = string.Empty, lastSource = string.Empty;
        string Same(ReadOnlySpan<char> span, ref string last) => span.SequenceEqual(last) ? last : last = intern(span);
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
            if (!IsId(dependent, 0) || !IsLayer(layer) || !IsId(group, 2) || !IsId(target, 3))
            {
                return null;
            }

            rows.Add(new Requirement(Same(dependent, ref lastDependent), Same(layer, ref lastLayer), Same(group, ref lastGroup), Same(target, ref lastTarget))
            {
                SourceId = source.IsEmpty ? null : Same(source, ref lastSource),
                Note = note.IsEmpty ? null : note.ToString(),
            });
        }

        return rows;
    }

    /// <summary>
    /// Whether <see cref="CsvTable.ParseCell"/> would accept the cell, with its value; the same rules
    /// without building a message for every cell.
    /// </summary>
    private static bool Cell(FieldSpec field, ReadOnlySpan<char> cell, out object? value)
    {
        value = null;
        if (cell.IsEmpty)
        {
            return !field.Required;
        }

        switch (field.Type)
        {
            case FieldType.String:
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
            case FieldType.Number:
                if (!CsvTable.NumberSyntax().IsMatch(cell))
                {
                    return false;
                }

                double number = double.Parse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
                value = number;
                return double.IsFinite(number) && CsvTable.InRange(field, number);
            case FieldType.Integer:
                if (!CsvTable.IntegerSyntax().IsMatch(cell)
                    || !long.TryParse(cell, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long integer))
                {
                    return false;
                }

                value = integer;
                return CsvTable.InRange(field, integer);
            default:
                return false;
        }
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
    private static bool IsId(ReadOnlySpan<char> span, int field) => IsId(span, DependencyTables.Requirements.Fields[field]);

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

    /// <summary>
    /// Targets are nodes, dependents are nodes or services, sources exist, no (dependent, group,
    /// target) repeats and every group keeps one layer: checked per dependent over its own rows.
    /// </summary>
    private static bool RequirementsHold(List<Requirement> rows, Dictionary<object, int> index, int nodes, HashSet<object?> sourceIds)
    {
        var dependent = new int[rows.Count];
        var start = new int[index.Count + 1];
        for (int r = 0; r < rows.Count; r++)
        {
            Requirement req = rows[r];
            if (!index.TryGetValue(req.DependentId, out dependent[r])
                || !index.TryGetValue(req.TargetId, out int target) || target >= nodes
                || (req.SourceId is string s && !sourceIds.Contains(s)))
            {
                return false;
            }

            start[dependent[r] + 1]++;
        }

        for (int d = 0; d < index.Count; d++)
        {
            start[d + 1] += start[d];
        }

        var order = new int[rows.Count];
        var next = (int[])start.Clone();
        for (int r = 0; r < rows.Count; r++)
        {
            order[next[dependent[r]]++] = r;
        }

        var seen = new HashSet<(object, object)>();
        var layers = new Dictionary<object, object>(ReferenceEqualityComparer.Instance);
        for (int d = 0; d < index.Count; d++)
        {
            int count = start[d + 1] - start[d];
            if (count <= 16)
            {
                for (int i = start[d]; i < start[d + 1]; i++)
                {
                    Requirement a = rows[order[i]];
                    for (int j = start[d]; j < i; j++)
                    {
                        Requirement b = rows[order[j]];
                        if (ReferenceEquals(a.GroupId, b.GroupId) && (ReferenceEquals(a.TargetId, b.TargetId) || !ReferenceEquals(a.Layer, b.Layer)))
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
                if (!seen.Add((a.GroupId, a.TargetId)) || (layers.TryGetValue(a.GroupId, out object? layer) && !ReferenceEquals(layer, a.Layer)))
                {
                    return false;
                }

                layers[a.GroupId] = a.Layer;
            }
        }

        return true;
    }
}
