using RiskToolkit.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

public class RedundancyAnalysisTests
{
    [Fact]
    public void Services_are_classed_per_layer_as_the_fixture_says()
    {
        RedundancyReport report = RedundancyAnalysis.ByLayer(DependencyFixture.Model());

        // dns: s1 {dns-a} and s2 {dns-b} critical, s3 {dns-a, dns-b} redundant.
        // cdn: s1 {cdn-x} and s4 {cdn-y} critical, s2 {cdn-x, cdn-y} redundant.
        // ca:  s3 {ca-c, self-s3}: its own stapling is an alternative to the CA.
        Assert.Equal(new LayerRedundancy("dns", 3, 2, 0, 0, 1), report.Layers.Single(l => l.Layer == "dns"));
        Assert.Equal(new LayerRedundancy("cdn", 3, 2, 0, 0, 1), report.Layers.Single(l => l.Layer == "cdn"));
        Assert.Equal(new LayerRedundancy("ca", 1, 0, 0, 1, 0), report.Layers.Single(l => l.Layer == "ca"));
        Assert.Equal(3, report.ToDataFrame().Rows.Count);
    }
}
