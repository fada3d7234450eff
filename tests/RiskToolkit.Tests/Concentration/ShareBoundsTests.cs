using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class ShareBoundsTests
{
    [Fact]
    public void Bounds_keep_their_values_and_rank()
    {
        var b = new ShareBounds(0.3, 0.4, 2);
        Assert.Equal((0.3, 0.4, 2), (b.Low, b.High, b.Rank!.Value));
        Assert.Equal(new ShareBounds(0.3, 0.4, 2), b);
        Assert.Null(new ShareBounds(0.1, 0.1).Rank);
    }

    [Fact]
    public void Low_above_high_is_rejected_naming_high()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShareBounds(0.4, 0.3));
        Assert.Equal("High", ex.ParamName);
    }

    [Theory]
    [InlineData(double.NaN, 0.5, "Low")]
    [InlineData(-0.1, 0.5, "Low")]
    [InlineData(0.2, 1.1, "High")]
    [InlineData(0.2, double.PositiveInfinity, "High")]
    public void Shares_outside_zero_to_one_are_rejected(double low, double high, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ShareBounds(low, high));
        Assert.Equal(param, ex.ParamName);
    }

    [Fact]
    public void Rank_starts_at_one()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ShareBounds(0.1, 0.2, 0));
        Assert.Equal("Rank", ex.ParamName);
    }
}
