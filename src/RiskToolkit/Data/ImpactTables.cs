namespace RiskToolkit.Data;

/// <summary>
/// The impact tables (<c>sector_parameters.csv</c>, <c>outage_events.csv</c>) of a data folder, as described in
/// <c>data/datapackage.json</c>. They cite <see cref="MarketTables.Sources"/> and <see cref="MarketTables.Providers"/>,
/// and <c>outage_events.node_ids</c> names nodes of <see cref="DependencyTables.Nodes"/>, of the same folder.
/// </summary>
internal static class ImpactTables
{
    /// <summary>Separator of the ids in <c>outage_events.node_ids</c>.</summary>
    public const char NodeIdSeparator = ';';

    /// <summary><c>sector_parameters.csv</c>.</summary>
    public static readonly TableSpec SectorParameters = new(
        "sector_parameters",
        "sector_parameters.csv",
        "Loss parameters per NAICS sector, used where a service lacks its own figures. Every row cites its source; the note says which values are assumptions.",
        [
            new("sector", FieldType.String, true, "Primary key: a NAICS 2022 two-digit sector as services.sector writes it (52, 31-33, ...).")
            {
                Enum = DependencyTables.NaicsSectors,
            },
            new("name", FieldType.String, true, "Sector title."),
            new("downtime_cost_usd_per_hour", FieldType.Number, true, "Default loss of an hour of downtime of a service whose revenue is unknown, in US dollars per hour (> 0).")
            {
                Unit = "USD/h",
                ExclusiveMinimum = 0,
            },
            new("loss_fraction", FieldType.Number, true, "Share (0-1) of a service's hourly revenue lost while it is down.")
            {
                Unit = "share",
                Minimum = 0,
                Maximum = 1,
            },
            new("recovery_fraction", FieldType.Number, true, "Share (0-1) of the lost revenue recovered later.")
            {
                Unit = "share",
                Minimum = 0,
                Maximum = 1,
            },
            new("incident_cost_usd", FieldType.Number, true, "Fixed cost per affected service and event, in US dollars (>= 0).")
            {
                Unit = "USD",
                Minimum = 0,
            },
            new("cloud_dependence", FieldType.Number, false, "Share (0-1) of the sector's firms that depend on cloud services; empty when unknown.")
            {
                Unit = "share",
                Minimum = 0,
                Maximum = 1,
            },
            new("source_id", FieldType.String, true, "Source of the figures, a key of sources."),
            new("note", FieldType.String, false, "Which values are assumptions and why."),
        ],
        ["sector"],
        [new("source_id", "sources", "source_id")]);

    /// <summary><c>outage_events.csv</c>.</summary>
    public static readonly TableSpec OutageEvents = new(
        "outage_events",
        "outage_events.csv",
        "Historical outages of concentrated providers, one row per event, times in UTC. Loss estimates are as published; the note says what each measures.",
        [
            new("event_id", FieldType.String, true, "Primary key, e.g. aws-us-east-1-2025-10-20.")
            {
                Pattern = DependencyTables.IdPattern,
                PatternHint = DependencyTables.IdHint,
            },
            new("start_utc", FieldType.DateTime, true, "Start, UTC, yyyy-MM-ddTHH:mm:ssZ."),
            new("end_utc", FieldType.DateTime, false, "End, UTC, after start_utc; empty when no source gives it."),
            new("provider_id", FieldType.String, true, "Provider at fault, a key of providers."),
            new("node_ids", FieldType.String, false, "Nodes of nodes.csv that failed, separated by ';'; empty when the event is not modelled.")
            {
                Pattern = "^[^;\\s]+(;[^;\\s]+)*$",
                PatternHint = "node ids separated by ';' without spaces",
            },
            new("layer", FieldType.String, true, "Layer of the failure: cloud, dns, cdn, network, security, ...")
            {
                Pattern = DependencyTables.LayerPattern,
                PatternHint = DependencyTables.LayerHint,
            },
            new("root_cause", FieldType.String, true, "Root cause in words."),
            new("affected_count", FieldType.Integer, false, "Affected organisations, devices or firms as the source counts them (the note says which); empty when unknown.")
            {
                Minimum = 0,
            },
            new("loss_estimate_low_usd", FieldType.Number, false, "Lower published loss estimate in US dollars; empty when none was found. Set together with loss_estimate_high_usd.")
            {
                Unit = "USD",
                Minimum = 0,
            },
            new("loss_estimate_high_usd", FieldType.Number, false, "Upper published loss estimate in US dollars, >= loss_estimate_low_usd; equal to it for a single figure.")
            {
                Unit = "USD",
                Minimum = 0,
            },
            new("source_id", FieldType.String, true, "Source of the row, a key of sources; others are named in the note."),
            new("note", FieldType.String, false, "What the counts and estimates measure, approximations, conflicts."),
        ],
        ["event_id"],
        [
            new("provider_id", "providers", "provider_id"),
            new("source_id", "sources", "source_id"),
        ]);

    /// <summary>Values of <c>outage_indicators.qualifier</c>.</summary>
    public static readonly IReadOnlyList<string> Qualifiers = ["exact", "about", "at_least", "at_most"];

    /// <summary>Values of <c>outage_indicators.unit</c>.</summary>
    public static readonly IReadOnlyList<string> IndicatorUnits = ["reports", "organisations", "services", "users", "hours"];

    /// <summary><c>outage_indicators.csv</c>: read by <see cref="OutageIndicatorReader"/>, not part of <see cref="All"/>.</summary>
    public static readonly TableSpec OutageIndicators = new(
        "outage_indicators",
        "outage_indicators.csv",
        "Published counts that indicate an outage's scale (Downdetector reports, ...), one row per event, metric and scope. Values are as published; the qualifier says whether a value is a lower bound or approximate.",
        [
            new("event_id", FieldType.String, true, "The event, a key of outage_events."),
            new("metric", FieldType.String, true, "What is counted and over which window, e.g. downdetector_reports_whole_event, downdetector_reports_first_2h.")
            {
                Pattern = "^[a-z][a-z0-9_]*$",
                PatternHint = "a lowercase name with underscores",
            },
            new("scope", FieldType.String, true, "world, or ISO 3166-1 alpha-2 countries in capitals separated by ';' for a figure that covers them together (US;CA).")
            {
                Pattern = "^(world|[A-Z]{2}(;[A-Z]{2})*)$",
                PatternHint = "world, or country codes such as US or US;CA",
            },
            new("value", FieldType.Number, true, "The count as published (>= 0), in the row's unit.")
            {
                Minimum = 0,
            },
            new("qualifier", FieldType.String, true, "How the source states the value: exact, about, at_least (\"more than\") or at_most.")
            {
                Enum = Qualifiers,
            },
            new("unit", FieldType.String, true, "What one unit of value is: reports, organisations, services, users or hours; one unit per metric.")
            {
                Enum = IndicatorUnits,
            },
            new("source_id", FieldType.String, true, "Source of the figure, a key of sources."),
            new("note", FieldType.String, false, "What the figure measures, how it was read, conflicts with other rows."),
        ],
        ["event_id", "metric", "scope"],
        [
            new("event_id", "outage_events", "event_id"),
            new("source_id", "sources", "source_id"),
        ]);

    /// <summary>The two impact tables, in reading order.</summary>
    public static IReadOnlyList<TableSpec> All { get; } = [SectorParameters, OutageEvents];
}
