using CsCheck;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class LossStatisticsTests
{
    [Fact]
    public void Statistics_of_one_to_twenty_by_hand()
    {
        // Values 1..20. Mean 10.5; SD² = Σ(x − 10.5)² / 19 = 665 / 19 = 35.
        // R7 quantile: h = (n − 1)τ + 1; τ = 0.9 → h = 18.1 → 18.1; τ = 0.95 → 19.05; τ = 0.99 → 19.81.
        // TVaR95: ⌈0.05 × 20⌉ = 1 largest value → 20.
        LossStatistics s = LossStatistics.Of(Enumerable.Range(1, 20).Select(i => (double)i).ToArray());
        Assert.Equal(20, s.Count);
        Assert.Equal(10.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(35), s.StandardDeviation!.Value, 12);
        Assert.Equal(Math.Sqrt(35) / Math.Sqrt(20), s.StandardError!.Value, 12);
        Assert.Equal(10.5, s.P50, 12);
        Assert.Equal(18.1, s.P90, 12);
        Assert.Equal(19.05, s.Var95, 12);
        Assert.Equal(19.81, s.P99, 12);
        Assert.Equal(20, s.Tvar95, 12);
        Assert.Equal((1.0, 20.0), (s.Min, s.Max));
    }

    [Fact]
    public void Tvar95_of_a_hundred_values_is_the_mean_of_the_five_largest()
    {
        // ⌈0.05 × 100⌉ = 5: (96 + 97 + 98 + 99 + 100) / 5 = 98.
        LossStatistics s = LossStatistics.Of(Enumerable.Range(1, 100).Select(i => (double)i).ToArray());
        Assert.Equal(98, s.Tvar95, 12);
    }

    [Fact]
    public void One_value_has_no_spread()
    {
        LossStatistics s = LossStatistics.Of([5]);
        Assert.Null(s.StandardDeviation);
        Assert.Null(s.StandardError);
        Assert.Equal((5.0, 5.0, 5.0), (s.Mean, s.Var95, s.Tvar95));
    }

    [Fact]
    public void Empty_and_non_finite_samples_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => LossStatistics.Of([]));
        Assert.Throws<ArgumentException>(() => LossStatistics.Of([1, double.NaN]));
    }
}

public class LossStatisticsPropertyTests
{
    [Fact]
    public void Percentiles_are_ordered_and_tvar_is_at_least_var()
    {
        Gen.Double[0, 1e9].Array[1, 300].Sample(
            values =>
            {
                LossStatistics s = LossStatistics.Of(values);
                return s.Min <= s.P50 && s.P50 <= s.P90 && s.P90 <= s.Var95 && s.Var95 <= s.P99 && s.P99 <= s.Max
                    && s.Tvar95 >= s.Var95 - 1e-6 && s.Tvar95 >= s.Mean - 1e-6 && s.Tvar95 <= s.Max;
            },
            iter: 1000);
    }
}
