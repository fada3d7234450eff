using System.Collections.Immutable;
using RiskToolkit.Impact;

namespace RiskToolkit.Data;

/// <summary>The impact tables of a data folder: sector defaults and historical outage events.</summary>
/// <param name="Sectors">Rows of <c>sector_parameters.csv</c>, in file order.</param>
/// <param name="Events">Rows of <c>outage_events.csv</c>, in file order.</param>
public sealed record ImpactData(IReadOnlyList<SectorParameters> Sectors, IReadOnlyList<OutageEvent> Events);

/// <summary>
/// Reads and validates the impact tables of a data folder: <c>sector_parameters.csv</c> and
/// <c>outage_events.csv</c>, with the <c>sources.csv</c>, <c>providers.csv</c> and <c>nodes.csv</c> they cite
/// (schemas in <c>data/datapackage.json</c> and data/README.md).
/// </summary>
/// <remarks>
/// CSV rules and fault locations are those of <see cref="MarketDataReader"/>: <c>file:line:column: message</c>
/// with the 1-based physical line and field position. Checks beyond the cell types and ranges: primary keys
/// (one row per sector, unique event ids); foreign keys (provider_id → providers, source_id → sources); every
/// id of <c>node_ids</c> names a node of nodes.csv (a fault when nodes.csv is absent and an event names
/// nodes); <c>end_utc</c> after <c>start_utc</c>; the two loss estimates set together with low ≤ high. Times
/// are UTC to the second with a <c>Z</c> (<c>2025-10-20T06:48:00Z</c>); offsets and zone-less times are faults.
/// </remarks>
public static class ImpactDataReader
{
    /// <summary>Whether <paramref name="directory"/> holds either impact table.</summary>
    /// <param name="directory">A data folder.</param>
    /// <returns>True when sector_parameters.csv or outage_events.csv exists there.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    public static bool HasImpactTables(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return ImpactTables.All.Any(t => File.Exists(Path.Join(directory, t.FileName)));
    }

    /// <summary>Reads and validates the impact tables of <paramref name="dataDirectory"/>.</summary>
    /// <param name="dataDirectory">Folder holding sources.csv, providers.csv, sector_parameters.csv and outage_events.csv (and nodes.csv when an event names nodes).</param>
    /// <returns>The tables as records, rows in file order.</returns>
    /// <exception cref="ArgumentException">When <paramref name="dataDirectory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="dataDirectory"/> does not exist.</exception>
    /// <exception cref="DataValidationException">When any fault is found, a missing table included; it lists every fault.</exception>
    public static ImpactData Load(string dataDirectory)
    {
        var (tables, errors) = ReadDirectory(dataDirectory);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        return new ImpactData(
            tables.Sectors.Rows.Select(ToSector).ToImmutableArray(),
            tables.Events.Rows.Select(ToEvent).ToImmutableArray());
    }

    /// <summary>Runs the checks of <see cref="Load"/> and returns the faults instead of throwing.</summary>
    /// <param name="dataDirectory">The data folder.</param>
    /// <returns>Every fault, ordered by file (sources, providers, sector_parameters, outage_events, nodes), line and column.</returns>
    /// <exception cref="ArgumentException">When <paramref name="dataDirectory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="dataDirectory"/> does not exist.</exception>
    public static IReadOnlyList<DataError> Validate(string dataDirectory) => ReadDirectory(dataDirectory).Errors;

    private sealed record Tables(CsvTable Sectors, CsvTable Events);

    private static (Tables Tables, IReadOnlyList<DataError> Errors) ReadDirectory(string directory)
    {
        var errors = new List<DataError>();
        List<CsvTable> all = [.. MarketChecks.ReadFolder(directory, [MarketTables.Sources, MarketTables.Providers, .. ImpactTables.All], errors)];
        var tables = new Tables(all[2], all[3]);
        string nodesPath = Path.Join(directory, DependencyTables.Nodes.FileName);
        CsvTable? nodes = null;
        if (File.Exists(nodesPath))
        {
            // Only its ids are needed here; its own references are DependencyDataReader's to check.
            nodes = CsvTable.Read(nodesPath, DependencyTables.Nodes, errors);
            all.Add(nodes);
        }

        EventTimes(tables.Events, errors);
        LossEstimates(tables.Events, errors);
        NodeIds(tables.Events, nodes, nodesPath, errors);
        return (tables, MarketChecks.Sorted(errors, all));
    }

    /// <summary>end_utc, when given, is after start_utc.</summary>
    private static void EventTimes(CsvTable events, List<DataError> errors)
    {
        int start = events.Spec.IndexOf("start_utc");
        int end = events.Spec.IndexOf("end_utc");
        foreach (CsvRow row in events.Rows)
        {
            if (row.Valid[start] && row.Valid[end] && row.Values[start] is DateTimeOffset s && row.Values[end] is DateTimeOffset e && e <= s)
            {
                errors.Add(events.Fault(
                    row.Line,
                    end,
                    $"column 'end_utc': end not after start: expected a time after start_utc {UtcTime.Format(s)}, found '{UtcTime.Format(e)}'"));
            }
        }
    }

    /// <summary>The two estimates are given together, low ≤ high.</summary>
    private static void LossEstimates(CsvTable events, List<DataError> errors)
    {
        int low = events.Spec.IndexOf("loss_estimate_low_usd");
        int high = events.Spec.IndexOf("loss_estimate_high_usd");
        foreach (CsvRow row in events.Rows)
        {
            if (!row.Valid[low] || !row.Valid[high])
            {
                continue;
            }

            double? l = row.Number(low);
            double? h = row.Number(high);
            if (l is double a && h is double b && a > b)
            {
                errors.Add(events.Fault(
                    row.Line,
                    high,
                    $"column 'loss_estimate_high_usd': range reversed: expected a value >= loss_estimate_low_usd {a.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, found '{b.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}'"));
            }
            else if (l.HasValue != h.HasValue)
            {
                int missing = l.HasValue ? high : low;
                string name = l.HasValue ? "loss_estimate_high_usd" : "loss_estimate_low_usd";
                errors.Add(events.Fault(
                    row.Line,
                    missing,
                    $"column '{name}': half a range: expected both loss estimates or neither (the same value twice for a single figure), found an empty cell"));
            }
        }
    }

    /// <summary>Every id of node_ids names a node of nodes.csv (skipped when that table lost rows).</summary>
    private static void NodeIds(CsvTable events, CsvTable? nodes, string nodesPath, List<DataError> errors)
    {
        if (nodes is not null && (!nodes.IsRead || nodes.HasOmittedRows))
        {
            return;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        if (nodes is not null)
        {
            int nodeField = nodes.Spec.IndexOf("node_id");
            foreach (CsvRow row in nodes.Rows)
            {
                if (row.Text(nodeField) is string id)
                {
                    known.Add(id);
                }
            }
        }

        int field = events.Spec.IndexOf("node_ids");
        foreach (CsvRow row in events.Rows)
        {
            if (row.Text(field) is not string list)
            {
                continue;
            }

            foreach (string id in list.Split(ImpactTables.NodeIdSeparator))
            {
                if (!known.Contains(id))
                {
                    string where = nodes is null ? $"{DependencyTables.Nodes.FileName}, which is missing ({nodesPath})" : DependencyTables.Nodes.FileName;
                    errors.Add(events.Fault(
                        row.Line,
                        field,
                        $"column 'node_ids': dangling reference: expected a node_id of {where}, found '{CsvTable.Show(id)}'"));
                }
            }
        }
    }

    private static SectorParameters ToSector(CsvRow row) => new(
        Sector: row.Get<string>("sector"),
        Name: row.Get<string>("name"),
        DowntimeCostUsdPerHour: row.Get<double>("downtime_cost_usd_per_hour"),
        LossFraction: row.Get<double>("loss_fraction"),
        RecoveryFraction: row.Get<double>("recovery_fraction"),
        IncidentCostUsd: row.Get<double>("incident_cost_usd"),
        CloudDependence: row.Get<double?>("cloud_dependence"),
        SourceId: row.Get<string>("source_id"),
        Note: row.Get<string?>("note"));

    private static OutageEvent ToEvent(CsvRow row) => new(
        EventId: row.Get<string>("event_id"),
        StartUtc: row.Get<DateTimeOffset>("start_utc"),
        EndUtc: row.Get<DateTimeOffset?>("end_utc"),
        ProviderId: row.Get<string>("provider_id"),
        NodeIds: row.Get<string?>("node_ids") is string ids ? ids.Split(ImpactTables.NodeIdSeparator).ToImmutableArray() : ImmutableArray<string>.Empty,
        Layer: row.Get<string>("layer"),
        RootCause: row.Get<string>("root_cause"),
        AffectedCount: row.Get<long?>("affected_count"),
        LossEstimateLowUsd: row.Get<double?>("loss_estimate_low_usd"),
        LossEstimateHighUsd: row.Get<double?>("loss_estimate_high_usd"),
        SourceId: row.Get<string>("source_id"),
        Note: row.Get<string?>("note"));
}
