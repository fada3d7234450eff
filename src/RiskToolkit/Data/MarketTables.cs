namespace RiskToolkit.Data;

/// <summary>
/// Column specifications of the five market tables, in file order. <c>data/datapackage.json</c>
/// describes the same tables as a Frictionless Data Package; a test asserts that both agree.
/// </summary>
internal static class MarketTables
{
    /// <summary>Pattern of a period: a year (<c>2023</c>) or a quarter (<c>2025Q2</c>).</summary>
    public const string PeriodPattern = @"^\d{4}(Q[1-4])?$";

    private const string PeriodHint = "a year yyyy or a quarter yyyyQn";

    /// <summary><c>sources.csv</c>.</summary>
    public static readonly TableSpec Sources = new(
        "sources",
        "sources.csv",
        "Where each figure comes from.",
        [
            new("source_id", FieldType.String, true, "Primary key, e.g. synergy-2025q1."),
            new("publisher", FieldType.String, true, "Organisation that published the figure."),
            new("title", FieldType.String, true, "Title of the release, article or dataset."),
            new("date", FieldType.Date, true, "Publication date, ISO 8601 yyyy-MM-dd."),
            new("url", FieldType.String, true, "Address of the page or file as stored."),
            new("licence", FieldType.String, true, "Licence or terms of the source as the page or repository states them; where none is stated, what applies (e.g. the publisher's copyright, figures quoted as facts)."),
            new("reliability", FieldType.String, true, "Grade: A (primary, exact), B (reliable secondary) or C (weak).")
            {
                Enum = ["A", "B", "C"],
            },
        ],
        ["source_id"],
        []);

    /// <summary><c>providers.csv</c>.</summary>
    public static readonly TableSpec Providers = new(
        "providers",
        "providers.csv",
        "Firms that supply digital infrastructure.",
        [
            new("provider_id", FieldType.String, true, "Primary key, e.g. aws. The id 'other' is reserved for unallocated remainders and may not name a provider."),
            new("name", FieldType.String, true, "Display name."),
            new("parent", FieldType.String, false, "Owner group's provider_id, for owner-level concentration; empty when the provider is its own owner."),
            new("layer", FieldType.String, true, "Main layer: cloud, dns, cdn, ca, saas, payments, security, ..."),
            new("hq_country", FieldType.String, false, "ISO 3166-1 alpha-2 country of the headquarters; empty when unknown.")
            {
                Pattern = "^[A-Z]{2}$",
                PatternHint = "an ISO 3166-1 alpha-2 code in capitals",
            },
        ],
        ["provider_id"],
        [new("parent", "providers", "provider_id")]);

    /// <summary><c>markets.csv</c>.</summary>
    public static readonly TableSpec Markets = new(
        "markets",
        "markets.csv",
        "Market definitions whose shares are measured.",
        [
            new("market_id", FieldType.String, true, "Primary key, e.g. cloud-infra-synergy."),
            new("name", FieldType.String, true, "Display name."),
            new("layer", FieldType.String, true, "Infrastructure layer: cloud, dns, cdn, ca, ..."),
            new("geography", FieldType.String, true, "Geographic scope, e.g. global or an ISO country code."),
            new("measure", FieldType.String, true, "What a share measures. revenue_usd rows are allowed only in revenue markets, count rows only in sites, customers or certificates markets.")
            {
                Enum = ["revenue", "sites", "customers", "certificates"],
            },
            new("definition", FieldType.String, true, "The publisher's market definition in words."),
            new("share_tolerance", FieldType.Number, true, "How far the published shares of one period may sum past 1 because of rounding, e.g. 0.02 for whole percents.")
            {
                Unit = "share",
                Minimum = 0,
                ExclusiveMaximum = 1,
            },
            new("share_rounding", FieldType.Number, false, "The unit the published shares are rounded to: 0.01 for whole percents, 0.001 for one decimal of a percent. Empty when the shares are exact or derived from revenue or counts. The column may be absent. A share given without share_low and share_high must be a whole multiple of it; a share published to another precision gives its range in share_low and share_high.")
            {
                Unit = "share",
                ExclusiveMinimum = 0,
                Maximum = 0.1,
                MayBeAbsent = true,
            },
        ],
        ["market_id"],
        []);

    /// <summary><c>market_shares.csv</c>.</summary>
    public static readonly TableSpec MarketShares = new(
        "market_shares",
        "market_shares.csv",
        "Shares, revenues or counts per provider, market and period. Each row gives exactly one measure: share, revenue_usd or count; or, with share empty, the published range share_low and share_high"
        + " (a range may also accompany a share, which then lies within it). All rows of one market and period use the same measure, and their shares (share, or share_low for range-only rows, the 'other' row included)"
        + " sum to at most 1 + the market's share_tolerance. When the market and period have an 'other' row, their shares (share, or share_high for range-only rows) also sum to at least"
        + " 1 - share_tolerance, since 'other' is the remainder. All periods of one market are of one kind: years or quarters. provider_id 'other' is the unallocated remainder and needs no providers row.",
        [
            new("market_id", FieldType.String, true, "Market, a key of markets."),
            new("period", FieldType.String, true, "Quarter (2025Q2) or year (2023).")
            {
                Pattern = PeriodPattern,
                PatternHint = PeriodHint,
            },
            new("provider_id", FieldType.String, true, "Provider, a key of providers, or the reserved id 'other' for the unallocated remainder (never a firm)."),
            new("share", FieldType.Number, false, "Published share of the market.")
            {
                Unit = "share",
                Minimum = 0,
                Maximum = 1,
            },
            new("revenue_usd", FieldType.Number, false, "Revenue in US dollars (not millions).")
            {
                Unit = "USD",
                Minimum = 0,
            },
            new("count", FieldType.Integer, false, "Count of sites, customers or certificates (distinct, never rows).")
            {
                Unit = "count",
                Minimum = 0,
            },
            new("share_low", FieldType.Number, false, "Lower end of a published range, e.g. 0.30 for '30-40%'. Given together with share_high.")
            {
                Unit = "share",
                Minimum = 0,
                Maximum = 1,
            },
            new("share_high", FieldType.Number, false, "Upper end of a published range. Given together with share_low, and not below it.")
            {
                Unit = "share",
                Minimum = 0,
                Maximum = 1,
            },
            new("source_id", FieldType.String, true, "Source of the figure, a key of sources."),
            new("note", FieldType.String, false, "Conflicting values from other sources (the value kept, the other value and its source) and other remarks."),
            new("rank", FieldType.Integer, false, "The provider's published rank in the market and period (1 = largest), for sources that name some ranks and not others (e.g. 'DigiCert is 4th'). Unique within a market and period, never on 'other', and a higher rank never has a larger share, count or revenue than a lower one. The column may be absent.")
            {
                Minimum = 1,
                Maximum = int.MaxValue,
                MayBeAbsent = true,
            },
        ],
        ["market_id", "period", "provider_id"],
        [
            new("market_id", "markets", "market_id"),
            new("provider_id", "providers", "provider_id"),
            new("source_id", "sources", "source_id"),
        ]);

    /// <summary><c>market_sizes.csv</c>.</summary>
    public static readonly TableSpec MarketSizes = new(
        "market_sizes",
        "market_sizes.csv",
        "Total size of a market in one period.",
        [
            new("market_id", FieldType.String, true, "Market, a key of markets."),
            new("period", FieldType.String, true, "Quarter (2025Q2) or year (2023).")
            {
                Pattern = PeriodPattern,
                PatternHint = PeriodHint,
            },
            new("total_usd", FieldType.Number, true, "Total market revenue in US dollars (not millions).")
            {
                Unit = "USD",
                ExclusiveMinimum = 0,
            },
            new("source_id", FieldType.String, true, "Source of the figure, a key of sources."),
        ],
        ["market_id", "period"],
        [
            new("market_id", "markets", "market_id"),
            new("source_id", "sources", "source_id"),
        ]);

    /// <summary>All five tables, referenced tables first.</summary>
    public static IReadOnlyList<TableSpec> All { get; } = [Sources, Providers, Markets, MarketShares, MarketSizes];
}
