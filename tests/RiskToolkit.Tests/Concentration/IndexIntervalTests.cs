using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class IndexIntervalTests
{
    [Fact]
    public void Interval_keeps_its_ends_and_compares_by_value()
    {
        var i = new IndexInterval(0.03, 0.08);
        Assert.Equal((0.03, 0.08), (i.Lower, i.Upper));
        Assert.Equal(new IndexInterval(0.03, 0.08), i);
        var (lower, upper) = i;
        Assert.Equal((0.03, 0.08), (lower, upper));
        Assert.Equal(5.0, new IndexInterval(5, 5).Upper);
    }

    [Fact]
    public void Reversed_or_non_finite_ends_are_rejected_with_their_names()
    {
        Assert.Equal("Lower", Assert.Throws<ArgumentException>(() => new IndexInterval(2, 1)).ParamName);
        Assert.Equal("Lower", Assert.Throws<ArgumentOutOfRangeException>(() => new IndexInterval(double.NaN, 1)).ParamName);
        Assert.Equal("Upper", Assert.Throws<ArgumentOutOfRangeException>(() => new IndexInterval(0, double.PositiveInfinity)).ParamName);
    }
}
