using Microsoft.Data.Analysis;

namespace RiskToolkit.Dependencies;

/// <summary>Settings of <see cref="ContingencyAnalysis.NMinus1"/>.</summary>
public sealed record ContingencyOptions
{
    /// <summary>The default rank bands: top 100, 1K, 10K and 100K (Kashaf et al. 2020, figures by Alexa rank).</summary>
    public static readonly IReadOnlyList<int> DefaultRankBands = [100, 1_000, 10_000, 100_000];

    /// <summary>Only contingencies of nodes of this layer (e.g. <c>cdn</c>); <see langword="null"/> for every layer. Failure still propagates through all layers.</summary>
    public string? Layer { get; init; }

    /// <summary>The figure that ranks contingencies (default: services failed).</summary>
    public SeverityMeasure RankBy { get; init; } = SeverityMeasure.Services;

    /// <summary>Cumulative rank bands, ascending, each ≥ 1.</summary>
    public IReadOnlyList<int> RankBands { get; init; } = DefaultRankBands;

    /// <summary>Whether dependents' own infrastructure (<see cref="NodeKind.Self"/> nodes) gets contingencies; default false, since each takes down only its owner.</summary>
    public bool IncludeSelfNodes { get; init; }
}

/// <summary>
/// The base case (N-0): every node up, every service up.
/// </summary>
/// <param name="Services">All services with their known users, revenue and criticality.</param>
/// <param name="BySector">All services by NAICS sector (unknown as <see cref="ImpactByKey.Unknown"/>).</param>
/// <param name="ByCountry">All services by country.</param>
/// <param name="ByRankBand">All services by cumulative rank band.</param>
public sealed record ContingencyBaseline(
    ImpactTotals Services,
    IReadOnlyList<ImpactByKey> BySector,
    IReadOnlyList<ImpactByKey> ByCountry,
    IReadOnlyList<RankBandCount> ByRankBand)
{
    /// <summary>Contingency label of the base case.</summary>
    public string Label => "N-0";

    /// <summary>Services down in the base case: 0, since nothing has failed.</summary>
    public int ServicesFailed => 0;
}

/// <summary>
/// One single-failure (N-1) contingency: node <see cref="NodeId"/> fails alone; what is lost against the
/// base case.
/// </summary>
public sealed record Contingency
{
    /// <summary>Contingency label: <c>N-1</c>.</summary>
    public string Label => "N-1";

    /// <summary>1 = most severe under <see cref="ContingencyOptions.RankBy"/>.</summary>
    public required int SeverityRank { get; init; }

    /// <summary>The failed node.</summary>
    public required string NodeId { get; init; }

    /// <summary>Its display name.</summary>
    public required string Name { get; init; }

    /// <summary>Its layer, or <see langword="null"/> when unknown.</summary>
    public required string? Layer { get; init; }

    /// <summary>Its kind.</summary>
    public required NodeKind Kind { get; init; }

    /// <summary>Its provider, or <see langword="null"/>.</summary>
    public required string? ProviderId { get; init; }

    /// <summary>Services with a requirement that names the node (concentration in Kashaf et al.'s sense).</summary>
    public required int ServicesUsing { get; init; }

    /// <summary>Services that use the node directly or through the nodes they require (provider → provider edges).</summary>
    public required int ServicesUsingIndirect { get; init; }

    /// <summary>Services that fail through their own requirements alone (a group whose only targets are this node): "critically dependent" in Kashaf et al.'s sense.</summary>
    public required int ServicesFailedDirect { get; init; }

    /// <summary>Services that fail when the node fails, following failure through required nodes: its impact (<see cref="Failed"/>.Services).</summary>
    public int ServicesFailed => Failed.Services;

    /// <summary>ServicesFailed ÷ all services (share 0–1); 0 when there are no services.</summary>
    public required double ServicesFailedShare { get; init; }

    /// <summary>Totals of the failed services (users, revenue in USD per year, criticality, with unknown counts).</summary>
    public required ImpactTotals Failed { get; init; }

    /// <summary>Failed services by NAICS sector.</summary>
    public required IReadOnlyList<ImpactByKey> BySector { get; init; }

    /// <summary>Failed services by country.</summary>
    public required IReadOnlyList<ImpactByKey> ByCountry { get; init; }

    /// <summary>Services using the node, by cumulative rank band.</summary>
    public required IReadOnlyList<RankBandCount> UsingByRankBand { get; init; }

    /// <summary>Services failed directly, by cumulative rank band.</summary>
    public required IReadOnlyList<RankBandCount> FailedDirectByRankBand { get; init; }

    /// <summary>Services failed with indirect dependencies, by cumulative rank band.</summary>
    public required IReadOnlyList<RankBandCount> FailedByRankBand { get; init; }

    /// <summary>Every node down in this contingency (the node first, then the nodes brought down with it, in model order).</summary>
    public required IReadOnlyList<string> NodesFailed { get; init; }
}

/// <summary>
/// Result of <see cref="ContingencyAnalysis.NMinus1"/>: the base case and one contingency per node,
/// most severe first.
/// </summary>
/// <param name="Baseline">The N-0 base case.</param>
/// <param name="Contingencies">N-1 contingencies ranked by severity (ties: more services failed, then node id).</param>
/// <param name="Options">The settings used.</param>
/// <param name="Cycles">Dependency cycles of the model (warnings; failure propagated to a fixpoint).</param>
public sealed record ContingencyReport(
    ContingencyBaseline Baseline,
    IReadOnlyList<Contingency> Contingencies,
    ContingencyOptions Options,
    IReadOnlyList<DependencyCycle> Cycles)
{
    /// <summary>
    /// One row per contingency: label, severity_rank, node_id, name, layer, kind, provider_id,
    /// services_using, services_using_indirect, services_failed_direct, services_failed,
    /// services_failed_share (0–1), users_affected, users_unknown, revenue_affected_usd, revenue_unknown,
    /// criticality_affected; then, when some service has a rank, using_topT, failed_direct_topT and
    /// failed_topT for each rank band T (cumulative). Unknown sums are null cells.
    /// </summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame()
    {
        var c = Contingencies;
        DataFrame frame = new(
            new StringDataFrameColumn("label", c.Select(x => x.Label)),
            new Int32DataFrameColumn("severity_rank", c.Select(x => x.SeverityRank)),
            new StringDataFrameColumn("node_id", c.Select(x => x.NodeId)),
            new StringDataFrameColumn("name", c.Select(x => x.Name)),
            new StringDataFrameColumn("layer", c.Select(x => x.Layer)),
            new StringDataFrameColumn("kind", c.Select(x => x.Kind.ToString().ToLowerInvariant())),
            new StringDataFrameColumn("provider_id", c.Select(x => x.ProviderId)),
            new Int32DataFrameColumn("services_using", c.Select(x => x.ServicesUsing)),
            new Int32DataFrameColumn("services_using_indirect", c.Select(x => x.ServicesUsingIndirect)),
            new Int32DataFrameColumn("services_failed_direct", c.Select(x => x.ServicesFailedDirect)),
            new Int32DataFrameColumn("services_failed", c.Select(x => x.ServicesFailed)),
            new DoubleDataFrameColumn("services_failed_share", c.Select(x => x.ServicesFailedShare)),
            new Int64DataFrameColumn("users_affected", c.Select(x => x.Failed.Users)),
            new Int32DataFrameColumn("users_unknown", c.Select(x => x.Failed.UsersUnknown)),
            new DoubleDataFrameColumn("revenue_affected_usd", c.Select(x => x.Failed.RevenueUsd)),
            new Int32DataFrameColumn("revenue_unknown", c.Select(x => x.Failed.RevenueUnknown)),
            new DoubleDataFrameColumn("criticality_affected", c.Select(x => x.Failed.Criticality)));
        if (Baseline.ByRankBand.Any(b => b.Services > 0))
        {
            for (int b = 0; b < Options.RankBands.Count; b++)
            {
                int band = b;
                frame.Columns.Add(new Int32DataFrameColumn($"using_top{Options.RankBands[b]}", c.Select(x => x.UsingByRankBand[band].Services)));
                frame.Columns.Add(new Int32DataFrameColumn($"failed_direct_top{Options.RankBands[b]}", c.Select(x => x.FailedDirectByRankBand[band].Services)));
                frame.Columns.Add(new Int32DataFrameColumn($"failed_top{Options.RankBands[b]}", c.Select(x => x.FailedByRankBand[band].Services)));
            }
        }

        return frame;
    }
}

/// <summary>
/// Single-failure (N-1) contingency analysis over a <see cref="DependencyModel"/>: fail each node alone,
/// propagate through requirements (AND of OR-groups) to a fixpoint, and record what is lost, ranked by
/// severity as change against the base case (N-0).
/// </summary>
/// <remarks>
/// Sources: N-1 contingency analysis as in power-system tools (pandapower, powsybl: results labelled
/// N-0 / N-1, lost load per contingency, severity ranking); critical dependency and indirect impact as
/// defined by Kashaf, Sekar and Agarwal, ACM IMC 2020, §3. Cost: one propagation per node over the
/// node graph, then one pass over the services' groups, linear in requirement rows; no per-service
/// propagation.
/// </remarks>
public static class ContingencyAnalysis
{
    /// <summary>Runs the N-1 analysis.</summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The base case and one contingency per node (of <see cref="ContingencyOptions.Layer"/> when set).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null, or <paramref name="options"/> has null rank bands.</exception>
    /// <exception cref="ArgumentException">When the rank bands are not ascending positive integers.</exception>
    public static ContingencyReport NMinus1(DependencyModel model, ContingencyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ContingencyOptions();
        CheckBands(options.RankBands, nameof(options));
        int m = model.Nodes.Count;
        int n = model.Services.Count;
        var codes = new ServiceCodes(model.Services, options.RankBands);
        Closures closures = Closures.Of(model);

        // Slots: 0..m-1 failed (indirect), m..2m-1 failed directly, 2m..3m-1 using; 3m the baseline.
        var tally = new ImpactTally(model.Services, codes, (3 * m) + 1);
        var usingIndirect = new int[m];
        var killers = new int[]?[model.KeyCount];
        var stamp = new int[m];
        var stampDirect = new int[m];
        var stampUsing = new int[m];
        var stampIndirect = new int[m];
        Array.Fill(stamp, -1);
        Array.Fill(stampDirect, -1);
        Array.Fill(stampUsing, -1);
        Array.Fill(stampIndirect, -1);
        for (int s = 0; s < n; s++)
        {
            tally.Add(3 * m, s);
            int d = m + s;
            for (int g = model.GroupStart[d]; g < model.GroupStart[d + 1]; g++)
            {
                int key = model.GroupKey[g];
                ReadOnlySpan<int> targets = model.Targets(key);
                if (targets.Length == 1 && stampDirect[targets[0]] != s)
                {
                    stampDirect[targets[0]] = s;
                    tally.Add(m + targets[0], s);
                }

                foreach (int t in targets)
                {
                    if (stampUsing[t] != s)
                    {
                        stampUsing[t] = s;
                        tally.Add((2 * m) + t, s);
                    }

                    foreach (int u in closures.Descendants[t])
                    {
                        if (stampIndirect[u] != s)
                        {
                            stampIndirect[u] = s;
                            usingIndirect[u]++;
                        }
                    }
                }

                foreach (int k in killers[key] ??= closures.Killers(model.Targets(key)))
                {
                    if (stamp[k] != s)
                    {
                        stamp[k] = s;
                        tally.Add(k, s);
                    }
                }
            }
        }

        var rows = new List<(Contingency Row, double Severity)>();
        for (int i = 0; i < m; i++)
        {
            DependencyNode node = model.Nodes[i];
            if ((options.Layer is not null && node.Layer != options.Layer) || (node.Kind == NodeKind.Self && !options.IncludeSelfNodes))
            {
                continue;
            }

            ImpactTotals failed = tally.Totals(i);
            var row = new Contingency
            {
                SeverityRank = 0,
                NodeId = node.NodeId,
                Name = node.Name,
                Layer = node.Layer,
                Kind = node.Kind,
                ProviderId = node.ProviderId,
                ServicesUsing = tally.Services((2 * m) + i),
                ServicesUsingIndirect = usingIndirect[i],
                ServicesFailedDirect = tally.Services(m + i),
                ServicesFailedShare = n == 0 ? 0 : (double)failed.Services / n,
                Failed = failed,
                BySector = tally.BySector(i),
                ByCountry = tally.ByCountry(i),
                UsingByRankBand = tally.ByRankBand((2 * m) + i),
                FailedDirectByRankBand = tally.ByRankBand(m + i),
                FailedByRankBand = tally.ByRankBand(i),
                NodesFailed = closures.Down[i].Select(j => model.Nodes[j].NodeId).ToArray(),
            };
            rows.Add((row, Severity(failed, options.RankBy)));
        }

        Contingency[] ranked = rows
            .OrderByDescending(r => r.Severity)
            .ThenByDescending(r => r.Row.ServicesFailed)
            .ThenBy(r => r.Row.NodeId, StringComparer.Ordinal)
            .Select((r, i) => r.Row with { SeverityRank = i + 1 })
            .ToArray();
        var baseline = new ContingencyBaseline(tally.Totals(3 * m), tally.BySector(3 * m), tally.ByCountry(3 * m), tally.ByRankBand(3 * m));
        return new ContingencyReport(baseline, ranked, options, model.Cycles);
    }

    /// <summary>The figure used to rank; unknown sums rank as 0.</summary>
    private static double Severity(ImpactTotals impact, SeverityMeasure measure) => measure switch
    {
        SeverityMeasure.Users => impact.Users ?? 0,
        SeverityMeasure.Revenue => impact.RevenueUsd ?? 0,
        SeverityMeasure.Criticality => impact.Criticality ?? 0,
        _ => impact.Services,
    };

    internal static void CheckBands(IReadOnlyList<int> bands, string paramName)
    {
        ArgumentNullException.ThrowIfNull(bands, paramName);
        for (int b = 0; b < bands.Count; b++)
        {
            if (bands[b] < 1 || (b > 0 && bands[b] <= bands[b - 1]))
            {
                throw new ArgumentException($"Rank bands must be ascending integers >= 1; found {string.Join(", ", bands)}.", paramName);
            }
        }
    }
}

/// <summary>
/// Per-node results of single-node failure: what each node takes down (<see cref="Down"/>), who takes
/// each node down (<see cref="Ancestors"/>) and what each node needs (<see cref="Descendants"/>).
/// </summary>
internal sealed class Closures
{
    private Closures(int[][] down, int[][] ancestors, int[][] descendants)
    {
        Down = down;
        Ancestors = ancestors;
        Descendants = descendants;
    }

    /// <summary>Down[i]: nodes down when node i fails alone, i first, then ascending.</summary>
    public int[][] Down { get; }

    /// <summary>Ancestors[t]: nodes whose lone failure takes t down (t included), ascending.</summary>
    public int[][] Ancestors { get; }

    /// <summary>Descendants[t]: t and every node t requires, directly or through other nodes, in any group.</summary>
    public int[][] Descendants { get; }

    public static Closures Of(DependencyModel model)
    {
        int m = model.Nodes.Count;
        var down = new int[m][];
        var flags = new bool[m];
        var remaining = new int[model.GroupStart[m]];
        var queue = new int[m];
        var ancestorLists = new List<int>[m];
        for (int i = 0; i < m; i++)
        {
            int count = model.PropagateNodes([i], flags, remaining, queue);
            int[] list = queue[..count];
            Array.Sort(list, 1, count - 1);
            down[i] = list;
            foreach (int j in list)
            {
                (ancestorLists[j] ??= []).Add(i);
            }
        }

        var ancestors = ancestorLists.Select(l => l is null ? [] : l.Order().ToArray()).ToArray();
        var descendants = new int[m][];
        var seen = new int[m];
        Array.Fill(seen, -1);
        var stack = new Stack<int>();
        for (int t = 0; t < m; t++)
        {
            var list = new List<int>();
            stack.Push(t);
            seen[t] = t;
            while (stack.Count > 0)
            {
                int u = stack.Pop();
                list.Add(u);
                for (int g = model.GroupStart[u]; g < model.GroupStart[u + 1]; g++)
                {
                    foreach (int v in model.Targets(model.GroupKey[g]))
                    {
                        if (seen[v] != t)
                        {
                            seen[v] = t;
                            stack.Push(v);
                        }
                    }
                }
            }

            descendants[t] = list.ToArray();
        }

        return new Closures(down, ancestors, descendants);
    }

    /// <summary>Nodes whose lone failure takes every target of a group down: the intersection of their ancestors.</summary>
    public int[] Killers(ReadOnlySpan<int> targets)
    {
        IEnumerable<int> result = Ancestors[targets[0]];
        for (int i = 1; i < targets.Length; i++)
        {
            result = result.Intersect(Ancestors[targets[i]]);
        }

        return result.Order().ToArray();
    }
}
