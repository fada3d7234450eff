namespace RiskToolkit.Concentration;

/// <summary>A closed interval [<see cref="Lower"/>, <see cref="Upper"/>] of an index's value.</summary>
/// <param name="Lower">Lowest value, finite, in the index's own units (shares 0–1 for CRk, the 0–1 scale for power sums and HHI).</param>
/// <param name="Upper">Highest value, finite, at least <paramref name="Lower"/>.</param>
/// <remarks>
/// Produced by <see cref="ShareIntervals"/>; its documentation says for each method whether the
/// interval is exact (both ends are reached, or approached, by markets consistent with the data) or
/// an enclosure (it contains every such value but may be wider).
/// </remarks>
/// <exception cref="ArgumentOutOfRangeException">An end is NaN or infinite, or <paramref name="Lower"/> exceeds <paramref name="Upper"/>.</exception>
public sealed record IndexInterval(double Lower, double Upper)
{
    /// <summary>Lowest value of the index.</summary>
    public double Lower { get; } = double.IsFinite(Lower)
        ? Lower
        : throw new ArgumentOutOfRangeException(nameof(Lower), Lower, "Expected a finite number.");

    /// <summary>Highest value of the index, at least <see cref="Lower"/>.</summary>
    public double Upper { get; } = double.IsFinite(Upper) && Upper >= Lower
        ? Upper
        : throw new ArgumentOutOfRangeException(nameof(Upper), Upper, $"Expected a finite number of at least the lower end {Lower}.");

    /// <summary>Whether <paramref name="value"/> lies in the interval, allowing <paramref name="tolerance"/> at each end.</summary>
    /// <param name="value">A value of the index.</param>
    /// <param name="tolerance">Slack at each end, ≥ 0 (e.g. 1e-12 for binary rounding).</param>
    /// <returns><see langword="true"/> when Lower − tolerance ≤ value ≤ Upper + tolerance.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative, NaN or infinite.</exception>
    public bool Contains(double value, double tolerance = 0)
    {
        Guard.InRange(tolerance, 0, double.MaxValue, nameof(tolerance));
        return value >= Lower - tolerance && value <= Upper + tolerance;
    }
}
