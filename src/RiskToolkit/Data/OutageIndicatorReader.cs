using System.Collections.Immutable;
using System.Globalization;
using RiskToolkit.Impact;

namespace RiskToolkit.Data;

/// <summary>
/// Reads and validates <c>outage_indicators.csv</c> of a data folder, with the <c>sources.csv</c>,
/// <c>providers.csv</c> and <c>outage_events.csv</c> it cites (schema in <c>data/datapackage.json</c> and
/// data/README.md).
/// </summary>
/// <remarks>
/// CSV rules and fault locations are those of <see cref="MarketDataReader"/>: <c>file:line:column: message</c>
/// with the 1-based physical line and field position; nothing is dropped, clamped or defaulted. Checks beyond
/// the cell types and ranges: primary key (one row per event, metric and scope); foreign keys (event_id →
/// outage_events, source_id → sources); a scope names each country once; one unit per event and metric; a
/// country figure is not larger than the same event's and metric's worldwide figure unless that one is only a
/// lower bound (<c>at_least</c>).
/// </remarks>
public static class OutageIndicatorReader
{
    /// <summary>Whether <paramref name="directory"/> holds <c>outage_indicators.csv</c>.</summary>
    /// <param name="directory">A data folder.</param>
    /// <returns>True when the file exists there.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    public static bool HasIndicatorTable(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return File.Exists(Path.Join(directory, ImpactTables.OutageIndicators.FileName));
    }

    /// <summary>Reads and validates the indicators of <paramref name="dataDirectory"/>.</summary>
    /// <param name="dataDirectory">Folder holding sources.csv, providers.csv, outage_events.csv and outage_indicators.csv.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="ArgumentException">When <paramref name="dataDirectory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="dataDirectory"/> does not exist.</exception>
    /// <exception cref="DataValidationException">When any fault is found, a missing table included; it lists every fault.</exception>
    public static IReadOnlyList<OutageIndicator> Load(string dataDirectory)
    {
        var (indicators, errors) = ReadDirectory(dataDirectory);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        return indicators.Rows.Select(ToIndicator).ToImmutableArray();
    }

    /// <summary>Runs the checks of <see cref="Load"/> and returns the faults instead of throwing.</summary>
    /// <param name="dataDirectory">The data folder.</param>
    /// <returns>Every fault, ordered by file (sources, providers, outage_events, outage_indicators), line and column.</returns>
    /// <exception cref="ArgumentException">When <paramref name="dataDirectory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="dataDirectory"/> does not exist.</exception>
    public static IReadOnlyList<DataError> Validate(string dataDirectory) => ReadDirectory(dataDirectory).Errors;

    private static (CsvTable Indicators, IReadOnlyList<DataError> Errors) ReadDirectory(string directory)
    {
        var errors = new List<DataError>();
        CsvTable[] all = MarketChecks.ReadFolder(directory, [MarketTables.Sources, MarketTables.Providers, ImpactTables.OutageEvents, ImpactTables.OutageIndicators], errors);
        CsvTable indicators = all[3];
        RepeatedCountries(indicators, errors);
        OneUnitPerMetric(indicators, errors);
        PartNotAboveWorld(indicators, errors);
        return (indicators, MarketChecks.Sorted(errors, all));
    }

    /// <summary>A scope such as <c>US;US</c> names a country twice.</summary>
    private static void RepeatedCountries(CsvTable table, List<DataError> errors)
    {
        int scope = table.Spec.IndexOf("scope");
        foreach (CsvRow row in table.Rows)
        {
            if (row.Text(scope) is string text && text.Split(';').GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            {
                errors.Add(table.Fault(row.Line, scope, $"column 'scope': repeated country: expected each country once, found '{CsvTable.Show(repeated.Key)}' twice in '{CsvTable.Show(text)}'"));
            }
        }
    }

    /// <summary>Every row of one event and metric has the unit of the first such row.</summary>
    private static void OneUnitPerMetric(CsvTable table, List<DataError> errors)
    {
        int eventField = table.Spec.IndexOf("event_id");
        int metric = table.Spec.IndexOf("metric");
        int unit = table.Spec.IndexOf("unit");
        var first = new Dictionary<(string, string), (string Unit, int Line)>();
        foreach (CsvRow row in table.Rows)
        {
            if (row.Text(eventField) is not string e || row.Text(metric) is not string m || row.Text(unit) is not string u)
            {
                continue;
            }

            if (!first.TryGetValue((e, m), out var seen))
            {
                first.Add((e, m), (u, row.Line));
            }
            else if (seen.Unit != u)
            {
                errors.Add(table.Fault(row.Line, unit, $"column 'unit': mixed units for metric '{CsvTable.Show(m)}': expected '{seen.Unit}' as on line {seen.Line}, found '{CsvTable.Show(u)}'"));
            }
        }
    }

    /// <summary>A country figure above the worldwide figure of the same event and metric contradicts it, unless the latter is a lower bound.</summary>
    private static void PartNotAboveWorld(CsvTable table, List<DataError> errors)
    {
        int eventField = table.Spec.IndexOf("event_id");
        int metric = table.Spec.IndexOf("metric");
        int scope = table.Spec.IndexOf("scope");
        int value = table.Spec.IndexOf("value");
        int qualifier = table.Spec.IndexOf("qualifier");
        var world = new Dictionary<(string, string), (double Value, int Line)>();
        foreach (CsvRow row in table.Rows)
        {
            if (row.Text(eventField) is string e && row.Text(metric) is string m && row.Text(scope) == OutageIndicator.World
                && row.Number(value) is double v && row.Text(qualifier) is string q && q != "at_least")
            {
                world.TryAdd((e, m), (v, row.Line));
            }
        }

        foreach (CsvRow row in table.Rows)
        {
            if (row.Text(eventField) is string e && row.Text(metric) is string m && row.Text(scope) is string s && s != OutageIndicator.World
                && row.Number(value) is double v && world.TryGetValue((e, m), out var w) && v > w.Value)
            {
                string whole = w.Value.ToString("R", CultureInfo.InvariantCulture);
                errors.Add(table.Fault(row.Line, value, $"column 'value': part above the whole: expected at most the worldwide {whole} of line {w.Line}, found '{v.ToString("R", CultureInfo.InvariantCulture)}'"));
            }
        }
    }

    private static OutageIndicator ToIndicator(CsvRow row) => new(
        EventId: row.Get<string>("event_id"),
        Metric: row.Get<string>("metric"),
        Scope: row.Get<string>("scope"),
        Value: row.Get<double>("value"),
        Qualifier: row.Get<string>("qualifier"),
        Unit: row.Get<string>("unit"),
        SourceId: row.Get<string>("source_id"),
        Note: row.Get<string?>("note"));
}
