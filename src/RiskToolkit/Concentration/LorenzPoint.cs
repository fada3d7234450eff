namespace RiskToolkit.Concentration;

/// <summary>
/// A point of a Lorenz curve (see <see cref="ConcentrationIndices.LorenzCurve"/>): the smallest firms
/// making up a fraction of the firms, and the fraction of the total share they hold.
/// </summary>
/// <param name="CumulativeFirms">Fraction 0–1 of the firms, counted from the smallest share up.</param>
/// <param name="CumulativeShare">Fraction 0–1 of the firms' total share that those firms hold.</param>
/// <exception cref="ArgumentOutOfRangeException">A coordinate is NaN or outside [0, 1].</exception>
/// <remarks>R: the <c>p</c> and <c>L</c> components of <c>ineq::Lc</c>.</remarks>
public sealed record LorenzPoint(double CumulativeFirms, double CumulativeShare)
{
    /// <summary>Fraction 0–1 of the firms, counted from the smallest share up.</summary>
    public double CumulativeFirms { get; } = Checked(CumulativeFirms, nameof(CumulativeFirms));

    /// <summary>Fraction 0–1 of the firms' total share that those firms hold.</summary>
    public double CumulativeShare { get; } = Checked(CumulativeShare, nameof(CumulativeShare));

    private static double Checked(double value, string paramName)
    {
        Guard.InRange(value, 0, 1, paramName);
        return value;
    }
}
