using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class ConcentrationBandsTests
{
    [Theory]
    // Merger Guidelines 2023 §2.1: "greater than 1,800" is highly concentrated, so 1,800 itself is not.
    [InlineData(1800.0, ConcentrationBands.Moderate)]
    [InlineData(1801.0, ConcentrationBands.High)]
    [InlineData(1000.0, ConcentrationBands.Unconcentrated)]
    [InlineData(1000.5, ConcentrationBands.Moderate)]
    [InlineData(0.0, ConcentrationBands.Unconcentrated)]
    [InlineData(2600.0, ConcentrationBands.High)]
    public void Us2023_band_follows_the_guideline_thresholds(double points, string band) =>
        Assert.Equal(band, ConcentrationBands.Us2023Band(points));

    [Fact]
    public void Interval_gets_a_band_at_each_end()
    {
        var a = ConcentrationBands.AssessUs2023(new HhiInterval(0.1469, 0.1902));
        Assert.Equal(ConcentrationBands.Moderate, a.Lower);
        Assert.Equal(ConcentrationBands.High, a.Upper);
        Assert.Contains("2023", a.Citation);
    }

    [Fact]
    public void Nan_points_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationBands.Us2023Band(double.NaN));
}
