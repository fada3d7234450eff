using System.Globalization;
using MathNet.Numerics.Distributions;
using RiskToolkit.Data;

namespace RiskToolkit.Dependencies;

/// <summary>One row of the calibration table: a parameter of the synthetic population, its value and where the value comes from.</summary>
/// <param name="Parameter">Dotted name, e.g. <c>redundancy.dns</c>.</param>
/// <param name="Value">The value as invariant text (shares 0–1, counts, ids).</param>
/// <param name="Source">A source_id and how the value was derived, or "modelling assumption" with the reason.</param>
public sealed record SyntheticParameter(string Parameter, string Value, string Source);

/// <summary>
/// A synthetic population of services with four layers each (cloud region, DNS, CDN, certificate
/// authority), calibrated to the bundled market shares: a model, not data. Every row it makes cites
/// the source <see cref="SourceId"/>, whose title says so.
/// </summary>
/// <remarks>
/// Construction. Each layer's providers and shares come from one market's latest period (cloud:
/// Synergy; DNS, CDN, CA: the Alexa top-100K 2020 counts of Kashaf, Sekar and Agarwal, IMC 2020); the
/// unallocated remainder ('other') becomes explicitly named small providers. A service's group for a
/// layer has one target drawn by share and, with the layer's redundancy rate, a second distinct
/// target drawn from the same shares (a private alternative is modelled as a second provider).
/// Cloud targets are regions, which require their provider; each CDN and CA requires a DNS provider
/// (the one with the same owner when the DNS market has one, else one drawn by share), so failures
/// propagate through providers as in Kashaf et al.'s indirect dependencies. Sector, country, users and
/// revenue follow the documented distributions of <see cref="SyntheticOptions"/>.
/// Determinism: one <see cref="Random"/> seeded with <see cref="SyntheticOptions.Seed"/> (the seeded
/// algorithm of .NET is fixed), consumed in a fixed order, no parallelism. Provider choices use only
/// uniform draws and comparisons; users and revenue go through <see cref="Math.Log(double)"/> and
/// <see cref="Math.Exp"/> and are rounded to whole people and dollars, so the bytes are the same on any
/// machine whose maths library gives the same last bit (a difference could only show at a rounding
/// boundary). No R equivalent.
/// </remarks>
public static class SyntheticPopulation
{
    /// <summary>source_id of every synthetic row.</summary>
    public const string SourceId = "synthetic";

    /// <summary>The layers of each service, in the order of its groups.</summary>
    public static readonly IReadOnlyList<string> Layers = [Cloud, Dns, Cdn, Ca];

    private const string Cloud = "cloud";
    private const string Dns = "dns";
    private const string Cdn = "cdn";
    private const string Ca = "ca";

    private static readonly Dictionary<string, string[]> KnownRegions = new(StringComparer.Ordinal)
    {
        ["aws"] = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-1"],
        ["microsoft"] = ["eastus", "westeurope", "westus2", "northeurope", "southeastasia", "japaneast"],
        ["google"] = ["us-central1", "us-east1", "europe-west1", "europe-west4", "asia-east1", "asia-northeast1"],
    };

    /// <summary>Generates the population.</summary>
    /// <param name="options">Size, seed and parameters.</param>
    /// <param name="calibration">The bundled market data (e.g. <c>MarketDataReader.Load("data")</c>); it must hold the four markets of <paramref name="options"/>.</param>
    /// <returns>
    /// Tables in the layout of <see cref="DependencyDataWriter"/>: the cited sources plus
    /// <see cref="SourceId"/>; the providers used (with their owners) plus the synthetic small
    /// providers; provider and region nodes; services <c>syn-1</c> … <c>syn-N</c> (rank = number);
    /// requirements, a service's in layer order cloud, dns, cdn, ca (group id = layer), then the
    /// providers' own. Same options and calibration, same tables.
    /// </returns>
    /// <exception cref="ArgumentNullException">When an argument or a weight list is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a count, rate, share or σ is outside the range its property documents.</exception>
    /// <exception cref="ArgumentException">When a market is missing, of another layer, has no usable figures, or names a provider the calibration lacks; or a weight list is empty or has a negative weight.</exception>
    public static DependencyData Generate(SyntheticOptions options, MarketData calibration)
    {
        Plan plan = Prepare(options, calibration);
        var rng = new Random(options.Seed);
        var nodes = new List<DependencyNode>();
        var requirements = new List<Requirement>(checked((int)Math.Min(int.MaxValue, (4.7 * options.Services) + 1000)));
        var providerRows = new List<Provider>();
        var providerSeen = new HashSet<string>(StringComparer.Ordinal);
        var byId = calibration.Providers.ToDictionary(p => p.ProviderId, StringComparer.Ordinal);

        void AddProvider(string id, LayerPlan layer)
        {
            if (!providerSeen.Add(id))
            {
                return;
            }

            if (layer.SmallIds.Contains(id))
            {
                providerRows.Add(new Provider(id, SmallName(layer.Layer, id), null, layer.Layer, null));
                return;
            }

            Provider p = byId[id];
            if (p.Parent is { } parent)
            {
                AddProvider(parent, layer);
            }

            providerRows.Add(p);
        }

        // Target nodes per layer, in choice order; cloud targets are regions.
        var targets = new Dictionary<string, (string[] Ids, double[] Cumulative)>(StringComparer.Ordinal);
        foreach (LayerPlan layer in plan.Layers)
        {
            var ids = new List<string>();
            var weights = new List<double>();
            foreach (Choice c in layer.Choices)
            {
                AddProvider(c.ProviderId, layer);
                string providerNode = $"{layer.Layer}-{c.ProviderId}";
                string name = c.Synthetic ? SmallName(layer.Layer, c.ProviderId) : byId[c.ProviderId].Name;
                nodes.Add(new DependencyNode(providerNode, NodeKind.Provider, name)
                {
                    ProviderId = c.ProviderId,
                    Layer = layer.Layer,
                    SourceId = c.Synthetic ? SourceId : c.SourceId,
                    Note = c.Synthetic ? "synthetic small provider: part of the market's unallocated remainder ('other')" : null,
                });
                if (layer.Layer != Cloud)
                {
                    ids.Add(providerNode);
                    weights.Add(c.Share);
                    continue;
                }

                string[] regions = c.Synthetic ? ["region-1"] : RegionNames(c.ProviderId, options.RegionsPerProvider);
                for (int r = 0; r < regions.Length; r++)
                {
                    string regionNode = $"{providerNode}-{regions[r]}";
                    nodes.Add(new DependencyNode(regionNode, NodeKind.Region, $"{name} {regions[r]}")
                    {
                        ProviderId = c.ProviderId,
                        Layer = Cloud,
                        Region = regions[r],
                        SourceId = SourceId,
                        Note = "synthetic region; its share of the provider's customers is a modelling assumption",
                    });
                    requirements.Add(new Requirement(regionNode, Cloud, "provider", providerNode) { SourceId = SourceId });
                    ids.Add(regionNode);
                    double regionShare = regions.Length == 1 ? 1
                        : r == 0 ? options.LargestRegionShare
                        : (1 - options.LargestRegionShare) / (regions.Length - 1);
                    weights.Add(c.Share * regionShare);
                }
            }

            targets.Add(layer.Layer, (ids.ToArray(), Cumulative(weights)));
        }

        // Provider → DNS edges: the DNS provider of the same owner, else one drawn by share.
        LayerPlan dnsPlan = plan.Layers.Single(l => l.Layer == Dns);
        var dnsTargets = targets[Dns];
        foreach (LayerPlan layer in plan.Layers.Where(l => l.Layer is Cdn or Ca))
        {
            foreach (Choice c in layer.Choices)
            {
                string owner = Owner(c.ProviderId, byId);
                Choice? same = dnsPlan.Choices.FirstOrDefault(d => d.ProviderId == c.ProviderId)
                    ?? dnsPlan.Choices.Where(d => !d.Synthetic && Owner(d.ProviderId, byId) == owner).MaxBy(d => d.Share);
                string dnsNode = same is not null ? $"{Dns}-{same.ProviderId}" : dnsTargets.Ids[Draw(rng, dnsTargets.Cumulative)];
                requirements.Add(new Requirement($"{layer.Layer}-{c.ProviderId}", Dns, Dns, dnsNode)
                {
                    SourceId = SourceId,
                    Note = same is not null ? "modelling assumption: the DNS provider of the same owner" : "modelling assumption: a DNS provider drawn by share",
                });
            }
        }

        double[] redundancy = [options.CloudRedundancy, options.DnsRedundancy, options.CdnRedundancy, options.CaRedundancy];
        var layerTargets = Layers.Select(l => targets[l]).ToArray();
        string[] sectors = options.SectorWeights.Select(kv => kv.Key).ToArray();
        double[] sectorCumulative = Cumulative(options.SectorWeights.Select(kv => kv.Value).ToList());
        string[] countries = options.CountryWeights.Select(kv => kv.Key).ToArray();
        double[] countryCumulative = Cumulative(options.CountryWeights.Select(kv => kv.Value).ToList());
        double revenueMu = Math.Log(options.RevenuePerUserMedianUsd);
        var services = new DependentService[options.Services];
        for (int i = 0; i < options.Services; i++)
        {
            int rank = i + 1;
            string id = "syn-" + rank.ToString(CultureInfo.InvariantCulture);
            double users = Math.Max(1, Math.Round(options.UsersAtRankOne / rank * LogNormal.Sample(rng, 0, options.UsersNoiseSigma)));
            double perUser = LogNormal.Sample(rng, revenueMu, options.RevenuePerUserSigma);
            services[i] = new DependentService(id, "Synthetic service " + rank.ToString(CultureInfo.InvariantCulture))
            {
                Sector = sectors[Draw(rng, sectorCumulative)],
                Country = countries[Draw(rng, countryCumulative)],
                Users = (long)users,
                AnnualRevenueUsd = Math.Round(users * perUser),
                Criticality = 1,
                Rank = rank,
                SourceId = SourceId,
            };
            for (int l = 0; l < layerTargets.Length; l++)
            {
                var (ids, cumulative) = layerTargets[l];
                int first = Draw(rng, cumulative);
                requirements.Add(new Requirement(id, Layers[l], Layers[l], ids[first]) { SourceId = SourceId });
                if (rng.NextDouble() < redundancy[l] && ids.Length > 1)
                {
                    int second;
                    do
                    {
                        second = Draw(rng, cumulative);
                    }
                    while (second == first);
                    requirements.Add(new Requirement(id, Layers[l], Layers[l], ids[second]) { SourceId = SourceId });
                }
            }
        }

        var sources = plan.Layers.SelectMany(l => l.SourceIds).Distinct(StringComparer.Ordinal)
            .Select(s => calibration.Sources.FirstOrDefault(x => x.SourceId == s)
                ?? throw new ArgumentException($"The calibration cites source '{s}' but has no such source.", nameof(calibration)))
            .ToList();
        sources.Add(new Source(
            SourceId,
            "RiskToolkit",
            $"Synthetic dependency population, a model and not data: {options.Services} services, seed {options.Seed}, calibrated to {string.Join(", ", plan.Layers.Select(l => $"{l.MarketId} {l.Period}"))}; parameters and their sources in calibration.csv",
            sources.Max(s => s.Date),
            "calibration.csv",
            "MIT (the RiskToolkit licence); generated by risk synth, not measured",
            "C"));
        return new DependencyData(sources, providerRows, nodes, services, requirements);
    }

    /// <summary>
    /// The calibration table of a population: every parameter <see cref="Generate"/> uses, with its
    /// value and source (a source_id with the derivation, or "modelling assumption").
    /// </summary>
    /// <param name="options">Size, seed and parameters.</param>
    /// <param name="calibration">The bundled market data.</param>
    /// <returns>Rows in a fixed order: run, per layer (market, other share, small providers, redundancy), regions, users, revenue, sector and country weights.</returns>
    /// <exception cref="ArgumentNullException">As <see cref="Generate"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Generate"/>.</exception>
    /// <exception cref="ArgumentException">As <see cref="Generate"/>.</exception>
    public static IReadOnlyList<SyntheticParameter> CalibrationTable(SyntheticOptions options, MarketData calibration)
    {
        Plan plan = Prepare(options, calibration);
        const string Assumption = "modelling assumption";
        var rows = new List<SyntheticParameter>
        {
            new("services", N(options.Services), "command line"),
            new("seed", N(options.Seed), "command line"),
        };
        var redundancy = new Dictionary<string, (double Rate, string Source)>(StringComparer.Ordinal)
        {
            [Cloud] = (options.CloudRedundancy, options.CloudRedundancy == 0.15
                ? $"{Assumption}: no bundled source measures multi-region or multi-cloud use; 0.15 is the design's 'redundancy in ~15% of layers'"
                : "option"),
            [Dns] = (options.DnsRedundancy, options.DnsRedundancy == SyntheticOptions.KashafDnsRedundancy
                ? "kashaf-imc2020: dns/data/DNSconcAll with DNSconc3rd; sites (domains, lower-cased) listed under >= 2 provider groups or under a group not in their third-party list (private): 13,512 of 81,850 sites"
                : "option"),
            [Cdn] = (options.CdnRedundancy, options.CdnRedundancy == SyntheticOptions.KashafCdnRedundancy
                ? "kashaf-imc2020: cdn/data/CDNCurrent with newPvt; sites using a CDN (not 'none') with >= 2 CDNs (case-folded) or listed in newPvt: 5,042 of 33,137 sites"
                : "option"),
            [Ca] = (options.CaRedundancy, options.CaRedundancy == SyntheticOptions.KashafCaRedundancy
                ? "kashaf-imc2020: cert/data/CACurrent with pvt; sites with certificates from >= 2 CAs or listed in pvt: 2,603 of 79,442 sites (with OCSP stapling from stapleCurrent counted as well: 19,897, 0.2505; not used)"
                : "option"),
        };
        foreach (LayerPlan l in plan.Layers)
        {
            string cited = string.Join(" ", l.SourceIds);
            rows.Add(new($"{l.Layer}.market", $"{l.MarketId} {l.Period}", $"{cited}: latest period of the market; provider shares as in market_shares.csv (counts divided by their sum, 'other' included)"));
            rows.Add(new($"{l.Layer}.named_providers", N(l.Choices.Count(c => !c.Synthetic)), cited));
            rows.Add(new($"{l.Layer}.other_share", R(l.Other), $"{cited}: the unallocated remainder ('other' row, or 1 minus the published shares)"));
            int small = l.SmallIds.Count;
            rows.Add(new($"{l.Layer}.small_providers", N(small), $"{Assumption}: the remainder split evenly over the fewest providers each holding at most min(small_provider_max_share, smallest named share)"));
            rows.Add(new($"{l.Layer}.small_provider_share", small == 0 ? "0" : R(l.Other / small), "other_share / small_providers"));
            rows.Add(new($"redundancy.{l.Layer}", R(redundancy[l.Layer].Rate), redundancy[l.Layer].Source));
        }

        rows.Add(new("small_provider_max_share", R(options.SmallProviderMaxShare), $"{Assumption}: keeps each synthetic stand-in for the long tail small"));
        rows.Add(new("cloud.regions_per_provider", N(options.RegionsPerProvider), $"{Assumption}; small providers have one region"));
        rows.Add(new("cloud.largest_region_share", R(options.LargestRegionShare), $"{Assumption}: no bundled source gives a provider's customers by region; for context, Parametrix (2023) finds over a third of the Fortune 500 rely solely on AWS us-east-1"));
        rows.Add(new("provider_dns", "same owner, else drawn by share", $"{Assumption}: each CDN and CA requires one DNS provider, as the CDN -> DNS and CA -> DNS edges of kashaf-imc2020 (cdn/cdnNS, cert/certNS) suggest"));
        rows.Add(new("users.at_rank_one", R(options.UsersAtRankOne), $"{Assumption}: users = at_rank_one / rank x lognormal(0, sigma) (Zipf, exponent 1), rounded, at least 1"));
        rows.Add(new("users.noise_sigma", R(options.UsersNoiseSigma), Assumption));
        rows.Add(new("revenue.per_user_median_usd", R(options.RevenuePerUserMedianUsd), $"{Assumption}: annual_revenue_usd = users x lognormal(ln median, sigma), rounded to whole USD"));
        rows.Add(new("revenue.per_user_sigma", R(options.RevenuePerUserSigma), Assumption));
        rows.Add(new("criticality", "1", $"{Assumption}: every service ordinary"));
        double sectorTotal = options.SectorWeights.Sum(kv => kv.Value);
        rows.AddRange(options.SectorWeights.Select(kv => new SyntheticParameter($"sector.{kv.Key}", R(kv.Value / sectorTotal), $"{Assumption}: NAICS 2022 sector mix of a web population; no bundled source")));
        double countryTotal = options.CountryWeights.Sum(kv => kv.Value);
        rows.AddRange(options.CountryWeights.Select(kv => new SyntheticParameter($"country.{kv.Key}", R(kv.Value / countryTotal), $"{Assumption}: operator HQ country mix; no bundled source")));
        return rows;

        static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
        static string R(double value) => Math.Round(value, 6).ToString("R", CultureInfo.InvariantCulture);
    }

    private sealed record Choice(string ProviderId, double Share, string? SourceId, bool Synthetic);

    private sealed record LayerPlan(string Layer, string MarketId, string Period, IReadOnlyList<string> SourceIds, IReadOnlyList<Choice> Choices, double Other, HashSet<string> SmallIds);

    private sealed record Plan(IReadOnlyList<LayerPlan> Layers);

    private static Plan Prepare(SyntheticOptions options, MarketData calibration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calibration);
        if (options.Services is < 1 or > SyntheticOptions.MaxServices)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Services, $"The number of services must be between 1 and {SyntheticOptions.MaxServices:N0}.");
        }

        if (options.Seed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Seed, "The seed must be an integer >= 0.");
        }

        Unit(options.CloudRedundancy, nameof(options.CloudRedundancy));
        Unit(options.DnsRedundancy, nameof(options.DnsRedundancy));
        Unit(options.CdnRedundancy, nameof(options.CdnRedundancy));
        Unit(options.CaRedundancy, nameof(options.CaRedundancy));
        Unit(options.LargestRegionShare, nameof(options.LargestRegionShare));
        if (options.RegionsPerProvider is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RegionsPerProvider, "Regions per provider must be between 1 and 20.");
        }

        if (!(options.SmallProviderMaxShare > 0 && options.SmallProviderMaxShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SmallProviderMaxShare, "The small-provider share cap must be in (0, 1].");
        }

        foreach (double v in new[] { options.UsersAtRankOne, options.RevenuePerUserMedianUsd })
        {
            if (!(v > 0 && double.IsFinite(v)))
            {
                throw new ArgumentOutOfRangeException(nameof(options), v, "Users at rank one and the median revenue per user must be finite and > 0.");
            }
        }

        foreach (double v in new[] { options.UsersNoiseSigma, options.RevenuePerUserSigma })
        {
            if (!(v >= 0 && double.IsFinite(v)))
            {
                throw new ArgumentOutOfRangeException(nameof(options), v, "A log-normal sigma must be finite and >= 0.");
            }
        }

        Weights(options.SectorWeights, "sector");
        Weights(options.CountryWeights, "country");
        ArgumentNullException.ThrowIfNull(calibration.Markets, nameof(calibration));
        ArgumentNullException.ThrowIfNull(calibration.MarketShares, nameof(calibration));
        ArgumentNullException.ThrowIfNull(calibration.Providers, nameof(calibration));
        ArgumentNullException.ThrowIfNull(calibration.Sources, nameof(calibration));
        return new Plan(
        [
            Layer(calibration, options.CloudMarketId, Cloud, options.SmallProviderMaxShare),
            Layer(calibration, options.DnsMarketId, Dns, options.SmallProviderMaxShare),
            Layer(calibration, options.CdnMarketId, Cdn, options.SmallProviderMaxShare),
            Layer(calibration, options.CaMarketId, Ca, options.SmallProviderMaxShare),
        ]);
    }

    private static void Unit(double value, string property)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException("options", value, $"{property} must be a share in [0, 1].");
        }
    }

    private static void Weights(IReadOnlyList<KeyValuePair<string, double>> weights, string what)
    {
        ArgumentNullException.ThrowIfNull(weights, "options");
        if (weights.Count == 0 || weights.Any(kv => !(kv.Value >= 0 && double.IsFinite(kv.Value))) || !(weights.Sum(kv => kv.Value) > 0))
        {
            throw new ArgumentException($"The {what} weights must be finite, >= 0 and not all zero.", "options");
        }
    }

    /// <summary>A layer's providers and shares from the latest period of one market.</summary>
    private static LayerPlan Layer(MarketData data, string marketId, string layer, double smallMax)
    {
        Market market = data.Markets.FirstOrDefault(m => m.MarketId == marketId)
            ?? throw new ArgumentException($"The calibration has no market '{marketId}' for the {layer} layer.", "calibration");
        if (market.Layer != layer)
        {
            throw new ArgumentException($"Market '{marketId}' is of layer '{market.Layer}', not '{layer}'.", "calibration");
        }

        var all = data.MarketShares.Where(r => r.MarketId == marketId).ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException($"Market '{marketId}' has no share rows.", "calibration");
        }

        string period = all.Select(r => r.Period).Max(StringComparer.Ordinal)!;
        var rows = all.Where(r => r.Period == period).ToList();
        Func<MarketShare, double?> figure = rows.All(r => r.Share is not null) ? r => r.Share
            : rows.All(r => r.Count is not null) ? r => r.Count
            : rows.All(r => r.RevenueUsd is not null) ? r => r.RevenueUsd
            : throw new ArgumentException($"Market '{marketId}' {period} has no single kind of figure (share, count or revenue) on every row; ranges cannot calibrate a population.", "calibration");
        double sum = rows.Sum(r => figure(r)!.Value);
        bool shares = rows[0].Share is not null;
        double total = shares ? Math.Max(1, sum) : sum;
        if (!(total > 0))
        {
            throw new ArgumentException($"Market '{marketId}' {period} has no positive figures.", "calibration");
        }

        var providers = data.Providers.Select(p => p.ProviderId).ToHashSet(StringComparer.Ordinal);
        var choices = new List<Choice>();
        double other = shares ? Math.Max(0, 1 - sum) / total : 0;
        foreach (MarketShare r in rows)
        {
            double share = figure(r)!.Value / total;
            if (r.IsOther)
            {
                other += share;
            }
            else if (share > 0)
            {
                if (!providers.Contains(r.ProviderId))
                {
                    throw new ArgumentException($"Market '{marketId}' names provider '{r.ProviderId}', which the calibration's providers lack.", "calibration");
                }

                choices.Add(new Choice(r.ProviderId, share, r.SourceId, false));
            }
        }

        var small = new HashSet<string>(StringComparer.Ordinal);
        if (other > 1e-12)
        {
            double cap = Math.Min(smallMax, choices.Count == 0 ? 1 : choices.Min(c => c.Share));
            int count = (int)Math.Ceiling((other / cap) - 1e-9);
            int width = count.ToString(CultureInfo.InvariantCulture).Length;
            for (int k = 1; k <= count; k++)
            {
                string id = $"synthetic-{layer}-{k.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(2, width), '0')}";
                small.Add(id);
                choices.Add(new Choice(id, other / count, null, true));
            }
        }

        return new LayerPlan(layer, marketId, period, rows.Select(r => r.SourceId).Distinct(StringComparer.Ordinal).ToArray(), choices, other, small);
    }

    private static string SmallName(string layer, string id) =>
        $"Small {layer} provider {id[(id.LastIndexOf('-') + 1)..]} (synthetic)";

    private static string[] RegionNames(string providerId, int count) =>
        Enumerable.Range(0, count)
            .Select(r => KnownRegions.TryGetValue(providerId, out string[]? known) && r < known.Length ? known[r] : $"region-{r + 1}")
            .ToArray();

    /// <summary>The top of a provider's ownership chain (itself when it has no parent).</summary>
    private static string Owner(string providerId, Dictionary<string, Provider> byId)
    {
        string id = providerId;
        for (int hops = 0; hops < 16 && byId.TryGetValue(id, out Provider? p) && p.Parent is { } parent; hops++)
        {
            id = parent;
        }

        return id;
    }

    /// <summary>Cumulative weights normalised to end at exactly 1.</summary>
    private static double[] Cumulative(IReadOnlyList<double> weights)
    {
        double total = weights.Sum();
        var cumulative = new double[weights.Count];
        double run = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            run += weights[i];
            cumulative[i] = run / total;
        }

        cumulative[^1] = 1;
        return cumulative;
    }

    /// <summary>Index of the first cumulative weight above a uniform draw (inverse-CDF sampling).</summary>
    private static int Draw(Random rng, double[] cumulative)
    {
        double u = rng.NextDouble();
        int i = Array.BinarySearch(cumulative, u);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }
}
