using RiskToolkit.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

public class FailurePropagationTests
{
    [Fact]
    public void Both_dns_providers_failing_takes_every_service_down()
    {
        PropagationResult result = FailurePropagation.Propagate(DependencyFixture.Model(), ["dns-a", "dns-b"]);

        // dns-a and dns-b down → cdn-x (needs dns-a), cdn-y (needs one of them) and ca-c (needs dns-b)
        // down; s1 (dns-a), s2 (dns-b), s3 (its dns group {dns-a, dns-b}) and s4 (cdn-y) all fail.
        Assert.Equal(["dns-a", "dns-b"], result.FailedNodeIds);
        Assert.Equal(["ca-c", "cdn-x", "cdn-y", "dns-a", "dns-b"], result.NodesDown.Order(StringComparer.Ordinal));
        Assert.Equal(["s1", "s2", "s3", "s4"], result.ServicesDown);
        Assert.Equal(4, result.Failed.Services);
        Assert.Equal(150L, result.Failed.Users);
    }

    [Fact]
    public void Redundancy_keeps_a_service_up_when_one_alternative_fails()
    {
        PropagationResult result = FailurePropagation.Propagate(DependencyFixture.Model(), ["cdn-x"]);

        Assert.Equal(["s1"], result.ServicesDown);
    }

    [Fact]
    public void Nothing_failed_is_the_base_case()
    {
        PropagationResult result = FailurePropagation.Propagate(DependencyFixture.Model(), []);

        Assert.Empty(result.ServicesDown);
        Assert.Empty(result.NodesDown);
        Assert.Equal(0, result.Failed.Services);
    }

    [Fact]
    public void An_unknown_node_is_an_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => FailurePropagation.Propagate(DependencyFixture.Model(), ["dns-z"]));
        Assert.Equal("failedNodeIds", error.ParamName);
        Assert.Contains("'dns-z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_fails_only_when_something_outside_it_fails()
    {
        // a needs b, b needs a, and a also needs c; the service needs a.
        var data = new DependencyData(
            [],
            [],
            [new("a", NodeKind.Component, "a"), new("b", NodeKind.Component, "b"), new("c", NodeKind.Component, "c")],
            [new("svc", "svc")],
            [new("a", "x", "g1", "b"), new("b", "x", "g1", "a"), new("a", "x", "g2", "c"), new("svc", "x", "g", "a")]);
        DependencyModel model = DependencyModel.Build(data);

        DependencyCycle cycle = Assert.Single(model.Cycles);
        Assert.Equal(["a", "b"], cycle.NodeIds);
        Assert.Empty(FailurePropagation.Propagate(model, []).ServicesDown);
        Assert.Equal(["svc"], FailurePropagation.Propagate(model, ["c"]).ServicesDown);
        Assert.Equal(["svc"], FailurePropagation.Propagate(model, ["b"]).ServicesDown);
    }

    [Fact]
    public void Data_frame_lists_the_failed_services_with_their_attributes()
    {
        DependencyModel model = DependencyFixture.Model();
        var frame = FailurePropagation.Propagate(model, ["cdn-y"]).ToDataFrame(model);

        Assert.Equal(1, frame.Rows.Count);
        Assert.Equal("s4", frame["service_id"][0]);
        Assert.Equal("52", frame["sector"][0]);
    }
}
