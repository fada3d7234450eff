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
    public void Interval_contains_its_ends_and_what_lies_between()
    {
        var i = new IndexInterval(0.2, 0.3);
        Assert.True(i.Contains(0.2));
        Assert.True(i.Contains(0.25));
        Assert.False(i.Contains(0.3 + 1e-9));
        Assert.True(i.Contains(0.3 + 1e-13, 1e-12));
        Assert.Throws<ArgumentOutOfRangeException>(() => i.Contains(0.25, -1));
    }

    [Fact]
    public void Lower_end_above_the_upper_is_rejected()
    {
        Assert.Equal("Upper", Assert.Throws<ArgumentOutOfRangeException>(() => new IndexInterval(0.3, 0.2)).ParamName);
        Assert.Equal("Lower", Assert.Throws<ArgumentOutOfRangeException>(() => new IndexInterval(double.NaN, 0.2)).ParamName);
        Assert.Equal("Upper", Assert.Throws<ArgumentOutOfRangeException>(() => new IndexInterval(0.1, double.PositiveInfinity)).ParamName);
    }
}
