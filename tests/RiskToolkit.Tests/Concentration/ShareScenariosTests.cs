using CsCheck;
using RiskToolkit.Concentration;
using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class ShareScenariosTests
{
    private static MarketShare Share(string provider, double share, string source = "src", string market = "m", string period = "2024") =>
        new(market, period, provider, share, null, null, null, null, source, null);

    private static MarketShare Range(string provider, double low, double high) =>
        new("m", "2024", provider, null, null, null, low, high, "src", null);

    private static MarketShare Count(string provider, long count) =>
        new("m", "2024", provider, null, null, count, null, null, "src", null);

    private static MarketShare Revenue(string provider, double usd) =>
        new("m", "2024", provider, null, usd, null, null, null, "src", null);

    private static double Hhi(IEnumerable<MarketShare> rows) =>
        ConcentrationIndices.Hhi(rows.Where(r => !r.IsOther).Select(r => r.Share!.Value).ToArray());

    private static MarketShare Row(IReadOnlyList<MarketShare> rows, string provider) => rows.Single(r => r.ProviderId == provider);

    // Shares that sum to 1: random weights normalised.
    private static readonly Gen<double[]> FullMarket =
        Gen.Double[0.001, 1].Array[2, 12].Select(w => w.Select(x => x / w.Sum()).ToArray());

    private static MarketShare[] Rows(double[] shares) => shares.Select((s, i) => Share($"p{i}", s)).ToArray();

    [Fact]
    public void Merger_of_20_and_10_percent_raises_hhi_by_400_points()
    {
        // Shares 0.2, 0.1, 0.3, 0.4: HHI 0.04 + 0.01 + 0.09 + 0.16 = 0.30. After a+b (0.3): 0.09 + 0.09 + 0.16 = 0.34.
        // ΔHHI = 2 · 0.2 · 0.1 = 0.04 = 400 points.
        MarketShare[] rows = [Share("a", 0.2), Share("b", 0.1), Share("c", 0.3), Share("d", 0.4)];
        var merged = ShareScenarios.Merge(rows, "m", "2024", "a", "b");
        Assert.Equal(["a+b", "c", "d"], merged.Select(r => r.ProviderId));
        Assert.Equal(0.3, Row(merged, "a+b").Share!.Value, 12);
        Assert.Equal(0.04, ShareScenarios.MergerDeltaHhi(0.2, 0.1), 15);
        Assert.Equal(400, ShareScenarios.MergerDeltaHhi(0.2, 0.1) * ConcentrationIndices.PointsPerUnit, 9);
        Assert.Equal(0.30, Hhi(rows), 12);
        Assert.Equal(0.34, Hhi(merged), 12);
        Assert.Equal(Hhi(rows) + ShareScenarios.MergerDeltaHhi(0.2, 0.1), Hhi(merged), 12);
        Assert.Equal("merger of a and b (what-if)", Row(merged, "a+b").Note);

        // The analysis reads the scenario like published rows: 3,400 points.
        var r = Assert.Single(ConcentrationAnalysis.Analyze(merged));
        Assert.Equal(3400, r.HhiPoints!.Value, 6);
        Assert.Equal(3, r.N);
    }

    [Fact]
    public void Merge_leaves_other_markets_and_periods_untouched_and_takes_a_given_id()
    {
        var elsewhere = Share("a", 0.5, market: "n");
        var earlier = Share("b", 0.5, period: "2023");
        MarketShare[] rows = [elsewhere, Share("a", 0.2), earlier, Share("b", 0.1), Share("other", 0.7)];
        var merged = ShareScenarios.Merge(rows, "m", "2024", "a", "b", "ab-group");
        Assert.Equal(4, merged.Count);
        Assert.Same(elsewhere, merged[0]);
        Assert.Equal("ab-group", merged[1].ProviderId);
        Assert.Same(earlier, merged[2]);
        Assert.Same(rows[4], merged[3]);
    }

    [Fact]
    public void Merge_keeps_the_first_source_and_names_the_second_in_the_note()
    {
        MarketShare[] rows = [Share("a", 0.2, "src1"), Share("b", 0.1, "src2") with { Note = "Gartner says 9%" }];
        var m = Assert.Single(ShareScenarios.Merge(rows, "m", "2024", "a", "b"));
        Assert.Equal("src1", m.SourceId);
        Assert.Equal("merger of a and b (what-if); b from source src2; b: Gartner says 9%", m.Note);
    }

    [Fact]
    public void Merge_sums_ranges_revenue_and_counts()
    {
        // A range 30–40% with a point of 10%: no point share; the range 40–50%.
        var ranged = Assert.Single(ShareScenarios.Merge([Range("a", 0.3, 0.4), Share("b", 0.1)], "m", "2024", "a", "b"));
        Assert.Null(ranged.Share);
        Assert.Equal(0.4, ranged.ShareLow!.Value, 12);
        Assert.Equal(0.5, ranged.ShareHigh!.Value, 12);

        var revenue = ShareScenarios.Merge([Revenue("a", 5e9), Revenue("b", 2e9), Revenue("other", 3e9)], "m", "2024", "a", "b");
        Assert.Equal(7e9, Row(revenue, "a+b").RevenueUsd);

        var counts = ShareScenarios.Merge([Count("a", 500), Count("b", 250), Count("c", 250)], "m", "2024", "a", "b");
        Assert.Equal(750, Row(counts, "a+b").Count);
        // Counts 750 and 250: HHI 0.75² + 0.25² = 0.625.
        Assert.Equal(0.625, Assert.Single(ConcentrationAnalysis.Analyze(counts)).Hhi!.Value, 12);
    }

    [Fact]
    public void Merge_rejects_unknown_or_reserved_ids_with_their_parameter_names()
    {
        MarketShare[] rows = [Share("a", 0.2), Share("b", 0.1), Share("c", 0.3), Share("other", 0.4)];
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge(rows, "m", "2024", "a", "zz")).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge(rows, "m", "2024", "zz", "b")).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge(rows, "m", "2024", "a", "a")).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge(rows, "m", "2024", "a", "other")).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge(rows, "m", "2024", "other", "b")).ParamName);
        Assert.Equal("mergedId", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge(rows, "m", "2024", "a", "b", "c")).ParamName);
        Assert.Equal("mergedId", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge(rows, "m", "2024", "a", "b", "other")).ParamName);
        Assert.Equal("marketId", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge(rows, "x", "2024", "a", "b")).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => ShareScenarios.Merge(null!, "m", "2024", "a", "b")).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => ShareScenarios.Merge([Share("a", 0.2), Revenue("b", 1e9)], "m", "2024", "a", "b")).ParamName);
    }

    [Fact]
    public void Merger_to_monopoly_gives_a_share_of_exactly_one_despite_binary_noise()
    {
        // 0.33 + 0.56 = 0.8900000000000001, + 0.11 = 1.0000000000000002 in binary: one firm holding the whole market.
        MarketShare[] rows = [Share("a", 0.33), Share("b", 0.56), Share("c", 0.11)];
        var one = ShareScenarios.Merge(ShareScenarios.Merge(rows, "m", "2024", "a", "b", "ab"), "m", "2024", "ab", "c", "abc");
        Assert.Equal(1.0, Assert.Single(one).Share);
        Assert.Equal(10_000, Assert.Single(ConcentrationAnalysis.Analyze(one)).HhiPoints!.Value, 9);
    }

    [Fact]
    public void Merger_delta_interval_uses_the_low_and_the_high_ends()
    {
        // Ranges 30–40% and 5–10%: [2 · 0.3 · 0.05, 2 · 0.4 · 0.1] = [0.03, 0.08], i.e. 300 to 800 points.
        var d = ShareScenarios.MergerDeltaHhi(0.3, 0.4, 0.05, 0.1);
        Assert.Equal(0.03, d.Lower, 15);
        Assert.Equal(0.08, d.Upper, 15);
        Assert.Equal("lowA", Assert.Throws<ArgumentException>(() => ShareScenarios.MergerDeltaHhi(0.5, 0.4, 0.1, 0.2)).ParamName);
        Assert.Equal("lowB", Assert.Throws<ArgumentException>(() => ShareScenarios.MergerDeltaHhi(0.3, 0.4, 0.2, 0.1)).ParamName);
        Assert.Equal("shareB", Assert.Throws<ArgumentOutOfRangeException>(() => ShareScenarios.MergerDeltaHhi(0.3, double.NaN)).ParamName);
        Assert.Equal("highA", Assert.Throws<ArgumentOutOfRangeException>(() => ShareScenarios.MergerDeltaHhi(0.3, 1.2, 0.1, 0.2)).ParamName);
    }

    [Fact]
    public void Exit_without_recipients_spreads_the_share_over_every_remaining_row_including_other()
    {
        // a 0.5, b 0.3, c 0.1, other 0.1; c leaves and its 0.1 goes pro rata over 0.9:
        // a 0.5 + 0.1 · 5/9 = 5/9, b 0.3 + 0.1 · 3/9 = 3/9, other 0.1 + 0.1 · 1/9 = 1/9.
        MarketShare[] rows = [Share("a", 0.5), Share("b", 0.3), Share("c", 0.1), Share("other", 0.1)];
        var after = ShareScenarios.Exit(rows, "m", "2024", "c");
        Assert.Equal(["a", "b", "other"], after.Select(r => r.ProviderId));
        Assert.Equal(5.0 / 9, Row(after, "a").Share!.Value, 12);
        Assert.Equal(3.0 / 9, Row(after, "b").Share!.Value, 12);
        Assert.Equal(1.0 / 9, Row(after, "other").Share!.Value, 12);
        Assert.Contains("share of c redistributed pro rata on its exit (what-if)", Row(after, "a").Note);
    }

    [Fact]
    public void Exit_to_named_recipients_leaves_the_others_unchanged()
    {
        // c's 0.1 over a and b (0.8): a 0.5 + 0.1 · 0.5/0.8 = 0.5625, b 0.3 + 0.1 · 0.3/0.8 = 0.3375.
        MarketShare[] rows = [Share("a", 0.5), Share("b", 0.3), Share("c", 0.1), Share("other", 0.1)];
        var after = ShareScenarios.Exit(rows, "m", "2024", "c", ["a", "b"]);
        Assert.Equal(0.5625, Row(after, "a").Share!.Value, 12);
        Assert.Equal(0.3375, Row(after, "b").Share!.Value, 12);
        Assert.Same(rows[3], Row(after, "other"));
    }

    [Fact]
    public void Exit_of_counts_stays_whole_by_largest_remainder()
    {
        // c's 10 sites over a 50, b 30, other 10 (90): quotas 10·50/90 = 5.56, 10·30/90 = 3.33, 10·10/90 = 1.11.
        // Whole parts 5 + 3 + 1 = 9; the tenth site goes to the largest remainder (a, 0.56): 56, 33, 11.
        var after = ShareScenarios.Exit([Count("a", 50), Count("b", 30), Count("c", 10), Count("other", 10)], "m", "2024", "c");
        Assert.Equal([56L, 33L, 11L], after.Select(r => r.Count!.Value));
    }

    [Fact]
    public void Exit_of_revenue_is_pro_rata_in_dollars()
    {
        // b's $2bn over a $6bn and other $2bn: a + 2 · 6/8 = 7.5, other + 2 · 2/8 = 2.5.
        var after = ShareScenarios.Exit([Revenue("a", 6e9), Revenue("b", 2e9), Revenue("other", 2e9)], "m", "2024", "b");
        Assert.Equal(7.5e9, Row(after, "a").RevenueUsd!.Value, 1);
        Assert.Equal(2.5e9, Row(after, "other").RevenueUsd!.Value, 1);
    }

    [Fact]
    public void Exit_refuses_ranges_instead_of_guessing()
    {
        MarketShare[] rows = [Range("a", 0.3, 0.4), Share("b", 0.3), Share("c", 0.1)];
        var ex = Assert.Throws<ArgumentException>(() => ShareScenarios.Exit(rows, "m", "2024", "c"));
        Assert.Contains("undefined for ranges", ex.Message);
        Assert.Contains(": a of market 'm'", ex.Message);
        Assert.Equal("rows", ex.ParamName);
        // Recipients without ranges are fine even when another row has one.
        Assert.Equal(0.4, Row(ShareScenarios.Exit(rows, "m", "2024", "c", ["b"]), "b").Share!.Value, 12);
    }

    [Fact]
    public void Exit_rejects_bad_ids_with_their_parameter_names()
    {
        MarketShare[] rows = [Share("a", 0.5), Share("b", 0.3), Share("c", 0), Share("other", 0.2)];
        Assert.Equal("exiting", Assert.Throws<ArgumentException>(() => ShareScenarios.Exit(rows, "m", "2024", "other")).ParamName);
        Assert.Equal("exiting", Assert.Throws<ArgumentException>(() => ShareScenarios.Exit(rows, "m", "2024", "zz")).ParamName);
        Assert.Equal("recipients", Assert.Throws<ArgumentException>(() => ShareScenarios.Exit(rows, "m", "2024", "a", ["zz"])).ParamName);
        Assert.Equal("recipients", Assert.Throws<ArgumentException>(() => ShareScenarios.Exit(rows, "m", "2024", "a", ["a"])).ParamName);
        Assert.Equal("recipients", Assert.Throws<ArgumentException>(() => ShareScenarios.Exit(rows, "m", "2024", "a", ["b", "b"])).ParamName);
        Assert.Equal("recipients", Assert.Throws<ArgumentException>(() => ShareScenarios.Exit(rows, "m", "2024", "a", [])).ParamName);
        // A single recipient of share 0 cannot take a pro-rata part.
        Assert.Equal("recipients", Assert.Throws<ArgumentException>(() => ShareScenarios.Exit(rows, "m", "2024", "a", ["c"])).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentNullException>(() => ShareScenarios.Exit(rows, "m", null!, "a")).ParamName);
    }

    [Fact]
    public void Exit_of_the_only_row_says_no_other_row_is_left_not_that_nobody_is()
    {
        // A lone 33% row leaves 67% unallocated: firms remain, but these rows hold none of them.
        var ex = Assert.Throws<ArgumentException>(() => ShareScenarios.Exit([Share("a", 0.33)], "m", "2024", "a"));
        Assert.Equal("exiting", ex.ParamName);
        Assert.Contains("'a' is the only row", ex.Message);
        Assert.Contains("no other row is left", ex.Message);
        Assert.DoesNotContain("nobody", ex.Message);
    }

    private static readonly Provider[] Group =
    [
        new("holding", "Holding", null, "cloud", "US"),
        new("sub-a", "Subsidiary A", "holding", "cloud", "US"),
        new("sub-b", "Subsidiary B", "holding", "cloud", "US"),
        new("sub-b-unit", "Unit of B", "sub-b", "cloud", "US"),
        new("rival", "Rival", null, "cloud", "DE"),
    ];

    [Fact]
    public void Owner_roll_up_combines_two_subsidiaries()
    {
        // sub-a 0.3 + sub-b 0.2 = holding 0.5; rival 0.4; other 0.1.
        // HHI of the named firms: 0.09 + 0.04 + 0.16 = 0.29 before, 0.25 + 0.16 = 0.41 after (+ 2 · 0.3 · 0.2 = 0.12).
        MarketShare[] rows = [Share("sub-a", 0.3), Share("rival", 0.4), Share("sub-b", 0.2, "src2"), Share("other", 0.1)];
        var owners = ShareScenarios.ByOwner(rows, Group);
        Assert.Equal(["holding", "rival", "other"], owners.Select(r => r.ProviderId));
        Assert.Equal(0.5, Row(owners, "holding").Share!.Value, 12);
        Assert.Equal("src", Row(owners, "holding").SourceId);
        Assert.Equal("owner level: holding combines sub-a, sub-b; sub-b from source src2", Row(owners, "holding").Note);
        Assert.Same(rows[1], Row(owners, "rival"));
        Assert.Equal(0.29, Hhi(rows), 12);
        Assert.Equal(0.41, Hhi(owners), 12);
    }

    [Fact]
    public void Owner_roll_up_follows_parent_chains_and_keeps_markets_apart()
    {
        // sub-b-unit → sub-b → holding. In market n the unit is alone: renamed, not combined.
        MarketShare[] rows = [Share("sub-b-unit", 0.1), Share("holding", 0.2), Share("sub-b-unit", 0.6, market: "n")];
        var owners = ShareScenarios.ByOwner(rows, Group);
        Assert.Equal(2, owners.Count);
        Assert.Equal(("m", "holding"), (owners[0].MarketId, owners[0].ProviderId));
        Assert.Equal(0.3, owners[0].Share!.Value, 12);
        Assert.Equal("owner level: holding combines sub-b-unit, holding", owners[0].Note);
        Assert.Equal(("n", "holding", 0.6), (owners[1].MarketId, owners[1].ProviderId, owners[1].Share!.Value));
        Assert.Equal("owner level: holding through sub-b-unit", owners[1].Note);
    }

    [Fact]
    public void Owner_roll_up_in_a_rounded_market_sums_the_members_intervals()
    {
        // Whole percents (u = 0.01): sub-a 30% stands for [0.295, 0.305] and sub-b 20% for [0.195, 0.205], so
        // holding holds [0.49, 0.51] (± u/2 per member, not ± u/2 on the sum). A member given as a range
        // enters with its range: sub-b-unit [0.05, 0.10] with holding 40% [0.395, 0.405] gives [0.445, 0.505].
        // Single rows keep their rounding, and 60% + 40% = 100% caps at 1: [0.99, min(1, 1.01)].
        Market[] markets =
        [
            new("m", "m", "cloud", "global", "revenue", "test", 0.02) { ShareRounding = 0.01 },
            new("n", "n", "cloud", "global", "revenue", "test", 0.02) { ShareRounding = 0.01 },
            new("p", "p", "cloud", "global", "revenue", "test", 0.02) { ShareRounding = 0.01 },
        ];
        MarketShare[] rows =
        [
            Share("sub-a", 0.3), Share("sub-b", 0.2), Share("rival", 0.5),
            new("n", "2024", "sub-b-unit", null, null, null, 0.05, 0.10, "src", null), Share("holding", 0.4, market: "n"),
            Share("sub-a", 0.6, market: "p"), Share("sub-b", 0.4, market: "p"),
        ];
        var owners = ShareScenarios.ByOwner(rows, Group, markets);
        var m = owners.Single(r => r.MarketId == "m" && r.ProviderId == "holding");
        Assert.Equal((0.5, 0.49, 0.51), (Math.Round(m.Share!.Value, 12), Math.Round(m.ShareLow!.Value, 12), Math.Round(m.ShareHigh!.Value, 12)));
        Assert.Same(rows[2], Row(owners, "rival"));
        var n = owners.Single(r => r.MarketId == "n");
        Assert.Null(n.Share);
        Assert.Equal((0.445, 0.505), (Math.Round(n.ShareLow!.Value, 12), Math.Round(n.ShareHigh!.Value, 12)));
        var p = owners.Single(r => r.MarketId == "p");
        Assert.Equal((1.0, 0.99, 1.0), (Math.Round(p.Share!.Value, 12), Math.Round(p.ShareLow!.Value, 12), p.ShareHigh!.Value));

        // Without markets, or for a market without rounding, sums stay points.
        Assert.Null(ShareScenarios.ByOwner(rows, Group).Single(r => r.MarketId == "m" && r.ProviderId == "holding").ShareLow);
    }

    [Fact]
    public void Owner_roll_up_rejects_cycles_unknown_providers_and_missing_parents()
    {
        Provider[] cycle = [new("x", "X", "y", "dns", null), new("y", "Y", "z", "dns", null), new("z", "Z", "x", "dns", null)];
        var ex = Assert.Throws<ArgumentException>(() => ShareScenarios.ByOwner([Share("x", 0.5)], cycle));
        Assert.Equal("providers", ex.ParamName);
        Assert.Contains("x → y → z → x", ex.Message);

        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => ShareScenarios.ByOwner([Share("nobody", 0.5)], Group)).ParamName);
        Provider[] orphan = [new("x", "X", "ghost", "dns", null)];
        Assert.Contains("ghost", Assert.Throws<ArgumentException>(() => ShareScenarios.ByOwner([Share("x", 0.5)], orphan)).Message);
        Provider[] twice = [new("x", "X", null, "dns", null), new("x", "X again", null, "dns", null)];
        Assert.Equal("providers", Assert.Throws<ArgumentException>(() => ShareScenarios.ByOwner([Share("x", 0.5)], twice)).ParamName);
        // A provider naming itself as parent is its own owner.
        Provider[] self = [new("x", "X", "x", "dns", null)];
        Assert.Equal("x", Assert.Single(ShareScenarios.ByOwner([Share("x", 0.5)], self)).ProviderId);
    }

    [Fact]
    public void Merger_raises_hhi_by_twice_the_product_of_the_shares()
    {
        Gen.Select(FullMarket, Gen.Int[0, 1000], Gen.Int[1, 1000]).Sample((s, i, step) =>
        {
            var n = s.Length;
            var (a, b) = (i % n, (i + step % (n - 1) + 1) % n);
            var rows = Rows(s);
            var merged = ShareScenarios.Merge(rows, "m", "2024", $"p{a}", $"p{b}");
            Assert.Equal(ShareScenarios.MergerDeltaHhi(s[a], s[b]), Hhi(merged) - Hhi(rows), 1e-12);
        }, iter: 1000);
    }

    [Fact]
    public void Exit_keeps_the_sum_of_shares()
    {
        Gen.Select(FullMarket, Gen.Int[0, 1000], Gen.Int).Sample((s, i, seed) =>
        {
            var n = s.Length;
            var exiting = i % n;
            var random = new Random(seed);
            var others = Enumerable.Range(0, n).Where(k => k != exiting).ToArray();
            random.Shuffle(others);
            // Either every remaining row, or a random non-empty subset of them.
            string[]? recipients = random.Next(2) == 0 ? null : others.Take(random.Next(1, others.Length + 1)).Select(k => $"p{k}").ToArray();
            var after = ShareScenarios.Exit(Rows(s), "m", "2024", $"p{exiting}", recipients);
            Assert.Equal(n - 1, after.Count);
            Assert.Equal(s.Sum(), after.Sum(r => r.Share!.Value), 1e-12);
        }, iter: 1000);
    }

    [Fact]
    public void Owner_roll_up_keeps_the_sum_of_shares_and_never_lowers_hhi()
    {
        Gen.Select(FullMarket, Gen.Int).Sample((s, seed) =>
        {
            // Each provider's parent is an earlier provider or none, so the ownership has no cycle.
            var random = new Random(seed);
            var providers = Enumerable.Range(0, s.Length)
                .Select(k => new Provider($"p{k}", $"P{k}", k > 0 && random.Next(2) == 0 ? $"p{random.Next(k)}" : null, "cloud", null))
                .ToArray();
            var rows = Rows(s);
            var owners = ShareScenarios.ByOwner(rows, providers);
            Assert.Equal(s.Sum(), owners.Sum(r => r.Share!.Value), 1e-12);
            Assert.True(Hhi(owners) >= Hhi(rows) - 1e-12);
            Assert.Equal(owners.Count, owners.Select(r => r.ProviderId).Distinct().Count());
        }, iter: 1000);
    }
}
