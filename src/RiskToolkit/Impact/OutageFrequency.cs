using MathNet.Numerics.Distributions;

namespace RiskToolkit.Impact;

/// <summary>
/// An annual event rate for a scenario, either given or counted from historical outages, with its exact
/// 95% confidence interval when counted.
/// </summary>
/// <param name="AnnualRate">Events per year (≥ 0): the given rate, or count ÷ years.</param>
/// <param name="EventCount">Events counted, or <see langword="null"/> when the rate was given directly.</param>
/// <param name="Years">Length of the observation window in years of 365.25 days, or <see langword="null"/> when given.</param>
/// <param name="EventIds">Ids of the counted events in input order (empty when given).</param>
/// <param name="ConfidenceLow95">Lower bound of the exact (Garwood) 95% interval of the rate, per year; 0 for no events; <see langword="null"/> when given.</param>
/// <param name="ConfidenceHigh95">Upper bound of that interval, per year; <see langword="null"/> when given.</param>
/// <param name="SourceId">Source of a given rate, or <see langword="null"/> (counted rates cite their events' sources).</param>
public sealed record EventRate(
    double AnnualRate,
    int? EventCount,
    double? Years,
    IReadOnlyList<string> EventIds,
    double? ConfidenceLow95,
    double? ConfidenceHigh95,
    string? SourceId);

/// <summary>How often outages of a kind happen: Poisson rates from a scenario's <see cref="EventFrequency"/>.</summary>
public static class OutageFrequency
{
    /// <summary>Days per year used to turn an observation window into years (Julian year).</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>
    /// The annual rate of <paramref name="frequency"/>: the given <see cref="EventFrequency.AnnualRate"/>, or the
    /// number k of <paramref name="events"/> that match <see cref="EventFrequency.FromEvents"/> divided by the
    /// window's length T in years, with the exact Poisson (Garwood 1936) 95% interval
    /// [χ²(0.025; 2k) / 2T, χ²(0.975; 2k + 2) / 2T] (lower bound 0 when k = 0).
    /// </summary>
    /// <remarks>
    /// An event matches when its provider is among the filter's providers (any when empty), its layer among the
    /// filter's layers (any when empty), and it starts in [FromUtc, ToUtc). Source: F. Garwood, "Fiducial limits for
    /// the Poisson distribution", Biometrika 28 (1936) 437–442; quantiles from MathNet.Numerics <see cref="ChiSquared.InvCDF"/>.
    /// R: <c>poisson.test(k, T)$conf.int</c> (stats), the same exact interval.
    /// </remarks>
    /// <param name="frequency">Exactly one of a rate and an event filter.</param>
    /// <param name="events">Historical outages (outage_events.csv); not read when the rate is given.</param>
    /// <returns>The rate, with counts and interval when counted.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="frequency"/> has both or neither of a rate and a filter, or the filter's window does not end after it starts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When the given rate is negative, NaN or infinite.</exception>
    public static EventRate Rate(EventFrequency frequency, IReadOnlyList<OutageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(events);
        if (frequency.AnnualRate.HasValue == (frequency.FromEvents is not null))
        {
            throw new ArgumentException("Expected exactly one of AnnualRate and FromEvents.", nameof(frequency));
        }

        if (frequency.AnnualRate is double given)
        {
            if (!double.IsFinite(given) || given < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frequency), given, "AnnualRate must be a finite number >= 0.");
            }

            return new EventRate(given, null, null, [], null, null, frequency.RateSourceId);
        }

        OutageEventFilter filter = frequency.FromEvents!;
        if (filter.ToUtc <= filter.FromUtc)
        {
            throw new ArgumentException($"FromEvents window must end after it starts: {filter.FromUtc:O} to {filter.ToUtc:O}.", nameof(frequency));
        }

        string[] ids = events
            .Where(e => (filter.ProviderIds.Count == 0 || filter.ProviderIds.Contains(e.ProviderId, StringComparer.Ordinal))
                && (filter.Layers.Count == 0 || filter.Layers.Contains(e.Layer, StringComparer.Ordinal))
                && e.StartUtc >= filter.FromUtc
                && e.StartUtc < filter.ToUtc)
            .Select(e => e.EventId)
            .ToArray();
        double years = (filter.ToUtc - filter.FromUtc).TotalDays / DaysPerYear;
        int k = ids.Length;
        double low = k == 0 ? 0 : ChiSquared.InvCDF(2.0 * k, 0.025) / 2;
        double high = ChiSquared.InvCDF((2.0 * k) + 2, 0.975) / 2;
        return new EventRate(k / years, k, years, ids, low / years, high / years, null);
    }
}
