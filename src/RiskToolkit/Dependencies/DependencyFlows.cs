namespace RiskToolkit.Dependencies;

/// <summary>One link of the dependency Sankey: <see cref="Services"/> services flow from <see cref="Source"/> to <see cref="Target"/>.</summary>
/// <param name="Source">A service, a sector group ("sector 51 Information"), a node name, or the group of smaller nodes.</param>
/// <param name="Target">A node name, or the group of smaller nodes.</param>
/// <param name="Services">Number of services on the link.</param>
public sealed record DependencyFlow(string Source, string Target, int Services);

/// <summary>Flows of services through the nodes they require, hop by hop.</summary>
public static class DependencyFlows
{
    /// <summary>
    /// Services (or sector groups) → the nodes they name in any requirement → the nodes those name, and
    /// so on for <paramref name="depth"/> hops. Each service counts once on each link it takes (a service
    /// with two CDNs adds 1 to each) and reaches each node once, at its first hop. Beyond the
    /// <paramref name="maxNodes"/> nodes with most services flowing in, nodes are merged into one
    /// "smaller nodes" entry, so the diagram stays readable. Nodes are labelled by name, with their layer
    /// (or id) added where several nodes share a name, so no two nodes are drawn as one.
    /// </summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="maxServices">Above this many services the first column groups services by NAICS sector.</param>
    /// <param name="depth">Hops shown beyond the services, ≥ 1 (1 = only the services' own requirements).</param>
    /// <param name="maxNodes">Nodes shown by name, ≥ 1.</param>
    /// <returns>Links, largest first.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="depth"/> or <paramref name="maxNodes"/> is below 1.</exception>
    public static IReadOnlyList<DependencyFlow> Of(DependencyModel model, int maxServices, int depth = 2, int maxNodes = 30)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        int m = model.Nodes.Count;
        var nodeTargets = new int[m][];
        for (int d = 0; d < m; d++)
        {
            var set = new SortedSet<int>();
            for (int g = model.GroupStart[d]; g < model.GroupStart[d + 1]; g++)
            {
                set.UnionWith(model.Targets(model.GroupKey[g]).ToArray());
            }

            nodeTargets[d] = [.. set];
        }

        // Links as (source, target) with source −1 − k for first-column group k.
        bool grouped = model.Services.Count > maxServices;
        var firstColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        var links = new Dictionary<(int, int), int>();
        var seen = new int[m];
        Array.Fill(seen, -1);
        var frontier = new List<int>();
        var next = new List<int>();
        for (int s = 0; s < model.Services.Count; s++)
        {
            DependentService service = model.Services[s];
            string label = grouped ? $"sector {NaicsSectors.Title(service.Sector ?? ImpactByKey.Unknown)}" : service.Name;
            if (!firstColumn.TryGetValue(label, out int source))
            {
                source = -1 - firstColumn.Count;
                firstColumn.Add(label, source);
            }

            frontier.Clear();
            for (int g = model.GroupStart[m + s]; g < model.GroupStart[m + s + 1]; g++)
            {
                foreach (int t in model.Targets(model.GroupKey[g]))
                {
                    if (seen[t] != s)
                    {
                        seen[t] = s;
                        frontier.Add(t);
                        links[(source, t)] = links.GetValueOrDefault((source, t)) + 1;
                    }
                }
            }

            for (int hop = 1; hop < depth && frontier.Count > 0; hop++)
            {
                next.Clear();
                foreach (int u in frontier)
                {
                    foreach (int v in nodeTargets[u])
                    {
                        if (seen[v] != s)
                        {
                            seen[v] = s;
                            next.Add(v);
                            links[(u, v)] = links.GetValueOrDefault((u, v)) + 1;
                        }
                    }
                }

                (frontier, next) = (next, frontier);
            }
        }

        // Name the nodes with most services flowing in; merge the rest.
        var inflow = new Dictionary<int, int>();
        foreach (var ((_, target), services) in links)
        {
            inflow[target] = inflow.GetValueOrDefault(target) + services;
        }

        var named = inflow.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(maxNodes).Select(kv => kv.Key).ToHashSet();
        int merged = inflow.Count - named.Count;
        string others = $"{merged} smaller nodes";
        var labels = firstColumn.ToDictionary(kv => kv.Value, kv => kv.Key);

        // Providers active in several layers share a name (Cloudflare's DNS, CDN and CA): add the layer.
        var shared = model.Nodes.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string NodeLabel(DependencyNode node) => shared.Contains(node.Name) ? $"{node.Name} ({node.Layer ?? node.NodeId})" : node.Name;
        string Label(int i) => i < 0 ? labels[i] : named.Contains(i) ? NodeLabel(model.Nodes[i]) : others;
        var flows = new Dictionary<(string, string), int>();
        foreach (var ((source, target), services) in links)
        {
            var key = (Label(source), Label(target));
            if (key.Item1 != key.Item2)
            {
                flows[key] = flows.GetValueOrDefault(key) + services;
            }
        }

        return flows.Select(kv => new DependencyFlow(kv.Key.Item1, kv.Key.Item2, kv.Value))
            .OrderByDescending(f => f.Services).ThenBy(f => f.Source, StringComparer.Ordinal).ThenBy(f => f.Target, StringComparer.Ordinal)
            .ToArray();
    }
}
