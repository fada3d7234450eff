namespace RiskToolkit.Dependencies;

/// <summary>
/// Settings of <see cref="SyntheticPopulation.Generate"/>: population size, seed, the markets that
/// calibrate each layer, and the rates and distributions that no bundled table holds. Defaults are the
/// values in <c>data/synthetic/calibration.csv</c>, where each one names its source or says it is a
/// modelling assumption.
/// </summary>
/// <param name="Services">Number of services, 1 to <see cref="MaxServices"/>.</param>
/// <param name="Seed">Seed of the pseudo-random sequence, ≥ 0; the same seed and settings give the same tables.</param>
public sealed record SyntheticOptions(int Services, int Seed)
{
    /// <summary>Largest population accepted: 10,000,000 services (about 45 M requirement rows, several GB of records).</summary>
    public const int MaxServices = 10_000_000;

    /// <summary>Kashaf et al. (IMC 2020) raw files, counted as in data/README.md: sites using third-party or private DNS with ≥ 2 provider groups or a private one, 13,512 of 81,850.</summary>
    public const double KashafDnsRedundancy = 13_512.0 / 81_850;

    /// <summary>Kashaf et al. raw files: sites using a CDN with ≥ 2 CDNs (case-folded) or a private one, 5,042 of 33,137.</summary>
    public const double KashafCdnRedundancy = 5_042.0 / 33_137;

    /// <summary>Kashaf et al. raw files: sites with a certificate from ≥ 2 CAs or a private CA, 2,603 of 79,442 (OCSP stapling not counted).</summary>
    public const double KashafCaRedundancy = 2_603.0 / 79_442;

    /// <summary>Cloud market (layer cloud); its latest period is used. Default: Synergy Research Group's series.</summary>
    public string CloudMarketId { get; init; } = "cloud-infra-synergy";

    /// <summary>DNS market; its latest period is used. Default: the Alexa top-100K 2020 counts from Kashaf et al.</summary>
    public string DnsMarketId { get; init; } = "dns-alexa100k-2020";

    /// <summary>CDN market; its latest period is used.</summary>
    public string CdnMarketId { get; init; } = "cdn-alexa100k-2020";

    /// <summary>Certificate-authority market; its latest period is used.</summary>
    public string CaMarketId { get; init; } = "ca-alexa100k-2020";

    /// <summary>Share (0–1) of services whose cloud group has a second region. Modelling assumption: no bundled source measures multi-region or multi-cloud use; 0.15 is DESIGN's "redundancy in ~15% of layers".</summary>
    public double CloudRedundancy { get; init; } = 0.15;

    /// <summary>Share (0–1) of services with a second DNS provider; default <see cref="KashafDnsRedundancy"/>.</summary>
    public double DnsRedundancy { get; init; } = KashafDnsRedundancy;

    /// <summary>Share (0–1) of services with a second CDN; default <see cref="KashafCdnRedundancy"/>.</summary>
    public double CdnRedundancy { get; init; } = KashafCdnRedundancy;

    /// <summary>Share (0–1) of services with a second certificate authority; default <see cref="KashafCaRedundancy"/>.</summary>
    public double CaRedundancy { get; init; } = KashafCaRedundancy;

    /// <summary>Regions of each named cloud provider (1–20).</summary>
    public int RegionsPerProvider { get; init; } = 6;

    /// <summary>
    /// Share (0–1) of a named cloud provider's customers placed in its largest region; the rest are spread
    /// evenly over its other regions. Modelling assumption (0.40); for context only, Parametrix (2023)
    /// finds that over a third of the Fortune 500 rely solely on AWS us-east-1.
    /// </summary>
    public double LargestRegionShare { get; init; } = 0.40;

    /// <summary>
    /// Largest share (0–1) of one synthetic small provider. A layer's unallocated remainder ('other') is
    /// split evenly over the fewest small providers each holding at most this share and at most the
    /// smallest named provider's share. Modelling assumption (0.01).
    /// </summary>
    public double SmallProviderMaxShare { get; init; } = 0.01;

    /// <summary>Users of the rank-1 service (people); users fall as 1/rank (Zipf, exponent 1) times log-normal noise. Modelling assumption (1e9).</summary>
    public double UsersAtRankOne { get; init; } = 1e9;

    /// <summary>σ of the log-normal noise on users (natural log). Modelling assumption (0.5).</summary>
    public double UsersNoiseSigma { get; init; } = 0.5;

    /// <summary>Median annual revenue per user, USD per person per year; revenue = users × a log-normal draw with this median. Modelling assumption (10).</summary>
    public double RevenuePerUserMedianUsd { get; init; } = 10;

    /// <summary>σ of the log-normal revenue per user (natural log). Modelling assumption (1.0).</summary>
    public double RevenuePerUserSigma { get; init; } = 1.0;

    /// <summary>
    /// Weights of NAICS 2022 two-digit sectors (normalised to sum 1). Modelling assumption: a web
    /// population led by information (51) and retail (44-45); no bundled source gives the sector mix of
    /// popular sites.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> SectorWeights { get; init; } =
    [
        new("51", 0.295), new("44-45", 0.12), new("54", 0.10), new("52", 0.08), new("61", 0.06), new("71", 0.06),
        new("62", 0.04), new("31-33", 0.04), new("72", 0.03), new("48-49", 0.03), new("92", 0.03), new("81", 0.03),
        new("56", 0.02), new("53", 0.02), new("42", 0.01), new("23", 0.01), new("22", 0.01), new("11", 0.005),
        new("21", 0.005), new("55", 0.005),
    ];

    /// <summary>
    /// Weights of ISO 3166-1 alpha-2 operator countries (normalised to sum 1). Modelling assumption: no
    /// bundled source gives the HQ countries of popular sites' operators.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> CountryWeights { get; init; } =
    [
        new("US", 0.45), new("CN", 0.06), new("GB", 0.05), new("DE", 0.05), new("JP", 0.05), new("IN", 0.04),
        new("FR", 0.04), new("RU", 0.04), new("BR", 0.03), new("CA", 0.03), new("KR", 0.02), new("NL", 0.02),
        new("AU", 0.02), new("ES", 0.02), new("IT", 0.02), new("SE", 0.02), new("CH", 0.02), new("SG", 0.02),
    ];
}
