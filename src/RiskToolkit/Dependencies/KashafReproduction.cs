using System.Collections.Immutable;
using Microsoft.Data.Analysis;
using RiskToolkit.Data;

namespace RiskToolkit.Dependencies;

/// <summary>A row of <c>data/kashaf-imc2020/published_counts.csv</c>: distinct sites of one provider in one of the paper's result lists, up to a rank.</summary>
/// <param name="Layer"><c>dns</c>, <c>cdn</c> or <c>ca</c>.</param>
/// <param name="Provider">The list's label as published.</param>
/// <param name="Measure"><c>conc_all</c>, <c>conc_3rd</c> (sites using), <c>damage_all</c>, <c>damage_3rd</c> (critically dependent) or <c>damage_total_all</c> (critically dependent with indirect dependencies).</param>
/// <param name="Top">Cumulative Alexa rank band: 100, 1,000, 10,000 or 100,000.</param>
/// <param name="Sites">Distinct (rank, domain) entries with rank ≤ <paramref name="Top"/>, ≥ 0.</param>
/// <param name="SourceFile">The list in the paper's repository, with its commit.</param>
public sealed record PublishedCount(string Layer, string Provider, string Measure, int Top, int Sites, string SourceFile);

/// <summary>Our figure beside the paper's for one provider, measure and rank band.</summary>
/// <param name="Layer">Layer.</param>
/// <param name="Provider">The paper's label.</param>
/// <param name="NodeId">Our node (<c>layer:label</c> case-folded), or <see langword="null"/> when the import has no such provider node.</param>
/// <param name="Measure">The paper's measure (see <see cref="PublishedCount.Measure"/>).</param>
/// <param name="Top">Rank band.</param>
/// <param name="Ours">Our distinct sites, or <see langword="null"/> when <paramref name="NodeId"/> is null.</param>
/// <param name="Paper">The paper's distinct sites.</param>
public sealed record KashafComparison(string Layer, string Provider, string? NodeId, string Measure, int Top, int? Ours, int Paper)
{
    /// <summary>Ours − paper, or <see langword="null"/> when we have no figure.</summary>
    public int? Difference => Ours - Paper;
}

/// <summary>The comparisons of <see cref="KashafReproduction.Compare"/>.</summary>
/// <param name="Rows">One row per published count of the layer, in file order.</param>
public sealed record KashafComparisonTable(IReadOnlyList<KashafComparison> Rows)
{
    /// <summary>Columns layer, provider, node_id, measure, top, ours, paper, difference (null cells when we have no node).</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("layer", Rows.Select(r => r.Layer)),
        new StringDataFrameColumn("provider", Rows.Select(r => r.Provider)),
        new StringDataFrameColumn("node_id", Rows.Select(r => r.NodeId)),
        new StringDataFrameColumn("measure", Rows.Select(r => r.Measure)),
        new Int32DataFrameColumn("top", Rows.Select(r => r.Top)),
        new Int32DataFrameColumn("ours", Rows.Select(r => r.Ours)),
        new Int32DataFrameColumn("paper", Rows.Select(r => r.Paper)),
        new Int32DataFrameColumn("difference", Rows.Select(r => r.Difference)));
}

/// <summary>The paper's headline figures recomputed from an import.</summary>
/// <param name="Sites">All services (sites), the denominator.</param>
/// <param name="CriticalAnyShare">Share (0–1) of sites with at least one requirement group whose only target is one third-party provider node (direct critical dependency on some DNS, CDN or CA provider); the paper: 0.89.</param>
/// <param name="CriticalShareByLayer">The same per layer (dns, cdn, ca).</param>
/// <param name="Top3UsingShareByLayer">Per layer, share (0–1) of sites using any of the layer's three providers with most sites using them.</param>
/// <param name="Top3CriticalShareByLayer">Per layer, share (0–1) of sites critically dependent (directly) on any of the layer's three providers with most such sites; the paper: 0.5–0.7.</param>
/// <param name="MaxAmplification">Largest ratio services failed with indirect dependencies ÷ failed directly, over provider nodes with direct impact ≥ 1; null when no node has direct impact. The paper: up to 25.</param>
/// <param name="MaxAmplificationNode">The node of <paramref name="MaxAmplification"/>, or null.</param>
/// <remarks>
/// The paper does not state the denominator of its top-3 figure; <see cref="Top3CriticalShareOfLayerSitesByLayer"/>
/// gives the same count over the sites that use the layer at all, the other reading.
/// </remarks>
public sealed record KashafHeadline(
    int Sites,
    double CriticalAnyShare,
    IReadOnlyList<KeyValuePair<string, double>> CriticalShareByLayer,
    IReadOnlyList<KeyValuePair<string, double>> Top3UsingShareByLayer,
    IReadOnlyList<KeyValuePair<string, double>> Top3CriticalShareByLayer,
    double? MaxAmplification,
    string? MaxAmplificationNode)
{
    /// <summary>Per layer, the count of <see cref="Top3CriticalShareByLayer"/> divided by the sites that have a requirement group of that layer (share 0–1), instead of by all sites.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Top3CriticalShareOfLayerSitesByLayer { get; init; } = [];
}

/// <summary>
/// Sets our figures for the Kashaf et al. (ACM IMC 2020) data beside the paper's own per-provider lists
/// and recomputes its headline figures.
/// </summary>
/// <remarks>
/// Measure mapping: <c>conc_*</c> ↔ <see cref="Contingency.UsingByRankBand"/>; <c>damage_all</c>,
/// <c>damage_3rd</c> ↔ <see cref="Contingency.FailedDirectByRankBand"/>; <c>damage_total_all</c> ↔
/// <see cref="Contingency.FailedByRankBand"/>. A published label matches the node <c>layer:label</c> in
/// invariant lower case. The paper's <c>*All</c> lists also count sites that run the provider
/// privately (our <c>self</c> nodes), so they match our figures only for third-party use; the
/// <c>*3rd</c> lists are the like-for-like ones. Every known difference is explained in data/README.md.
/// R equivalent: none (a join of two tables).
/// </remarks>
public static class KashafReproduction
{
    private static readonly TableSpec PublishedTable = new(
        "published_counts",
        "published_counts.csv",
        "Distinct sites per provider in the paper's result lists, by cumulative rank band.",
        [
            new("layer", FieldType.String, true, "dns, cdn or ca.") { Enum = ["dns", "cdn", "ca"] },
            new("provider", FieldType.String, true, "Label as published."),
            new("measure", FieldType.String, true, "conc_all, conc_3rd, damage_all, damage_3rd or damage_total_all.") { Enum = ["conc_all", "conc_3rd", "damage_all", "damage_3rd", "damage_total_all"] },
            new("top", FieldType.Integer, true, "Rank band.") { Minimum = 1, Maximum = int.MaxValue },
            new("sites", FieldType.Integer, true, "Distinct sites.") { Minimum = 0, Maximum = int.MaxValue },
            new("source_file", FieldType.String, true, "List and commit."),
        ],
        ["layer", "provider", "measure", "top"],
        []);

    /// <summary>Reads <c>published_counts.csv</c>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Rows in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DataValidationException">The file is missing or breaks its schema.</exception>
    public static IReadOnlyList<PublishedCount> ReadPublishedCounts(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var errors = new List<DataError>();
        CsvTable table = CsvTable.Read(path, PublishedTable, errors);
        MarketChecks.PrimaryKey(table, errors);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        // The schema bounds top and sites to the int range.
        return table.Rows.Select(r => new PublishedCount(
            r.Get<string>("layer"),
            r.Get<string>("provider"),
            r.Get<string>("measure"),
            (int)r.Get<long>("top"),
            (int)r.Get<long>("sites"),
            r.Get<string>("source_file"))).ToImmutableArray();
    }

    private static readonly TableSpec ProviderImpactTable = new(
        "provider_impact",
        "provider_impact.csv",
        "Per provider node: distinct sites using it, critically dependent on it directly, and with indirect dependencies, by cumulative rank band.",
        [
            new("layer", FieldType.String, true, "dns, cdn or ca."),
            new("node_id", FieldType.String, true, "Our node."),
            new("name", FieldType.String, true, "Label."),
            .. new[] { "using", "critical_direct", "critical_indirect" }.SelectMany(measure => ContingencyOptions.DefaultRankBands.Select(top =>
                new FieldSpec($"{measure}_top{top}", FieldType.Integer, true, "Distinct sites.") { Minimum = 0, Maximum = int.MaxValue })),
        ],
        ["node_id"],
        []);

    /// <summary>
    /// Our figures as committed in <c>data/kashaf-imc2020/provider_impact.csv</c> (written by
    /// <see cref="WriteProviderFigures"/> with the default rank bands) beside each published count of
    /// <paramref name="layer"/>: the same table as <see cref="Compare"/> gives for a fresh import, for
    /// machines without the published files.
    /// </summary>
    /// <param name="providerImpactPath">The committed provider_impact.csv.</param>
    /// <param name="layer"><c>dns</c>, <c>cdn</c> or <c>ca</c>.</param>
    /// <param name="published">Rows of <see cref="ReadPublishedCounts"/>.</param>
    /// <returns>One comparison per published row of the layer.</returns>
    /// <exception cref="ArgumentException"><paramref name="providerImpactPath"/> is null or empty, or a published band is not a default rank band.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> or <paramref name="published"/> is null.</exception>
    /// <exception cref="DataValidationException">The file is missing or breaks its layout.</exception>
    public static KashafComparisonTable CompareFigures(string providerImpactPath, string layer, IReadOnlyList<PublishedCount> published)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerImpactPath);
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(published);
        var errors = new List<DataError>();
        CsvTable table = CsvTable.Read(providerImpactPath, ProviderImpactTable, errors);
        MarketChecks.PrimaryKey(table, errors);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        var byNode = table.Rows.ToDictionary(r => r.Get<string>("node_id"), StringComparer.Ordinal);
        var rows = new List<KashafComparison>();
        foreach (PublishedCount p in published.Where(p => p.Layer == layer))
        {
            if (!ContingencyOptions.DefaultRankBands.Contains(p.Top))
            {
                throw new ArgumentException($"Published band {p.Top} is not a default rank band ({string.Join(", ", ContingencyOptions.DefaultRankBands)}).", nameof(published));
            }

            string nodeId = $"{layer}:{p.Provider.ToLowerInvariant()}";
            string measure = p.Measure switch
            {
                "conc_all" or "conc_3rd" => "using",
                "damage_total_all" => "critical_indirect",
                _ => "critical_direct",
            };

            // The schema bounds the counts to the int range.
            int? ours = byNode.TryGetValue(nodeId, out CsvRow? row) ? (int)row.Get<long>($"{measure}_top{p.Top}") : null;
            rows.Add(new KashafComparison(layer, p.Provider, ours is null ? null : nodeId, p.Measure, p.Top, ours, p.Sites));
        }

        return new KashafComparisonTable(rows);
    }

    /// <summary>Our figure beside each published count of <paramref name="layer"/>.</summary>
    /// <param name="report">An N-1 report over the import (all layers, bands including the published ones).</param>
    /// <param name="layer"><c>dns</c>, <c>cdn</c> or <c>ca</c>.</param>
    /// <param name="published">Rows of <see cref="ReadPublishedCounts"/>.</param>
    /// <returns>One comparison per published row of the layer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A published band is not one of the report's rank bands.</exception>
    public static KashafComparisonTable Compare(ContingencyReport report, string layer, IReadOnlyList<PublishedCount> published)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(published);
        var byNode = report.Contingencies.ToDictionary(c => c.NodeId, StringComparer.Ordinal);
        var rows = new List<KashafComparison>();
        foreach (PublishedCount p in published.Where(p => p.Layer == layer))
        {
            if (!report.Options.RankBands.Contains(p.Top))
            {
                throw new ArgumentException($"Published band {p.Top} is not a rank band of the report ({string.Join(", ", report.Options.RankBands)}).", nameof(published));
            }

            string nodeId = $"{layer}:{p.Provider.ToLowerInvariant()}";
            int? ours = null;
            if (byNode.TryGetValue(nodeId, out Contingency? c))
            {
                IReadOnlyList<RankBandCount> bands = p.Measure switch
                {
                    "conc_all" or "conc_3rd" => c.UsingByRankBand,
                    "damage_total_all" => c.FailedByRankBand,
                    _ => c.FailedDirectByRankBand,
                };
                ours = bands.First(b => b.Top == p.Top).Services;
            }

            rows.Add(new KashafComparison(layer, p.Provider, ours is null ? null : nodeId, p.Measure, p.Top, ours, p.Sites));
        }

        return new KashafComparisonTable(rows);
    }

    /// <summary>Recomputes the paper's headline figures.</summary>
    /// <param name="data">The imported tables.</param>
    /// <param name="report">An N-1 report over the same tables.</param>
    /// <returns>The figures; shares are 0 when there are no services.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static KashafHeadline Headline(DependencyData data, ContingencyReport report)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        var providerNodes = data.Nodes.Where(n => n.Kind == NodeKind.Provider).ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        var serviceIds = data.Services.Select(s => s.ServiceId).ToHashSet(StringComparer.Ordinal);
        int sites = data.Services.Count;
        double Share(int count) => sites == 0 ? 0 : (double)count / sites;

        // Per service and layer: the group's targets.
        var groups = data.Requirements
            .Where(r => serviceIds.Contains(r.DependentId))
            .GroupBy(r => (r.DependentId, r.Layer, r.GroupId))
            .Select(g => (g.Key.DependentId, g.Key.Layer, Targets: g.Select(r => r.TargetId).ToArray()))
            .ToArray();
        var critical = groups.Where(g => g.Targets.Length == 1 && providerNodes.ContainsKey(g.Targets[0])).ToArray();
        string[] layers = [.. KashafImporter.Layers];
        var criticalByLayer = layers.Select(l => new KeyValuePair<string, double>(l, Share(critical.Where(g => g.Layer == l).Select(g => g.DependentId).Distinct().Count()))).ToImmutableArray();

        int Top3Count(string layer, Func<Contingency, int> measure, bool criticalOnly)
        {
            var top = report.Contingencies.Where(c => c.Layer == layer && c.Kind == NodeKind.Provider)
                .OrderByDescending(measure).ThenBy(c => c.NodeId, StringComparer.Ordinal).Take(3).Select(c => c.NodeId).ToHashSet(StringComparer.Ordinal);
            return (criticalOnly ? critical : groups).Where(g => g.Layer == layer && g.Targets.Any(top.Contains)).Select(g => g.DependentId).Distinct().Count();
        }

        double Top3(string layer, Func<Contingency, int> measure, bool criticalOnly) => Share(Top3Count(layer, measure, criticalOnly));
        double OfLayerSites(string layer)
        {
            int users = groups.Where(g => g.Layer == layer).Select(g => g.DependentId).Distinct().Count();
            return users == 0 ? 0 : (double)Top3Count(layer, c => c.ServicesFailedDirect, criticalOnly: true) / users;
        }

        var amplified = report.Contingencies.Where(c => c.Kind == NodeKind.Provider && c.ServicesFailedDirect > 0)
            .Select(c => (c.NodeId, Ratio: (double)c.ServicesFailed / c.ServicesFailedDirect))
            .OrderByDescending(x => x.Ratio).ThenBy(x => x.NodeId, StringComparer.Ordinal)
            .ToArray();
        return new KashafHeadline(
            sites,
            Share(critical.Select(g => g.DependentId).Distinct().Count()),
            criticalByLayer,
            layers.Select(l => new KeyValuePair<string, double>(l, Top3(l, c => c.ServicesUsing, criticalOnly: false))).ToImmutableArray(),
            layers.Select(l => new KeyValuePair<string, double>(l, Top3(l, c => c.ServicesFailedDirect, criticalOnly: true))).ToImmutableArray(),
            amplified.Length == 0 ? null : amplified[0].Ratio,
            amplified.Length == 0 ? null : amplified[0].NodeId)
        {
            Top3CriticalShareOfLayerSitesByLayer = layers.Select(l => new KeyValuePair<string, double>(l, OfLayerSites(l))).ToImmutableArray(),
        };
    }

    /// <summary>
    /// Writes our provider-level figures: <c>provider_impact.csv</c> (layer, node_id, name, then for each
    /// rank band <c>using_top{b}</c>, <c>critical_direct_top{b}</c>, <c>critical_indirect_top{b}</c>:
    /// distinct sites using the provider, critically dependent on it directly, and with indirect
    /// dependencies; providers ordered by layer, then sites critical with indirect dependencies at the
    /// largest band, descending) and <c>provider_edges.csv</c> (from_node, to_node, layer, dependency:
    /// <c>critical</c> when the target is the group's only target, else <c>redundant</c>; <c>self</c>
    /// targets are written as <c>self</c>). Written as the other tables (UTF-8, LF, atomic).
    /// </summary>
    /// <param name="data">The imported tables.</param>
    /// <param name="report">An N-1 report over them.</param>
    /// <param name="directory">Destination folder (created when missing).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static void WriteProviderFigures(DependencyData data, ContingencyReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        IReadOnlyList<int> bands = report.Options.RankBands;
        var fields = new List<FieldSpec>
        {
            new("layer", FieldType.String, true, "Layer."),
            new("node_id", FieldType.String, true, "Provider node."),
            new("name", FieldType.String, true, "Name as first published."),
        };
        foreach (string measure in new[] { "using", "critical_direct", "critical_indirect" })
        {
            fields.AddRange(bands.Select(b => new FieldSpec($"{measure}_top{b}", FieldType.Integer, true, "Distinct sites.")));
        }

        var impactSpec = new TableSpec("provider_impact", "provider_impact.csv", "Sites per provider.", fields, ["node_id"], []);
        string Band(IReadOnlyList<RankBandCount> counts, int b) => counts.First(c => c.Top == b).Services.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var providers = report.Contingencies.Where(c => c.Kind == NodeKind.Provider)
            .OrderBy(c => Array.IndexOf([.. KashafImporter.Layers], c.Layer))
            .ThenByDescending(c => c.FailedByRankBand[^1].Services)
            .ThenByDescending(c => c.UsingByRankBand[^1].Services)
            .ThenBy(c => c.NodeId, StringComparer.Ordinal)
            .ToArray();
        DependencyDataWriter.WriteTable(directory, impactSpec, providers, c =>
            new[] { c.Layer, c.NodeId, c.Name }
                .Concat(bands.Select(b => Band(c.UsingByRankBand, b)))
                .Concat(bands.Select(b => Band(c.FailedDirectByRankBand, b)))
                .Concat(bands.Select(b => Band(c.FailedByRankBand, b)))
                .ToArray());

        var nodeKinds = data.Nodes.ToDictionary(n => n.NodeId, n => n.Kind, StringComparer.Ordinal);
        var edges = data.Requirements
            .Where(r => nodeKinds.TryGetValue(r.DependentId, out NodeKind k) && k == NodeKind.Provider)
            .GroupBy(r => (r.DependentId, r.GroupId))
            .SelectMany(g => g.Select(r => (From: r.DependentId, To: nodeKinds[r.TargetId] == NodeKind.Self ? "self" : r.TargetId, r.Layer, Dependency: g.Count() == 1 ? "critical" : "redundant")))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.Layer, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ToArray();
        var edgeSpec = new TableSpec(
            "provider_edges",
            "provider_edges.csv",
            "Provider to provider requirements.",
            [
                new("from_node", FieldType.String, true, "Dependent provider."),
                new("to_node", FieldType.String, true, "Required provider, or self."),
                new("layer", FieldType.String, true, "Layer of the requirement."),
                new("dependency", FieldType.String, true, "critical or redundant."),
            ],
            ["from_node", "to_node", "layer"],
            []);
        DependencyDataWriter.WriteTable(directory, edgeSpec, edges, e => [e.From, e.To, e.Layer, e.Dependency]);
    }
}
