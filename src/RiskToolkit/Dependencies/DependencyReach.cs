namespace RiskToolkit.Dependencies;

/// <summary>Reverse reachability over requirement edges: which nodes lead, through any group and any alternative, to given nodes.</summary>
internal static class DependencyReach
{
    /// <summary>
    /// Marks in <paramref name="reached"/> (length: the model's node count; cleared first) every node from which a requirement
    /// path leads to one of <paramref name="sources"/>, the sources included. Breadth-first backwards from the sources, so a
    /// dependency cycle is crossed once and every member of it that reaches a source is marked.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="sources">Node indices.</param>
    /// <param name="reached">Output flags, one per node.</param>
    /// <param name="queue">Scratch space, at least the model's node count long.</param>
    public static void Nodes(DependencyModel model, IEnumerable<int> sources, bool[] reached, int[] queue)
    {
        Array.Clear(reached);
        int head = 0, tail = 0;
        foreach (int s in sources)
        {
            if (!reached[s])
            {
                reached[s] = true;
                queue[tail++] = s;
            }
        }

        while (head < tail)
        {
            int t = queue[head++];
            foreach (int g in model.NodeGroupsOfTarget[t])
            {
                int dependent = model.DependentOfNodeGroup(g);
                if (!reached[dependent])
                {
                    reached[dependent] = true;
                    queue[tail++] = dependent;
                }
            }
        }
    }

    /// <summary>Whether dependent <paramref name="d"/> (a node, or a service at index node count + s) has a requirement target marked in <paramref name="reached"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="d">The dependent's index.</param>
    /// <param name="reached">Flags from <see cref="Nodes"/>.</param>
    /// <returns>True when one of its targets is marked.</returns>
    public static bool Uses(DependencyModel model, int d, bool[] reached)
    {
        for (int g = model.GroupStart[d]; g < model.GroupStart[d + 1]; g++)
        {
            foreach (int t in model.Targets(model.GroupKey[g]))
            {
                if (reached[t])
                {
                    return true;
                }
            }
        }

        return false;
    }
}
