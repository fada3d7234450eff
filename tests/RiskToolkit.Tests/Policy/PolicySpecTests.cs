using RiskToolkit.Policy;
using Xunit;

namespace RiskToolkit.Tests.Policy;

public class PolicySpecTests
{
    [Fact]
    public void Standard_policies_start_with_the_baseline_and_hold_shares_in_zero_to_one()
    {
        Assert.Same(PolicySpec.Baseline, PolicySpec.Standard[0]);
        Assert.All(PolicySpec.Standard, p => Assert.InRange(p.Share, 0, 1));
        Assert.Equal(PolicySpec.Standard.Count, PolicySpec.Standard.Select(p => p.Label).Distinct().Count());
        Assert.Equal(3, PolicySpec.Standard.Single(p => p.Label == "deconcentration 10%").TopProviders);
    }

    [Fact]
    public void Services_changed_counts_distinct_services()
    {
        var application = new PolicyApplication(
            PolicySpec.Baseline,
            1,
            2,
            [],
            PolicyFixture.Data(),
            [new("s1", "cloud", "g1", [], ["a"]), new("s1", "cloud", "g2", [], ["b"]), new("s2", "cloud", "g1", [], ["a"])]);
        Assert.Equal(2, application.ServicesChanged);
    }

    [Fact]
    public void A_policy_needs_a_label()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new PolicySpec(null!, PolicyKind.MultiRegion, 0.5));
        Assert.Equal("Label", e.ParamName);
    }
}
