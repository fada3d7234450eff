using System.Collections.Concurrent;
using MathNet.Numerics.Distributions;

namespace RiskToolkit.Impact;

/// <summary>
/// Beta draws by inverse transform on a tabulated quantile function: q_j = F⁻¹(j/K) from MathNet's
/// <see cref="Beta.InvCDF"/>, linear between nodes. One uniform and one lookup per draw, several times
/// faster than a Gamma-ratio sampler; Oasis' ground-up loss sampling draws from binned damage CDFs the
/// same way. Draws are divided by the table's own mean, so they average exactly 1.
/// </summary>
internal sealed class BetaQuantileTable
{
    /// <summary>Intervals of the table: 4,096 keeps the distribution function within 1e-3 of Beta's (tested).</summary>
    public const int Intervals = 4096;

    /// <summary>Tables already built, by (mean, κ): building one costs about 30 ms of InvCDF calls, and what-if runs reuse them.</summary>
    private static readonly ConcurrentDictionary<(double Mean, double Kappa), BetaQuantileTable> Built = new();

    private readonly double[] nodes;

    private BetaQuantileTable(double[] nodes, double scale)
    {
        this.nodes = nodes;
        Scale = scale;
    }

    /// <summary>The mean of the unscaled table, by which every node was divided.</summary>
    public double Scale { get; }

    /// <summary>A table of Beta(mκ, (1 − m)κ) scaled to mean 1, or null when the draw is a constant 1.</summary>
    public static BetaQuantileTable? MeanOne(double mean, double? concentration)
    {
        if (concentration is not { } kappa || mean <= 0 || mean >= 1)
        {
            return null;
        }

        return Built.GetOrAdd((mean, kappa), static key => Tabulate(key.Mean, key.Kappa));
    }

    private static BetaQuantileTable Tabulate(double mean, double kappa)
    {
        double a = mean * kappa, b = (1 - mean) * kappa;
        var q = new double[Intervals + 1];
        q[Intervals] = 1;
        for (int j = 1; j < Intervals; j++)
        {
            q[j] = Beta.InvCDF(a, b, (double)j / Intervals);
        }

        double tableMean = 0;
        for (int j = 0; j < Intervals; j++)
        {
            tableMean += (q[j] + q[j + 1]) / 2;
        }

        tableMean /= Intervals;
        for (int j = 0; j <= Intervals; j++)
        {
            q[j] /= tableMean;
        }

        return new BetaQuantileTable(q, tableMean);
    }

    /// <summary>The draw for a uniform <paramref name="u"/> in [0, 1).</summary>
    public double At(double u)
    {
        double x = u * Intervals;
        int j = (int)x;
        double lo = nodes[j];
        return lo + ((x - j) * (nodes[j + 1] - lo));
    }
}
