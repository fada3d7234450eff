using RiskToolkit.Dependencies;
using RiskToolkit.Impact;

namespace RiskToolkit.Policy;

/// <summary>
/// Policy what-ifs on the cloud layer of a dependency model: redundancy (multi-region, multi-cloud) and
/// deconcentration. Each returns new tables and leaves node ids intact, so a scenario written for the
/// original tables still resolves. Requirements keep their semantics: AND across a dependent's groups,
/// OR within a group (<see cref="DependencyModel"/>).
/// </summary>
/// <remarks>
/// <para>
/// Who adopts is reproducible: the eligible services, in model order, are shuffled once by a seeded
/// Fisher–Yates permutation (xoshiro256** seeded by SplitMix64), and the first round(share × eligible)
/// adopt (rounding half away from zero). The order and each adopter's choice do not depend on the share, so a
/// larger share adds services to a smaller one's adopters and results are monotone in the share.
/// </para>
/// <para>
/// A cloud group is a requirement group of layer <see cref="CloudLayer"/>; a region is a node of kind
/// <see cref="NodeKind.Region"/> in that layer with a provider. A service "rests on one region" when one of
/// its cloud groups has a single target and that target is a region. A provider's use is the number of
/// services with a cloud group that lists one of its regions. The policies ignore what adoption costs, and
/// they treat an added region as failing independently of the original one (no correlated failures beyond
/// those the dependency model states, e.g. every region of a provider needing its provider node).
/// </para>
/// <para>No R package offers these transforms; they are the project's own what-if model.</para>
/// </remarks>
public static class PolicyTransforms
{
    /// <summary>The layer the policies change.</summary>
    public const string CloudLayer = "cloud";

    /// <summary>Stream of the adoption order, apart from the Monte Carlo streams of the same seed.</summary>
    private const ulong OrderStream = 0x9E11C7;

    /// <summary>Applies <paramref name="policy"/>: the tables as given for <see cref="PolicyKind.Baseline"/>, else the transform of its kind.</summary>
    /// <param name="data">Dependency tables.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="seed">Seed of the adoption order.</param>
    /// <returns>The new tables and the changes.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The share is outside [0, 1] or NaN; <see cref="PolicySpec.TopProviders"/> below 1.</exception>
    /// <exception cref="ArgumentException">Invalid tables, or no alternative exists (see the transforms).</exception>
    public static PolicyApplication Apply(DependencyData data, PolicySpec policy, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Kind switch
        {
            PolicyKind.Baseline => Baseline(data, policy, seed),
            PolicyKind.MultiRegion => MultiRegion(data, policy.Share, seed) with { Policy = policy },
            PolicyKind.MultiCloud => MultiCloud(data, policy.Share, seed) with { Policy = policy },
            PolicyKind.Deconcentration => Deconcentration(data, policy.Share, policy.TopProviders, seed) with { Policy = policy },
            _ => throw new ArgumentException($"Unknown policy kind {policy.Kind}.", nameof(policy)),
        };
    }

    /// <summary>
    /// Multi-region: a share of the services whose cloud layer rests on one region gain, in that OR group,
    /// another region of the SAME provider. The a-th adopter resting on a region takes the provider's other
    /// regions in turn (in <c>nodes.csv</c> order), so adopters spread over them rather than piling onto one.
    /// </summary>
    /// <param name="data">Dependency tables.</param>
    /// <param name="share">Share 0–1 of the eligible services that adopt.</param>
    /// <param name="seed">Seed of the adoption order.</param>
    /// <returns>
    /// The new tables and changes. Eligible: services resting on one region whose provider has another
    /// region; services resting on the only region of their provider are listed in
    /// <see cref="PolicyApplication.WithoutAlternative"/>. A service with several single-region cloud groups
    /// gains an alternative in each.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentException">Invalid tables (as <see cref="DependencyModel.Build"/>), or no service has an alternative region of its provider.</exception>
    /// <remarks>
    /// A region outage takes an adopter down only if the alternative fails too; a failure of the provider
    /// as a whole (a node every region needs) still does. Reliance on the provider is therefore unchanged.
    /// </remarks>
    public static PolicyApplication MultiRegion(DependencyData data, double share, ulong seed)
    {
        var cloud = CloudIndex.Of(data, share);
        var nextRegion = new Dictionary<string, int>(StringComparer.Ordinal);
        return cloud.AddAlternative(
            new PolicySpec($"multi-region {Percent(share)}", PolicyKind.MultiRegion, share),
            seed,
            origin => cloud.RegionsOf(origin.ProviderId!).Count > 1,
            origin =>
            {
                var others = cloud.RegionsOf(origin.ProviderId!).Where(r => r.NodeId != origin.NodeId).ToList();
                int turn = nextRegion.GetValueOrDefault(origin.NodeId);
                nextRegion[origin.NodeId] = turn + 1;
                return others[turn % others.Count];
            },
            "no service rests on one region of a provider with another region");
    }

    /// <summary>
    /// Multi-cloud: a share of the services whose cloud layer rests on one region gain, in that OR group, a
    /// region of ANOTHER provider. The provider is chosen in proportion to the providers' current use
    /// (largest deficit: the k-th adopter takes the other provider j that maximises k·wⱼ/W − aⱼ, where wⱼ is
    /// j's use, W the total use and aⱼ the adopters j has taken so far; ties to the provider first in
    /// <c>nodes.csv</c>), so every prefix of adopters is split about as the market is; a provider nobody
    /// uses is never chosen. Within the provider the region is taken in turn, as in <see cref="MultiRegion"/>.
    /// </summary>
    /// <param name="data">Dependency tables.</param>
    /// <param name="share">Share 0–1 of the eligible services that adopt.</param>
    /// <param name="seed">Seed of the adoption order.</param>
    /// <returns>The new tables and changes; eligible: every service resting on one region when another provider with use has a region.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentException">Invalid tables, or no service rests on one region while another used provider has a region.</exception>
    public static PolicyApplication MultiCloud(DependencyData data, double share, ulong seed)
    {
        var cloud = CloudIndex.Of(data, share);
        var taken = new int[cloud.Providers.Count];
        int adopters = 0;
        return cloud.AddAlternative(
            new PolicySpec($"multi-cloud {Percent(share)}", PolicyKind.MultiCloud, share),
            seed,
            origin => cloud.Providers.Any(p => p != origin.ProviderId && cloud.Use(p) > 0),
            origin =>
            {
                int j = cloud.LargestDeficit(taken, ++adopters, p => p != origin.ProviderId);
                var regions = cloud.RegionsOf(cloud.Providers[j]);
                return regions[taken[j]++ % regions.Count];
            },
            "no service rests on one region while another used provider has a region");
    }

    /// <summary>
    /// Deconcentration: of the services resting on one of the <paramref name="topProviders"/> largest cloud
    /// providers alone (a cloud group whose every target is a region of that provider), a share moves: the
    /// group's targets are replaced by one region of a provider outside the top, chosen in proportion to
    /// those providers' current use (largest deficit, as in <see cref="MultiCloud"/>; not equally), the
    /// region in turn. Providers are ranked by use, ties by provider id (ordinal).
    /// </summary>
    /// <param name="data">Dependency tables.</param>
    /// <param name="share">Share 0–1 of the eligible services that move.</param>
    /// <param name="topProviders">How many of the largest providers give up services, ≥ 1.</param>
    /// <param name="seed">Seed of the adoption order.</param>
    /// <returns>The new tables and changes. A service that used several regions of a top provider ends with the one region of its new provider: it trades regional redundancy for independence of the large provider.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is outside [0, 1] or NaN; <paramref name="topProviders"/> below 1.</exception>
    /// <exception cref="ArgumentException">Invalid tables; no used provider outside the top with a region; or no service rests on a top provider alone.</exception>
    public static PolicyApplication Deconcentration(DependencyData data, double share, int topProviders, ulong seed)
    {
        var cloud = CloudIndex.Of(data, share);
        ArgumentOutOfRangeException.ThrowIfLessThan(topProviders, 1);
        var top = cloud.Providers.Where(p => cloud.Use(p) > 0)
            .OrderByDescending(cloud.Use).ThenBy(p => p, StringComparer.Ordinal)
            .Take(topProviders).ToHashSet(StringComparer.Ordinal);
        if (!cloud.Providers.Any(p => !top.Contains(p) && cloud.Use(p) > 0))
        {
            throw new ArgumentException($"No alternative: no used cloud provider outside the largest {topProviders} has a region.", nameof(topProviders));
        }

        var policy = new PolicySpec($"deconcentration {Percent(share)}", PolicyKind.Deconcentration, share) { TopProviders = topProviders };
        var eligible = new List<(string Service, List<CloudGroup> Groups)>();
        foreach (var (service, groups) in cloud.CloudGroups)
        {
            var onTop = groups.Where(g => g.SoleProvider is { } p && top.Contains(p)).ToList();
            if (onTop.Count > 0)
            {
                eligible.Add((service, onTop));
            }
        }

        if (eligible.Count == 0)
        {
            throw new ArgumentException($"No service rests on one of the largest {topProviders} cloud providers alone.", nameof(data));
        }

        var taken = new int[cloud.Providers.Count];
        int movers = 0;
        var changes = new List<RequirementChange>();
        foreach (var (service, groups) in Adopters(eligible, share, seed))
        {
            int j = cloud.LargestDeficit(taken, ++movers, p => !top.Contains(p));
            var regions = cloud.RegionsOf(cloud.Providers[j]);
            string target = regions[taken[j]++ % regions.Count].NodeId;
            changes.AddRange(groups.Select(g => new RequirementChange(service, CloudLayer, g.GroupId, g.Targets, [target])));
        }

        return new PolicyApplication(policy, seed, eligible.Count, [], Rewrite(data, changes, policy), changes);
    }

    /// <summary>The first round(share × n) of the seeded permutation of <paramref name="eligible"/>.</summary>
    internal static IEnumerable<T> Adopters<T>(IReadOnlyList<T> eligible, double share, ulong seed)
    {
        var order = eligible.ToArray();
        var random = new StreamRandom(seed, OrderStream);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        int count = (int)Math.Round(share * order.Length, MidpointRounding.AwayFromZero);
        return order.Take(count);
    }

    private static PolicyApplication Baseline(DependencyData data, PolicySpec policy, ulong seed)
    {
        DependencyModel.Build(data);
        return new PolicyApplication(policy, seed, 0, [], data, []);
    }

    /// <summary>The requirements with each change applied: removed rows dropped, added rows right after the group's last row.</summary>
    private static DependencyData Rewrite(DependencyData data, IReadOnlyList<RequirementChange> changes, PolicySpec policy)
    {
        var byGroup = changes.ToDictionary(c => (c.ServiceId, c.GroupId));
        var last = new Dictionary<(string, string), int>();
        for (int r = 0; r < data.Requirements.Count; r++)
        {
            var key = (data.Requirements[r].DependentId, data.Requirements[r].GroupId);
            if (byGroup.ContainsKey(key))
            {
                last[key] = r;
            }
        }

        string note = $"policy what-if: {policy.Label}";
        var rows = new List<Requirement>(data.Requirements.Count + changes.Count);
        for (int r = 0; r < data.Requirements.Count; r++)
        {
            Requirement row = data.Requirements[r];
            var key = (row.DependentId, row.GroupId);
            if (!byGroup.TryGetValue(key, out var change))
            {
                rows.Add(row);
                continue;
            }

            if (!change.RemovedTargetIds.Contains(row.TargetId, StringComparer.Ordinal))
            {
                rows.Add(row);
            }

            if (last[key] == r)
            {
                rows.AddRange(change.AddedTargetIds.Select(t => new Requirement(row.DependentId, row.Layer, row.GroupId, t) { Note = note }));
            }
        }

        return data with { Requirements = rows };
    }

    private static string Percent(double share) => (100 * share).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>A service's cloud group: its distinct targets, and their provider when every target is a region of one provider.</summary>
    private sealed record CloudGroup(string GroupId, IReadOnlyList<string> Targets, string? SoleProvider);

    /// <summary>The cloud layer of validated tables: regions by provider, each provider's use, each service's cloud groups.</summary>
    private sealed class CloudIndex
    {
        private readonly Dictionary<string, List<DependencyNode>> regions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> use = new(StringComparer.Ordinal);
        private readonly DependencyData data;

        private CloudIndex(DependencyData data)
        {
            this.data = data;
        }

        /// <summary>Providers with at least one region, in <c>nodes.csv</c> order.</summary>
        public List<string> Providers { get; } = [];

        /// <summary>Services with at least one cloud group, in model order, with those groups in first-seen order.</summary>
        public List<(string Service, List<CloudGroup> Groups)> CloudGroups { get; } = [];

        private Dictionary<string, DependencyNode> NodeById { get; } = new(StringComparer.Ordinal);

        public static CloudIndex Of(DependencyData data, double share)
        {
            ArgumentNullException.ThrowIfNull(data);
            Guard.InRange(share, 0, 1, nameof(share));
            DependencyModel.Build(data);
            var index = new CloudIndex(data);
            foreach (DependencyNode node in data.Nodes)
            {
                index.NodeById[node.NodeId] = node;
                if (IsRegion(node))
                {
                    if (!index.regions.TryGetValue(node.ProviderId!, out var list))
                    {
                        index.regions[node.ProviderId!] = list = [];
                        index.Providers.Add(node.ProviderId!);
                    }

                    list.Add(node);
                }
            }

            var services = data.Services.Select(s => s.ServiceId).ToHashSet(StringComparer.Ordinal);
            var groups = new Dictionary<string, List<(string Group, List<string> Targets)>>(StringComparer.Ordinal);
            foreach (Requirement r in data.Requirements)
            {
                if (r.Layer != CloudLayer || !services.Contains(r.DependentId))
                {
                    continue;
                }

                if (!groups.TryGetValue(r.DependentId, out var list))
                {
                    groups[r.DependentId] = list = [];
                }

                int g = list.FindIndex(x => x.Group == r.GroupId);
                if (g < 0)
                {
                    list.Add((r.GroupId, [r.TargetId]));
                }
                else if (!list[g].Targets.Contains(r.TargetId, StringComparer.Ordinal))
                {
                    list[g].Targets.Add(r.TargetId);
                }
            }

            foreach (DependentService s in data.Services)
            {
                if (!groups.TryGetValue(s.ServiceId, out var list))
                {
                    continue;
                }

                var cloudGroups = list.Select(g => new CloudGroup(g.Group, g.Targets, index.SoleProvider(g.Targets))).ToList();
                index.CloudGroups.Add((s.ServiceId, cloudGroups));
                foreach (string p in list.SelectMany(g => g.Targets).Select(t => index.NodeById[t]).Where(IsRegion).Select(n => n.ProviderId!).Distinct(StringComparer.Ordinal))
                {
                    index.use[p] = index.use.GetValueOrDefault(p) + 1;
                }
            }

            return index;
        }

        public IReadOnlyList<DependencyNode> RegionsOf(string providerId) => regions[providerId];

        public int Use(string providerId) => use.GetValueOrDefault(providerId);

        /// <summary>
        /// Index into <see cref="Providers"/> of the allowed provider with use that is furthest behind its
        /// proportional quota after <paramref name="k"/> adopters: max k·wⱼ/W − aⱼ, ties to the first.
        /// </summary>
        public int LargestDeficit(int[] taken, int k, Func<string, bool> allowed)
        {
            double total = Providers.Where(allowed).Sum(p => (double)Use(p));
            int best = -1;
            double bestDeficit = double.NegativeInfinity;
            for (int j = 0; j < Providers.Count; j++)
            {
                if (!allowed(Providers[j]) || Use(Providers[j]) == 0)
                {
                    continue;
                }

                double deficit = (k * Use(Providers[j]) / total) - taken[j];
                if (deficit > bestDeficit)
                {
                    (best, bestDeficit) = (j, deficit);
                }
            }

            return best;
        }

        /// <summary>Adds an alternative to every single-region cloud group of a share of the eligible services.</summary>
        public PolicyApplication AddAlternative(PolicySpec policy, ulong seed, Func<DependencyNode, bool> hasAlternative, Func<DependencyNode, DependencyNode> choose, string none)
        {
            var eligible = new List<(string Service, List<DependencyNode> Origins, List<CloudGroup> Groups)>();
            var without = new List<string>();
            foreach (var (service, groups) in CloudGroups)
            {
                var single = groups.Where(g => g.Targets.Count == 1 && IsRegion(NodeById[g.Targets[0]])).ToList();
                if (single.Count == 0)
                {
                    continue;
                }

                var origins = single.Select(g => NodeById[g.Targets[0]]).ToList();
                if (origins.All(hasAlternative))
                {
                    eligible.Add((service, origins, single));
                }
                else
                {
                    without.Add(service);
                }
            }

            if (eligible.Count == 0)
            {
                throw new ArgumentException($"No alternative: {none}.", nameof(data));
            }

            var changes = new List<RequirementChange>();
            foreach (var (service, origins, groups) in Adopters(eligible, policy.Share, seed))
            {
                for (int i = 0; i < groups.Count; i++)
                {
                    changes.Add(new RequirementChange(service, CloudLayer, groups[i].GroupId, [], [choose(origins[i]).NodeId]));
                }
            }

            return new PolicyApplication(policy, seed, eligible.Count, without, Rewrite(data, changes, policy), changes);
        }

        private static bool IsRegion(DependencyNode node) => node is { Kind: NodeKind.Region, Layer: CloudLayer, ProviderId: not null };

        private string? SoleProvider(List<string> targets)
        {
            var nodes = targets.Select(t => NodeById[t]).ToList();
            return nodes.All(IsRegion) && nodes.Select(n => n.ProviderId).Distinct(StringComparer.Ordinal).Count() == 1 ? nodes[0].ProviderId : null;
        }
    }
}
