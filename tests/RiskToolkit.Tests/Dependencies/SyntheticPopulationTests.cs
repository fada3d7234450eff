using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Tests.Data;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

public class SyntheticPopulationTests
{
    private static readonly MarketData Bundled = MarketDataReader.Load(RepoPaths.Data);

    // One 100K population shared by the calibration tests (about half a second to make).
    private static readonly Lazy<DependencyData> Large = new(() => SyntheticPopulation.Generate(new SyntheticOptions(100_000, 7), Bundled));

    [Fact]
    public void Same_seed_gives_identical_tables()
    {
        var a = SyntheticPopulation.Generate(new SyntheticOptions(500, 3), Bundled);
        var b = SyntheticPopulation.Generate(new SyntheticOptions(500, 3), Bundled);
        DependencyFixture.AssertSameTables(a, b);
    }

    [Fact]
    public void Different_seed_gives_different_tables()
    {
        var a = SyntheticPopulation.Generate(new SyntheticOptions(500, 3), Bundled);
        var b = SyntheticPopulation.Generate(new SyntheticOptions(500, 4), Bundled);
        Assert.NotEqual(a.Services, b.Services);
        Assert.NotEqual(a.Requirements, b.Requirements);
    }

    [Fact]
    public void Bundled_synthetic_folder_is_what_risk_synth_writes_for_2000_services_and_seed_42()
    {
        string folder = Path.Combine(RepoPaths.Data, "synthetic");
        var dir = Directory.CreateTempSubdirectory("risk-synth-");
        try
        {
            DependencyDataWriter.Write(SyntheticPopulation.Generate(new SyntheticOptions(2000, 42), Bundled), dir.FullName);
            foreach (string file in new[] { "sources.csv", "providers.csv", "nodes.csv", "services.csv", "requirements.csv" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(folder, file)), File.ReadAllBytes(Path.Combine(dir.FullName, file)));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        Assert.Empty(DependencyDataReader.Validate(folder));
    }

    [Fact]
    public void Every_row_cites_the_synthetic_source_which_says_it_is_a_model()
    {
        var data = SyntheticPopulation.Generate(new SyntheticOptions(300, 1), Bundled);
        Source synthetic = Assert.Single(data.Sources, s => s.SourceId == SyntheticPopulation.SourceId);
        Assert.Contains("a model and not data", synthetic.Title, StringComparison.Ordinal);
        Assert.All(data.Services, s => Assert.Equal(SyntheticPopulation.SourceId, s.SourceId));
        Assert.All(data.Requirements, r => Assert.Equal(SyntheticPopulation.SourceId, r.SourceId));

        // Provider nodes of named providers cite the market's source; everything made up cites 'synthetic'.
        Assert.All(data.Nodes, n => Assert.Equal(
            n.Kind == NodeKind.Provider && !n.ProviderId!.StartsWith("synthetic-", StringComparison.Ordinal),
            n.SourceId != SyntheticPopulation.SourceId));
        Assert.All(data.Providers.Where(p => p.ProviderId.StartsWith("synthetic-", StringComparison.Ordinal)), p => Assert.Contains("(synthetic)", p.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_service_has_one_group_per_layer_and_the_model_runs()
    {
        var data = SyntheticPopulation.Generate(new SyntheticOptions(1000, 5), Bundled);
        var groups = data.Requirements.Where(r => r.DependentId.StartsWith("syn-", StringComparison.Ordinal))
            .GroupBy(r => r.DependentId).ToList();
        Assert.Equal(1000, groups.Count);
        Assert.All(groups, g => Assert.Equal(SyntheticPopulation.Layers, g.Select(r => r.GroupId).Distinct()));
        var report = ContingencyAnalysis.NMinus1(DependencyModel.Build(data));
        Assert.Equal(1000, report.Baseline.Services.Services);

        // Transitive effects exist: some DNS provider takes down more services than name it directly.
        Assert.Contains(report.Contingencies, c => c.Layer == "dns" && c.ServicesFailed > c.ServicesFailedDirect);
    }

    // Tolerance: a layer's first (primary) target is drawn independently for each of n = 100,000
    // services with probability p per provider, so the observed share has standard error
    // sqrt(p(1-p)/n) <= sqrt(0.25/100000) = 0.00158. We allow 5 standard errors per provider: with
    // about 150 providers over four layers the chance that an unbiased draw exceeds it anywhere is
    // below 150 x 5.7e-7 ~ 1e-4, while a wrong share (e.g. one period off: AWS 0.28 vs 0.29, 3 pp)
    // fails. Expected shares are recomputed here from market_shares.csv, not from the generator.
    [Theory]
    [InlineData("cloud", "cloud-infra-synergy")]
    [InlineData("dns", "dns-alexa100k-2020")]
    [InlineData("cdn", "cdn-alexa100k-2020")]
    [InlineData("ca", "ca-alexa100k-2020")]
    public void Primary_provider_shares_match_the_bundled_shares_within_five_standard_errors(string layer, string market)
    {
        var data = Large.Value;
        var provider = data.Nodes.ToDictionary(n => n.NodeId, n => n.ProviderId!);
        var primary = data.Requirements.Where(r => r.Layer == layer && r.DependentId.StartsWith("syn-", StringComparison.Ordinal))
            .GroupBy(r => r.DependentId).Select(g => provider[g.First().TargetId]).ToList();
        int n = primary.Count;
        Assert.Equal(100_000, n);
        var observed = primary.GroupBy(p => p.StartsWith("synthetic-", StringComparison.Ordinal) ? "other" : p)
            .ToDictionary(g => g.Key, g => (double)g.Count() / n);

        string period = Bundled.MarketShares.Where(r => r.MarketId == market).Max(r => r.Period)!;
        var rows = Bundled.MarketShares.Where(r => r.MarketId == market && r.Period == period).ToList();
        var expected = rows.ToDictionary(r => r.ProviderId, r => r.Share ?? (double)r.Count!.Value / rows.Sum(x => (double)x.Count!.Value));
        if (!expected.ContainsKey("other"))
        {
            // Synergy publishes no 'other' row: the remainder is 1 minus the named shares (2025Q4: 1 - 0.63 = 0.37).
            expected["other"] = 1 - expected.Values.Sum();
        }

        foreach (var (id, p) in expected.Where(kv => kv.Value > 0))
        {
            double tolerance = 5 * Math.Sqrt(p * (1 - p) / n);
            double got = observed.GetValueOrDefault(id);
            Assert.True(Math.Abs(got - p) <= tolerance, $"{layer} {id}: expected {p:F5} ± {tolerance:F5}, found {got:F5}");
        }
    }

    // Same tolerance rule for a rate r over n = 100,000 groups: 5 sqrt(r(1-r)/n), at most 0.0019 here.
    [Fact]
    public void Redundancy_rates_per_layer_match_the_options_within_five_standard_errors()
    {
        var data = Large.Value;
        var options = new SyntheticOptions(100_000, 7);
        var rate = new Dictionary<string, double>
        {
            ["cloud"] = options.CloudRedundancy,
            ["dns"] = options.DnsRedundancy,
            ["cdn"] = options.CdnRedundancy,
            ["ca"] = options.CaRedundancy,
        };
        var pairs = data.Requirements.Where(r => r.DependentId.StartsWith("syn-", StringComparison.Ordinal))
            .GroupBy(r => (r.DependentId, r.Layer)).ToList();
        foreach (var (layer, r) in rate)
        {
            var groups = pairs.Where(g => g.Key.Layer == layer).ToList();
            Assert.Equal(100_000, groups.Count);
            Assert.All(groups, g => Assert.InRange(g.Select(x => x.TargetId).Distinct().Count(), 1, 2));
            double got = groups.Count(g => g.Count() == 2) / 100_000.0;
            Assert.True(Math.Abs(got - r) <= 5 * Math.Sqrt(r * (1 - r) / 100_000), $"{layer}: expected {r:F4}, found {got:F4}");
        }
    }

    [Fact]
    public void Largest_region_holds_the_stated_share_of_a_providers_primary_customers()
    {
        var data = Large.Value;
        var aws = data.Requirements.Where(r => r.Layer == "cloud" && r.DependentId.StartsWith("syn-", StringComparison.Ordinal))
            .GroupBy(r => r.DependentId).Select(g => g.First().TargetId)
            .Where(t => t.StartsWith("cloud-aws-", StringComparison.Ordinal)).ToList();

        // About 28,000 AWS customers: SE of a 0.40 share is sqrt(0.24/28000) = 0.0029; 5 SE = 0.015.
        double share = aws.Count(t => t == "cloud-aws-us-east-1") / (double)aws.Count;
        Assert.InRange(share, 0.40 - (5 * Math.Sqrt(0.24 / aws.Count)), 0.40 + (5 * Math.Sqrt(0.24 / aws.Count)));
    }

    [Fact]
    public void Kashaf_redundancy_rates_are_the_published_counts()
    {
        // 13,512 / 81,850 = 0.16508; 5,042 / 33,137 = 0.15216; 2,603 / 79,442 = 0.03277.
        Assert.Equal(0.16508, SyntheticOptions.KashafDnsRedundancy, 5);
        Assert.Equal(0.15216, SyntheticOptions.KashafCdnRedundancy, 5);
        Assert.Equal(0.03277, SyntheticOptions.KashafCaRedundancy, 5);
    }

    [KashafDataFact]
    public void Kashaf_redundancy_counts_are_recomputed_from_the_raw_files()
    {
        string root = SharedDatasets.Kashaf!;

        static IEnumerable<(string Site, string Provider)> Rows(string path) =>
            File.ReadLines(path).Select(l => l.Split(',')).Where(p => p.Length >= 3)
                .Select(p => (p[1].Trim().ToLowerInvariant(), string.Join(',', p[2..]).Trim().ToLowerInvariant()));

        static (int Redundant, int Users) Count(Dictionary<string, HashSet<string>> providers, Func<string, bool> isPrivate) =>
            (providers.Count(kv => kv.Value.Count >= 2 || isPrivate(kv.Key)), providers.Count);

        // CDN: sites with any CDN other than 'none'; private = listed in newPvt.
        var cdn = Rows(Path.Combine(root, "cdn", "data", "CDNCurrent")).Where(r => r.Provider != "none")
            .GroupBy(r => r.Site).ToDictionary(g => g.Key, g => g.Select(r => r.Provider).ToHashSet());
        var cdnPrivate = Rows(Path.Combine(root, "cdn", "data", "newPvt")).Select(r => r.Site).ToHashSet();
        Assert.Equal((5_042, 33_137), Count(cdn, cdnPrivate.Contains));

        var ca = Rows(Path.Combine(root, "cert", "data", "CACurrent"))
            .GroupBy(r => r.Site).ToDictionary(g => g.Key, g => g.Select(r => r.Provider).ToHashSet());
        var caPrivate = Rows(Path.Combine(root, "cert", "data", "pvt")).Select(r => r.Site).ToHashSet();
        Assert.Equal((2_603, 79_442), Count(ca, caPrivate.Contains));

        // DNS: provider,rank-domain:rank-domain:...; private = a group in the 'All' list but not the third-party one.
        static Dictionary<string, HashSet<string>> Concentration(string path)
        {
            var sites = new Dictionary<string, HashSet<string>>();
            foreach (string line in File.ReadLines(path))
            {
                int comma = line.IndexOf(',', StringComparison.Ordinal);
                if (comma < 0)
                {
                    continue;
                }

                string provider = line[..comma].Trim().ToLowerInvariant();
                foreach (string item in line[(comma + 1)..].Split(':'))
                {
                    int dash = item.IndexOf('-', StringComparison.Ordinal);
                    if (dash >= 0)
                    {
                        string site = item[(dash + 1)..].Trim().ToLowerInvariant();
                        (sites.TryGetValue(site, out var set) ? set : sites[site] = []).Add(provider);
                    }
                }
            }

            return sites;
        }

        var all = Concentration(Path.Combine(root, "dns", "data", "DNSconcAll"));
        var third = Concentration(Path.Combine(root, "dns", "data", "DNSconc3rd"));
        Assert.Equal((13_512, 81_850), Count(all, s => !all[s].IsSubsetOf(third.GetValueOrDefault(s) ?? [])));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SyntheticOptions.MaxServices + 1)]
    public void Service_count_outside_one_to_max_is_rejected(int services) =>
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPopulation.Generate(new SyntheticOptions(services, 1), Bundled)).ParamName);

    [Fact]
    public void Negative_seed_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPopulation.Generate(new SyntheticOptions(10, -1), Bundled));

    [Fact]
    public void Rate_above_one_is_rejected_naming_the_property()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPopulation.Generate(new SyntheticOptions(10, 1) { DnsRedundancy = 1.5 }, Bundled));
        Assert.Contains("DnsRedundancy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => SyntheticPopulation.Generate(null!, Bundled));
        Assert.Throws<ArgumentNullException>(() => SyntheticPopulation.Generate(new SyntheticOptions(10, 1), null!));
    }

    [Fact]
    public void Missing_market_is_rejected_with_its_id()
    {
        var ex = Assert.Throws<ArgumentException>(() => SyntheticPopulation.Generate(new SyntheticOptions(10, 1) { CdnMarketId = "no-such-market" }, Bundled));
        Assert.Contains("no-such-market", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibration_table_sources_every_parameter()
    {
        var rows = SyntheticPopulation.CalibrationTable(new SyntheticOptions(2000, 42), Bundled);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.Contains(rows, r => r.Parameter == "redundancy.dns" && r.Source.StartsWith("kashaf-imc2020", StringComparison.Ordinal));

        // Synergy 2025Q4: AWS 0.28 + Microsoft 0.21 + Google 0.14 = 0.63, so 'other' is 0.37, split into
        // 37 providers of 0.01 (the cap; Google's 0.14 is larger).
        Assert.Contains(rows, r => r.Parameter == "cloud.other_share" && r.Value == "0.37");
        Assert.Contains(rows, r => r.Parameter == "cloud.small_providers" && r.Value == "37");
    }
}
