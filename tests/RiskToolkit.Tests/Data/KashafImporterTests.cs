using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using Xunit;

namespace RiskToolkit.Tests.Data;

public sealed class KashafImporterTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kashaf-").FullName;

    public KashafImporterTests() => WriteMinimal(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>A folder with every file the importer reads: three sites, two CDNs spelt in two cases, one stapling site.</summary>
    internal static void WriteMinimal(string dir)
    {
        void W(string file, string text)
        {
            string path = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        W("cdn/data/CDNCurrent", "1,a.com,Akamai\n2,b.com,akamai\n2,b.com,fastly\n3,c.com,none\n4,d.com,dpriv\n");
        W("cdn/data/newThird", "1,a.com,Akamai\n2,b.com,akamai\n2,b.com,fastly\n");
        W("cdn/data/newPvt", "4,d.com,dpriv\n");
        W("cert/data/CACurrent", "1,a.com,DigiCertInc\n2,b.com,Let'sEncrypt\n");
        W("cert/data/Third_2", "1,a.com,DigiCertInc\n2,b.com,Let'sEncrypt\n");
        W("cert/data/pvt", "4,d.com,GoogleTrustServices\n");
        W("cert/data/stapleCurrent", "2,b.com,yes\n");
        W("dns/data/DNSconcAll", "aws,1-a.com:2-b.com\ncloudflare,3-c.com\nown,3-c.com\n");
        W("dns/data/DNSconc3rd", "aws,1-a.com:2-b.com\ncloudflare,3-c.com\n");
        W("cdn/cdnNS/data/third-cdn-ns", "fastly,awsdns-01.com\n");
        W("cdn/cdnNS/data/pvt-cdn-ns", "akamai,akam.net\n");
        W("cdn/cdnNS/data/groups-cdn-ns", "AWS,awsdns-01.com awsdns-02.net\n");
        W("cert/certNS/data/CA_NS", "digicert.com,awsdns-01.com\n");
        W("cert/certNS/data/third-cert-ns", "digicert.com,awsdns-01.com\n");
        W("cert/certNS/data/groups-cert-ns", "aws,awsdns-01.com\n");
        W("cert/certCDN/cert-cdn", "digicert.com,fastly\nletsencrypt.org,none\n");
    }

    private string Path1(string file) => Path.Join(dir, file);

    private DataValidationException Fault(string file, string text)
    {
        File.WriteAllText(Path.Combine(dir, file), text);
        return Assert.Throws<DataValidationException>(() => KashafImporter.Import(dir));
    }

    [Fact]
    public void Groups_hold_third_parties_and_one_self_alternative_per_site_and_layer()
    {
        var import = KashafImporter.Import(dir);
        var req = import.Data.Requirements;
        string[] Targets(string dependent, string layer) => req.Where(r => r.DependentId == dependent && r.Layer == layer).Select(r => r.TargetId).Order(StringComparer.Ordinal).ToArray();

        // a.com: only Akamai (spelt 'Akamai') → one target cdn:akamai, critical.
        Assert.Equal(["cdn:akamai"], Targets("a.com", "cdn"));

        // b.com: akamai and fastly, both third party → redundant; stapling 'yes' is its CA self alternative.
        Assert.Equal(["cdn:akamai", "cdn:fastly"], Targets("b.com", "cdn"));
        Assert.Equal(["ca:let'sencrypt", "self:ca:b.com"], Targets("b.com", "ca"));

        // c.com: CDN 'none' gives no CDN group; DNS 'own' is in All but not 3rd → private.
        Assert.Empty(Targets("c.com", "cdn"));
        Assert.Equal(["dns:cloudflare", "self:dns:c.com"], Targets("c.com", "dns"));

        // d.com: private CDN only; private CA only.
        Assert.Equal(["self:cdn:d.com"], Targets("d.com", "cdn"));
        Assert.Equal(["self:ca:d.com"], Targets("d.com", "ca"));

        // Provider edges: fastly → dns:aws (via the groups file), akamai → its own DNS; digicert.com → aws and fastly; 'none' is no CDN.
        Assert.Equal(["dns:aws"], Targets("cdn:fastly", "dns"));
        Assert.Equal(["self:dns:cdn:akamai"], Targets("cdn:akamai", "dns"));
        Assert.Equal(["cdn:fastly"], Targets("ca:digicert.com", "cdn"));
        Assert.Empty(Targets("ca:letsencrypt.org", "cdn"));

        Assert.Contains(new KashafAlias("cdn", "Akamai", "cdn:akamai"), import.Aliases);
        Assert.Contains(new KashafAlias("cdn", "akamai", "cdn:akamai"), import.Aliases);
        Assert.Contains(new KashafAlias("dns", "awsdns-01.com", "dns:aws"), import.Aliases);
        Assert.Equal(4, import.Counts.Sites);
        Assert.Equal(1, import.Counts.NoneRows);
        Assert.Equal(1, import.Counts.SitesWithoutCdn);

        // a.com and d.com have a CA requirement but no stapling line: counted as not stapling.
        Assert.Equal(2, import.Counts.SitesWithoutStaplingRow);
    }

    [Fact]
    public void Dns_label_renamed_between_the_lists_is_not_a_private_server()
    {
        // e.com is 'google3rd' in DNSconcAll and 'google' in DNSconc3rd: one label only in each list → one provider renamed.
        File.WriteAllText(Path1("dns/data/DNSconcAll"), "aws,1-a.com:2-b.com\ncloudflare,3-c.com\nown,3-c.com\ngoogle3rd,5-e.com\n");
        File.WriteAllText(Path1("dns/data/DNSconc3rd"), "aws,1-a.com:2-b.com\ncloudflare,3-c.com\ngoogle,5-e.com\n");
        var req = KashafImporter.Import(dir).Data.Requirements;
        Assert.Equal(["dns:google"], req.Where(r => r.DependentId == "e.com" && r.Layer == "dns").Select(r => r.TargetId).ToArray());
    }

    [Fact]
    public void Third_party_only_reading_ignores_a_private_name_server()
    {
        // c.com: cloudflare (3rd) and 'own' (All only). Default: redundant; the paper's lists: critical on cloudflare.
        var options = new KashafImportOptions { DnsReading = KashafDnsReading.ThirdPartyOnly };
        var req = KashafImporter.Import(dir, options).Data.Requirements;
        Assert.Equal(["dns:cloudflare"], req.Where(r => r.DependentId == "c.com" && r.Layer == "dns").Select(r => r.TargetId).ToArray());
    }

    [Fact]
    public void Ca_domain_aliases_attach_the_edges_to_the_ca_node_the_sites_use()
    {
        var options = new KashafImportOptions { CaDomainAliases = [new("digicert.com", "DigiCertInc", "same organisation name")] };
        var req = KashafImporter.Import(dir, options).Data.Requirements;
        string[] Targets(string dependent, string layer) => req.Where(r => r.DependentId == dependent && r.Layer == layer).Select(r => r.TargetId).ToArray();
        Assert.Equal(["cdn:fastly"], Targets("ca:digicertinc", "cdn"));
        Assert.Equal(["dns:aws"], Targets("ca:digicertinc", "dns"));
        Assert.Empty(Targets("ca:digicert.com", "cdn"));
    }

    [Fact]
    public void Ca_domain_with_two_names_is_rejected()
    {
        var options = new KashafImportOptions { CaDomainAliases = [new("x.com", "A", "r"), new("x.com", "B", "r")] };
        var e = Assert.Throws<ArgumentException>(() => KashafImporter.Import(dir, options));
        Assert.Equal("options", e.ParamName);
    }

    [KashafDataFact]
    public void Bundled_ca_domain_aliases_name_edge_file_domains_and_site_file_cas()
    {
        var aliases = KashafImporter.ReadCaDomainAliases(Path.Combine(RepoPaths.Data, "kashaf-imc2020", "ca_domain_aliases.csv"));
        Assert.Equal(51, aliases.Count);
        string root = SharedDatasets.Kashaf!;
        var domains = File.ReadLines(Path.Join(root, "cert/certCDN/cert-cdn")).Concat(File.ReadLines(Path.Join(root, "cert/certNS/data/CA_NS")))
            .Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        var names = File.ReadLines(Path.Join(root, "cert/data/Third_2")).Concat(File.ReadLines(Path.Join(root, "cert/data/pvt")))
            .Select(l => l.Split(',')[^1]).ToHashSet(StringComparer.Ordinal);
        Assert.All(aliases, a => Assert.Contains(a.CaDomain, domains));
        Assert.All(aliases, a => Assert.Contains(a.CaName, names));

        // 77 domains in the two edge files; 51 mapped, 26 left out (listed in data/README.md).
        Assert.Equal(77, domains.Count);
    }

    [Fact]
    public void Import_output_passes_the_dependency_reader()
    {
        var import = KashafImporter.Import(dir);
        string output = Path.Combine(dir, "out");
        DependencyDataWriter.Write(import.Data, output);
        KashafImporter.WriteAliases(import.Aliases, output);
        Assert.Empty(DependencyDataReader.Validate(output));
        Assert.Equal("layer,alias,node_id", File.ReadLines(Path.Combine(output, "aliases.csv")).First());
    }

    [Fact]
    public void Malformed_site_line_is_located_at_its_first_missing_field()
    {
        var ex = Fault("cdn/data/CDNCurrent", "1,a.com,Akamai\n2,b.com\n");
        Assert.StartsWith($"{Path1("cdn/data/CDNCurrent")}:2:3: expected 3 fields", ex.Errors[0].ToString());
    }

    [Fact]
    public void Bad_rank_is_located_at_field_1()
    {
        var ex = Fault("cert/data/CACurrent", "1,a.com,DigiCertInc\nx2,b.com,Let'sEncrypt\n");
        Assert.StartsWith($"{Path1("cert/data/CACurrent")}:2:1: expected a rank", ex.Errors[0].ToString());
    }

    [Fact]
    public void Missing_field_of_a_provider_edge_is_located_at_field_2()
    {
        var ex = Fault("cert/certCDN/cert-cdn", "digicert.com\n");
        Assert.StartsWith($"{Path1("cert/certCDN/cert-cdn")}:1:2: expected 2 fields", ex.Errors[0].ToString());
    }

    [Fact]
    public void Bad_dns_entry_is_located_at_its_entry()
    {
        // Label is field 1, the k-th entry field k + 1: '2b.com' is entry 2 → field 3.
        var ex = Fault("dns/data/DNSconcAll", "aws,1-a.com:2b.com\n");
        Assert.StartsWith($"{Path1("dns/data/DNSconcAll")}:1:3: expected an entry 'rank-domain'", ex.Errors[0].ToString());
    }

    [Fact]
    public void Site_with_two_ranks_is_a_fault_on_the_later_file()
    {
        var ex = Fault("cert/data/stapleCurrent", "5,b.com,yes\n");
        Assert.StartsWith($"{Path1("cert/data/stapleCurrent")}:1:1: site 'b.com' has two ranks", ex.Errors[0].ToString());
    }

    [Fact]
    public void Stapling_value_other_than_yes_or_no_is_a_fault()
    {
        var ex = Fault("cert/data/stapleCurrent", "2,b.com,maybe\n");
        Assert.StartsWith($"{Path1("cert/data/stapleCurrent")}:1:3: expected 'yes' or 'no'", ex.Errors[0].ToString());
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_located_at_their_byte()
    {
        File.WriteAllBytes(Path.Combine(dir, "cdn/data/newPvt"), [.. "4,d.com,"u8, 0xFF, (byte)'\n']);
        var ex = Assert.Throws<DataValidationException>(() => KashafImporter.Import(dir));
        Assert.StartsWith($"{Path1("cdn/data/newPvt")}:1:9:", ex.Errors[0].ToString());
    }

    [Fact]
    public void Missing_file_is_named()
    {
        File.Delete(Path.Combine(dir, "dns/data/DNSconc3rd"));
        var ex = Assert.Throws<DataValidationException>(() => KashafImporter.Import(dir));
        Assert.StartsWith($"{Path1("dns/data/DNSconc3rd")}:0:0: missing file", ex.Errors[0].ToString());
    }

    [Fact]
    public void Missing_directory_throws_directory_not_found() =>
        Assert.Throws<DirectoryNotFoundException>(() => KashafImporter.Import(Path.Combine(dir, "nope")));

    [KashafDataFact]
    public void Whole_dataset_imports_in_seconds_with_the_published_row_counts()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var import = KashafImporter.Import(SharedDatasets.Kashaf!);
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"import took {watch.Elapsed}");

        // Distinct domains over every per-site file and DNS list (ranks agree across files): 98,912.
        Assert.Equal(98_912, import.Counts.Sites);

        // The data's description: CDNCurrent has 57,763 'none' rows.
        Assert.Equal(57_763, import.Counts.NoneRows);

        // CACurrent's 79,442 sites = 76,679 in Third_2 + 1,548 in pvt + 1,215 in neither.
        Assert.Equal(1_215, import.Counts.CaSitesNotClassified);
        Assert.Equal(78_227, import.Counts.SitesWithCa);
    }
}
