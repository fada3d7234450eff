using System.Collections.Immutable;
using System.Globalization;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Data;

/// <summary>One published spelling of a provider and the node it was merged into.</summary>
/// <param name="Layer">Layer of the node: <c>dns</c>, <c>cdn</c> or <c>ca</c>.</param>
/// <param name="Alias">The label exactly as the file spells it (e.g. <c>Akamai</c>, <c>AWS</c>, <c>awsdns-06.com</c>).</param>
/// <param name="NodeId">The node it names, e.g. <c>cdn:akamai</c>.</param>
public sealed record KashafAlias(string Layer, string Alias, string NodeId);

/// <summary>How a site's private name server counts when deciding DNS critical dependency.</summary>
public enum KashafDnsReading
{
    /// <summary>
    /// Ours (default): a private name server (a DNSconcAll label of the site that is not one of its DNSconc3rd
    /// labels) is an alternative, so a site with one third-party provider and its own name server is
    /// redundant, as the paper's §3 defines critical dependency. A site whose lists differ by exactly one
    /// renamed label (one label only in DNSconc3rd, one only in DNSconcAll, e.g. <c>google3rd</c> ↔
    /// <c>google</c>) has that provider renamed, not a private server.
    /// </summary>
    PrivateIsAlternative,

    /// <summary>
    /// The paper's published lists: only the site's third-party labels decide; a site with exactly one
    /// DNSconc3rd label is critically dependent on it whatever else DNSconcAll names. This is what the
    /// repository's <c>dns/scripts/analysis-dns.py</c> computes (its exclusivity test groups the site's
    /// third-party name servers only) and reproduces every DNSdamage3rd count.
    /// </summary>
    ThirdPartyOnly,
}

/// <summary>One row of <c>ca_domain_aliases.csv</c>: a CA domain of the edge files and the CA name of the site files.</summary>
/// <param name="CaDomain">The domain as <c>cert/certCDN/cert-cdn</c> and <c>cert/certNS/data/CA_NS</c> spell it, e.g. <c>digicert.com</c>.</param>
/// <param name="CaName">The CA label as <c>cert/data/Third_2</c> or <c>pvt</c> spells it, e.g. <c>DigiCertInc</c>.</param>
/// <param name="Reason">Evidence for the correspondence.</param>
public sealed record KashafCaDomainAlias(string CaDomain, string CaName, string Reason);

/// <summary>Choices of <see cref="KashafImporter.Import(string, KashafImportOptions?)"/>.</summary>
public sealed record KashafImportOptions
{
    /// <summary>How private name servers count for DNS critical dependency; default <see cref="KashafDnsReading.PrivateIsAlternative"/>.</summary>
    public KashafDnsReading DnsReading { get; init; } = KashafDnsReading.PrivateIsAlternative;

    /// <summary>
    /// CA domain → CA name map for the CA → DNS and CA → CDN edges (see <see cref="KashafImporter.ReadCaDomainAliases"/>);
    /// empty (default) keeps the edges on CA-domain nodes (<c>ca:digicert.com</c>) that no site uses.
    /// Several domains may name one CA: their edges are merged into one requirement group per layer.
    /// </summary>
    public IReadOnlyList<KashafCaDomainAlias> CaDomainAliases { get; init; } = [];
}

/// <summary>Figures worth reporting about one import of the Kashaf et al. data; every site count is of distinct sites (domains).</summary>
public sealed record KashafImportCounts
{
    /// <summary>Distinct sites named in any per-site file (the services).</summary>
    public required int Sites { get; init; }

    /// <summary>Data lines read over all files.</summary>
    public required int RowsRead { get; init; }

    /// <summary>Lines of <c>cdn/data/CDNCurrent</c> whose CDN is <c>none</c>.</summary>
    public required int NoneRows { get; init; }

    /// <summary>Sites of <c>CDNCurrent</c> with no CDN other than <c>none</c> (no CDN requirement).</summary>
    public required int SitesWithoutCdn { get; init; }

    /// <summary>Sites with a CDN requirement.</summary>
    public required int SitesWithCdn { get; init; }

    /// <summary>Sites with a DNS requirement (named in <c>DNSconcAll</c>).</summary>
    public required int SitesWithDns { get; init; }

    /// <summary>Sites with a CA requirement (a row in <c>Third_2</c> or <c>pvt</c>).</summary>
    public required int SitesWithCa { get; init; }

    /// <summary>Sites of <c>CACurrent</c> in neither <c>Third_2</c> nor <c>pvt</c> (the sites with several CAs that the paper drops); they get no CA requirement.</summary>
    public required int CaSitesNotClassified { get; init; }

    /// <summary>Sites with a CA requirement but no line in <c>stapleCurrent</c>: counted as not stapling.</summary>
    public required int SitesWithoutStaplingRow { get; init; }

    /// <summary>Sites whose CA requirement has OCSP stapling (<c>yes</c>) as a <c>self</c> alternative.</summary>
    public required int SitesStapling { get; init; }

    /// <summary>Lines holding characters outside ASCII (valid UTF-8, read as published).</summary>
    public required int NonAsciiLines { get; init; }

    /// <summary>Provider nodes per layer (dns, cdn, ca), in that order.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> ProvidersByLayer { get; init; }
}

/// <summary>Result of <see cref="KashafImporter.Import(string, KashafImportOptions?)"/>: the canonical tables, the spellings merged and the figures of the import.</summary>
/// <param name="Data">Sources (one row), providers, nodes, services (sites) and requirements.</param>
/// <param name="Aliases">Every published spelling of a provider and its node, sorted by layer, node and spelling.</param>
/// <param name="Counts">What was read.</param>
public sealed record KashafImport(DependencyData Data, IReadOnlyList<KashafAlias> Aliases, KashafImportCounts Counts);

/// <summary>
/// Imports the raw files published with A. Kashaf, V. Sekar and Y. Agarwal, "Analyzing Third Party
/// Service Dependencies in Modern Web Services: Have We Learned from the Mirai-Dyn Incident?", ACM IMC
/// 2020 (repository AqsaKashaf/Analyzing-Third-party-Dependencies, commit 20f0774, BSD licence) as
/// dependency tables: sites as services, DNS/CDN/CA providers as nodes, one requirement group per site
/// and layer, and provider → provider edges (CDN → DNS, CA → DNS, CA → CDN).
/// </summary>
/// <remarks>
/// <para>
/// Files read (paths under the given folder): per site <c>cdn/data/CDNCurrent</c> (all CDN use),
/// <c>cdn/data/newThird</c> (third-party), <c>cdn/data/newPvt</c> (private), <c>cert/data/CACurrent</c>,
/// <c>cert/data/Third_2</c>, <c>cert/data/pvt</c>, <c>cert/data/stapleCurrent</c> (<c>rank,domain,label</c>);
/// per provider <c>dns/data/DNSconcAll</c> and <c>dns/data/DNSconc3rd</c>
/// (<c>label,rank-domain:rank-domain:…</c>); provider edges <c>cdn/cdnNS/data/third-cdn-ns</c>,
/// <c>pvt-cdn-ns</c>, <c>groups-cdn-ns</c>, <c>cert/certNS/data/CA_NS</c>, <c>third-cert-ns</c>,
/// <c>groups-cert-ns</c> and <c>cert/certCDN/cert-cdn</c>.
/// </para>
/// <para>
/// Definitions (the paper's §3, as its scripts compute them): a site's group of a layer holds its
/// third-party providers of that layer, plus one <c>self</c> node of the site when it also has a
/// private provider (a provider in the all-use file but not the third-party file for that site, or a
/// row in the private file) or, for CAs, staples OCSP responses (<c>yes</c> in <c>stapleCurrent</c>; a
/// site without a line there does not staple). A site is critically dependent on a provider when that
/// group has the provider as its only target. Labels are case-folded (invariant lower case), so
/// <c>Akamai</c> and <c>akamai</c> are one node <c>cdn:akamai</c>; <see cref="KashafImport.Aliases"/>
/// keeps every spelling. A name-server domain of the edge files is mapped to its DNS provider by the
/// groups file (group name lower-cased up to its first dot, as the paper does), else it is its own DNS
/// provider. CA edges name CA domains; the paper's map from CA domain to the CA names of the site files
/// (url-ca-map) was not published, so without <see cref="KashafImportOptions.CaDomainAliases"/> they stay on
/// CA-domain nodes (<c>ca:digicert.com</c>) that no site uses; with it, a mapped domain's edges attach to
/// the CA node the sites use (<c>ca:digicertinc</c>). DNS private name servers follow
/// <see cref="KashafImportOptions.DnsReading"/>.
/// </para>
/// <para>
/// Reading is strict, as <see cref="KashafImc2020"/>: bytes must be UTF-8, a site keeps one rank in
/// every file, domains and labels hold no white space. Faults are <c>file:line:column</c> with the
/// 1-based line and field (in DNS lists the label is field 1 and the k-th entry field k + 1); all are
/// collected and thrown as one <see cref="DataValidationException"/>. Cost: linear in the input
/// (about 16 MB, under a second on one core).
/// </para>
/// <para>R equivalent: none (in R, <c>readr::read_csv</c> and <c>tidyr::separate_rows</c> per file, then joins).</para>
/// </remarks>
public static class KashafImporter
{
    /// <summary>The source_id of the one <c>sources.csv</c> row.</summary>
    public const string SourceId = "kashaf-imc2020";

    /// <summary>The layers, in output order.</summary>
    public static readonly IReadOnlyList<string> Layers = ["dns", "cdn", "ca"];

    private static int LayerOrder(string layer) => layer switch
    {
        "dns" => 0,
        "cdn" => 1,
        _ => 2,
    };

    /// <summary><c>aliases.csv</c>: every published spelling of a provider and the node it names.</summary>
    internal static readonly TableSpec AliasTable = new(
        "aliases",
        "aliases.csv",
        "Published spellings of each provider node of an import: layer, the label as the source file spells it, and the node_id it was merged into (case-folding merges spellings).",
        [
            new("layer", FieldType.String, true, "dns, cdn or ca."),
            new("alias", FieldType.String, true, "The label as published."),
            new("node_id", FieldType.String, true, "The node it names, a key of nodes."),
        ],
        ["layer", "alias"],
        []);

    /// <summary>Writes <c>aliases.csv</c> into <paramref name="directory"/> as <see cref="DependencyDataWriter.Write"/> writes its tables (temporary file moved into place; UTF-8, LF, RFC 4180).</summary>
    /// <param name="aliases">The rows.</param>
    /// <param name="directory">Destination folder (created when missing).</param>
    /// <exception cref="ArgumentNullException"><paramref name="aliases"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteAliases(IReadOnlyList<KashafAlias> aliases, string directory)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        DependencyDataWriter.WriteTable(directory, AliasTable, aliases, a => [a.Layer, a.Alias, a.NodeId]);
    }

    /// <summary>Imports the data folder.</summary>
    /// <param name="directory">Folder laid out as the paper's repository (cdn/, cert/, dns/).</param>
    /// <returns>Tables, aliases and counts.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="DataValidationException">A file is missing, not UTF-8, or has malformed lines; every fault is listed.</exception>
    public static KashafImport Import(string directory) => Import(directory, null);

    /// <summary>Imports the data folder with the given choices.</summary>
    /// <param name="directory">Folder laid out as the paper's repository (cdn/, cert/, dns/).</param>
    /// <param name="options">Choices; null = defaults (<see cref="KashafImportOptions"/>).</param>
    /// <returns>Tables, aliases and counts.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty, or a CA domain has two aliases.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="DataValidationException">A file is missing, not UTF-8, or has malformed lines; every fault is listed.</exception>
    public static KashafImport Import(string directory, KashafImportOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new KashafImportOptions();
        var caMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KashafCaDomainAlias a in options.CaDomainAliases ?? [])
        {
            if (!caMap.TryAdd(a.CaDomain, a.CaName) && caMap[a.CaDomain] != a.CaName)
            {
                throw new ArgumentException($"CA domain '{a.CaDomain}' has two aliases: '{caMap[a.CaDomain]}' and '{a.CaName}'.", nameof(options));
            }
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Data directory '{directory}' does not exist.");
        }

        var state = new ImportState(directory, options.DnsReading, caMap);
        return state.Run();
    }

    /// <summary>The <c>ca_domain_aliases.csv</c> table.</summary>
    internal static readonly TableSpec CaAliasTable = new(
        "ca_domain_aliases",
        "ca_domain_aliases.csv",
        "CA domains of the Kashaf et al. edge files (cert-cdn, CA_NS) mapped to the CA names of their site files (Third_2, pvt), with the evidence.",
        [
            new("ca_domain", FieldType.String, true, "Domain as the edge files spell it."),
            new("ca_name", FieldType.String, true, "CA label as Third_2 or pvt spells it."),
            new("reason", FieldType.String, true, "Evidence."),
        ],
        ["ca_domain"],
        []);

    /// <summary>Reads a CA domain alias table (<c>ca_domain,ca_name,reason</c>, RFC 4180, UTF-8, header line; e.g. <c>data/kashaf-imc2020/ca_domain_aliases.csv</c>).</summary>
    /// <param name="path">The file.</param>
    /// <returns>Rows in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DataValidationException">The file is missing, breaks its schema or repeats a domain.</exception>
    public static IReadOnlyList<KashafCaDomainAlias> ReadCaDomainAliases(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var errors = new List<DataError>();
        CsvTable table = CsvTable.Read(path, CaAliasTable, errors);
        MarketChecks.PrimaryKey(table, errors);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        return table.Rows.Select(r => new KashafCaDomainAlias(r.Get<string>("ca_domain"), r.Get<string>("ca_name"), r.Get<string>("reason"))).ToImmutableArray();
    }

    private sealed class ImportState(string directory, KashafDnsReading dnsReading, Dictionary<string, string> caMap)
    {
        private readonly List<DataError> errors = [];
        private readonly Dictionary<string, (int Rank, string File, int Line)> sites = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Layer, string Name)> providers = new(StringComparer.Ordinal);
        private readonly SortedSet<(string Layer, string Alias, string NodeId)> aliases = [];
        private int rows;
        private int nonAscii;

        public KashafImport Run()
        {
            var cdnAll = SiteFile("cdn/data/CDNCurrent", "rank,domain,cdn");
            var cdnThird = SiteFile("cdn/data/newThird", "rank,domain,cdn");
            var cdnPvt = SiteFile("cdn/data/newPvt", "rank,domain,cdn");
            var caAll = SiteFile("cert/data/CACurrent", "rank,domain,CA");
            var caThird = SiteFile("cert/data/Third_2", "rank,domain,CA");
            var caPvt = SiteFile("cert/data/pvt", "rank,domain,CA");
            var staple = SiteFile("cert/data/stapleCurrent", "rank,domain,yes|no");
            var dnsAll = DnsFile("dns/data/DNSconcAll");
            var dnsThird = DnsFile("dns/data/DNSconc3rd");
            var cdnNsThird = PairFile("cdn/cdnNS/data/third-cdn-ns", "cdn,ns-domain");
            var cdnNsPvt = PairFile("cdn/cdnNS/data/pvt-cdn-ns", "cdn,ns-domain");
            var cdnNsGroups = GroupFile("cdn/cdnNS/data/groups-cdn-ns");
            var caNsAll = PairFile("cert/certNS/data/CA_NS", "ca-domain,ns-domain");
            var caNsThird = PairFile("cert/certNS/data/third-cert-ns", "ca-domain,ns-domain");
            var caNsGroups = GroupFile("cert/certNS/data/groups-cert-ns");
            var caCdn = PairFile("cert/certCDN/cert-cdn", "ca-domain,cdn");
            foreach (var (file, line, _, value) in staple)
            {
                if (value is not ("yes" or "no"))
                {
                    errors.Add(new DataError(Path.Join(directory, file), line, 3, $"expected 'yes' or 'no', found '{CsvTable.Show(value)}'"));
                }
            }

            if (errors.Count > 0)
            {
                throw new DataValidationException(errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToArray());
            }

            var requirements = new List<Requirement>();
            var selfNodes = new List<DependencyNode>();

            // Sites: per layer, third-party labels and whether there is a private alternative.
            var cdnGroups = Groups("cdn", cdnAll.Where(r => !IsNone(r.Value)), cdnThird.Where(r => !IsNone(r.Value)), cdnPvt.Where(r => !IsNone(r.Value)));
            var dnsGroups = Groups("dns", dnsAll, dnsThird, [], dnsReading);
            var stapling = staple.Where(r => r.Value == "yes").Select(r => r.Domain).ToHashSet(StringComparer.Ordinal);
            var stapleRows = staple.Select(r => r.Domain).ToHashSet(StringComparer.Ordinal);
            var caGroups = Groups("ca", [], caThird, caPvt);
            foreach (var (domain, group) in caGroups)
            {
                if (stapling.Contains(domain))
                {
                    group.Self = true;
                }
            }

            var orderedSites = sites.OrderBy(s => s.Value.Rank).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).ToArray();
            foreach (string domain in orderedSites)
            {
                AddGroup(domain, "dns", dnsGroups, requirements, selfNodes);
                AddGroup(domain, "cdn", cdnGroups, requirements, selfNodes);
                AddGroup(domain, "ca", caGroups, requirements, selfNodes);
            }

            // Provider → provider edges.
            var cdnEdges = EdgeGroups("cdn", "dns", cdnNsThird, cdnNsPvt, cdnNsGroups, allPairs: null);
            var caDnsEdges = EdgeGroups("ca", "dns", caNsThird.Select(CaRow).ToList(), [], caNsGroups, allPairs: caNsAll.Select(CaRow).ToList());
            var caCdnEdges = new SortedDictionary<string, EdgeGroup>(StringComparer.Ordinal);
            foreach (var (_, _, from, to) in caCdn.Where(r => !IsNone(r.Value)).Select(CaRow))
            {
                string node = Node("ca", from);
                string target = Node("cdn", to);
                if (!caCdnEdges.TryGetValue(node, out EdgeGroup? g))
                {
                    caCdnEdges.Add(node, g = new EdgeGroup());
                }

                g.Targets.Add(target);
            }

            foreach (var (layer, edges) in new[] { ("dns", cdnEdges), ("dns", caDnsEdges), ("cdn", caCdnEdges) })
            {
                foreach (var (node, g) in edges)
                {
                    foreach (string t in g.Targets)
                    {
                        requirements.Add(new Requirement(node, layer, layer, t) { SourceId = SourceId });
                    }

                    if (g.Self)
                    {
                        string self = $"self:{layer}:{node}";
                        selfNodes.Add(new DependencyNode(self, NodeKind.Self, $"{node} own {layer}") { Layer = layer, SourceId = SourceId });
                        requirements.Add(new Requirement(node, layer, layer, self) { SourceId = SourceId, Note = "private provider" });
                    }
                }
            }

            var providerRows = providers
                .OrderBy(p => LayerOrder(p.Value.Layer)).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new Provider(p.Key, p.Value.Name, null, p.Value.Layer, null))
                .ToImmutableArray();
            var nodes = providerRows
                .Select(p => new DependencyNode(p.ProviderId, NodeKind.Provider, p.Name) { ProviderId = p.ProviderId, Layer = p.Layer, SourceId = SourceId })
                .Concat(selfNodes)
                .ToImmutableArray();
            var services = orderedSites
                .Select(d => new DependentService(d, d) { Rank = sites[d].Rank, SourceId = SourceId })
                .ToImmutableArray();
            var source = new Source(
                SourceId,
                "A. Kashaf, V. Sekar, Y. Agarwal (Carnegie Mellon University)",
                "Analyzing Third Party Service Dependencies in Modern Web Services: Have We Learned from the Mirai-Dyn Incident? (ACM IMC 2020), data repository AqsaKashaf/Analyzing-Third-party-Dependencies, commit 20f0774",
                new DateOnly(2020, 10, 27),
                "https://github.com/AqsaKashaf/Analyzing-Third-party-Dependencies",
                "BSD (as the repository's README states; no LICENSE file)",
                "A");
            var data = new DependencyData([source], providerRows, nodes, services, requirements.ToImmutableArray());
            var caSites = caAll.Select(r => r.Domain).ToHashSet(StringComparer.Ordinal);
            var counts = new KashafImportCounts
            {
                Sites = sites.Count,
                RowsRead = rows,
                NoneRows = cdnAll.Count(r => IsNone(r.Value)),
                SitesWithoutCdn = cdnAll.Select(r => r.Domain).Distinct(StringComparer.Ordinal).Count(d => !cdnGroups.ContainsKey(d)),
                SitesWithCdn = cdnGroups.Count,
                SitesWithDns = dnsGroups.Count,
                SitesWithCa = caGroups.Count,
                CaSitesNotClassified = caSites.Count(d => !caGroups.ContainsKey(d)),
                SitesWithoutStaplingRow = caGroups.Keys.Count(d => !stapleRows.Contains(d)),
                SitesStapling = caGroups.Keys.Count(stapling.Contains),
                NonAsciiLines = nonAscii,
                ProvidersByLayer = Layers.Select(l => new KeyValuePair<string, int>(l, providerRows.Count(p => p.Layer == l))).ToImmutableArray(),
            };
            var aliasRows = aliases.Where(a => providers.ContainsKey(a.NodeId)).Select(a => new KashafAlias(a.Layer, a.Alias, a.NodeId)).ToImmutableArray();
            return new KashafImport(data, aliasRows, counts);
        }

        /// <summary>The row with its CA domain replaced by the CA name of the site files when the alias table has it.</summary>
        private SiteRow CaRow(SiteRow row) => caMap.TryGetValue(row.Domain, out string? name) ? row with { Domain = name } : row;

        private static bool IsNone(string label) => label.Equals(KashafImc2020.NoCdnLabel, StringComparison.OrdinalIgnoreCase);

        private void AddGroup(string domain, string layer, Dictionary<string, SiteGroup> groups, List<Requirement> requirements, List<DependencyNode> selfNodes)
        {
            if (!groups.TryGetValue(domain, out SiteGroup? group))
            {
                return;
            }

            foreach (string t in group.Targets)
            {
                requirements.Add(new Requirement(domain, layer, layer, t) { SourceId = SourceId });
            }

            if (group.Self)
            {
                string self = $"self:{layer}:{domain}";
                selfNodes.Add(new DependencyNode(self, NodeKind.Self, $"{domain} own {layer}") { Layer = layer, SourceId = SourceId });
                requirements.Add(new Requirement(domain, layer, layer, self)
                {
                    SourceId = SourceId,
                    Note = layer == "ca" ? "private CA or OCSP stapling" : "private provider",
                });
            }
        }

        /// <summary>Per site: third-party provider nodes, and a self alternative when a provider in <paramref name="all"/> is not third-party or <paramref name="pvt"/> names the site.</summary>
        private Dictionary<string, SiteGroup> Groups(string layer, IEnumerable<SiteRow> all, IEnumerable<SiteRow> third, IEnumerable<SiteRow> pvt, KashafDnsReading reading = KashafDnsReading.PrivateIsAlternative)
        {
            var groups = new Dictionary<string, SiteGroup>(StringComparer.Ordinal);
            SiteGroup Of(string domain) => groups.TryGetValue(domain, out SiteGroup? g) ? g : groups[domain] = new SiteGroup();
            foreach (var r in third)
            {
                Of(r.Domain).Targets.Add(Node(layer, r.Value));
            }

            // Per site, the all-use labels that are not third-party labels.
            var allOnly = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            var allLabels = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var r in all)
            {
                SiteGroup g = Of(r.Domain);
                string folded = Fold(layer, r.Value);
                if (!allLabels.TryGetValue(r.Domain, out HashSet<string>? labels))
                {
                    allLabels.Add(r.Domain, labels = new HashSet<string>(StringComparer.Ordinal));
                }

                labels.Add(folded);
                if (!g.Targets.Contains(folded))
                {
                    if (!allOnly.TryGetValue(r.Domain, out SortedSet<string>? extra))
                    {
                        allOnly.Add(r.Domain, extra = new SortedSet<string>(StringComparer.Ordinal));
                    }

                    extra.Add(folded);
                    Alias(layer, r.Value);
                }
            }

            foreach (var (domain, extra) in allOnly)
            {
                SiteGroup g = groups[domain];

                // One label only in the third-party list and one only in the all-use list: one provider renamed between the lists.
                bool renamed = g.Targets.Count(t => !allLabels[domain].Contains(t)) == 1 && extra.Count == 1;
                if (reading == KashafDnsReading.PrivateIsAlternative && !renamed)
                {
                    g.Self = true;
                }
            }

            foreach (var r in pvt)
            {
                Of(r.Domain).Self = true;
                Alias(layer, r.Value);
            }

            return groups;
        }

        private SortedDictionary<string, EdgeGroup> EdgeGroups(string fromLayer, string toLayer, List<SiteRow> third, List<SiteRow> pvt, Dictionary<string, string> nsGroups, List<SiteRow>? allPairs)
        {
            var result = new SortedDictionary<string, EdgeGroup>(StringComparer.Ordinal);
            EdgeGroup Of(string node) => result.TryGetValue(node, out EdgeGroup? g) ? g : result[node] = new EdgeGroup();
            var thirdPairs = new HashSet<(string, string)>();
            foreach (var (_, _, from, ns) in third)
            {
                Of(Node(fromLayer, from)).Targets.Add(Node(toLayer, nsGroups.GetValueOrDefault(ns, ns), ns));
                thirdPairs.Add((from, ns));
            }

            foreach (var (_, _, from, _) in pvt)
            {
                Of(Node(fromLayer, from)).Self = true;
            }

            foreach (var (_, _, from, ns) in allPairs ?? [])
            {
                if (!thirdPairs.Contains((from, ns)))
                {
                    Of(Node(fromLayer, from)).Self = true;
                }
            }

            return result;
        }

        private static string Fold(string layer, string label) => $"{layer}:{label.ToLowerInvariant()}";

        /// <summary>The provider node of <paramref name="label"/>, created on first use; <paramref name="spelling"/> is recorded as an alias.</summary>
        private string Node(string layer, string label, string? spelling = null)
        {
            string id = Fold(layer, label);
            providers.TryAdd(id, (layer, label));
            aliases.Add((layer, spelling ?? label, id));
            return id;
        }

        private void Alias(string layer, string label) => aliases.Add((layer, label, Fold(layer, label)));

        private List<SiteRow> SiteFile(string file, string format) => Lines(file, format, (line, text, list) =>
        {
            string[] f = text.Split(',');
            if (f.Length != 3)
            {
                Fault(file, line, Math.Min(f.Length + 1, 4), $"expected 3 fields '{format}', found {f.Length}");
                return;
            }

            if (Site(file, line, 1, 2, f[0], f[1]) && Token(file, line, 3, f[2], "a label"))
            {
                list.Add(new SiteRow(file, line, f[1], f[2]));
            }
        });

        private List<SiteRow> PairFile(string file, string format) => Lines(file, format, (line, text, list) =>
        {
            string[] f = text.Split(',');
            if (f.Length != 2)
            {
                Fault(file, line, Math.Min(f.Length + 1, 3), $"expected 2 fields '{format}', found {f.Length}");
                return;
            }

            if (Token(file, line, 1, f[0], "a provider") && Token(file, line, 2, f[1], "a provider or domain"))
            {
                list.Add(new SiteRow(file, line, f[0], f[1]));
            }
        });

        /// <summary><c>Provider,ns-domain ns-domain …</c>: each name-server domain to the group name, lower-cased up to its first dot.</summary>
        private Dictionary<string, string> GroupFile(string file)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            Lines(file, "provider,ns-domain ns-domain ...", (line, text, list) =>
            {
                int comma = text.IndexOf(',', StringComparison.Ordinal);
                if (comma < 0)
                {
                    Fault(file, line, 2, "line ends early: expected 'provider,ns-domain ns-domain ...'");
                    return;
                }

                string name = text[..comma];
                if (!Token(file, line, 1, name, "a provider"))
                {
                    return;
                }

                string group = name.ToLowerInvariant().Split('.')[0];
                foreach (string ns in text[(comma + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    map.TryAdd(ns, group);
                }
            });
            return map;
        }

        private List<SiteRow> DnsFile(string file) => Lines(file, "label,rank-domain:rank-domain:...", (line, text, list) =>
        {
            int comma = text.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                Fault(file, line, 2, $"line ends early: expected 'label,rank-domain:rank-domain:...', found no ',' after the label '{CsvTable.Show(text)}'");
                return;
            }

            string label = text[..comma];
            if (!Token(file, line, 1, label, "a provider label"))
            {
                return;
            }

            string[] entries = text[(comma + 1)..].Split(':');
            for (int k = 0; k < entries.Length; k++)
            {
                int dash = entries[k].IndexOf('-', StringComparison.Ordinal);
                if (dash < 0)
                {
                    Fault(file, line, k + 2, $"expected an entry 'rank-domain', found '{CsvTable.Show(entries[k])}'");
                    continue;
                }

                string domain = entries[k][(dash + 1)..];
                if (Site(file, line, k + 2, k + 2, entries[k][..dash], domain))
                {
                    list.Add(new SiteRow(file, line, domain, label));
                }
            }
        });

        private List<SiteRow> Lines(string file, string format, Action<int, string, List<SiteRow>> parse)
        {
            var list = new List<SiteRow>();
            string path = Path.Join(directory, file);
            if (!File.Exists(path))
            {
                Fault(file, 0, 0, $"missing file: expected lines '{format}'");
                return list;
            }

            byte[] bytes = File.ReadAllBytes(path);
            int bom = bytes.AsSpan().StartsWith(CsvTable.Utf8Bom) ? CsvTable.Utf8Bom.Length : 0;
            int before = errors.Count;
            CsvTable.CheckUtf8(path, bytes, bom, errors);
            if (errors.Count > before)
            {
                return list;
            }

            List<string> lines = KashafImc2020.SplitLines(CsvTable.StrictUtf8.GetString(bytes, bom, bytes.Length - bom));
            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            if (lines.Count == 0)
            {
                Fault(file, 0, 0, $"empty file: expected lines '{format}'");
            }

            for (int i = 0; i < lines.Count; i++)
            {
                rows++;
                if (lines[i].Length == 0)
                {
                    Fault(file, i + 1, 0, $"blank line: expected '{format}'");
                    continue;
                }

                if (lines[i].AsSpan().ContainsAnyExceptInRange('\0', '\u007F'))
                {
                    nonAscii++;
                }

                parse(i + 1, lines[i], list);
            }

            return list;
        }

        private bool Site(string file, int line, int rankColumn, int domainColumn, string rankText, string domain)
        {
            if (rankText.Length == 0 || !rankText.All(char.IsAsciiDigit)
                || !int.TryParse(rankText, NumberStyles.None, CultureInfo.InvariantCulture, out int rank) || rank < 1)
            {
                Fault(file, line, rankColumn, $"expected a rank, an integer between 1 and 2147483647, found '{CsvTable.Show(rankText)}'");
                return false;
            }

            if (!Token(file, line, domainColumn, domain, "a domain"))
            {
                return false;
            }

            if (!sites.TryGetValue(domain, out var first))
            {
                sites.Add(domain, (rank, file, line));
            }
            else if (first.Rank != rank)
            {
                Fault(file, line, rankColumn, $"site '{CsvTable.Show(domain)}' has two ranks: expected {first.Rank} as on {first.File} line {first.Line}, found {rank}");
                return false;
            }

            return true;
        }

        private bool Token(string file, int line, int column, string text, string what)
        {
            if (text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                return true;
            }

            Fault(file, line, column, $"expected {what} without white space or control characters, found '{CsvTable.Show(text)}'");
            return false;
        }

        private void Fault(string file, int line, int column, string message) => errors.Add(new DataError(Path.Join(directory, file), line, column, message));
    }

    /// <summary>One parsed line: a domain (or the left-hand provider) and its label (or right-hand value).</summary>
    private sealed record SiteRow(string File, int Line, string Domain, string Value);

    private sealed class SiteGroup
    {
        public SortedSet<string> Targets { get; } = new(StringComparer.Ordinal);

        public bool Self { get; set; }
    }

    private sealed class EdgeGroup
    {
        public SortedSet<string> Targets { get; } = new(StringComparer.Ordinal);

        public bool Self { get; set; }
    }
}
