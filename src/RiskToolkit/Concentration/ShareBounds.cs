namespace RiskToolkit.Concentration;

/// <summary>
/// A named firm's share as the sources allow it: a closed range [<see cref="Low"/>, <see cref="High"/>]
/// of shares 0–1 (a point when they are equal), and the firm's published rank if any.
/// </summary>
/// <param name="Low">Lowest share 0–1 the sources allow (a published range's lower end, or a rounded share minus half the rounding unit).</param>
/// <param name="High">Highest share 0–1 the sources allow, at least <paramref name="Low"/>.</param>
/// <param name="Rank">Published rank, 1 = largest firm of the market, or <see langword="null"/> when none is published.</param>
/// <remarks>
/// <see cref="ShareIntervals.Rounded"/> builds these from rounded shares. Method: README.md, 'Methods',
/// incomplete data.
/// </remarks>
/// <exception cref="ArgumentOutOfRangeException">
/// <paramref name="Low"/> or <paramref name="High"/> is NaN, infinite or outside [0, 1], or
/// <paramref name="Rank"/> is below 1.
/// </exception>
/// <exception cref="ArgumentException"><paramref name="Low"/> exceeds <paramref name="High"/>.</exception>
public sealed record ShareBounds(double Low, double High, int? Rank = null)
{
    /// <summary>Lowest share 0–1 the sources allow.</summary>
    public double Low { get; } = Share(Low, nameof(Low));

    /// <summary>Highest share 0–1 the sources allow, at least <see cref="Low"/>.</summary>
    public double High { get; } = Share(High, nameof(High)) >= Low
        ? High
        : throw new ArgumentException($"High share {High} is below the low share {Low}.", nameof(High));

    /// <summary>Published rank, 1 = largest, or <see langword="null"/>.</summary>
    public int? Rank { get; } = Rank is null or >= 1
        ? Rank
        : throw new ArgumentOutOfRangeException(nameof(Rank), Rank, "A rank starts at 1 (the largest firm).");

    private static double Share(double value, string paramName)
    {
        Guard.InRange(value, 0, 1, paramName);
        return value;
    }
}
