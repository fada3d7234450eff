namespace RiskToolkit.Data;

/// <summary>
/// The dependency tables (<c>nodes.csv</c>, <c>services.csv</c>, <c>requirements.csv</c>) of a data folder,
/// as described in <c>data/datapackage.json</c>. They cite <see cref="MarketTables.Sources"/> and
/// <see cref="MarketTables.Providers"/> of the same folder.
/// </summary>
internal static class DependencyTables
{
    /// <summary>Ids: any text without white space (site names may hold non-ASCII letters).</summary>
    public const string IdPattern = @"^\S+$";

    /// <summary>Words for <see cref="IdPattern"/> in messages.</summary>
    public const string IdHint = "an id without spaces";

    /// <summary>Layer names: a lowercase word.</summary>
    public const string LayerPattern = "^[a-z][a-z0-9-]*$";

    /// <summary>Words for <see cref="LayerPattern"/> in messages.</summary>
    public const string LayerHint = "a lowercase layer name such as cloud, dns, cdn or ca";

    /// <summary>NAICS 2022 sectors (two-digit codes; ranges as the Census Bureau writes them).</summary>
    public static readonly IReadOnlyList<string> NaicsSectors =
        ["11", "21", "22", "23", "31-33", "42", "44-45", "48-49", "51", "52", "53", "54", "55", "56", "61", "62", "71", "72", "81", "92"];

    /// <summary>Largest <c>services.users</c> accepted: far above any service's users, and low enough that sums over millions of services fit in 64 bits.</summary>
    public const long MaxUsers = 100_000_000_000;

    /// <summary>Values of <c>nodes.kind</c>.</summary>
    public static readonly IReadOnlyList<string> NodeKinds = ["provider", "region", "service", "component", "self"];

    /// <summary><c>nodes.csv</c>.</summary>
    public static readonly TableSpec Nodes = new(
        "nodes",
        "nodes.csv",
        "Everything that can fail: providers, regions, provider services, components and a dependent's own infrastructure ('self'). node_id is unique across nodes and services.",
        [
            new("node_id", FieldType.String, true, "Primary key, unique across nodes and services, e.g. aws-us-east-1-dynamodb.")
            {
                Pattern = IdPattern,
                PatternHint = IdHint,
            },
            new("kind", FieldType.String, true, "provider, region, service, component or self (a dependent's own infrastructure, an alternative that is not a third party).")
            {
                Enum = NodeKinds,
            },
            new("name", FieldType.String, true, "Display name."),
            new("provider_id", FieldType.String, false, "Provider that runs the node, a key of providers; empty when unknown or not a provider's."),
            new("layer", FieldType.String, false, "Layer the node serves: cloud, dns, cdn, ca, ...; empty when unknown.")
            {
                Pattern = LayerPattern,
                PatternHint = LayerHint,
            },
            new("region", FieldType.String, false, "Provider region, e.g. us-east-1; empty when not regional or unknown."),
            new("source_id", FieldType.String, false, "Where the node is named, a key of sources."),
            new("note", FieldType.String, false, "Remarks: what is sourced and what is a modelling reading."),
        ],
        ["node_id"],
        [
            new("provider_id", "providers", "provider_id"),
            new("source_id", "sources", "source_id"),
        ]);

    /// <summary><c>services.csv</c>.</summary>
    public static readonly TableSpec Services = new(
        "services",
        "services.csv",
        "What people use (sites, apps, online services), whose failure is the impact measured. Empty optional cells are unknown, never zero. service_id is unique across nodes and services.",
        [
            new("service_id", FieldType.String, true, "Primary key, unique across nodes and services.")
            {
                Pattern = IdPattern,
                PatternHint = IdHint,
            },
            new("name", FieldType.String, true, "Display name."),
            new("operator", FieldType.String, false, "Company that runs the service."),
            new("sector", FieldType.String, false, "NAICS 2022 two-digit sector of the operator (51 information, 52 finance and insurance, 44-45 retail, ...); empty when unknown.")
            {
                Enum = NaicsSectors,
            },
            new("country", FieldType.String, false, "ISO 3166-1 alpha-2 country of the operator; empty when unknown.")
            {
                Pattern = "^[A-Z]{2}$",
                PatternHint = "an ISO 3166-1 alpha-2 code in capitals",
            },
            new("users", FieldType.Integer, false, "Users (people), at most 100 billion; empty when unknown.")
            {
                Unit = "people",
                Minimum = 0,
                Maximum = MaxUsers,
            },
            new("annual_revenue_usd", FieldType.Number, false, "Annual revenue in US dollars per year (not millions); empty when unknown.")
            {
                Unit = "USD",
                Minimum = 0,
            },
            new("criticality", FieldType.Number, false, "Relative weight (1 = ordinary); empty when unknown.")
            {
                Minimum = 0,
            },
            new("rank", FieldType.Integer, false, "Popularity rank, 1 = most popular (e.g. Alexa rank); empty when unknown.")
            {
                Minimum = 1,
                Maximum = int.MaxValue,
            },
            new("source_id", FieldType.String, false, "Where the service and its figures come from, a key of sources."),
            new("note", FieldType.String, false, "Remarks."),
        ],
        ["service_id"],
        [new("source_id", "sources", "source_id")]);

    /// <summary><c>requirements.csv</c>.</summary>
    public static readonly TableSpec Requirements = new(
        "requirements",
        "requirements.csv",
        "What each service or node needs. Rows with the same dependent_id and group_id are alternatives (OR: one target up is enough); different groups of a dependent are all required (AND). All rows of one group share a layer.",
        [
            new("dependent_id", FieldType.String, true, "A service_id or node_id.")
            {
                Pattern = IdPattern,
                PatternHint = IdHint,
            },
            new("layer", FieldType.String, true, "Layer of the requirement: cloud, dns, cdn, ca, ...; the same on every row of a group.")
            {
                Pattern = LayerPattern,
                PatternHint = LayerHint,
            },
            new("group_id", FieldType.String, true, "Group of alternatives within the dependent.")
            {
                Pattern = IdPattern,
                PatternHint = IdHint,
            },
            new("target_id", FieldType.String, true, "A node_id; a group needs at least one target.")
            {
                Pattern = IdPattern,
                PatternHint = IdHint,
            },
            new("source_id", FieldType.String, false, "Where the dependency is stated, a key of sources."),
            new("note", FieldType.String, false, "Remarks: what is sourced and what is a modelling reading."),
        ],
        ["dependent_id", "group_id", "target_id"],
        [
            new("target_id", "nodes", "node_id"),
            new("source_id", "sources", "source_id"),
        ]);

    /// <summary>The three dependency tables, referenced tables first.</summary>
    public static IReadOnlyList<TableSpec> All { get; } = [Nodes, Services, Requirements];
}
