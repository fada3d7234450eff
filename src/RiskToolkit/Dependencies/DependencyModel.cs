using QuikGraph;
using QuikGraph.Algorithms;

namespace RiskToolkit.Dependencies;

/// <summary>
/// A set of nodes whose requirements form a directed cycle (a strongly connected component of the
/// node → required-node graph with more than one member, or a node that requires itself).
/// </summary>
/// <param name="NodeIds">The members, in <c>nodes.csv</c> order.</param>
public sealed record DependencyCycle(IReadOnlyList<string> NodeIds)
{
    /// <summary>The members joined by <c>, </c>, for warnings.</summary>
    public override string ToString() => string.Join(", ", NodeIds);
}

/// <summary>
/// The dependency tables compiled for analysis: every dependent (node or service) needs ALL of its
/// requirement groups, and a group needs ANY one of its target nodes up (AND of OR-groups). A node fails
/// when it fails itself or when one of its groups has every target failed; a service fails when one of
/// its groups has every target failed. Failure propagates to the least fixpoint, so members of a cycle
/// stay up unless a failure outside the cycle brings them down.
/// </summary>
/// <remarks>
/// Source of the model: Kashaf, Sekar and Agarwal, "Analyzing Third Party Service Dependencies in Modern
/// Web Services", ACM IMC 2020 (critical vs redundant dependencies, provider → provider edges); fault-tree
/// semantics as in Vesely et al., Fault Tree Handbook, NUREG-0492 (1981), ch. VII. Articulation points of
/// an undirected graph are not used: they ignore redundancy. Build once, then run any number of analyses;
/// the model is immutable and safe to share between threads.
/// </remarks>
public sealed class DependencyModel
{
    private readonly Dictionary<string, int> nodeIndex;

    private DependencyModel(
        IReadOnlyList<DependencyNode> nodes,
        IReadOnlyList<DependentService> services,
        Dictionary<string, int> nodeIndex,
        string[] layers,
        int[] groupStart,
        int[] groupLayer,
        int[] groupKey,
        int[] keyStart,
        int[] keyTargets)
    {
        Nodes = nodes;
        Services = services;
        this.nodeIndex = nodeIndex;
        Layers = layers;
        GroupStart = groupStart;
        GroupLayer = groupLayer;
        GroupKey = groupKey;
        KeyStart = keyStart;
        KeyTargets = keyTargets;
        NodeGroupsOfTarget = BuildNodeGroupsOfTarget();
        Cycles = FindCycles();
    }

    /// <summary>The nodes, in input order; node i of the arrays below is <c>Nodes[i]</c>.</summary>
    public IReadOnlyList<DependencyNode> Nodes { get; }

    /// <summary>The services, in input order.</summary>
    public IReadOnlyList<DependentService> Services { get; }

    /// <summary>Dependency cycles among nodes, each reported once; empty when there are none. Analyses still work (fixpoint).</summary>
    public IReadOnlyList<DependencyCycle> Cycles { get; }

    /// <summary>Distinct layer names of the requirements, in first-seen order.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>Number of requirement groups (AND terms) over all dependents.</summary>
    public int GroupCount => GroupLayer.Length;

    /// <summary>Dependent d's groups are <c>GroupStart[d]..GroupStart[d+1]</c>; nodes are dependents 0..M−1, services M..M+N−1.</summary>
    internal int[] GroupStart { get; }

    /// <summary>Layer index of each group.</summary>
    internal int[] GroupLayer { get; }

    /// <summary>Distinct target set of each group: an index into <see cref="KeyStart"/>.</summary>
    internal int[] GroupKey { get; }

    /// <summary>Target set k is <c>KeyTargets[KeyStart[k]..KeyStart[k+1]]</c>, node indices ascending.</summary>
    internal int[] KeyStart { get; }

    /// <summary>Node indices of the distinct target sets.</summary>
    internal int[] KeyTargets { get; }

    /// <summary>For each node, the groups of node dependents that list it as a target.</summary>
    internal int[][] NodeGroupsOfTarget { get; }

    /// <summary>Number of distinct target sets.</summary>
    internal int KeyCount => KeyStart.Length - 1;

    /// <summary>Targets of distinct set <paramref name="key"/>.</summary>
    internal ReadOnlySpan<int> Targets(int key) => KeyTargets.AsSpan(KeyStart[key], KeyStart[key + 1] - KeyStart[key]);

    /// <summary>Index of the node with id <paramref name="nodeId"/>, or −1.</summary>
    /// <param name="nodeId">A node id.</param>
    /// <returns>The 0-based position in <see cref="Nodes"/>, or −1 when there is no such node.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="nodeId"/> is null.</exception>
    public int IndexOfNode(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        return nodeIndex.TryGetValue(nodeId, out int i) ? i : -1;
    }

    /// <summary>
    /// Compiles <paramref name="data"/>. The tables are checked as the CSV reader checks them: ids unique
    /// across nodes and services, every target a node, every dependent a node or service, one layer per
    /// group.
    /// </summary>
    /// <param name="data">Tables, e.g. from <see cref="Data.DependencyDataReader.Load"/>.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="data"/> or one of its lists is null.</exception>
    /// <exception cref="ArgumentException">When a row or one of its ids is null, an id repeats, a reference dangles, a group mixes layers,
    /// or a service's figures are out of range (users 0 to 100 billion, revenue and criticality finite
    /// and ≥ 0, rank ≥ 1); the message names the first few problems, rows counted from 0.</exception>
    public static DependencyModel Build(DependencyData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.Nodes, nameof(data));
        ArgumentNullException.ThrowIfNull(data.Services, nameof(data));
        ArgumentNullException.ThrowIfNull(data.Requirements, nameof(data));
        var problems = new List<string>();
        Check(data, problems);
        if (problems.Count > 0)
        {
            throw Invalid(problems);
        }

        int m = data.Nodes.Count;
        int n = data.Services.Count;
        var nodeIndex = new Dictionary<string, int>(m, StringComparer.Ordinal);
        for (int i = 0; i < m; i++)
        {
            if (!nodeIndex.TryAdd(data.Nodes[i].NodeId, i))
            {
                problems.Add($"duplicate node id '{data.Nodes[i].NodeId}'");
            }
        }

        var dependentIndex = new Dictionary<string, int>(m + n, StringComparer.Ordinal);
        foreach (var (id, i) in nodeIndex)
        {
            dependentIndex.Add(id, i);
        }

        for (int s = 0; s < n; s++)
        {
            if (!dependentIndex.TryAdd(data.Services[s].ServiceId, m + s))
            {
                problems.Add($"duplicate id '{data.Services[s].ServiceId}' (service ids are unique across nodes and services)");
            }
        }

        // Resolve every row, then order rows by dependent (stable), so each dependent's groups are found
        // among its own few rows instead of in one dictionary of all (dependent, group_id) pairs.
        int rows = data.Requirements.Count;
        var rowDependent = new int[rows];
        var rowTarget = new int[rows];
        var rowLayer = new int[rows];
        var layerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var layers = new List<string>();
        for (int r = 0; r < rows; r++)
        {
            Requirement req = data.Requirements[r];
            if (!dependentIndex.TryGetValue(req.DependentId, out rowDependent[r]))
            {
                problems.Add($"requirement {r}: dependent '{req.DependentId}' is neither a node nor a service");
            }

            if (!nodeIndex.TryGetValue(req.TargetId, out rowTarget[r]))
            {
                problems.Add($"requirement {r}: target '{req.TargetId}' is not a node");
            }

            if (!layerIndex.TryGetValue(req.Layer, out rowLayer[r]))
            {
                rowLayer[r] = layers.Count;
                layerIndex.Add(req.Layer, layers.Count);
                layers.Add(req.Layer);
            }
        }

        if (problems.Count > 0)
        {
            throw Invalid(problems);
        }

        var groupStart = new int[m + n + 1];
        foreach (int d in rowDependent)
        {
            groupStart[d + 1]++;
        }

        var rowStart = new int[m + n + 1];
        for (int d = 0; d < m + n; d++)
        {
            rowStart[d + 1] = rowStart[d] + groupStart[d + 1];
        }

        var order = new int[rows];
        var next = (int[])rowStart.Clone();
        for (int r = 0; r < rows; r++)
        {
            order[next[rowDependent[r]]++] = r;
        }

        // Groups in first-seen order within each dependent, dependents in index order (CSR).
        var groupOfRow = new int[rows];
        var groupName = new List<string>(rows);
        var groupLayerList = new List<int>(rows);
        var local = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < m + n; d++)
        {
            int first = groupName.Count;
            bool many = rowStart[d + 1] - rowStart[d] > 16;
            local.Clear();
            for (int k = rowStart[d]; k < rowStart[d + 1]; k++)
            {
                int r = order[k];
                string id = data.Requirements[r].GroupId;
                int g = -1;
                if (many)
                {
                    g = local.GetValueOrDefault(id, -1);
                }
                else
                {
                    for (int h = first; h < groupName.Count; h++)
                    {
                        if (string.Equals(groupName[h], id, StringComparison.Ordinal))
                        {
                            g = h;
                            break;
                        }
                    }
                }

                if (g < 0)
                {
                    g = groupName.Count;
                    groupName.Add(id);
                    groupLayerList.Add(rowLayer[r]);
                    if (many)
                    {
                        local.Add(id, g);
                    }
                }
                else if (groupLayerList[g] != rowLayer[r])
                {
                    problems.Add($"requirement {r}: group '{id}' of '{data.Requirements[r].DependentId}' mixes layers '{layers[groupLayerList[g]]}' and '{data.Requirements[r].Layer}'");
                }

                groupOfRow[r] = g;
            }

            groupStart[d] = first;
        }

        groupStart[m + n] = groupName.Count;
        if (problems.Count > 0)
        {
            throw Invalid(problems);
        }

        // Targets per group, then distinct target sets; a duplicate row adds nothing.
        int groups = groupName.Count;
        var targetCount = new int[groups + 1];
        foreach (int g in groupOfRow)
        {
            targetCount[g + 1]++;
        }

        for (int g = 0; g < groups; g++)
        {
            targetCount[g + 1] += targetCount[g];
        }

        var targets = new int[rows];
        var fill = (int[])targetCount.Clone();
        foreach (int r in order)
        {
            targets[fill[groupOfRow[r]]++] = rowTarget[r];
        }

        int[] groupLayer = groupLayerList.ToArray();
        var groupKey = new int[groups];
        var keyStart = new List<int> { 0 };
        var keyTargets = new List<int>();
        var singleKey = new int[m];
        Array.Fill(singleKey, -1);
        var multiKey = new Dictionary<TargetSet, int>();
        for (int g = 0; g < groups; g++)
        {
            Span<int> set = targets.AsSpan(targetCount[g], targetCount[g + 1] - targetCount[g]);
            set.Sort();
            int distinct = set.Length == 0 ? 0 : 1;
            for (int i = 1; i < set.Length; i++)
            {
                if (set[i] != set[distinct - 1])
                {
                    set[distinct++] = set[i];
                }
            }

            set = set[..distinct];
            int key;
            if (set.Length == 1)
            {
                key = singleKey[set[0]];
                if (key < 0)
                {
                    key = singleKey[set[0]] = AddKey(set);
                }
            }
            else
            {
                var probe = new TargetSet(set.ToArray());
                if (!multiKey.TryGetValue(probe, out key))
                {
                    key = AddKey(set);
                    multiKey.Add(probe, key);
                }
            }

            groupKey[g] = key;
        }

        return new DependencyModel(
            data.Nodes,
            data.Services,
            nodeIndex,
            layers.ToArray(),
            groupStart,
            groupLayer,
            groupKey,
            keyStart.ToArray(),
            keyTargets.ToArray());

        static void Check(DependencyData data, List<string> problems)
        {
            for (int i = 0; i < data.Nodes.Count; i++)
            {
                if (data.Nodes[i] is not { NodeId: not null, Name: not null })
                {
                    problems.Add($"node {i}: null row, id or name");
                }
            }

            for (int s = 0; s < data.Services.Count; s++)
            {
                DependentService? service = data.Services[s];
                if (service is not { ServiceId: not null, Name: not null })
                {
                    problems.Add($"service {s}: null row, id or name");
                }
                else if (service.Users is < 0 or > Data.DependencyTables.MaxUsers
                    || service.AnnualRevenueUsd is double revenue && !(double.IsFinite(revenue) && revenue >= 0)
                    || service.Criticality is double criticality && !(double.IsFinite(criticality) && criticality >= 0)
                    || service.Rank is < 1)
                {
                    problems.Add($"service '{service.ServiceId}': users must be 0 to {Data.DependencyTables.MaxUsers:N0}, revenue and criticality finite and >= 0, rank >= 1");
                }
            }

            for (int r = 0; r < data.Requirements.Count; r++)
            {
                if (data.Requirements[r] is not { DependentId: not null, Layer: not null, GroupId: not null, TargetId: not null })
                {
                    problems.Add($"requirement {r}: null row or field");
                }
            }
        }

        static ArgumentException Invalid(List<string> problems)
        {
            string shown = string.Join("; ", problems.Take(5));
            string more = problems.Count > 5 ? $"; and {problems.Count - 5} more" : string.Empty;
            return new ArgumentException($"Invalid dependency data: {shown}{more}.", nameof(data));
        }

        int AddKey(ReadOnlySpan<int> set)
        {
            foreach (int t in set)
            {
                keyTargets.Add(t);
            }

            keyStart.Add(keyTargets.Count);
            return keyStart.Count - 2;
        }
    }

    /// <summary>
    /// Nodes down when the nodes in <paramref name="failed"/> fail: the least fixpoint of "a node is down
    /// when it failed itself or one of its groups has every target down".
    /// </summary>
    /// <param name="failed">Indices of nodes failing on their own.</param>
    /// <param name="down">Output, length <see cref="Nodes"/>.Count: set to true for every node down; cleared first.</param>
    /// <param name="remaining">Scratch, length <see cref="GroupStart"/>[M] (node groups): targets still up per group.</param>
    /// <param name="queue">Output, length ≥ M: <c>queue[0..count]</c> lists the nodes down, the failed ones first.</param>
    /// <returns>The number of nodes down.</returns>
    internal int PropagateNodes(ReadOnlySpan<int> failed, bool[] down, int[] remaining, int[] queue)
    {
        int m = Nodes.Count;
        Array.Clear(down);
        for (int g = 0; g < GroupStart[m]; g++)
        {
            remaining[g] = Targets(GroupKey[g]).Length;
        }

        int head = 0;
        int tail = 0;
        foreach (int f in failed)
        {
            if (!down[f])
            {
                down[f] = true;
                queue[tail++] = f;
            }
        }

        while (head < tail)
        {
            int t = queue[head++];
            foreach (int g in NodeGroupsOfTarget[t])
            {
                if (--remaining[g] == 0)
                {
                    int dependent = DependentOfNodeGroup(g);
                    if (!down[dependent])
                    {
                        down[dependent] = true;
                        queue[tail++] = dependent;
                    }
                }
            }
        }

        return tail;
    }

    /// <summary>The node that owns node group <paramref name="group"/> (binary search over <see cref="GroupStart"/>).</summary>
    internal int DependentOfNodeGroup(int group)
    {
        int lo = 0;
        int hi = Nodes.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (GroupStart[mid] <= group)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private int[][] BuildNodeGroupsOfTarget()
    {
        int m = Nodes.Count;
        var lists = new List<int>[m];
        for (int g = 0; g < GroupStart[m]; g++)
        {
            foreach (int t in Targets(GroupKey[g]))
            {
                (lists[t] ??= []).Add(g);
            }
        }

        return lists.Select(l => l?.ToArray() ?? []).ToArray();
    }

    private DependencyCycle[] FindCycles()
    {
        int m = Nodes.Count;
        var graph = new AdjacencyGraph<int, SEdge<int>>(allowParallelEdges: false);
        graph.AddVertexRange(Enumerable.Range(0, m));
        var selfLoops = new HashSet<int>();
        for (int d = 0; d < m; d++)
        {
            for (int g = GroupStart[d]; g < GroupStart[d + 1]; g++)
            {
                foreach (int t in Targets(GroupKey[g]))
                {
                    if (t == d)
                    {
                        selfLoops.Add(d);
                    }
                    else if (!graph.ContainsEdge(d, t))
                    {
                        graph.AddEdge(new SEdge<int>(d, t));
                    }
                }
            }
        }

        var component = new Dictionary<int, int>();
        graph.StronglyConnectedComponents(component);
        return component
            .GroupBy(kv => kv.Value)
            .Select(c => c.Select(kv => kv.Key).Order().ToArray())
            .Where(members => members.Length > 1 || selfLoops.Contains(members[0]))
            .OrderBy(members => members[0])
            .Select(members => new DependencyCycle(members.Select(i => Nodes[i].NodeId).ToArray()))
            .ToArray();
    }

    /// <summary>A distinct target set as a dictionary key.</summary>
    private readonly struct TargetSet(int[] items) : IEquatable<TargetSet>
    {
        private readonly int[] items = items;

        public bool Equals(TargetSet other) => items.AsSpan().SequenceEqual(other.items);

        public override bool Equals(object? obj) => obj is TargetSet other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (int i in items)
            {
                hash.Add(i);
            }

            return hash.ToHashCode();
        }
    }
}
