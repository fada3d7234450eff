using MathNet.Numerics.Statistics;

namespace RiskToolkit.Impact;

/// <summary>Summary statistics of a loss sample (USD).</summary>
/// <param name="Count">Sample size.</param>
/// <param name="Mean">Sample mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1 denominator); <see langword="null"/> for one value, where it is undefined.</param>
/// <param name="StandardError">Standard error of the mean, SD ÷ √n; <see langword="null"/> for one value.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Var95">Value at risk at 95%: the 95th percentile.</param>
/// <param name="Tvar95">Tail value at risk at 95%: the mean of the ⌈0.05 n⌉ largest values.</param>
/// <param name="Max">Largest value.</param>
/// <remarks>
/// Percentiles use definition 7 of Hyndman &amp; Fan (1996), linear interpolation between order statistics
/// (MathNet <c>QuantileDefinition.R7</c>; R's <c>quantile(type = 7)</c> and numpy's default).
/// </remarks>
public sealed record LossStatistics(
    int Count,
    double Mean,
    double? StandardDeviation,
    double? StandardError,
    double Min,
    double P50,
    double P90,
    double P99,
    double Var95,
    double Tvar95,
    double Max)
{
    /// <summary>Computes the statistics of <paramref name="values"/>.</summary>
    /// <param name="values">Losses (USD), finite; at least one.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">When it is empty or holds a value that is not finite.</exception>
    public static LossStatistics Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is required.", nameof(values));
        }

        double[] sorted = values.ToArray();
        if (sorted.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every value must be finite.", nameof(values));
        }

        Array.Sort(sorted);
        int n = sorted.Length;
        double mean = sorted.Average();
        double? sd = n > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : null;
        int tail = (int)Math.Ceiling(0.05 * n);
        double tvar = 0;
        for (int i = n - tail; i < n; i++)
        {
            tvar += sorted[i];
        }

        double Q(double tau) => SortedArrayStatistics.QuantileCustom(sorted, tau, QuantileDefinition.R7);
        return new LossStatistics(n, mean, sd, sd / Math.Sqrt(n), sorted[0], Q(0.5), Q(0.9), Q(0.99), Q(0.95), tvar / tail, sorted[^1]);
    }
}
