using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Data;

public class KashafImc2020Tests
{
    /// <summary>A file in a fresh temporary folder, deleted with it.</summary>
    private sealed class TempFile : IDisposable
    {
        private readonly string directory = System.IO.Path.Join(System.IO.Path.GetTempPath(), "risktoolkit-kashaf-" + Guid.NewGuid().ToString("N"));

        public TempFile(string name, byte[] bytes)
        {
            Directory.CreateDirectory(directory);
            Path = System.IO.Path.Join(directory, name);
            File.WriteAllBytes(Path, bytes);
        }

        public TempFile(string name, string text)
            : this(name, Encoding.UTF8.GetBytes(text))
        {
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(directory, recursive: true);
    }

    /// <summary>Reads <paramref name="text"/> with <paramref name="read"/> and returns its only fault, asserting the exact file:line:column: prefix.</summary>
    private static DataError SingleFaultAt(Func<string, KashafSiteCounts> read, string text, int line, int column)
    {
        using var file = new TempFile("data", text);
        var ex = Assert.Throws<DataValidationException>(() => read(file.Path));
        DataError error = Assert.Single(ex.Errors);
        Assert.StartsWith($"{file.Path}:{line}:{column}: ", error.ToString(), StringComparison.Ordinal);
        return error;
    }

    // ---- counting ----------------------------------------------------------------------------------

    [Fact]
    public void Cdn_sites_are_counted_once_per_provider_with_labels_case_folded_and_none_apart()
    {
        // b.com uses akamai (spelt two ways on two lines) and Fastly; c.com has no CDN; a.com uses cloudfront.
        const string text =
            "1,a.com,cloudfront\n"
            + "2,b.com,akamai\n"
            + "2,b.com,Akamai\n"
            + "2,b.com,Fastly\n"
            + "3,c.com,none\n"
            + "4,d.com,Akamai\n";
        using var file = new TempFile("CDNCurrent", text);

        KashafSiteCounts counts = KashafImc2020.ReadCdnCurrent(file.Path);

        // akamai: b.com and d.com = 2; cloudfront: a.com = 1; fastly: b.com = 1. Ties sort by label.
        Assert.Equal(
            [new ProviderSiteCount("akamai", 2, ["Akamai", "akamai"]), new ProviderSiteCount("cloudfront", 1, ["cloudfront"]), new ProviderSiteCount("fastly", 1, ["Fastly"])],
            counts.Providers,
            (a, b) => a.Provider == b.Provider && a.Sites == b.Sites && a.Spellings.SequenceEqual(b.Spellings));
        Assert.Equal((6, 4, 1, 0), (counts.Lines, counts.Sites, counts.SitesWithoutProvider, counts.NonAsciiLines));
        // 2 + 1 + 1 = 4: b.com counts once for akamai and once for fastly.
        Assert.Equal(4L, counts.ProviderSites);
        Assert.Equal(2, counts.SitesOf("akamai"));
        Assert.Null(counts.SitesOf("Akamai"));
        Assert.Null(counts.SitesOf(KashafImc2020.NoCdnLabel));
    }

    [Fact]
    public void Ca_lines_repeated_for_a_site_count_once_and_labels_keep_their_case()
    {
        // The second Let'sEncrypt line for x.org repeats the first; DigiCertInc and digicertinc stay apart.
        const string text =
            "10,x.org,Let'sEncrypt\n"
            + "10,x.org,Let'sEncrypt\n"
            + "11,y.org,DigiCertInc\n"
            + "12,z.org,digicertinc\n";
        using var file = new TempFile("CACurrent", text);

        KashafSiteCounts counts = KashafImc2020.ReadCaCurrent(file.Path);

        Assert.Equal(["DigiCertInc", "Let'sEncrypt", "digicertinc"], counts.Providers.Select(p => p.Provider));
        Assert.All(counts.Providers, p => Assert.Equal(1, p.Sites));
        Assert.Equal((4, 3), (counts.Lines, counts.Sites));
    }

    [Fact]
    public void Non_ascii_utf8_labels_are_read_as_published_and_counted()
    {
        // CACurrent's "odd bytes" are names like this one: valid UTF-8, kept as they are.
        const string text = "649,ria.ru,RU-Center(ЗАОРегиональныйСетевойИнформационныйЦентр)\n" + "1742,sapo.pt,MULTICERT-ServiçosdeCertificaçãoElectrónicaS.A.\n" + "1,a.com,DigiCertInc\n";
        using var file = new TempFile("CACurrent", text);

        KashafSiteCounts counts = KashafImc2020.ReadCaCurrent(file.Path);

        Assert.Equal(2, counts.NonAsciiLines);
        Assert.Equal(1, counts.SitesOf("RU-Center(ЗАОРегиональныйСетевойИнформационныйЦентр)"));
    }

    [Fact]
    public void Dns_lists_count_distinct_sites_per_provider_and_a_site_once_for_each_provider()
    {
        // s1 is listed twice for cloudflare and once for aws.
        const string text =
            "cloudflare,1-s1.com:2-s-2.com:1-s1.com\n"
            + "aws,1-s1.com\n";
        using var file = new TempFile("DNSconcAll", text);

        KashafSiteCounts counts = KashafImc2020.ReadDnsConcentration(file.Path);

        Assert.Equal([("cloudflare", 2), ("aws", 1)], counts.Providers.Select(p => (p.Provider, p.Sites)));
        // Domains may hold '-': only the first one separates rank from domain.
        Assert.Equal((2, 2, 3L), (counts.Lines, counts.Sites, counts.ProviderSites));
    }

    [Fact]
    public void Crlf_line_ends_byte_order_mark_and_trailing_blank_lines_are_accepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "1,a.com,fastly\r\n2,b.com,fastly\r\n\r\n"u8];
        using var file = new TempFile("CDNCurrent", bytes);

        KashafSiteCounts counts = KashafImc2020.ReadCdnCurrent(file.Path);

        Assert.Equal((2, 2), (counts.Lines, counts.SitesOf("fastly")));
    }

    [Fact]
    public void Results_are_immutable()
    {
        using var file = new TempFile("CDNCurrent", "1,a.com,fastly\n");

        KashafSiteCounts counts = KashafImc2020.ReadCdnCurrent(file.Path);

        Assert.Throws<NotSupportedException>(() => ((IList<ProviderSiteCount>)counts.Providers).Add(counts.Providers[0]));
        Assert.Throws<NotSupportedException>(() => ((IList<string>)counts.Providers[0].Spellings).Clear());
    }

    [Fact]
    public void Counts_equal_a_naive_recount_of_any_cdn_file()
    {
        // Sites d0..d9 with fixed ranks; labels from a small alphabet in either case, 'none' included.
        string[] labels = ["akamai", "Akamai", "fastly", "FASTLY", "none", "None", "cloudfront"];
        Gen<(int Site, int Label)[]> lines = Gen.Select(Gen.Int[0, 9], Gen.Int[0, labels.Length - 1]).Array[1, 40];
        using var file = new TempFile("CDNCurrent", string.Empty);

        lines.Sample(
            chosen =>
            {
                File.WriteAllText(file.Path, string.Concat(chosen.Select(l => $"{l.Site + 1},d{l.Site}.com,{labels[l.Label]}\n")));

                KashafSiteCounts counts = KashafImc2020.ReadCdnCurrent(file.Path);

                var expected = chosen
                    .GroupBy(l => labels[l.Label].ToLowerInvariant())
                    .Where(g => g.Key != "none")
                    .ToDictionary(g => g.Key, g => g.Select(l => l.Site).Distinct().Count());
                Assert.Equal(expected.Count, counts.Providers.Count);
                Assert.All(counts.Providers, p => Assert.Equal(expected[p.Provider], p.Sites));
                Assert.Equal(expected.Values.Sum(), counts.ProviderSites);
                Assert.Equal(chosen.Select(l => l.Site).Distinct().Count(), counts.Sites);
                Assert.Equal(chosen.Where(l => labels[l.Label].Equals("none", StringComparison.OrdinalIgnoreCase)).Select(l => l.Site).Distinct().Count(), counts.SitesWithoutProvider);
                // Largest first, ties by label.
                Assert.Equal(counts.Providers.OrderByDescending(p => p.Sites).ThenBy(p => p.Provider, StringComparer.Ordinal), counts.Providers);
            },
            iter: 1000,
            threads: 1); // every case rewrites the same file
    }

    [Fact]
    public void Arbitrary_text_is_read_or_rejected_with_located_faults_never_another_exception()
    {
        Gen<string> text = Gen.Char["1a-,:. \n\rx"].Array[0, 60].Select(chars => new string(chars));
        using var file = new TempFile("DNSconcAll", string.Empty);

        text.Sample(
            t =>
            {
                File.WriteAllText(file.Path, t);
                int lines = t.Replace("\r\n", "\n", StringComparison.Ordinal).Count(c => c is '\n' or '\r') + 1;
                try
                {
                    KashafImc2020.ReadDnsConcentration(file.Path);
                }
                catch (DataValidationException ex)
                {
                    Assert.All(ex.Errors, e => Assert.InRange(e.Line, 0, lines));
                    Assert.All(ex.Errors, e => Assert.InRange(e.Column, 0, 62));
                }
            },
            iter: 1000,
            threads: 1); // every case rewrites the same file
    }

    // ---- the published files (skipped when ../shared is absent) --------------------------------------

    private static string KashafFile(params string[] parts) => Path.Combine([SharedDatasets.Kashaf!, .. parts]);

    [KashafDataFact]
    public void Recount_of_the_published_files_matches_the_counts_in_the_facts_sheet()
    {
        // FACTS.md §2 counted these from dns/data/DNSconcAll and (for CDNs) the paper's per-provider
        // lists; the CDN figures equal distinct sites of CDNCurrent once labels are case-folded.
        KashafSiteCounts dns = KashafImc2020.ReadDnsConcentration(KashafFile("dns", "data", "DNSconcAll"));
        KashafSiteCounts cdn = KashafImc2020.ReadCdnCurrent(KashafFile("cdn", "data", "CDNCurrent"));
        KashafSiteCounts ca = KashafImc2020.ReadCaCurrent(KashafFile("cert", "data", "CACurrent"));

        Assert.Equal([23_570, 11_655, 4_235, 1_892, 1_694, 1_299, 1_191, 1_131, 1_122, 1_120, 936, 753, 722],
            new[] { "cloudflare", "aws", "godaddy", "dnspod", "akamai", "hichina", "namecheap", "google3rd", "dnsmadeeasy", "dyn", "ultradns", "ns1", "dynect" }.Select(l => dns.SitesOf(l)));
        Assert.Equal([10_185, 7_296, 5_943, 2_907, 2_615, 1_731, 996, 718, 689, 637],
            new[] { "cloudfront", "cloudflare", "akamai", "google", "fastly", "stackpath", "edgecast", "alibaba", "maxcdn", "incapsula" }.Select(l => cdn.SitesOf(l)));
        // The facts sheet's CA figures count lines, not sites (Let's Encrypt: 35,537 lines); distinct sites are fewer.
        Assert.True(ca.SitesOf("Let'sEncrypt") < 35_537);
        // The data's description: 96,357 CDN lines over 90,900 domains; 121,445 CA lines over 79,442 domains.
        Assert.Equal((96_357, 90_900, 121_445, 79_442), (cdn.Lines, cdn.Sites, ca.Lines, ca.Sites));
        Assert.Equal(81, ca.NonAsciiLines);
    }

    [KashafDataFact]
    public void Committed_site_counts_equal_a_recount_of_the_published_files()
    {
        // DNS and CA list their 15 largest labels and 'other'; the CDN market lists every label.
        (string Market, KashafSiteCounts Counts, bool Whole)[] markets =
        [
            ("dns-alexa100k-2020", KashafImc2020.ReadDnsConcentration(KashafFile("dns", "data", "DNSconcAll")), false),
            ("cdn-alexa100k-2020", KashafImc2020.ReadCdnCurrent(KashafFile("cdn", "data", "CDNCurrent")), true),
            ("ca-alexa100k-2020", KashafImc2020.ReadCaCurrent(KashafFile("cert", "data", "CACurrent")), false),
        ];
        MarketData data = MarketDataReader.Load(RepoPaths.Data);

        foreach (var (market, counts, whole) in markets)
        {
            var rows = data.MarketShares.Where(r => r.MarketId == market).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal("2020", r.Period));
            var named = rows.Where(r => !r.IsOther).ToList();
            Assert.Equal(whole ? counts.Providers.Count : 15, named.Count);

            // The named rows are the largest labels, largest first, each with its recounted distinct sites;
            // every row's note begins with the label it counts.
            Assert.Equal(
                counts.Providers.Take(named.Count).Select(p => (p.Provider, (long)p.Sites)),
                named.Select(r => (LabelOf(r.Note), r.Count!.Value)));

            if (whole)
            {
                // Every label is listed, so the rows alone add up to the denominator of site shares.
                Assert.DoesNotContain(rows, r => r.IsOther);
                Assert.Equal(counts.ProviderSites, named.Sum(r => r.Count!.Value));
            }
            else
            {
                // 'other' is the sum over all other labels, so the rows add up to the denominator of site shares.
                MarketShare other = Assert.Single(rows, r => r.IsOther);
                Assert.Equal(counts.ProviderSites - named.Sum(r => r.Count!.Value), other.Count);
            }
        }
    }

    [KashafDataFact]
    public void Cdn_market_lists_all_85_case_folded_labels_and_their_38030_site_uses()
    {
        // Recounted without the reader: lower-case every label, drop 'none', keep the distinct
        // (domain, label) pairs: 38,030 pairs over 85 labels.
        KashafSiteCounts cdn = KashafImc2020.ReadCdnCurrent(KashafFile("cdn", "data", "CDNCurrent"));

        Assert.Equal((85, 38_030L), (cdn.Providers.Count, cdn.ProviderSites));
        Assert.Null(cdn.SitesOf("none"));
    }

    private static string LabelOf(string? note)
    {
        Match match = Regex.Match(note ?? string.Empty, @"^label: ([^\s;]+)");
        Assert.True(match.Success, $"note '{note}' does not begin with 'label: '");
        return match.Groups[1].Value;
    }

    // ---- faults: one per kind ----------------------------------------------------------------------

    [Fact]
    public void Missing_file_is_a_fault_at_line_0_column_0()
    {
        string missing = Path.Join(Path.GetTempPath(), "risktoolkit-missing-" + Guid.NewGuid().ToString("N"), "CDNCurrent");

        var ex = Assert.Throws<DataValidationException>(() => KashafImc2020.ReadCdnCurrent(missing));

        Assert.Equal($"{missing}:0:0: missing file: expected lines 'rank,domain,cdn'", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void Empty_file_is_a_fault_at_line_0_column_0()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCaCurrent, string.Empty, 0, 0);

        Assert.Equal("empty file: expected lines 'rank,domain,CA'", error.Message);
    }

    [Fact]
    public void File_of_blank_lines_is_empty()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCaCurrent, "\n\n", 0, 0);

        Assert.Equal("empty file: expected lines 'rank,domain,CA', found only blank lines", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_at_line_and_byte_column()
    {
        // Line 2 is "2,b.com,Caf\xE9" in Latin-1: the lone byte 0xE9 is the 12th byte of the line.
        byte[] bytes = [.. "1,a.com,fastly\n2,b.com,Caf"u8, 0xE9, .. "\n"u8];
        using var file = new TempFile("CACurrent", bytes);

        var ex = Assert.Throws<DataValidationException>(() => KashafImc2020.ReadCaCurrent(file.Path));

        Assert.Equal($"{file.Path}:2:12: invalid UTF-8: expected UTF-8 text, found byte 0xE9 (save the file as UTF-8)", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void Blank_line_between_lines_is_a_fault_at_column_0()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCdnCurrent, "1,a.com,fastly\n\n2,b.com,fastly\n", 2, 0);

        Assert.Equal("blank line: expected 'rank,domain,cdn'", error.Message);
    }

    [Fact]
    public void Line_with_too_few_fields_is_reported_at_the_first_missing_field()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCdnCurrent, "1,a.com,fastly\n2,b.com\n", 2, 3);

        Assert.Equal("expected 3 fields 'rank,domain,cdn', found 2 (line ends early)", error.Message);
    }

    [Fact]
    public void Line_with_too_many_fields_is_reported_at_the_first_surplus_field()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCaCurrent, "1,a.com,Sectigo,Limited\n", 1, 4);

        Assert.Equal("expected 3 fields 'rank,domain,CA', found 4 (first surplus field 'Limited')", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("+3")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData("2147483648")]
    public void Rank_that_is_not_a_whole_number_from_1_is_reported_at_column_1(string rank)
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCdnCurrent, $"{rank},a.com,fastly\n", 1, 1);

        Assert.Equal($"expected a rank, an integer between 1 and 2147483647, found '{rank}'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a .com")]
    [InlineData("a\tcom")]
    public void Domain_that_is_empty_or_holds_white_space_is_reported_at_column_2(string domain)
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCaCurrent, $"1,{domain},DigiCertInc\n", 1, 2);

        Assert.StartsWith("expected a domain without white space or control characters, found '", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Digi Cert")]
    [InlineData("DigiCert\u0007")]
    public void Label_that_is_empty_or_holds_white_space_or_control_characters_is_reported_at_column_3(string label)
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCaCurrent, $"1,a.com,{label}\n", 1, 3);

        Assert.StartsWith("expected a provider label without white space or control characters, found '", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Site_listed_with_two_ranks_is_reported_at_the_later_rank()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadCdnCurrent, "5,a.com,fastly\n6,a.com,akamai\n", 2, 1);

        Assert.Equal("site 'a.com' has two ranks: expected 5 as on line 1, found 6", error.Message);
    }

    [Fact]
    public void Dns_line_without_a_comma_is_reported_at_column_2()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadDnsConcentration, "cloudflare,1-a.com\naws\n", 2, 2);

        Assert.Equal("line ends early: expected 'label,rank-domain:rank-domain:...', found no ',' after the label 'aws'", error.Message);
    }

    [Fact]
    public void Dns_label_that_is_empty_is_reported_at_column_1()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadDnsConcentration, ",1-a.com\n", 1, 1);

        Assert.Equal("expected a provider label without white space or control characters, found ''", error.Message);
    }

    [Fact]
    public void Dns_provider_on_two_lines_is_reported_at_the_later_line()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadDnsConcentration, "aws,1-a.com\naws,2-b.com\n", 2, 1);

        Assert.Equal("duplicate provider 'aws': expected one line per provider, already on line 1", error.Message);
    }

    [Fact]
    public void Dns_entry_without_a_dash_is_reported_at_its_own_field()
    {
        // Entries are fields 2, 3, 4, ...: the empty entry left by '::' is the third, field 4.
        DataError error = SingleFaultAt(KashafImc2020.ReadDnsConcentration, "aws,1-a.com:2-b.com::3-c.com\n", 1, 4);

        Assert.Equal("expected an entry 'rank-domain', found ''", error.Message);
    }

    [Fact]
    public void Dns_entry_with_a_bad_rank_is_reported_at_its_own_field()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadDnsConcentration, "aws,1-a.com:x-b.com\n", 1, 3);

        Assert.Equal("entry 'rank-domain': expected a rank, an integer between 1 and 2147483647, found 'x'", error.Message);
    }

    [Fact]
    public void Dns_entry_with_an_empty_domain_is_reported_at_its_own_field()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadDnsConcentration, "aws,1-a.com:2-\n", 1, 3);

        Assert.Equal("entry 'rank-domain': expected a domain without white space or control characters, found ''", error.Message);
    }

    [Fact]
    public void Dns_site_with_two_ranks_across_providers_is_reported_at_its_entry()
    {
        DataError error = SingleFaultAt(KashafImc2020.ReadDnsConcentration, "aws,1-a.com\ncloudflare,2-b.com:3-a.com\n", 2, 3);

        Assert.Equal("entry 'rank-domain': site 'a.com' has two ranks: expected 1 as on line 1, found 3", error.Message);
    }

    [Fact]
    public void Every_fault_of_a_file_is_reported_in_line_order()
    {
        using var file = new TempFile("CDNCurrent", "x,a.com,fastly\n2,b.com\n3,c.com,fast ly\n");

        var ex = Assert.Throws<DataValidationException>(() => KashafImc2020.ReadCdnCurrent(file.Path));

        Assert.Equal([(1, 1), (2, 3), (3, 3)], ex.Errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public void Null_or_empty_path_is_an_argument_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => KashafImc2020.ReadCdnCurrent(null!));
        Assert.ThrowsAny<ArgumentException>(() => KashafImc2020.ReadCaCurrent(string.Empty));
        Assert.ThrowsAny<ArgumentException>(() => KashafImc2020.ReadDnsConcentration(string.Empty));
    }
}
