namespace RiskToolkit.Dependencies;

/// <summary>
/// What a set of failed services adds up to. Figures unknown for some services are summed over the
/// services that have them, and the services without are counted, never filled in.
/// </summary>
/// <param name="Services">Number of services.</param>
/// <param name="Users">Sum of known users (people); <see langword="null"/> when services were counted but none has a known figure.</param>
/// <param name="UsersUnknown">Services counted whose users are unknown.</param>
/// <param name="RevenueUsd">Sum of known annual revenue, USD per year; <see langword="null"/> when none is known.</param>
/// <param name="RevenueUnknown">Services counted whose revenue is unknown.</param>
/// <param name="Criticality">Sum of known criticality weights; <see langword="null"/> when none is known.</param>
/// <param name="CriticalityUnknown">Services counted whose criticality is unknown.</param>
public sealed record ImpactTotals(
    int Services,
    long? Users,
    int UsersUnknown,
    double? RevenueUsd,
    int RevenueUnknown,
    double? Criticality,
    int CriticalityUnknown);

/// <summary>
/// Part of an <see cref="ImpactTotals"/> that falls on one sector or country.
/// </summary>
/// <param name="Key">NAICS sector code or ISO country code; <see cref="Unknown"/> for services without one.</param>
/// <param name="Services">Number of services.</param>
/// <param name="Users">Sum of known users; <see langword="null"/> when none is known.</param>
/// <param name="RevenueUsd">Sum of known annual revenue, USD per year; <see langword="null"/> when none is known.</param>
public sealed record ImpactByKey(string Key, int Services, long? Users, double? RevenueUsd)
{
    /// <summary>The key of services whose sector or country is not known.</summary>
    public const string Unknown = "unknown";
}

/// <summary>
/// Services within the top <see cref="Top"/> by rank (cumulative bands, as Kashaf et al. 2020 report
/// them: top 100, 1K, 10K, 100K).
/// </summary>
/// <param name="Top">Band limit: services with rank ≤ Top.</param>
/// <param name="Services">Number of such services.</param>
public sealed record RankBandCount(int Top, int Services);

/// <summary>Which figure ranks contingencies by severity.</summary>
public enum SeverityMeasure
{
    /// <summary>Services failed (with indirect dependencies).</summary>
    Services,

    /// <summary>Known users of the failed services.</summary>
    Users,

    /// <summary>Known annual revenue of the failed services (USD).</summary>
    Revenue,

    /// <summary>Known criticality weights of the failed services.</summary>
    Criticality,
}
