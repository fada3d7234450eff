namespace RiskToolkit.Concentration;

/// <summary>A regulator's verdict for an HHI at both ends of its interval.</summary>
/// <param name="Regime">Short id of the regime, e.g. <c>us2023</c>.</param>
/// <param name="Citation">The text and section the thresholds come from.</param>
/// <param name="Lower">Band of the interval's lower end (e.g. <c>moderately concentrated</c>).</param>
/// <param name="Upper">Band of the interval's upper end; equal to <paramref name="Lower"/> when the HHI is known exactly.</param>
public sealed record BandAssessment(string Regime, string Citation, string Lower, string Upper)
{
    /// <summary>The verdict in words: the band, or "lower to upper" when the interval spans two bands.</summary>
    public string Verdict => Lower == Upper ? Lower : $"{Lower} to {Upper}";
}

/// <summary>
/// Concentration bands of the merger guidelines, on HHI points (0–10,000).
/// </summary>
/// <remarks>
/// The thresholds apply to antitrust markets as the agencies define them; a market as an analyst
/// firm defines it (e.g. Synergy's "cloud infrastructure services") is a screen, not a finding.
/// </remarks>
public static class ConcentrationBands
{
    /// <summary>Regime id of the 2023 US Merger Guidelines.</summary>
    public const string Us2023 = "us2023";

    /// <summary>Band name for HHI above the upper threshold.</summary>
    public const string High = "highly concentrated";

    /// <summary>Band name for HHI between the thresholds.</summary>
    public const string Moderate = "moderately concentrated";

    /// <summary>Band name for HHI at or below the lower threshold.</summary>
    public const string Unconcentrated = "unconcentrated";

    /// <summary>Lower threshold of the US 2023 Merger Guidelines, HHI points: above it a market is moderately concentrated.</summary>
    public const double Us2023ModerateAbovePoints = 1_000;

    /// <summary>Upper threshold of the US 2023 Merger Guidelines, HHI points: above it a market is highly concentrated.</summary>
    public const double Us2023HighAbovePoints = 1_800;

    /// <summary>Citation for the US 2023 thresholds.</summary>
    public const string Us2023Citation =
        "US DOJ & FTC, Merger Guidelines (18 Dec 2023), Guideline 1, §2.1: a market with an HHI greater than 1,800 is highly concentrated; "
        + "below that, more than 1,000 is labelled moderately concentrated, the lower boundary of the 1992/1997 Horizontal Merger Guidelines §1.51";

    /// <summary>
    /// US 2023 Merger Guidelines band of an HHI: above 1,800 points highly concentrated, above 1,000
    /// moderately concentrated, otherwise unconcentrated.
    /// </summary>
    /// <param name="hhiPoints">HHI in points, 0–10,000.</param>
    /// <returns>One of <see cref="High"/>, <see cref="Moderate"/>, <see cref="Unconcentrated"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">NaN, ∞ or outside [0, 10,000].</exception>
    /// <remarks>
    /// Source: US DOJ &amp; FTC, Merger Guidelines 2023, Guideline 1 §2.1 ("greater than 1,800"); the
    /// 1,000 boundary of "moderately concentrated" is that of the 1992/1997 Horizontal Merger
    /// Guidelines §1.51. A value exactly on a threshold takes the lower band because the text says
    /// "greater than"; the HHI is compared to a millionth of a point so binary rounding cannot flip it.
    /// </remarks>
    public static string Us2023Band(double hhiPoints)
    {
        Guard.InRange(hhiPoints, 0, ConcentrationIndices.PointsPerUnit * (1 + Guard.SumNoise), nameof(hhiPoints));
        // Ten shares of 0.1 give 1000.0000000000003 points in binary floating point: compare what the
        // guidelines compare, the HHI to a millionth of a point.
        var points = Math.Round(hhiPoints, 6);
        return points > Us2023HighAbovePoints ? High
            : points > Us2023ModerateAbovePoints ? Moderate
            : Unconcentrated;
    }

    /// <summary>Assesses both ends of an HHI interval under the US 2023 Merger Guidelines.</summary>
    /// <param name="interval">HHI interval on the 0–1 scale.</param>
    /// <returns>The assessment with the band at each end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interval"/> is null.</exception>
    public static BandAssessment AssessUs2023(HhiInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return new BandAssessment(
            Us2023,
            Us2023Citation,
            Us2023Band(interval.LowerPoints),
            Us2023Band(interval.UpperPoints));
    }
}
