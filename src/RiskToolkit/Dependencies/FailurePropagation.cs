using Microsoft.Data.Analysis;

namespace RiskToolkit.Dependencies;

/// <summary>
/// What a scenario takes down: the nodes failed on their own, the nodes brought down with them, and the
/// services that fail.
/// </summary>
/// <param name="FailedNodeIds">Nodes given as failed, in the order given (duplicates removed).</param>
/// <param name="NodesDown">Every node down: the failed ones first, then those brought down through requirements, in propagation order.</param>
/// <param name="ServicesDown">Ids of the services that fail, in model order.</param>
/// <param name="Failed">Totals of the failed services (users, revenue in USD per year, criticality, with unknown counts).</param>
/// <param name="BySector">Failed services by NAICS sector.</param>
/// <param name="ByCountry">Failed services by country.</param>
/// <param name="ServicesTotal">All services of the model, the base for shares.</param>
public sealed record PropagationResult(
    IReadOnlyList<string> FailedNodeIds,
    IReadOnlyList<string> NodesDown,
    IReadOnlyList<string> ServicesDown,
    ImpactTotals Failed,
    IReadOnlyList<ImpactByKey> BySector,
    IReadOnlyList<ImpactByKey> ByCountry,
    int ServicesTotal)
{
    /// <summary>One row per failed service: service_id, name, operator, sector, country, users, annual_revenue_usd, criticality (null cells where unknown).</summary>
    /// <param name="model">The model the result came from (for the service attributes).</param>
    /// <returns>A new data frame.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null.</exception>
    public DataFrame ToDataFrame(DependencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var byId = new HashSet<string>(ServicesDown, StringComparer.Ordinal);
        DependentService[] rows = model.Services.Where(s => byId.Contains(s.ServiceId)).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("service_id", rows.Select(s => s.ServiceId)),
            new StringDataFrameColumn("name", rows.Select(s => s.Name)),
            new StringDataFrameColumn("operator", rows.Select(s => s.Operator)),
            new StringDataFrameColumn("sector", rows.Select(s => s.Sector)),
            new StringDataFrameColumn("country", rows.Select(s => s.Country)),
            new Int64DataFrameColumn("users", rows.Select(s => s.Users)),
            new DoubleDataFrameColumn("annual_revenue_usd", rows.Select(s => s.AnnualRevenueUsd)),
            new DoubleDataFrameColumn("criticality", rows.Select(s => s.Criticality)));
    }
}

/// <summary>
/// Scenario propagation: a set of failed nodes → the nodes and services that go down with them, through
/// direct and transitive requirements (AND across groups, OR within a group), to the least fixpoint.
/// </summary>
/// <remarks>
/// Fault-tree semantics (Vesely et al., Fault Tree Handbook, NUREG-0492, 1981): a dependent fails when
/// every alternative of one of its required groups has failed. Members of a dependency cycle fail only
/// when a failure outside the cycle brings them down. Cost linear in requirement rows.
/// </remarks>
public static class FailurePropagation
{
    /// <summary>Propagates the failure of <paramref name="failedNodeIds"/>.</summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="failedNodeIds">Ids of nodes failing on their own; may be empty (the base case).</param>
    /// <returns>What goes down.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When an id names no node of the model.</exception>
    public static PropagationResult Propagate(DependencyModel model, IEnumerable<string> failedNodeIds)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(failedNodeIds);
        var failed = new List<int>();
        var given = new List<string>();
        foreach (string id in failedNodeIds)
        {
            int i = model.IndexOfNode(id ?? throw new ArgumentException("A failed node id is null.", nameof(failedNodeIds)));
            if (i < 0)
            {
                throw new ArgumentException($"Failed node '{id}' is not a node of the model.", nameof(failedNodeIds));
            }

            if (!failed.Contains(i))
            {
                failed.Add(i);
                given.Add(id);
            }
        }

        int m = model.Nodes.Count;
        var down = new bool[m];
        var queue = new int[m];
        int count = model.PropagateNodes(failed.ToArray(), down, new int[model.GroupStart[m]], queue);
        var codes = new ServiceCodes(model.Services, []);
        var tally = new ImpactTally(model.Services, codes, 1);
        var services = new List<string>();
        for (int s = 0; s < model.Services.Count; s++)
        {
            if (ServiceDown(model, m + s, down))
            {
                tally.Add(0, s);
                services.Add(model.Services[s].ServiceId);
            }
        }

        return new PropagationResult(
            given,
            queue[..count].Select(i => model.Nodes[i].NodeId).ToArray(),
            services,
            tally.Totals(0),
            tally.BySector(0),
            tally.ByCountry(0),
            model.Services.Count);
    }

    /// <summary>Whether dependent <paramref name="d"/> has a group with every target down.</summary>
    internal static bool ServiceDown(DependencyModel model, int d, bool[] down)
    {
        for (int g = model.GroupStart[d]; g < model.GroupStart[d + 1]; g++)
        {
            bool all = true;
            foreach (int t in model.Targets(model.GroupKey[g]))
            {
                if (!down[t])
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
