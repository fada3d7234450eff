using RiskToolkit.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

public class DependencyModelTests
{
    [Fact]
    public void Build_rejects_a_target_that_is_not_a_node()
    {
        var data = DependencyFixture.Data();
        var broken = data with { Requirements = [.. data.Requirements, new Requirement("s1", "ca", "ca", "ca-z")] };

        var error = Assert.Throws<ArgumentException>(() => DependencyModel.Build(broken));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("target 'ca-z' is not a node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_a_service_id_that_is_also_a_node_id()
    {
        var data = DependencyFixture.Data();
        var broken = data with { Services = [.. data.Services, new DependentService("dns-a", "dns-a")] };

        var error = Assert.Throws<ArgumentException>(() => DependencyModel.Build(broken));
        Assert.Contains("duplicate id 'dns-a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_a_group_that_mixes_layers()
    {
        var data = DependencyFixture.Data();
        var broken = data with { Requirements = [.. data.Requirements, new Requirement("s4", "dns", "cdn", "dns-a")] };

        var error = Assert.Throws<ArgumentException>(() => DependencyModel.Build(broken));
        Assert.Contains("mixes layers 'cdn' and 'dns'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_an_unknown_dependent()
    {
        var data = DependencyFixture.Data();
        var broken = data with { Requirements = [.. data.Requirements, new Requirement("s9", "cdn", "cdn", "cdn-x")] };

        var error = Assert.Throws<ArgumentException>(() => DependencyModel.Build(broken));
        Assert.Contains("dependent 's9' is neither a node nor a service", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layers_and_groups_are_counted_once_each()
    {
        DependencyModel model = DependencyFixture.Model();

        Assert.Equal(["dns", "cdn", "ca"], model.Layers);

        // cdn-x, cdn-y, ca-c one group each; s1 2, s2 2, s3 2, s4 1.
        Assert.Equal(10, model.GroupCount);
        Assert.Equal(2, model.IndexOfNode("cdn-x"));
        Assert.Equal(-1, model.IndexOfNode("s1"));
    }

    [Theory]
    [InlineData(-5L, null, null, null)]
    [InlineData(null, double.NaN, null, null)]
    [InlineData(null, -1.0, null, null)]
    [InlineData(null, null, double.PositiveInfinity, null)]
    [InlineData(null, null, null, 0)]
    [InlineData(200_000_000_000L, null, null, null)]
    public void Build_rejects_service_figures_out_of_range(long? users, double? revenue, double? criticality, int? rank)
    {
        var data = DependencyFixture.Data();
        var broken = data with { Services = [.. data.Services, new DependentService("s9", "s9") { Users = users, AnnualRevenueUsd = revenue, Criticality = criticality, Rank = rank }] };

        var error = Assert.Throws<ArgumentException>(() => DependencyModel.Build(broken));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("service 's9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_null_ids_with_an_argument_exception()
    {
        var data = DependencyFixture.Data();
        var broken = data with { Requirements = [.. data.Requirements, new Requirement("s1", "cdn", "cdn", null!)] };

        var error = Assert.Throws<ArgumentException>(() => DependencyModel.Build(broken));
        Assert.Contains("null row or field", error.Message, StringComparison.Ordinal);
    }
}
