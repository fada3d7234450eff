using RiskToolkit.Concentration;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Policy;

/// <summary>How much of a sector relies on one provider.</summary>
/// <param name="ProviderId">The provider (the <c>provider_id</c> of its nodes).</param>
/// <param name="ServicesRelying">Services of the sector that go down when every node of the provider fails (directly or through the nodes they need).</param>
/// <param name="ServicesUsing">Services of the sector that reach a node of the provider through their requirements, directly or transitively, whether or not they have an alternative; includes <paramref name="ServicesRelying"/>.</param>
/// <param name="ShareRelying">ServicesRelying ÷ services of the sector, 0–1 (DORA sub-criterion 1.1's stand-in).</param>
/// <param name="ShareUsing">ServicesUsing ÷ services of the sector, 0–1.</param>
/// <param name="RevenueShareRelying">
/// Annual revenue of the relying services ÷ annual revenue of the sector's services, both over services of
/// known revenue, 0–1: the stand-in for sub-criterion 1.2's share of total assets, which the tables do not
/// hold. <see langword="null"/> when no service of the sector has a known revenue, or their known revenue sums to 0 (0 of 0 is undefined).
/// </param>
/// <param name="MeetsThreshold">
/// Whether both shares are at or above <see cref="RelianceAnalysis.Threshold"/>; <see langword="null"/> when
/// the revenue share is unknown and the service share meets it (undecided), false when the service share
/// alone falls short.
/// </param>
public sealed record ProviderReliance(
    string ProviderId,
    int ServicesRelying,
    int ServicesUsing,
    double ShareRelying,
    double ShareUsing,
    double? RevenueShareRelying,
    bool? MeetsThreshold)
{
    /// <summary>Services that use the provider only as one of several alternatives: <c>ServicesUsing − ServicesRelying</c>.</summary>
    public int ServicesUsingWithAlternative => ServicesUsing - ServicesRelying;
}

/// <summary>Reliance of one sector (or all services) on each provider of one layer (or all layers).</summary>
/// <param name="Sector">NAICS sector of the services counted (as in services.csv), or <see langword="null"/> for every service.</param>
/// <param name="Layer">Layer whose nodes count as the provider's, or <see langword="null"/> for all of a provider's nodes.</param>
/// <param name="Services">Services counted (the base of the shares).</param>
/// <param name="ServicesWithRevenue">Of them, services with a known annual revenue.</param>
/// <param name="RevenueUsd">Their annual revenue, USD per year.</param>
/// <param name="Providers">One row per provider with a node in the layer, most relied on first (then by id, ordinal).</param>
public sealed record RelianceReport(
    string? Sector,
    string? Layer,
    int Services,
    int ServicesWithRevenue,
    double RevenueUsd,
    IReadOnlyList<ProviderReliance> Providers);

/// <summary>
/// Reliance in the style of DORA: for a sector, the share of its services that rely on each provider, by
/// count and weighted by revenue, flagged against the 10% criterion for designating critical ICT third-party
/// service providers.
/// </summary>
/// <remarks>
/// <para>
/// Sources: Regulation (EU) 2022/2554 (DORA) Art. 31(2)(a); Commission Delegated Regulation (EU) 2024/1502
/// (eu-2024-1502 in data/sources.csv), Art. 2(1): step-1 sub-criteria 1.1 (share of the financial entities of a
/// category to which the provider supplies ICT services supporting critical or important functions) and 1.2 (share
/// of the total value of assets of those entities), each to reach 10% for at least one category (METHODS.md).
/// </para>
/// <para>
/// The stand-ins: a service here is one entity; "relies" means the provider's failure takes the service
/// down through the dependency model (every node with the provider's id fails; failure propagates as in
/// <see cref="FailurePropagation"/>), the nearest the tables come to "supports a critical or important
/// function"; revenue stands in for total assets. NAICS 52 (finance and insurance) stands in for a DORA
/// category of financial entities, which is narrower (credit institutions, insurers, …). The regulation's other
/// step-1 sub-criteria (systemically important institutions, Art. 3(1); substitutability, Art. 5(1)) and its step 2
/// are not modelled, and providers are counted as the tables name them, not rolled up to their group. No R package
/// computes this.
/// </para>
/// </remarks>
public static class RelianceAnalysis
{
    /// <summary>The 10% threshold of Delegated Regulation (EU) 2024/1502 Art. 2, as a share 0–1.</summary>
    public const double Threshold = 0.10;

    /// <summary>NAICS 2022 sector 52, finance and insurance.</summary>
    public const string FinanceSector = "52";

    /// <summary>
    /// Each provider's group: the last ancestor reached through <see cref="Provider.Parent"/> (providers.csv), or the
    /// provider itself when it has no parent, for <see cref="Analyse"/>'s <c>groupOf</c>.
    /// </summary>
    /// <param name="providers">The rows of providers.csv.</param>
    /// <returns>Provider id → group id, for every provider.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="providers"/> is null.</exception>
    /// <exception cref="ArgumentException">A parent chain runs in a circle or names a provider that is not listed.</exception>
    public static IReadOnlyDictionary<string, string> Groups(IReadOnlyList<Provider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var parent = providers.ToDictionary(p => p.ProviderId, p => p.Parent, StringComparer.Ordinal);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Provider provider in providers)
        {
            string top = provider.ProviderId;
            var seen = new HashSet<string>(StringComparer.Ordinal) { top };
            while (parent[top] is { } up)
            {
                if (!parent.ContainsKey(up))
                {
                    throw new ArgumentException($"Provider '{top}' names the parent '{up}', which is not a provider.", nameof(providers));
                }

                if (!seen.Add(up))
                {
                    throw new ArgumentException($"The parents of provider '{provider.ProviderId}' run in a circle through '{up}'.", nameof(providers));
                }

                top = up;
            }

            groups[provider.ProviderId] = top;
        }

        return groups;
    }

    /// <summary>Reliance of the services of <paramref name="sector"/> on every provider with a node in <paramref name="layer"/>.</summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="sector">A NAICS sector as written in services.csv (e.g. <see cref="FinanceSector"/>), or <see langword="null"/> for every service.</param>
    /// <param name="layer">Only the provider's nodes of this layer fail (e.g. <c>cloud</c>), or <see langword="null"/> for all its nodes.</param>
    /// <param name="groupOf">
    /// The id each provider is assessed under, e.g. from <see cref="Groups"/>: Regulation (EU) 2022/2554 Art. 31(3)
    /// considers a provider that belongs to a group through the services of the group as a whole, so a group's
    /// nodes fail together and the row carries the group's id. <see langword="null"/> (the default), or a provider
    /// missing from the map, assesses the provider on its own.
    /// </param>
    /// <returns>The report; every share is 0 when the sector has no service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <remarks>Cost: one propagation and one reverse reachability per provider, each linear in requirement rows.</remarks>
    public static RelianceReport Analyse(DependencyModel model, string? sector, string? layer, IReadOnlyDictionary<string, string>? groupOf = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        int m = model.Nodes.Count;
        var services = Enumerable.Range(0, model.Services.Count).Where(s => sector is null || model.Services[s].Sector == sector).ToArray();
        double revenue = services.Sum(s => model.Services[s].AnnualRevenueUsd ?? 0);
        int withRevenue = services.Count(s => model.Services[s].AnnualRevenueUsd is not null);
        var byProvider = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < m; i++)
        {
            DependencyNode node = model.Nodes[i];
            if (node.ProviderId is { } id && (layer is null || node.Layer == layer))
            {
                string p = groupOf is not null && groupOf.TryGetValue(id, out string? group) ? group : id;
                if (!byProvider.TryGetValue(p, out var list))
                {
                    byProvider[p] = list = [];
                    order.Add(p);
                }

                list.Add(i);
            }
        }

        var down = new bool[m];
        var reached = new bool[m];
        var remaining = new int[model.GroupStart[m]];
        var queue = new int[m];
        var rows = new List<ProviderReliance>(order.Count);
        foreach (string provider in order)
        {
            int[] nodes = byProvider[provider].ToArray();
            model.PropagateNodes(nodes, down, remaining, queue);
            DependencyReach.Nodes(model, nodes, reached, queue);
            int relying = 0, usingCount = 0;
            double relyingRevenue = 0;
            foreach (int s in services)
            {
                bool relies = FailurePropagation.ServiceDown(model, m + s, down);
                if (relies)
                {
                    relying++;
                    relyingRevenue += model.Services[s].AnnualRevenueUsd ?? 0;
                }

                if (relies || DependencyReach.Uses(model, m + s, reached))
                {
                    usingCount++;
                }
            }

            double n = services.Length;
            double shareRelying = n == 0 ? 0 : relying / n;
            // 0 of 0 USD is undefined, not 0: with no known revenue the asset test stays undecided.
            double? revenueShare = withRevenue == 0 || revenue == 0 ? null : relyingRevenue / revenue;
            bool? meets = shareRelying < Threshold ? false : revenueShare is { } r ? r >= Threshold : null;
            rows.Add(new ProviderReliance(provider, relying, usingCount, shareRelying, n == 0 ? 0 : usingCount / n, revenueShare, meets));
        }

        return new RelianceReport(
            sector,
            layer,
            services.Length,
            withRevenue,
            revenue,
            rows.OrderByDescending(r => r.ServicesRelying).ThenBy(r => r.ProviderId, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// HHI of reliance: H = Σ sᵢ² over the report's providers, where sᵢ is the share of the counted services
    /// relying on provider i (<see cref="ProviderReliance.ShareRelying"/>), on the 0–1 scale (× 10,000 for points).
    /// </summary>
    /// <param name="report">A reliance report, typically of every service on the <c>cloud</c> layer.</param>
    /// <returns>
    /// H in [0, 1] when no service relies on two providers at once. The shares are of all services, so they sum
    /// to less than 1 when some services survive every single provider's failure: such services rely on no one
    /// and add nothing, as an infinitely fragmented remainder (the lower bound of METHODS.md's incomplete-data
    /// rule). Redundancy therefore lowers H; 0 when the report has no provider or no service.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <remarks>Formula: <see cref="ConcentrationIndices.Hhi"/> (US DOJ; R: <c>concstats::concstats_hhi</c>), applied to reliance instead of sales.</remarks>
    public static double Hhi(RelianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Providers.Count == 0 ? 0 : ConcentrationIndices.Hhi(report.Providers.Select(p => p.ShareRelying).ToArray());
    }
}
