namespace RiskToolkit;

/// <summary>Argument checks shared by the public edge of the library.</summary>
internal static class Guard
{
    /// <summary>
    /// How far a sum of exact shares may miss 1 through binary floating point (~1e-16 per term): a gap
    /// this small is noise, not an unallocated remainder.
    /// </summary>
    public const double SumNoise = 1e-9;

    /// <summary>Rejects null, empty, NaN, ∞ and values outside [0, 1].</summary>
    public static void Shares(IReadOnlyList<double> shares, string paramName)
    {
        ArgumentNullException.ThrowIfNull(shares, paramName);
        if (shares.Count == 0)
        {
            throw new ArgumentException("At least one share is required.", paramName);
        }

        for (var i = 0; i < shares.Count; i++)
        {
            var s = shares[i];
            if (!double.IsFinite(s) || s < 0 || s > 1)
            {
                throw new ArgumentOutOfRangeException(paramName, s, $"Share [{i}] must be a finite number in [0, 1].");
            }
        }
    }

    /// <summary>Rejects NaN, ∞ and values outside [min, max].</summary>
    public static void InRange(double value, double min, double max, string paramName)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Expected a finite number in [{min}, {max}].");
        }
    }

    /// <summary>Rejects shares that do not sum to 1 within 1e-9 (binary rounding of exact shares).</summary>
    public static void WholeMarket(IReadOnlyList<double> shares, string paramName)
    {
        var sum = shares.Sum();
        if (Math.Abs(sum - 1) > SumNoise)
        {
            throw new ArgumentException(
                $"Shares must describe the whole market and sum to 1; found {sum.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.",
                paramName);
        }
    }
}
