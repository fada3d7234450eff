using System.Collections.Immutable;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Data;

/// <summary>
/// Reads and validates the dependency tables of a data folder: <c>nodes.csv</c>, <c>services.csv</c> and
/// <c>requirements.csv</c>, with the <c>sources.csv</c> and <c>providers.csv</c> they cite (schemas in
/// <c>data/datapackage.json</c> and data/README.md).
/// </summary>
/// <remarks>
/// CSV rules and fault locations are those of <see cref="MarketDataReader"/>: <c>file:line:column: message</c>
/// with the 1-based physical line and field position. Checks beyond the cell types: primary keys; ids
/// unique across nodes and services; foreign keys (target_id → nodes, dependent_id → nodes or services,
/// provider_id → providers, source_id → sources); every row of a group (same dependent_id and group_id)
/// has the same layer. A group is made of its rows, so it cannot be empty: a row without a target is a
/// missing required value. Dependency cycles among nodes are not faults; <see cref="DependencyModel.Cycles"/>
/// reports them and analyses propagate failure to a fixpoint.
/// </remarks>
public static class DependencyDataReader
{
    /// <summary>Whether <paramref name="directory"/> holds any of the three dependency tables.</summary>
    /// <param name="directory">A data folder.</param>
    /// <returns>True when nodes.csv, services.csv or requirements.csv exists there.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    public static bool HasDependencyTables(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return DependencyTables.All.Any(t => File.Exists(Path.Join(directory, t.FileName)));
    }

    /// <summary>
    /// Reads and validates the dependency tables of <paramref name="directory"/>. A valid folder is read on a
    /// fast path (Sep on spans, interned ids); any anomaly sends the whole folder through the strict reader,
    /// so faults are reported exactly as <see cref="Validate"/> reports them.
    /// </summary>
    /// <param name="directory">Folder holding sources.csv, providers.csv, nodes.csv, services.csv and requirements.csv.</param>
    /// <returns>The tables as records, rows in file order; ids are shared string instances.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="directory"/> does not exist.</exception>
    /// <exception cref="DataValidationException">When any fault is found; it lists every fault.</exception>
    public static DependencyData Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (Directory.Exists(directory) && FastDependencyReader.TryLoad(directory) is DependencyData fast)
        {
            return fast;
        }

        return LoadStrict(directory);
    }

    /// <summary><see cref="Load"/> without the fast path: every cell through <see cref="CsvTable"/>.</summary>
    internal static DependencyData LoadStrict(string directory)
    {
        var (tables, errors) = ReadDirectory(directory);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Id(string value)
        {
            if (ids.TryGetValue(value, out string? shared))
            {
                return shared;
            }

            ids.Add(value, value);
            return value;
        }

        return new DependencyData(
            tables.Sources.Rows.Select(MarketDataReader.ToSource).ToImmutableArray(),
            tables.Providers.Rows.Select(MarketDataReader.ToProvider).ToImmutableArray(),
            tables.Nodes.Rows.Select(r => ToNode(r, Id)).ToImmutableArray(),
            tables.Services.Rows.Select(r => ToService(r, Id)).ToImmutableArray(),
            tables.Requirements.Rows.Select(r => ToRequirement(r, Id)).ToImmutableArray());
    }

    /// <summary>Runs the checks of <see cref="Load"/> and returns the faults instead of throwing.</summary>
    /// <param name="directory">The data folder.</param>
    /// <returns>Every fault, ordered by file (sources, providers, nodes, services, requirements), line and column.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="directory"/> does not exist.</exception>
    public static IReadOnlyList<DataError> Validate(string directory) => ReadDirectory(directory).Errors;

    private sealed record Tables(CsvTable Sources, CsvTable Providers, CsvTable Nodes, CsvTable Services, CsvTable Requirements);

    private static (Tables Tables, IReadOnlyList<DataError> Errors) ReadDirectory(string directory)
    {
        var errors = new List<DataError>();
        CsvTable[] all = MarketChecks.ReadFolder(directory, [MarketTables.Sources, MarketTables.Providers, .. DependencyTables.All], errors);
        var tables = new Tables(all[0], all[1], all[2], all[3], all[4]);
        IdsAcrossTables(tables.Nodes, tables.Services, errors);
        Dependents(tables.Requirements, tables.Nodes, tables.Services, errors);
        GroupLayers(tables.Requirements, errors);
        return (tables, MarketChecks.Sorted(errors, all));
    }

    /// <summary>A service may not reuse a node's id: requirements name both kinds in one column.</summary>
    private static void IdsAcrossTables(CsvTable nodes, CsvTable services, List<DataError> errors)
    {
        int nodeField = nodes.Spec.IndexOf("node_id");
        var nodeLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (CsvRow row in nodes.Rows)
        {
            if (row.Text(nodeField) is string id)
            {
                nodeLines.TryAdd(id, row.Line);
            }
        }

        int serviceField = services.Spec.IndexOf("service_id");
        foreach (CsvRow row in services.Rows)
        {
            if (row.Text(serviceField) is string id && nodeLines.TryGetValue(id, out int line))
            {
                errors.Add(services.Fault(
                    row.Line,
                    serviceField,
                    $"column 'service_id': duplicate id: expected an id unique across nodes and services, found '{CsvTable.Show(id)}', a node_id on line {line} of {nodes.Spec.FileName}"));
            }
        }
    }

    /// <summary>dependent_id names a node or a service (skipped when either table lost rows or could not be read).</summary>
    private static void Dependents(CsvTable requirements, CsvTable nodes, CsvTable services, List<DataError> errors)
    {
        if (!nodes.IsRead || nodes.HasOmittedRows || !services.IsRead || services.HasOmittedRows)
        {
            return;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        int nodeField = nodes.Spec.IndexOf("node_id");
        int serviceField = services.Spec.IndexOf("service_id");
        foreach (CsvRow row in nodes.Rows)
        {
            if (row.Text(nodeField) is string id)
            {
                known.Add(id);
            }
        }

        foreach (CsvRow row in services.Rows)
        {
            if (row.Text(serviceField) is string id)
            {
                known.Add(id);
            }
        }

        int field = requirements.Spec.IndexOf("dependent_id");
        foreach (CsvRow row in requirements.Rows)
        {
            if (row.Text(field) is string id && !known.Contains(id))
            {
                errors.Add(requirements.Fault(
                    row.Line,
                    field,
                    $"column 'dependent_id': dangling reference: expected a service_id of {services.Spec.FileName} or a node_id of {nodes.Spec.FileName}, found '{CsvTable.Show(id)}'"));
            }
        }
    }

    /// <summary>Every row of one group (dependent_id, group_id) has the layer of the group's first row.</summary>
    private static void GroupLayers(CsvTable requirements, List<DataError> errors)
    {
        int dependent = requirements.Spec.IndexOf("dependent_id");
        int group = requirements.Spec.IndexOf("group_id");
        int layer = requirements.Spec.IndexOf("layer");
        var first = new Dictionary<(string, string), (string Layer, int Line)>();
        foreach (CsvRow row in requirements.Rows)
        {
            if (row.Text(dependent) is not string d || row.Text(group) is not string g || row.Text(layer) is not string l)
            {
                continue;
            }

            if (!first.TryGetValue((d, g), out var seen))
            {
                first.Add((d, g), (l, row.Line));
            }
            else if (seen.Layer != l)
            {
                errors.Add(requirements.Fault(
                    row.Line,
                    layer,
                    $"column 'layer': mixed layers in one group: expected '{CsvTable.Show(seen.Layer)}' as on line {seen.Line} for dependent '{CsvTable.Show(d)}' group '{CsvTable.Show(g)}', found '{CsvTable.Show(l)}'"));
            }
        }
    }

    internal static DependencyNode ToNode(CsvRow row, Func<string, string> id) => new(
        NodeId: id(row.Get<string>("node_id")),
        Kind: Enum.Parse<NodeKind>(row.Get<string>("kind"), ignoreCase: true),
        Name: row.Get<string>("name"))
    {
        ProviderId = row.Get<string?>("provider_id"),
        Layer = row.Get<string?>("layer") is string layer ? id(layer) : null,
        Region = row.Get<string?>("region"),
        SourceId = row.Get<string?>("source_id"),
        Note = row.Get<string?>("note"),
    };

    private static DependentService ToService(CsvRow row, Func<string, string> id) => new(
        ServiceId: id(row.Get<string>("service_id")),
        Name: row.Get<string>("name"))
    {
        Operator = row.Get<string?>("operator"),
        Sector = row.Get<string?>("sector") is string sector ? id(sector) : null,
        Country = row.Get<string?>("country") is string country ? id(country) : null,
        Users = row.Get<long?>("users"),
        AnnualRevenueUsd = row.Get<double?>("annual_revenue_usd"),
        Criticality = row.Get<double?>("criticality"),

        // The schema bounds the rank to 1..int.MaxValue, so the conversion cannot overflow.
        Rank = row.Get<long?>("rank") is long rank ? (int)rank : null,
        SourceId = row.Get<string?>("source_id") is string source ? id(source) : null,
        Note = row.Get<string?>("note"),
    };

    private static Requirement ToRequirement(CsvRow row, Func<string, string> id) => new(
        DependentId: id(row.Get<string>("dependent_id")),
        Layer: id(row.Get<string>("layer")),
        GroupId: id(row.Get<string>("group_id")),
        TargetId: id(row.Get<string>("target_id")))
    {
        SourceId = row.Get<string?>("source_id") is string source ? id(source) : null,
        Note = row.Get<string?>("note"),
    };
}
