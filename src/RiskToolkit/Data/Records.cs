namespace RiskToolkit.Data;

/// <summary>
/// A row of <c>sources.csv</c>: where a figure comes from.
/// </summary>
/// <param name="SourceId">Primary key, e.g. <c>synergy-2025q1</c>.</param>
/// <param name="Publisher">Organisation that published the figure.</param>
/// <param name="Title">Title of the release, article or dataset.</param>
/// <param name="Date">Publication date (ISO 8601 date).</param>
/// <param name="Url">Address of the page or file as stored.</param>
/// <param name="Licence">Licence or terms of the source: what the page or repository states, or where it states none, what applies (e.g. the publisher's copyright, figures quoted as facts). Never empty.</param>
/// <param name="Reliability">Grade A (primary, exact), B (reliable secondary) or C (weak); data/README.md defines the grades.</param>
public sealed record Source(
    string SourceId,
    string Publisher,
    string Title,
    DateOnly Date,
    string Url,
    string Licence,
    string Reliability);

/// <summary>
/// A row of <c>providers.csv</c>: a firm that supplies digital infrastructure.
/// </summary>
/// <param name="ProviderId">Primary key, e.g. <c>aws</c>. The id <c>other</c> is reserved for unallocated remainders and never names a provider.</param>
/// <param name="Name">Display name.</param>
/// <param name="Parent">Owner group's provider id (for owner-level concentration), or <see langword="null"/> when the provider is its own owner.</param>
/// <param name="Layer">Main layer: cloud, dns, cdn, ca, saas, payments, security, …</param>
/// <param name="HqCountry">ISO 3166-1 alpha-2 country of the headquarters, or <see langword="null"/> when unknown.</param>
public sealed record Provider(
    string ProviderId,
    string Name,
    string? Parent,
    string Layer,
    string? HqCountry);

/// <summary>
/// A row of <c>markets.csv</c>: a market definition whose shares are measured.
/// </summary>
/// <param name="MarketId">Primary key, e.g. <c>cloud-infra-synergy</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Layer">Infrastructure layer (cloud, dns, cdn, ca, …).</param>
/// <param name="Geography">Geographic scope, e.g. <c>global</c> or an ISO country code.</param>
/// <param name="Measure">What a share measures: <c>revenue</c>, <c>sites</c>, <c>customers</c> or <c>certificates</c>.</param>
/// <param name="Definition">The publisher's market definition in words.</param>
/// <param name="ShareTolerance">How far published shares of one period may sum past 1 because of rounding (share 0–1, e.g. 0.02 for whole percents).</param>
public sealed record Market(
    string MarketId,
    string Name,
    string Layer,
    string Geography,
    string Measure,
    string Definition,
    double ShareTolerance)
{
    /// <summary>
    /// The unit the published shares are rounded to, as a share (0.01 for whole percents, 0.001 for one
    /// decimal of a percent; range 0 &lt; x ≤ 0.1), or <see langword="null"/> when the shares are exact or
    /// derived from revenue or counts. A published share s then stands for the true share in
    /// [s − x/2, s + x/2].
    /// </summary>
    public double? ShareRounding { get; init; }
}

/// <summary>
/// A row of <c>market_shares.csv</c>. Exactly one of <see cref="Share"/>, <see cref="RevenueUsd"/> and
/// <see cref="Count"/> is set, and every row of one market and period uses the same one.
/// </summary>
/// <param name="MarketId">Foreign key into <c>markets</c>.</param>
/// <param name="Period">Quarter (<c>2025Q2</c>) or year (<c>2023</c>).</param>
/// <param name="ProviderId">Foreign key into <c>providers</c>, or <c>other</c> for the unallocated remainder (never a firm).</param>
/// <param name="Share">Published share, 0–1, or <see langword="null"/>.</param>
/// <param name="RevenueUsd">Revenue in US dollars (not millions), or <see langword="null"/>.</param>
/// <param name="Count">Count of sites, certificates or customers, or <see langword="null"/>.</param>
/// <param name="ShareLow">Lower end of a published range (share 0–1), or <see langword="null"/>.</param>
/// <param name="ShareHigh">Upper end of a published range (share 0–1), or <see langword="null"/>.</param>
/// <param name="SourceId">Foreign key into <c>sources</c>.</param>
/// <param name="Note">Conflicting values from other sources and other remarks, or <see langword="null"/>.</param>
public sealed record MarketShare(
    string MarketId,
    string Period,
    string ProviderId,
    double? Share,
    double? RevenueUsd,
    long? Count,
    double? ShareLow,
    double? ShareHigh,
    string SourceId,
    string? Note)
{
    /// <summary>The provider id reserved for the unallocated remainder of a market.</summary>
    public const string OtherProviderId = "other";

    /// <summary><see langword="true"/> when this row is the unallocated remainder, not a firm.</summary>
    public bool IsOther => ProviderId == OtherProviderId;

    /// <summary>
    /// The provider's published rank in the market and period (1 = largest), or <see langword="null"/>
    /// when the source states none. Given where a source names some ranks and not others (e.g.
    /// "DigiCert is 4th" with the 2nd and 3rd unnamed): unranked firms between two ranks may be as large
    /// as the better-ranked one. Never set on the <c>other</c> row; unique within a market and period.
    /// </summary>
    public int? Rank { get; init; }
}

/// <summary>
/// A row of <c>market_sizes.csv</c>: the total size of a market in one period.
/// </summary>
/// <param name="MarketId">Foreign key into <c>markets</c>.</param>
/// <param name="Period">Quarter (<c>2025Q2</c>) or year (<c>2023</c>).</param>
/// <param name="TotalUsd">Total market revenue in US dollars (not millions).</param>
/// <param name="SourceId">Foreign key into <c>sources</c>.</param>
public sealed record MarketSize(
    string MarketId,
    string Period,
    double TotalUsd,
    string SourceId);

/// <summary>
/// The bundled market tables, read and validated together (see <c>data/datapackage.json</c>).
/// </summary>
/// <param name="Sources">Rows of <c>sources.csv</c>.</param>
/// <param name="Providers">Rows of <c>providers.csv</c>.</param>
/// <param name="Markets">Rows of <c>markets.csv</c>.</param>
/// <param name="MarketShares">Rows of <c>market_shares.csv</c>, in file order.</param>
/// <param name="MarketSizes">Rows of <c>market_sizes.csv</c>, in file order.</param>
public sealed record MarketData(
    IReadOnlyList<Source> Sources,
    IReadOnlyList<Provider> Providers,
    IReadOnlyList<Market> Markets,
    IReadOnlyList<MarketShare> MarketShares,
    IReadOnlyList<MarketSize> MarketSizes);

/// <summary>A share file read on its own, with the markets of the <c>markets.csv</c> beside it.</summary>
/// <param name="Shares">Rows of the share file, in file order.</param>
/// <param name="Markets">Rows of the <c>markets.csv</c> beside it, in file order; empty when there is none.</param>
public sealed record MarketShareFile(IReadOnlyList<MarketShare> Shares, IReadOnlyList<Market> Markets);
