namespace RiskToolkit.Concentration;

/// <summary>
/// A closed interval [Lower, Upper] of an index whose scale the member that returns or takes it
/// states (e.g. a share 0–1, ΔHHI on the 0–1 scale, or HHI points 0–10,000).
/// </summary>
/// <param name="Lower">Lower end; a finite number.</param>
/// <param name="Upper">Upper end; a finite number, at least <paramref name="Lower"/>.</param>
/// <exception cref="ArgumentOutOfRangeException">An end is NaN or infinite.</exception>
/// <exception cref="ArgumentException">The lower end exceeds the upper end.</exception>
public sealed record IndexInterval(double Lower, double Upper)
{
    /// <summary>Lower end of the interval.</summary>
    public double Lower { get; } = Checked(Lower, Upper);

    /// <summary>Upper end of the interval, at least <see cref="Lower"/>.</summary>
    public double Upper { get; } = Upper;

    private static double Checked(double lower, double upper)
    {
        if (!double.IsFinite(lower))
        {
            throw new ArgumentOutOfRangeException(nameof(Lower), lower, "Expected a finite number.");
        }

        if (!double.IsFinite(upper))
        {
            throw new ArgumentOutOfRangeException(nameof(Upper), upper, "Expected a finite number.");
        }

        if (lower > upper)
        {
            throw new ArgumentException($"The lower end {lower} exceeds the upper end {upper}.", nameof(Lower));
        }

        return lower;
    }
}
