using CsCheck;
using RiskToolkit.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

/// <summary>Invariants of the analyses on random small models (cycles allowed), checked against brute-force propagation.</summary>
public class DependencyPropertyTests
{
    /// <summary>Random model: 1–7 nodes, 1–6 services, each dependent 0–3 groups of 1–3 targets.</summary>
    private static readonly Gen<DependencyData> Models =
        from nodes in Gen.Int[1, 7]
        from services in Gen.Int[1, 6]
        from groups in Gen.Int[0, 3].Array[nodes + services]
        from picks in Gen.Int[0, nodes - 1].Array[1, 3].Array[(nodes + services) * 3]
        select Build(nodes, services, groups, picks);

    private static DependencyData Build(int nodes, int services, int[] groups, int[][] picks)
    {
        var nodeRows = Enumerable.Range(0, nodes).Select(i => new DependencyNode($"n{i}", NodeKind.Provider, $"n{i}") { Layer = i % 2 == 0 ? "dns" : "cdn" }).ToArray();
        var serviceRows = Enumerable.Range(0, services).Select(s => new DependentService($"s{s}", $"s{s}") { Users = s + 1 }).ToArray();
        var requirements = new List<Requirement>();
        for (int d = 0; d < nodes + services; d++)
        {
            string dependent = d < nodes ? $"n{d}" : $"s{d - nodes}";
            for (int g = 0; g < groups[d]; g++)
            {
                foreach (int t in picks[(d * 3) + g].Distinct())
                {
                    requirements.Add(new Requirement(dependent, "x", $"g{g}", $"n{t}"));
                }
            }
        }

        return new DependencyData([], [], nodeRows, serviceRows, requirements);
    }

    [Fact]
    public void N1_equals_brute_force_propagation_of_each_node()
    {
        Models.Sample(
            data =>
            {
                DependencyModel model = DependencyModel.Build(data);
                ContingencyReport report = ContingencyAnalysis.NMinus1(model);
                foreach (Contingency c in report.Contingencies)
                {
                    PropagationResult brute = FailurePropagation.Propagate(model, [c.NodeId]);
                    if (brute.Failed.Services != c.ServicesFailed || brute.Failed.Users != c.Failed.Users || brute.NodesDown.Count != c.NodesFailed.Count)
                    {
                        return false;
                    }
                }

                return true;
            },
            iter: 1000);
    }

    [Fact]
    public void Every_minimal_cut_set_takes_its_services_down_and_no_smaller_set_does()
    {
        Models.Sample(
            data =>
            {
                DependencyModel model = DependencyModel.Build(data);
                foreach (CutSet cut in CutSetAnalysis.MinimalCutSets(model, maxOrder: 2).CutSets)
                {
                    var down = FailurePropagation.Propagate(model, cut.NodeIds).ServicesDown.ToHashSet();
                    var byMember = cut.NodeIds.Select(id => FailurePropagation.Propagate(model, [id]).ServicesDown.ToHashSet()).ToArray();

                    // Services of the cut set: down with all members, up when any one member is up (order ≤ 2).
                    int expected = down.Count(s => byMember.All(single => !single.Contains(s)) || cut.Order == 1);
                    if (cut.Order == 1 ? cut.Failed.Services != down.Count : cut.Failed.Services != expected)
                    {
                        return false;
                    }
                }

                return true;
            },
            iter: 1000);
    }

    [Fact]
    public void Adding_an_alternative_never_increases_any_contingencys_impact()
    {
        Gen<(DependencyData Data, int Row, int Extra)> cases =
            from data in Models
            from row in Gen.Int[0, 1000]
            from extra in Gen.Int[0, 6]
            select (data, row, extra);
        cases.Sample(
            c =>
            {
                if (c.Data.Requirements.Count == 0)
                {
                    return true;
                }

                Requirement chosen = c.Data.Requirements[c.Row % c.Data.Requirements.Count];
                string extra = $"n{c.Extra % c.Data.Nodes.Count}";
                if (c.Data.Requirements.Any(r => r.DependentId == chosen.DependentId && r.GroupId == chosen.GroupId && r.TargetId == extra))
                {
                    return true;
                }

                var more = c.Data with { Requirements = [.. c.Data.Requirements, chosen with { TargetId = extra }] };
                var before = ContingencyAnalysis.NMinus1(DependencyModel.Build(c.Data)).Contingencies.ToDictionary(x => x.NodeId, x => x.ServicesFailed);
                var after = ContingencyAnalysis.NMinus1(DependencyModel.Build(more)).Contingencies;
                return after.All(x => x.ServicesFailed <= before[x.NodeId]);
            },
            iter: 1000);
    }
}
