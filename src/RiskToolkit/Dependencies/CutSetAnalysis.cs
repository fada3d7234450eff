using Microsoft.Data.Analysis;

namespace RiskToolkit.Dependencies;

/// <summary>
/// A minimal cut set of the service population: nodes whose joint failure takes down the services in
/// <see cref="Failed"/>, each of which survives when any one member stays up.
/// </summary>
/// <param name="NodeIds">The members, in model order.</param>
/// <param name="Failed">Services for which this set is a minimal cut set, with their users, revenue (USD per year) and criticality.</param>
/// <param name="BySector">Those services by NAICS sector.</param>
/// <param name="ByCountry">Those services by country.</param>
public sealed record CutSet(
    IReadOnlyList<string> NodeIds,
    ImpactTotals Failed,
    IReadOnlyList<ImpactByKey> BySector,
    IReadOnlyList<ImpactByKey> ByCountry)
{
    /// <summary>Number of members: 1 is a single point of failure, 2 a pair (N-2), 3 a triple.</summary>
    public int Order => NodeIds.Count;

    /// <summary>Contingency label: <c>N-1</c>, <c>N-2</c> or <c>N-3</c>.</summary>
    public string Label => $"N-{Order}";
}

/// <summary>Result of <see cref="CutSetAnalysis.MinimalCutSets"/>.</summary>
/// <param name="MaxOrder">The highest order searched (1–3).</param>
/// <param name="CutSets">Minimal cut sets, by order, then most services, then member ids.</param>
/// <param name="ServicesTotal">All services of the model.</param>
/// <param name="ServicesWithoutCutSet">Services with no minimal cut set of order ≤ <see cref="MaxOrder"/> : more redundant than the search reaches, or with no requirement at all.</param>
public sealed record CutSetReport(
    int MaxOrder,
    IReadOnlyList<CutSet> CutSets,
    int ServicesTotal,
    int ServicesWithoutCutSet)
{
    /// <summary>One row per cut set: label, order, members (joined by " + "), services, users, users_unknown, revenue_usd, revenue_unknown.</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("label", CutSets.Select(c => c.Label)),
        new Int32DataFrameColumn("order", CutSets.Select(c => c.Order)),
        new StringDataFrameColumn("members", CutSets.Select(c => string.Join(" + ", c.NodeIds))),
        new Int32DataFrameColumn("services", CutSets.Select(c => c.Failed.Services)),
        new Int64DataFrameColumn("users", CutSets.Select(c => c.Failed.Users)),
        new Int32DataFrameColumn("users_unknown", CutSets.Select(c => c.Failed.UsersUnknown)),
        new DoubleDataFrameColumn("revenue_usd", CutSets.Select(c => c.Failed.RevenueUsd)),
        new Int32DataFrameColumn("revenue_unknown", CutSets.Select(c => c.Failed.RevenueUnknown)));
}

/// <summary>
/// N-k analysis: minimal cut sets of order up to K over every service, aggregated over the population.
/// </summary>
/// <remarks>
/// A single point of failure of a service is a minimal cut set of order 1; order 2 gives the pairs (N-2)
/// whose joint failure takes services down that neither member alone does. Method: bottom-up MOCUS
/// with truncation at order K (Vesely et al., Fault Tree Handbook, NUREG-0492, 1981, ch. XI), over the
/// AND-of-OR-groups model (METHODS 'Single points of failure'). Cost grows with the number of cut sets
/// of order ≤ K per service, which redundancy raises; K is limited to 3.
/// </remarks>
public static class CutSetAnalysis
{
    /// <summary>The highest order <see cref="MinimalCutSets"/> accepts.</summary>
    public const int MaxSupportedOrder = 3;

    /// <summary>Finds the minimal cut sets of order 1 to <paramref name="maxOrder"/>.</summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="maxOrder">Highest order, 1 to <see cref="MaxSupportedOrder"/>.</param>
    /// <param name="layer">Only cut sets whose members all serve this layer; <see langword="null"/> for all.</param>
    /// <param name="includeSelfNodes">Whether to list cut sets holding a dependent's own infrastructure (a <see cref="NodeKind.Self"/> node, which concerns one dependent only); default false. They count for minimality either way.</param>
    /// <returns>The cut sets with the services each takes down.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="maxOrder"/> is outside 1–3.</exception>
    public static CutSetReport MinimalCutSets(DependencyModel model, int maxOrder = 2, string? layer = null, bool includeSelfNodes = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (maxOrder < 1 || maxOrder > MaxSupportedOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(maxOrder), maxOrder, $"Expected an order from 1 to {MaxSupportedOrder}.");
        }

        int m = model.Nodes.Count;
        var families = new CutSetFamilies(model, maxOrder);
        var slots = new Dictionary<(int, int, int), int>();
        var sets = new List<int[]>();
        var perService = new List<int>[model.Services.Count];
        int without = 0;
        for (int s = 0; s < model.Services.Count; s++)
        {
            List<int[]> family = families.OfDependent(m + s);
            if (family.Count == 0)
            {
                without++;
            }

            foreach (int[] set in family)
            {
                if (!Listed(model, set, layer, includeSelfNodes))
                {
                    continue;
                }

                var key = (set[0], set.Length > 1 ? set[1] : -1, set.Length > 2 ? set[2] : -1);
                if (!slots.TryGetValue(key, out int slot))
                {
                    slot = sets.Count;
                    slots.Add(key, slot);
                    sets.Add(set);
                }

                (perService[s] ??= []).Add(slot);
            }
        }

        var tally = new ImpactTally(model.Services, new ServiceCodes(model.Services, []), sets.Count);
        for (int s = 0; s < perService.Length; s++)
        {
            foreach (int slot in perService[s] ?? [])
            {
                tally.Add(slot, s);
            }
        }

        CutSet[] cutSets = Enumerable.Range(0, sets.Count)
            .Select(i => (Set: sets[i], Row: new CutSet(sets[i].Select(j => model.Nodes[j].NodeId).ToArray(), tally.Totals(i), tally.BySector(i), tally.ByCountry(i))))
            .OrderBy(x => x.Set.Length)
            .ThenByDescending(x => x.Row.Failed.Services)
            .ThenBy(x => string.Join('\u001F', x.Row.NodeIds), StringComparer.Ordinal)
            .Select(x => x.Row)
            .ToArray();
        return new CutSetReport(maxOrder, cutSets, model.Services.Count, without);
    }

    private static bool Listed(DependencyModel model, int[] set, string? layer, bool includeSelfNodes)
    {
        foreach (int i in set)
        {
            DependencyNode node = model.Nodes[i];
            if ((!includeSelfNodes && node.Kind == NodeKind.Self) || (layer is not null && node.Layer != layer))
            {
                return false;
            }
        }

        return true;
    }
}
