using RiskToolkit.Concentration;
using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class WhatIfAnalysisTests
{
    private static MarketShare Share(string provider, double share) =>
        new("m", "2020", provider, share, null, null, null, null, "src", null);

    private static List<MarketShare> Market(params (string Id, double Share)[] firms) =>
        firms.Select(f => Share(f.Id, f.Share)).ToList();

    // A whole market of the two merging firms and n equal others of the given share.
    private static List<MarketShare> WithSmallRivals(double a, double b, int n, double each) =>
        [Share("a", a), Share("b", b), .. Enumerable.Range(0, n).Select(i => Share($"r{i}", each))];

    private static Market WholePercents() =>
        new("m", "m", "cloud", "global", "revenue", "test market", 0.02) { ShareRounding = 0.01 };

    private static string Verdict(MergerAnalysis m, string regime) =>
        Assert.Single(m.Assessments, a => a.Regime == regime).Verdict;

    [Fact]
    public void Merger_of_exact_shares_raises_the_hhi_by_exactly_two_s_a_s_b()
    {
        // METHODS.md vector (0.2, 0.25, 0.4, 0.1, 0.05), HHI 0.275 (2,750 points). Merging 0.2 and 0.1:
        // ΔHHI = 2 · 0.2 · 0.1 = 0.04 = 400 points; after, (0.4, 0.3, 0.25, 0.05) has
        // 0.16 + 0.09 + 0.0625 + 0.0025 = 0.315 = 3,150 = 2,750 + 400 points.
        var rows = Market(("a", 0.2), ("b", 0.25), ("c", 0.4), ("d", 0.1), ("e", 0.05));
        var m = WhatIfAnalysis.Merger(rows, null, "m", "2020", "a", "d");
        Assert.Equal("a+d", m.MergedId);
        Assert.Equal(0.3, m.MergedShare.Lower, 1e-12);
        Assert.Equal(m.MergedShare.Lower, m.MergedShare.Upper);
        Assert.Equal(400, m.DeltaHhi.Lower, 1e-9);
        Assert.Equal(m.DeltaHhi.Lower, m.DeltaHhi.Upper);
        Assert.Equal(2750, m.Before.HhiPoints!.Value, 1e-9);
        Assert.Equal(3150, m.PostMergerHhi.Lower, 1e-9);
        Assert.Equal(m.PostMergerHhi.Lower, m.PostMergerHhi.Upper);
        Assert.Equal(m.Before.HhiPoints!.Value + m.DeltaHhi.Lower, m.After.HhiPoints!.Value, 1e-9);

        // The merged firm's rows still make up the whole market, so every index is defined after.
        Assert.Equal(4, m.After.N);
        Assert.True(m.After.WholeMarket);
        Assert.Equal(0, m.After.Remainder);
        Assert.Equal(0.3, Assert.Single(m.After.Shares, s => s.ProviderId == "a+d").Share!.Value, 1e-12);
        // Normalised HHI after: (0.315 − 0.25)/(1 − 0.25) = 0.065/0.75.
        Assert.Equal(0.065 / 0.75, m.After.NormalizedHhi!.Value, 1e-12);

        // 3,150 > 1,800 and ΔHHI 400 > 100 (US 2023); > 2,500 and > 200 (US 2010); > 1,800 and > 100 (US 1992);
        // above 2,000 with a delta of 150 or more is outside the EU 2004 ¶20 indicators.
        Assert.Equal(ConcentrationBands.Regimes.Select(r => r.Id), m.Assessments.Select(a => a.Regime));
        Assert.All(m.Assessments, a => Assert.Equal(a.Lower, a.Upper));
        Assert.StartsWith("presumed to substantially lessen competition", Verdict(m, ConcentrationBands.Us2023));
        Assert.Contains("highly concentrated, ΔHHI > 100", Verdict(m, ConcentrationBands.Us2023));
        Assert.StartsWith("presumed to be likely to enhance market power", Verdict(m, ConcentrationBands.Us2010));
        Assert.StartsWith("presumed likely to create or enhance market power", Verdict(m, ConcentrationBands.Us1992));
        Assert.StartsWith("outside the ¶19–20 indicators", Verdict(m, ConcentrationBands.Eu2004));
    }

    [Fact]
    public void Us2023_presumes_harm_above_1800_points_with_an_increase_over_100()
    {
        // 30/30/20/20 (US DOJ HHI page: 2,600 points); merging the two 20% firms: ΔHHI 2 · 0.2 · 0.2 = 800,
        // post-merger 3,400 > 1,800.
        var m = WhatIfAnalysis.Merger(Market(("a", 0.3), ("b", 0.3), ("c", 0.2), ("d", 0.2)), null, "m", "2020", "c", "d");
        Assert.Equal(2600, m.Before.HhiPoints!.Value, 1e-9);
        Assert.Equal(800, m.DeltaHhi.Lower, 1e-9);
        Assert.Equal(3400, m.PostMergerHhi.Lower, 1e-9);
        Assert.Contains("(highly concentrated, ΔHHI > 100)", Verdict(m, ConcentrationBands.Us2023));
    }

    [Fact]
    public void Us2023_presumes_harm_from_a_merged_share_over_30_percent_below_1800_points()
    {
        // 20% and 11% among 23 firms of 3%: HHI 0.04 + 0.0121 + 23 · 0.0009 = 0.0728 (728 points);
        // ΔHHI 2 · 0.2 · 0.11 = 440, post-merger 1,168 ≤ 1,800, but the merged firm holds 31% > 30%.
        var m = WhatIfAnalysis.Merger(WithSmallRivals(0.2, 0.11, 23, 0.03), null, "m", "2020", "a", "b");
        Assert.Equal(728, m.Before.HhiPoints!.Value, 1e-9);
        Assert.Equal(440, m.DeltaHhi.Lower, 1e-9);
        Assert.Equal(1168, m.PostMergerHhi.Lower, 1e-9);
        Assert.Equal(0.31, m.MergedShare.Lower, 1e-12);
        Assert.Contains("(merged share > 30%, ΔHHI > 100)", Verdict(m, ConcentrationBands.Us2023));
    }

    [Fact]
    public void Us2023_thresholds_are_strict()
    {
        // Exactly 30%: 20% and 10% among 35 firms of 2%: HHI 0.04 + 0.01 + 35 · 0.0004 = 0.064 (640 points),
        // ΔHHI 400, post-merger 1,040. "Over 30%" excludes 30% (0.2 + 0.1 is 0.30000000000000004 in binary).
        var share = WhatIfAnalysis.Merger(WithSmallRivals(0.2, 0.1, 35, 0.02), null, "m", "2020", "a", "b");
        Assert.Equal(1040, share.PostMergerHhi.Lower, 1e-9);
        Assert.StartsWith("no structural presumption", Verdict(share, ConcentrationBands.Us2023));

        // Exactly 100 points: 50% and 1% beside 49%: HHI 0.25 + 0.0001 + 0.2401 = 0.4902; ΔHHI 2 · 0.5 · 0.01 = 100,
        // not "more than 100", although the market is highly concentrated (5,002 after).
        var delta = WhatIfAnalysis.Merger(Market(("a", 0.5), ("b", 0.01), ("c", 0.49)), null, "m", "2020", "a", "b");
        Assert.Equal(100, delta.DeltaHhi.Lower, 1e-9);
        Assert.Equal(5002, delta.PostMergerHhi.Lower, 1e-9);
        Assert.StartsWith("no structural presumption", Verdict(delta, ConcentrationBands.Us2023));
    }

    [Fact]
    public void Merger_in_a_rounded_market_carries_the_rounding_into_every_interval()
    {
        // Synergy Q4 2025 as published: AWS 28%, Microsoft 21%, Google 14%, other 37%, whole percents.
        // ΔHHI of Microsoft (0.205–0.215) and Google (0.135–0.145): [2 · 0.205 · 0.135, 2 · 0.215 · 0.145]
        // = [0.05535, 0.06235] = [553.5, 623.5] points; merged share [0.34, 0.36].
        // Pre-merger lower end: the named firms hold at least 1 − 0.375 = 0.625 against 0.615 at their low ends,
        // the 0.01 to Google (0.135 → 0.145): 0.275² + 0.205² + 0.145² = 0.075625 + 0.042025 + 0.021025 = 0.138675.
        // Upper end: 'other' at its least, 0.365; AWS 0.285, Google g, Microsoft 0.35 − g, the remainder packed
        // into two firms of g and one of 0.365 − 2g: f(g) = 0.285² + (0.35 − g)² + 3g² + (0.365 − 2g)² is convex
        // with f′ = 16g − 2.16 ≥ 0 on [0.135, 0.145], so the top is g = 0.145:
        // 0.081225 + 0.042025 + 3 · 0.021025 + 0.075² = 0.081225 + 0.042025 + 0.063075 + 0.005625 = 0.19195.
        var rows = new[] { ("aws", 0.28), ("microsoft", 0.21), ("google", 0.14), ("other", 0.37) }
            .Select(p => Share(p.Item1, p.Item2)).ToList();
        var m = WhatIfAnalysis.Merger(rows, [WholePercents()], "m", "2020", "microsoft", "google");
        Assert.Equal(553.5, m.DeltaHhi.Lower, 1e-9);
        Assert.Equal(623.5, m.DeltaHhi.Upper, 1e-9);
        Assert.Equal(0.34, m.MergedShare.Lower, 1e-12);
        Assert.Equal(0.36, m.MergedShare.Upper, 1e-12);
        Assert.Equal(1386.75, m.Before.HhiInterval.LowerPoints, 1e-9);
        Assert.Equal(1919.5, m.Before.HhiInterval.UpperPoints, 1e-9);

        // Every market the data allow gains exactly 2·s_a·s_b, so the post-merger HHI lies in
        // [1,386.75 + 553.5, 1,919.5 + 623.5] = [1,940.25, 2,543], and in the merged market's own interval.
        Assert.InRange(m.PostMergerHhi.Lower, 1940.25 - 1e-9, m.PostMergerHhi.Upper);
        Assert.InRange(m.PostMergerHhi.Upper, m.PostMergerHhi.Lower, 2543 + 1e-9);
        Assert.InRange(m.PostMergerHhi.Lower, m.After.HhiInterval.LowerPoints - 1e-9, m.After.HhiInterval.UpperPoints + 1e-9);
        Assert.InRange(m.PostMergerHhi.Upper, m.After.HhiInterval.LowerPoints - 1e-9, m.After.HhiInterval.UpperPoints + 1e-9);
        // The published shares are one such market: 0.28² + 0.35² = 0.0784 + 0.1225 = 0.2009 (2,009 points).
        Assert.True(m.PostMergerHhi.Contains(2009, 1e-9));

        // Above 1,800 and ΔHHI above 100 at both ends: presumed either way.
        var us = Assert.Single(m.Assessments, a => a.Regime == ConcentrationBands.Us2023);
        Assert.Equal(us.Lower, us.Upper);
        Assert.StartsWith("presumed to substantially lessen competition", us.Lower);
    }

    [Fact]
    public void Exit_gives_the_share_to_every_other_row_pro_rata()
    {
        // 50/30/20, the 20% firm leaves: 0.5 + 0.2 · 0.5/0.8 = 0.625 and 0.3 + 0.2 · 0.3/0.8 = 0.375;
        // HHI 0.390625 + 0.140625 = 0.53125, against 0.25 + 0.09 + 0.04 = 0.38 before.
        var e = WhatIfAnalysis.Exit(Market(("a", 0.5), ("b", 0.3), ("c", 0.2)), null, "m", "2020", "c");
        Assert.Equal("c", e.Exiting);
        Assert.Empty(e.Recipients);
        Assert.Equal(0.38, e.Before.Hhi!.Value, 1e-12);
        Assert.Equal(0.53125, e.After.Hhi!.Value, 1e-12);
        Assert.Equal([0.625, 0.375], e.After.Shares.Select(s => s.Share!.Value).Select(s => Math.Round(s, 12)));
        Assert.True(e.After.WholeMarket);

        // 'other' wins customers too: a 40%, b 20%, other 40%; b leaves, a gets 0.2 · 0.4/0.8 = 0.1 and other 0.1:
        // a 0.5, other 0.5, HHI 0.25 over the one named firm.
        var o = WhatIfAnalysis.Exit(Market(("a", 0.4), ("b", 0.2), ("other", 0.4)), null, "m", "2020", "b");
        Assert.Equal(0.5, o.After.Cr1!.Value, 1e-12);
        Assert.Equal(0.5, o.After.Remainder, 1e-12);
        Assert.Equal(0.25, o.After.Hhi!.Value, 1e-12);
    }

    [Fact]
    public void Exit_to_named_recipients_splits_the_share_between_them_only()
    {
        // 40/30/20/10, the 10% firm's share goes to b and c in proportion 30:20: b 0.3 + 0.1 · 0.6 = 0.36,
        // c 0.2 + 0.1 · 0.4 = 0.24, a keeps 0.4. HHI 0.16 + 0.1296 + 0.0576 = 0.3472.
        var e = WhatIfAnalysis.Exit(Market(("a", 0.4), ("b", 0.3), ("c", 0.2), ("d", 0.1)), null, "m", "2020", "d", ["b", "c"]);
        Assert.Equal(["b", "c"], e.Recipients);
        Assert.Equal(0.3472, e.After.Hhi!.Value, 1e-12);
        Assert.Equal(
            [("a", 0.4), ("b", 0.36), ("c", 0.24)],
            e.After.Shares.Select(s => (s.ProviderId, Math.Round(s.Share!.Value, 12))));
    }

    [Fact]
    public void Exit_of_a_firm_given_as_a_range_is_refused()
    {
        var rows = new List<MarketShare>
        {
            new("m", "2020", "a", null, null, null, 0.3, 0.4, "src", null),
            new("m", "2020", "b", null, null, null, 0.3, 0.4, "src", null),
        };
        var ex = Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Exit(rows, null, "m", "2020", "a"));
        Assert.Contains("range", ex.Message);
    }

    [Fact]
    public void Unknown_provider_ids_name_the_parameter_and_the_known_providers()
    {
        var rows = Market(("a", 0.6), ("b", 0.4));
        var first = Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Merger(rows, null, "m", "2020", "nope", "b"));
        Assert.Equal("a", first.ParamName);
        Assert.Contains("'nope'", first.Message);
        Assert.Contains("providers: a, b", first.Message);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Merger(rows, null, "m", "2020", "a", "nope")).ParamName);
        Assert.Equal("exiting", Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Exit(rows, null, "m", "2020", "nope")).ParamName);
        Assert.Equal("recipients", Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Exit(rows, null, "m", "2020", "a", ["nope"])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Merger(rows, null, "m", "1999", "a", "b")).ParamName);
    }

    [Fact]
    public void Owner_level_sums_subsidiaries_of_one_parent()
    {
        // sub1 30% and sub2 20% both belong to holdco; rival holds 50%. Provider level: 0.09 + 0.04 + 0.25 = 0.38;
        // owner level: holdco 0.5 and rival 0.5, HHI 0.25 + 0.25 = 0.5.
        var data = new MarketData(
            Sources: [],
            Providers:
            [
                new Provider("holdco", "Holding", null, "cloud", "US"),
                new Provider("sub1", "Subsidiary 1", "holdco", "cloud", "US"),
                new Provider("sub2", "Subsidiary 2", "holdco", "cloud", "US"),
                new Provider("rival", "Rival", null, "cloud", "US"),
            ],
            Markets: [],
            MarketShares: Market(("sub1", 0.3), ("sub2", 0.2), ("rival", 0.5)),
            MarketSizes: []);
        Assert.Equal(0.38, Assert.Single(ConcentrationAnalysis.Analyze(data)).Hhi!.Value, 1e-12);
        var owner = Assert.Single(WhatIfAnalysis.OwnerLevel(data));
        Assert.Equal(2, owner.N);
        Assert.Equal(["holdco", "rival"], owner.Shares.Select(s => s.ProviderId).Order(StringComparer.Ordinal));
        Assert.Equal(0.5, owner.Shares.Single(s => s.ProviderId == "holdco").Share!.Value, 1e-12);
        Assert.Equal(0.5, owner.Hhi!.Value, 1e-12);
        Assert.True(owner.WholeMarket);
    }
}
