
namespace RiskToolkit.Dependencies;

/// <summary>One link of the dependency Sankey: <see cref="Services"/> services flow from <see cref="Source"/> to <see cref="Target"/>.</summary>
/// <param name="Source">A service, a sector group ("sector 51 Information") or a node name.</param>
/// <param name="Target">A node name.</param>
/// <param name="Services">Number of services on the link.</param>
public sealed record DependencyFlow(string Source, string Target, int Services);

/// <summary>Flows of services through the nodes they require, one hop beyond their direct requirements.</summary>
public static class DependencyFlows
{
    /// <summary>
    /// Services (or sector groups) → nodes they name in any requirement → nodes those name. A service
    /// counts once on each link it takes, so a service with two CDNs adds 1 to each.
    /// </summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="maxServices">Above this many services the first column groups services by NAICS sector.</param>
    /// <returns>Links, largest first within each hop.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null.</exception>
    public static IReadOnlyList<DependencyFlow> Of(DependencyModel model, int maxServices)
    {
        ArgumentNullException.ThrowIfNull(model);
        int m = model.Nodes.Count;
        var first = new Dictionary<(string, int), int>();
        var second = new Dictionary<(int, int), int>();
        var nodeTargets = new int[m][];
        for (int d = 0; d < m; d++)
        {
            var set = new SortedSet<int>();
            for (int g = model.GroupStart[d]; g < model.GroupStart[d + 1]; g++)
            {
                set.UnionWith(model.Targets(model.GroupKey[g]).ToArray());
            }

            nodeTargets[d] = set.ToArray();
        }

        bool grouped = model.Services.Count > maxServices;
        var reached = new HashSet<int>();
        var hop = new HashSet<(int, int)>();
        for (int s = 0; s < model.Services.Count; s++)
        {
            DependentService service = model.Services[s];
            string source = grouped ? $"sector {NaicsSectors.Title(service.Sector ?? ImpactByKey.Unknown)}" : service.Name;
            reached.Clear();
            hop.Clear();
            for (int g = model.GroupStart[m + s]; g < model.GroupStart[m + s + 1]; g++)
            {
                foreach (int t in model.Targets(model.GroupKey[g]))
                {
                    if (reached.Add(t))
                    {
                        first[(source, t)] = first.GetValueOrDefault((source, t)) + 1;
                        foreach (int u in nodeTargets[t])
                        {
                            if (hop.Add((t, u)))
                            {
                                second[(t, u)] = second.GetValueOrDefault((t, u)) + 1;
                            }
                        }
                    }
                }
            }
        }

        string Name(int i) => model.Nodes[i].Name;
        return first.Select(kv => new DependencyFlow(kv.Key.Item1, Name(kv.Key.Item2), kv.Value)).OrderByDescending(f => f.Services).ThenBy(f => f.Source, StringComparer.Ordinal).ThenBy(f => f.Target, StringComparer.Ordinal)
            .Concat(second.Select(kv => new DependencyFlow(Name(kv.Key.Item1), Name(kv.Key.Item2), kv.Value)).OrderByDescending(f => f.Services).ThenBy(f => f.Source, StringComparer.Ordinal).ThenBy(f => f.Target, StringComparer.Ordinal))
            .ToArray();
    }
}
