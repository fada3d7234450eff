using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace RiskToolkit.Tests.Cli;

public class ConcentrationCommandTests
{
    private static string BundledShares => Path.Combine(RepoPaths.Data, "market_shares.csv");

    [Fact]
    public void Json_is_an_array_with_the_contract_keys_for_every_market_and_period()
    {
        var (exit, output, error) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--format", "json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        // One result per market and period of the bundled table.
        var groups = RiskToolkit.Data.MarketDataReader.ReadMarketShares(BundledShares).Select(r => (r.MarketId, r.Period)).Distinct().Count();
        Assert.Equal(groups, doc.RootElement.GetArrayLength());
        string[] keys =
        [
            "marketId", "period", "n", "hhi", "hhiPoints", "cr1", "cr2", "cr3", "cr4", "equivalentFirms",
            "normalizedHhi", "gini", "entropy", "normalizedEntropy", "bands", "hhiInterval",
            "hhiMin", "dualHhi", "dominance", "stenbacka", "grs", "simpson", "normalizedGini", "palma", "rosenbluth",
            "theil", "atkinson", "generalizedEntropy", "hannahKay", "bergerParker", "lorenz", "intervals", "parameters",
            "wholeMarket", "shareRounding", "reasons",
        ];
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            foreach (var key in keys)
            {
                Assert.True(item.TryGetProperty(key, out _), $"missing key {key}");
            }

            // The point HHI lies in its interval; a market published as ranges, or with unnamed ranks, has none.
            if (item.GetProperty("hhi").ValueKind == JsonValueKind.Number)
            {
                var hhi = item.GetProperty("hhi").GetDouble();
                Assert.InRange(hhi, item.GetProperty("hhiInterval").GetProperty("lower").GetDouble() - 1e-12, item.GetProperty("hhiInterval").GetProperty("upper").GetDouble() + 1e-12);
            }

            // Every regime, each with its citation.
            Assert.Equal(["us2023", "us2010", "us1992", "eu2004"], item.GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("regime").GetString()));
            Assert.All(item.GetProperty("bands").EnumerateArray(), b => Assert.False(string.IsNullOrEmpty(b.GetProperty("citation").GetString())));
        }

        Assert.DoesNotContain("NaN", output);
    }

    [Fact]
    public void Synergy_2025q1_matches_the_hand_calculation()
    {
        // AWS 29%, Microsoft 22%, Google 12% (Synergy, 1 May 2025), each rounded to whole percents. Synergy
        // publishes no "others" share, so there is no 'other' row: the remainder is R = 1 − (a + m + g) with
        // a ∈ [0.285, 0.295], m ∈ [0.215, 0.225], g ∈ [0.115, 0.125], and each unnamed firm is no larger than
        // Google, the smallest named firm.
        // Point HHI 29² + 22² + 12² = 841 + 484 + 144 = 1,469 points; R at the points is 0.37.
        // Lower end: named shares at their lows, R = 0.385 split into infinitely many tiny firms:
        // 0.285² + 0.215² + 0.115² = 0.081225 + 0.046225 + 0.013225 = 0.140675.
        // Upper end: moving share from an unnamed firm (≤ g ≤ m ≤ a) to AWS or Microsoft raises the HHI, so
        // a = 0.295 and m = 0.225, and Google and the unnamed firms hold 1 − 0.52 = 0.48 in firms of at most g.
        // Packing whole firms of g: for g in (0.12, 0.125] three firms and 0.48 − 3g, 3g² + (0.48 − 3g)², rising
        // in g (derivative 6(4g − 0.48) > 0); for g in [0.115, 0.12] four firms and 0.48 − 4g, at most 4·0.12² =
        // 0.0576. So g = 0.125: 3·0.015625 + 0.105² = 0.046875 + 0.011025 = 0.0579, and
        // HHI = 0.295² + 0.225² + 0.0579 = 0.087025 + 0.050625 + 0.0579 = 0.19555 (1,955.5 points). A grid of
        // the three shares in steps of 0.0001, and one of up to four unnamed firms in steps of 0.005, find no larger.
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--market", "cloud-infra-synergy", "--period", "2025Q1", "--format", "json");
        Assert.True(exit == 0, error);
        var item = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray().ToList());
        Assert.Equal(1469, item.GetProperty("hhiPoints").GetDouble(), 6);
        Assert.Equal(0.37, item.GetProperty("remainder").GetDouble(), 9);
        Assert.Equal(0.140675, item.GetProperty("hhiInterval").GetProperty("lower").GetDouble(), 9);
        Assert.Equal(0.19555, item.GetProperty("hhiInterval").GetProperty("upper").GetDouble(), 9);
        Assert.Equal(0.63, item.GetProperty("cr3").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("cr4").ValueKind);
        var bands = item.GetProperty("bands").EnumerateArray().ToList();
        Assert.Equal(["us2023", "us2010", "us1992", "eu2004"], bands.Select(b => b.GetProperty("regime").GetString()));
        var band = bands[0];
        Assert.Equal("moderately concentrated", band.GetProperty("lower").GetString());
        Assert.Equal("highly concentrated", band.GetProperty("upper").GetString());
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_market_and_period()
    {
        var (exit, output, _) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--market", "iaas-gartner", "--format", "csv");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(",", RiskToolkit.Concentration.ConcentrationAnalysis.Columns), lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("iaas-gartner,2020,revenue_usd,5,", lines[1]);
        // Gartner 2023 (USD millions): (54,648² + 32,197² + 11,454² + 11,119² + 5,980²) / 139,999²
        // = 4,313,637,390 / 19,599,720,001 = 0.2200867 → HHI 2,200.9 points over the five named firms.
        var y2023 = lines[4].Split(',');
        Assert.Equal(2200.9, double.Parse(y2023[6], System.Globalization.CultureInfo.InvariantCulture), 1);
    }

    [Fact]
    public void Table_names_each_market_and_the_band()
    {
        var (exit, output, _) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--period", "2025Q4");
        Assert.Equal(0, exit);
        Assert.Contains("cloud-infra-synergy", output);
        Assert.Contains("highly concentrated", output);
    }

    [Fact]
    public void Unknown_market_is_an_error_that_lists_the_known_ones()
    {
        var (exit, _, error) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--market", "nope");
        Assert.Equal(1, exit);
        Assert.Contains("'nope'", error);
        var known = RiskToolkit.Data.MarketDataReader.ReadMarketShares(BundledShares).Select(r => r.MarketId).Distinct().Order(StringComparer.Ordinal);
        Assert.Contains(string.Join(", ", known), error);
    }

    [Fact]
    public void Format_is_case_insensitive_and_a_typo_is_one_usage_line()
    {
        Assert.Equal(0, CliRunner.InProcess("concentration", "--shares", BundledShares, "--format", "JSON").Exit);
        var (exit, output, error) = CliRunner.InProcess("concentration", "--shares", BundledShares, "--format", "jsn");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the error, then where to find usage
        Assert.Contains("jsn", lines[0]);
    }

    [Fact]
    public void Share_file_without_markets_csv_beside_it_runs_with_a_note()
    {
        var dir = Directory.CreateTempSubdirectory("risk-shares-");
        try
        {
            var file = Path.Combine(dir.FullName, "shares.csv");
            File.WriteAllText(file, "market_id,period,provider_id,share,revenue_usd,count,share_low,share_high,source_id,note\nm,2020,a,0.6,,,,,s,\nm,2020,b,0.4,,,,,s,\n");
            var (exit, output, error) = CliRunner.InProcess("concentration", "--shares", file, "--format", "json");
            Assert.Equal(0, exit);
            Assert.Contains("no markets.csv", error);
            // 0.6² + 0.4² = 0.52; the two firms are the whole market: normalised (0.52 − 0.5)/0.5 = 0.04.
            var item = JsonDocument.Parse(output).RootElement[0];
            Assert.Equal(0.52, item.GetProperty("hhi").GetDouble(), 12);
            Assert.Equal(0.04, item.GetProperty("normalizedHhi").GetDouble(), 12);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Merge_table_shows_the_merged_share_and_each_regime()
    {
        // Synergy Q4 2025: Microsoft 21% and Google 14%, each rounded to whole percents: merged 34–36%.
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--merge", "microsoft,google", "--market", "cloud-infra-synergy", "--period", "2025Q4");
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("market", lines[0]);
        Assert.Contains("ΔHHI pts", lines[0]);
        Assert.StartsWith("cloud-infra-synergy  2025Q4", lines[1]);
        Assert.Contains("34.0–36.0", lines[1]);
        // ΔHHI at the published points 2 · 0.21 · 0.14 · 10,000 = 588, over the rounding 553.5–623.5.
        Assert.Contains("588 (554–624)", lines[1]);
        // One line per regime with its presumption.
        Assert.StartsWith("  us2023", lines[2]);
        Assert.Contains("presumed to substantially lessen competition", lines[2]);
        Assert.Equal(["us2023", "us2010", "us1992", "eu2004"], lines[2..6].Select(l => l.Trim().Split(' ')[0]));
    }

    [Fact]
    public void Merge_json_has_delta_hhi_post_merger_hhi_and_four_regimes()
    {
        // AWS 28%, Microsoft 21%, Google 14% (whole percents; Synergy publishes no "others" share, so 1 − Σ named
        // is the unallocated remainder). Before: 28² + 21² + 14² = 784 + 441 + 196 = 1,421 points.
        // ΔHHI [2 · 0.205 · 0.135, 2 · 0.215 · 0.145] · 10,000 = [553.5, 623.5]; at the published points
        // 2 · 0.21 · 0.14 · 10,000 = 588. Pre-merger interval: lower 0.275² + 0.205² + 0.135² = 0.135875; upper
        // with AWS 0.285 and Microsoft 0.215, Google g and unnamed firms of at most g holding 0.5, largest at
        // g = 0.145: 3 · 0.145² + 0.065² = 0.0673, so 0.081225 + 0.046225 + 0.0673 = 0.19475. The post-merger
        // HHI therefore lies in [1,358.75 + 553.5, 1,947.5 + 623.5] = [1,912.25, 2,571] and contains 1,421 + 588 = 2,009.
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--merge", "microsoft,google", "--market", "cloud-infra-synergy", "--period", "2025Q4", "--format", "json");
        Assert.True(exit == 0, error);
        var item = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray().ToList());
        Assert.Equal("microsoft+google", item.GetProperty("mergedId").GetString());
        Assert.Equal(1421, item.GetProperty("before").GetProperty("hhiPoints").GetDouble(), 1e-6);
        var delta = item.GetProperty("deltaHhi");
        Assert.Equal(553.5, delta.GetProperty("lower").GetDouble(), 1e-6);
        Assert.Equal(623.5, delta.GetProperty("upper").GetDouble(), 1e-6);
        var share = item.GetProperty("mergedShare");
        Assert.Equal(0.34, share.GetProperty("lower").GetDouble(), 1e-9);
        Assert.Equal(0.36, share.GetProperty("upper").GetDouble(), 1e-9);
        var post = item.GetProperty("postMergerHhi");
        Assert.InRange(post.GetProperty("lower").GetDouble(), 1912.25 - 1e-6, 2009);
        Assert.InRange(post.GetProperty("upper").GetDouble(), 2009, 2571 + 1e-6);
        var assessments = item.GetProperty("assessments").EnumerateArray().ToList();
        Assert.Equal(["us2023", "us2010", "us1992", "eu2004"], assessments.Select(a => a.GetProperty("regime").GetString()));
        Assert.All(assessments, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("citation").GetString())));
        // Above 1,800 with ΔHHI above 100 at both ends.
        Assert.StartsWith("presumed to substantially lessen competition", assessments[0].GetProperty("lower").GetString());
        Assert.StartsWith("presumed to substantially lessen competition", assessments[0].GetProperty("upper").GetString());
        Assert.DoesNotContain("NaN", output);
    }

    [Fact]
    public void Exit_json_redistributes_pro_rata_including_other()
    {
        // Canalys Q3 2022 (revised series): AWS 35%, Microsoft 16%, Google 9% and Canalys's published "Others"
        // 40%, summing to 100%. AWS leaves; the rest (together 65%) share its customers pro rata: Microsoft
        // 0.16/0.65, Google 0.09/0.65, other 0.40/0.65. HHI (0.16² + 0.09²)/0.65² = 0.0337/0.4225 = 0.0797633
        // (797.63 points), against 35² + 16² + 9² = 1,225 + 256 + 81 = 1,562 before.
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--exit", "aws", "--market", "cloud-infra-canalys", "--period", "2022Q3", "--format", "json");
        Assert.True(exit == 0, error);
        var item = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray().ToList());
        Assert.Equal("aws", item.GetProperty("exiting").GetString());
        Assert.Equal(0, item.GetProperty("recipients").GetArrayLength());
        Assert.Equal(1562, item.GetProperty("before").GetProperty("hhiPoints").GetDouble(), 1e-6);
        var after = item.GetProperty("after");
        Assert.Equal(2, after.GetProperty("n").GetInt32());
        Assert.Equal(0.0337 / 0.4225 * 10_000, after.GetProperty("hhiPoints").GetDouble(), 1e-6);
        Assert.Equal(0.40 / 0.65, after.GetProperty("remainder").GetDouble(), 1e-9);
        Assert.Equal(0.16 / 0.65, after.GetProperty("shares")[0].GetProperty("share").GetDouble(), 1e-9);
    }

    [Fact]
    public void Owner_level_combines_comodo_with_sectigo_in_the_ca_market()
    {
        // providers.csv: comodo-ca's parent is sectigo and starfield's is godaddy (amazon-ca and
        // google-trust-services go to aws and google alone). Alexa top-100K CAs, 2020: total 80,498 sites;
        // Sectigo 6,118 + COMODO 6,914 = 13,032; GoDaddy 3,758 + Starfield 354 = 4,112. The HHI rises by
        // 2 · (6,914 · 6,118 + 3,758 · 354) / 80,498² = 87,260,368 / 6,479,928,004 = 0.0134663 (134.66 points).
        JsonElement Ca(params string[] extra)
        {
            var (exit, output, error) = CliRunner.InProcess(
                ["concentration", "--shares", BundledShares, "--market", "ca-alexa100k-2020", "--format", "json", .. extra]);
            Assert.True(exit == 0, error);
            return Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray().ToList()).Clone();
        }

        var provider = Ca();
        var owner = Ca("--level", "owner");
        Assert.Equal(15, provider.GetProperty("n").GetInt32());
        Assert.Equal(13, owner.GetProperty("n").GetInt32());
        var ids = owner.GetProperty("shares").EnumerateArray().Select(s => s.GetProperty("providerId").GetString()).ToList();
        Assert.DoesNotContain("comodo-ca", ids);
        Assert.DoesNotContain("starfield", ids);
        Assert.DoesNotContain("amazon-ca", ids);
        Assert.Contains("aws", ids);
        var sectigo = owner.GetProperty("shares").EnumerateArray().Single(s => s.GetProperty("providerId").GetString() == "sectigo");
        Assert.Equal(13_032.0 / 80_498, sectigo.GetProperty("share").GetDouble(), 1e-9);
        Assert.Equal(
            87_260_368.0 / 6_479_928_004 * 10_000,
            owner.GetProperty("hhiPoints").GetDouble() - provider.GetProperty("hhiPoints").GetDouble(),
            1e-6);
    }

    [Fact]
    public void Owner_level_leaves_markets_without_subsidiaries_unchanged()
    {
        // No provider of Synergy's Q4 2025 rows has a parent in providers.csv. Synergy publishes no 'other' row, so
        // the owner level notes the unallocated 37% (1 − 0.28 − 0.21 − 0.14), not an 'other' row.
        string Run(params string[] extra)
        {
            var (exit, output, error) = CliRunner.InProcess(
                ["concentration", "--shares", BundledShares, "--market", "cloud-infra-synergy", "--period", "2025Q4", "--format", "json", .. extra]);
            Assert.True(exit == 0, error);
            return output;
        }

        // The same analysis; the owner level only adds its note that the unnamed firms have no owner.
        var provider = JsonNode.Parse(Run())!.AsArray();
        var owner = JsonNode.Parse(Run("--level", "owner"))!.AsArray();
        var notes = owner[0]!["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(RiskToolkit.Concentration.WhatIfAnalysis.OwnerLevelRemainderNote, notes[^1]);
        owner[0]!["notes"]!.AsArray().RemoveAt(notes.Count - 1);
        Assert.Equal(provider.ToJsonString(), owner.ToJsonString());
    }

    [Theory]
    [InlineData("--merge microsoft,google", "need --market")]
    [InlineData("--merge microsoft --market cloud-infra-synergy", "two provider ids")]
    [InlineData("--merge microsoft,google --exit aws --market cloud-infra-synergy", "cannot be combined")]
    [InlineData("--to google", "--to needs --exit")]
    [InlineData("--merge microsoft,google --market cloud-infra-synergy --format csv", "--format csv")]
    [InlineData("--merge aws,aws --market cloud-infra-synergy", "two different provider ids")]
    [InlineData("--exit google --to microsoft,microsoft --market cloud-infra-canalys", "--to lists 'microsoft' twice")]
    [InlineData("--exit google --to aws,google --market cloud-infra-canalys", "--to includes the exiting firm 'google'")]
    [InlineData("--exit google --to , --market cloud-infra-canalys", "--to needs at least one provider id")]
    public void What_if_usage_errors_are_one_line_and_a_hint(string options, string expected)
    {
        var (exit, output, error) = CliRunner.InProcess(["concentration", "--shares", BundledShares, .. options.Split(' ')]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(expected, lines[0]);
        Assert.Contains("--help", lines[1]);
    }

    [Fact]
    public void Merge_with_an_unknown_provider_fails_with_one_line_naming_it()
    {
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--merge", "microsoft,nope", "--market", "cloud-infra-synergy", "--period", "2025Q4");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'nope'", error);
        Assert.DoesNotContain("Parameter", error);
        Assert.DoesNotContain("'b'", error);
    }

    [Fact]
    public void Exit_without_period_skips_the_periods_that_lack_the_firm_and_names_them()
    {
        // Canalys publishes no Google share for 2024Q2: that period is skipped, the others are analysed.
        var periods = RiskToolkit.Data.MarketDataReader.ReadMarketShares(BundledShares)
            .Where(r => r.MarketId == "cloud-infra-canalys").GroupBy(r => r.Period).ToList();
        var without = periods.Where(g => g.All(r => r.ProviderId != "google")).Select(g => g.Key).ToList();
        Assert.Equal(["2024Q2"], without);
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--market", "cloud-infra-canalys", "--exit", "google", "--format", "json");
        Assert.True(exit == 0, error);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("2024Q2", line);
        Assert.Contains("'google'", line);
        var items = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(periods.Count - 1, items.Count);
        Assert.DoesNotContain(items, i => i.GetProperty("period").GetString() == "2024Q2");
    }

    [Fact]
    public void Merge_without_period_fails_with_one_line_when_no_period_has_both_firms()
    {
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--market", "cloud-infra-synergy", "--merge", "oracle,nope");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no period of market 'cloud-infra-synergy' has 'nope'", line);
    }

    [Fact]
    public void What_if_in_a_market_with_unnamed_ranks_is_refused_in_one_line_without_a_parameter_name()
    {
        // Certificate Transparency 2025: Let's Encrypt first, DigiCert fourth, the second and third unnamed.
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--market", "ca-ct-issuance", "--exit", "lets-encrypt");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("rank(s) 2, 3 are not named", line);
        Assert.EndsWith("lowest named one.", line.TrimEnd());
        Assert.DoesNotContain("Parameter", line);
    }

    [Fact]
    public void Exit_without_period_skips_a_period_where_the_exit_is_undefined_and_says_why()
    {
        // Canalys 2024Q2 names AWS alone (33%): after its exit no named firm is left, the unnamed 67% holding
        // the whole market. That period is skipped with one note; every other period is analysed.
        var periods = RiskToolkit.Data.MarketDataReader.ReadMarketShares(BundledShares)
            .Where(r => r.MarketId == "cloud-infra-canalys").Select(r => r.Period).Distinct().Count();
        var (exit, output, error) = CliRunner.InProcess(
            "concentration", "--shares", BundledShares, "--market", "cloud-infra-canalys", "--exit", "aws", "--format", "json");
        Assert.True(exit == 0, error);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("note: skipped cloud-infra-canalys 2024Q2: 'aws' is the only named firm", line);
        Assert.Contains("unnamed firms (67% of the market as published) hold all of it", line);
        Assert.DoesNotContain("nobody", line);
        Assert.DoesNotContain("Parameter", line);
        var items = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(periods - 1, items.Count);
    }

    [Fact]
    public void What_if_fails_with_one_line_when_it_is_undefined_in_every_period()
    {
        var dir = Directory.CreateTempSubdirectory("risk-shares-");
        try
        {
            var file = Path.Combine(dir.FullName, "market_shares.csv");
            File.WriteAllText(Path.Combine(dir.FullName, "markets.csv"), "market_id,name,layer,geography,measure,definition,share_tolerance\nm,M,cloud,global,revenue,test,0.02\n");
            File.WriteAllText(file, "market_id,period,provider_id,share,revenue_usd,count,share_low,share_high,source_id,note\nm,2020,a,0.3,,,,,s,\nm,2021,a,0.4,,,,,s,\n");
            var (exit, output, error) = CliRunner.InProcess("concentration", "--shares", file, "--market", "m", "--exit", "a");
            Assert.Equal(1, exit);
            Assert.Equal("", output);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains("no period of market 'm' allows the what-if: 2020: 'a' is the only named firm", line);
            Assert.Contains("2021: 'a' is the only named firm", line);
            Assert.DoesNotContain("note:", line);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Exit_table_and_json_bound_the_market_after_by_the_firms_named_before()
    {
        // Canalys Q2 2025, AWS 32%, Azure 22%, Google 11% in whole percents; Google leaves pro rata. Every market the
        // data allow has H_after = (H − x²)/(1 − x)², H ≤ 0.20695 before (the 35% packed into firms of Google's
        // 11.5%), greatest at x = 0.115: (0.20695 − 0.013225)/0.885² = 0.247343; least 0.14545/0.801025 = 0.181580
        // (WhatIfAnalysisTests has the whole calculation; a grid over the three shares agrees). The rows after alone,
        // with the unnamed firms capped at Azure, would reach 2,796 points.
        // Point after: (0.32² + 0.22²)/0.89² = 0.1508/0.7921 = 0.190380 (1,904 points).
        // CR3 after: (0.315 + 0.215)/0.895 = 0.592179 to (0.325 + 0.225 + 0.115)/0.885 = 0.751412.
        string[] args = ["concentration", "--shares", BundledShares, "--market", "cloud-infra-canalys", "--period", "2025Q2", "--exit", "google"];
        var (exit, output, error) = CliRunner.InProcess([.. args, "--format", "json"]);
        Assert.True(exit == 0, error);
        var item = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray().ToList());
        Assert.Equal(0.14545 / 0.801025 * 10_000, item.GetProperty("postExitHhi").GetProperty("lower").GetDouble(), 6);
        Assert.Equal(0.193725 / 0.783225 * 10_000, item.GetProperty("postExitHhi").GetProperty("upper").GetDouble(), 6);
        Assert.Equal(0.665 / 0.885, item.GetProperty("postExitCr3").GetProperty("upper").GetDouble(), 9);
        var bands = item.GetProperty("postExitBands").EnumerateArray().ToList();
        Assert.Equal(["us2023", "us2010", "us1992", "eu2004"], bands.Select(b => b.GetProperty("regime").GetString()));
        Assert.Equal("highly concentrated", bands[0].GetProperty("verdict").GetString());

        (exit, output, error) = CliRunner.InProcess(args);
        Assert.True(exit == 0, error);
        var row = output.Split('\n')[1];
        Assert.Contains("1629 (1565–2070)", row);
        Assert.Contains("1904 (1816–2473)", row);
        Assert.Contains("59.2–75.1", row);
        Assert.DoesNotContain("2796", output);
        Assert.EndsWith("highly concentrated", row.TrimEnd());

        // To Azure alone: each market gains 2·m·x, in [2 · 0.215 · 0.105, 2 · 0.225 · 0.115] = [0.04515, 0.05175], so
        // [0.156475 + 0.04515, 0.20695 + 0.05175] = [0.201625, 0.2587]; the point 0.32² + 0.33² = 0.2113. CR3 at most
        // min(CR3 + x, CR4) before = min(0.665 + 0.115, 0.78) = 0.78 (AWS, Azure with Google's share, one unnamed
        // firm of 0.115), at least 0.315 + 0.32 = 0.635. The rows after alone would allow 3,270 points and 99% CR3.
        (exit, output, error) = CliRunner.InProcess([.. args, "--to", "microsoft"]);
        Assert.True(exit == 0, error);
        row = output.Split('\n')[1];
        Assert.Contains("2113 (2016–2587)", row);
        Assert.Contains("63.5–78.0", row);
    }
}
