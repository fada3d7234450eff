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

    /// <summary>
    /// The least fixpoint by brute force, straight from the tables and independent of the model's
    /// arrays: repeat "a node is down when it failed or one of its groups has every target down" until
    /// nothing changes; then a service is down when one of its groups has every target down.
    /// </summary>
    private static (HashSet<string> Nodes, HashSet<string> Services) Naive(DependencyData data, IEnumerable<string> failed)
    {
        var groups = data.Requirements.GroupBy(r => (r.DependentId, r.GroupId)).Select(g => (Dependent: g.Key.DependentId, Targets: g.Select(r => r.TargetId).ToArray())).ToArray();
        var down = failed.ToHashSet();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var node in data.Nodes)
            {
                if (!down.Contains(node.NodeId) && groups.Any(g => g.Dependent == node.NodeId && g.Targets.All(down.Contains)))
                {
                    down.Add(node.NodeId);
                    changed = true;
                }
            }
        }

        var services = data.Services.Where(s => groups.Any(g => g.Dependent == s.ServiceId && g.Targets.All(down.Contains))).Select(s => s.ServiceId).ToHashSet();
        return (down, services);
    }

    [Fact]
    public void N1_equals_a_naive_fixpoint_of_each_node()
    {
        Models.Sample(
            data =>
            {
                ContingencyReport report = ContingencyAnalysis.NMinus1(DependencyModel.Build(data));
                foreach (Contingency c in report.Contingencies)
                {
                    var (nodes, services) = Naive(data, [c.NodeId]);
                    if (services.Count != c.ServicesFailed || !nodes.SetEquals(c.NodesFailed)
                        || services.Sum(id => data.Services.Single(s => s.ServiceId == id).Users ?? 0) != (c.Failed.Users ?? 0))
                    {
                        return false;
                    }
                }

                return true;
            },
            iter: 1000);
    }

    [Fact]
    public void Minimal_cut_sets_up_to_order_three_are_exactly_those_found_by_enumerating_every_node_set()
    {
        Models.Sample(
            data =>
            {
                // Every set of at most three nodes; a set is a minimal cut set of a service when failing it takes
                // the service down and failing any one member less does not.
                string[] ids = data.Nodes.Select(n => n.NodeId).ToArray();
                var sets = new List<string[]>();
                for (int i = 0; i < ids.Length; i++)
                {
                    sets.Add([ids[i]]);
                    for (int j = i + 1; j < ids.Length; j++)
                    {
                        sets.Add([ids[i], ids[j]]);
                        for (int k = j + 1; k < ids.Length; k++)
                        {
                            sets.Add([ids[i], ids[j], ids[k]]);
                        }
                    }
                }

                var downBy = sets.ToDictionary(set => string.Join("+", set), set => Naive(data, set).Services);
                var expected = new Dictionary<string, int>();
                foreach (string[] set in sets)
                {
                    var smaller = set.Select(leave => string.Join("+", set.Where(x => x != leave))).Where(key => key.Length > 0).ToArray();
                    int minimal = downBy[string.Join("+", set)].Count(s => smaller.All(key => !downBy[key].Contains(s)));
                    if (minimal > 0)
                    {
                        expected[string.Join("+", set)] = minimal;
                    }
                }

                var found = CutSetAnalysis.MinimalCutSets(DependencyModel.Build(data), maxOrder: 3).CutSets
                    .ToDictionary(c => string.Join("+", c.NodeIds.OrderBy(id => Array.IndexOf(ids, id))), c => c.Failed.Services);
                return found.Count == expected.Count && found.All(kv => expected.TryGetValue(kv.Key, out int n) && n == kv.Value);
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
