using CsCheck;
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
        // Synergy Q4 2025's top three (AWS 28%, Microsoft 21%, Google 14%) with a hypothetical published 'other' of
        // 37% (Synergy publishes none), all in whole percents.
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

    // UK CMA 2024: AWS and Microsoft 30–40% each, Google 5–10% and third.
    private static List<MarketShare> Cma() =>
    [
        new("m", "2024", "aws", null, null, null, 0.30, 0.40, "src", null),
        new("m", "2024", "microsoft", null, null, null, 0.30, 0.40, "src", null),
        new("m", "2024", "google", null, null, null, 0.05, 0.10, "src", null) { Rank = 3 },
    ];

    [Fact]
    public void Exit_of_a_firm_given_as_a_range_bounds_the_others_from_both_ends()
    {
        // Google (5–10%) leaves the CMA market; everything that remains, the unnamed firms included, grows by
        // 1/(1 − x): AWS and Microsoft each [0.30/(1 − 0.05), 0.40/(1 − 0.10)] = [0.315789…, 0.444444…].
        // Lower HHI: both at 0.3/0.95, the rest fragmented: 2 · 0.09/0.9025 = 0.199446 (1,994.46 points).
        // Upper HHI: AWS at 0.4/0.9, Microsoft m, the rest 1 − 0.4/0.9 − m in one firm no larger than m:
        // f(m) = (0.4/0.9)² + m² + (0.5/0.9 − m)² is convex, so its top is at an end of m's interval:
        // m = 0.3/0.95 gives 0.3547, m = 0.4/0.9 gives (0.16 + 0.16 + 0.01)/0.81 = 0.33/0.81 = 0.407407.
        var e = WhatIfAnalysis.Exit(Cma(), null, "m", "2024", "google");
        Assert.All(e.After.Shares, s =>
        {
            Assert.Null(s.Share);
            Assert.Equal(0.3 / 0.95, s.Low, 12);
            Assert.Equal(0.4 / 0.9, s.High, 12);
            Assert.Null(s.Rank);
        });
        Assert.Equal(0.18 / 0.9025, e.After.HhiInterval.Lower, 9);
        Assert.Equal(0.33 / 0.81, e.After.HhiInterval.Upper, 9);
    }

    [Fact]
    public void Merger_where_the_shares_force_the_ranks_forgets_them_instead_of_leaving_a_phantom_rank()
    {
        // CMA: Google is published third; the shares make AWS and Microsoft first and second. Merged, AWS +
        // Microsoft holds [0.6, 0.8] and Google [0.05, 0.1]. Keeping Google at rank 3 would invent an unnamed
        // second firm of at least 0.1; without it the lower end is 0.6² + 0.05² = 0.3625 (3,625 points), the
        // remainder fragmented. Upper end: 0.8 and 0.1, the remaining 0.1 one firm no larger than Google:
        // 0.64 + 0.01 + 0.01 = 0.66 (6,600 points).
        var m = WhatIfAnalysis.Merger(Cma(), null, "m", "2024", "aws", "microsoft");
        Assert.All(m.After.Shares, s => Assert.Null(s.Rank));
        Assert.Equal(3625, m.After.HhiInterval.LowerPoints, 1e-9);
        Assert.Equal(6600, m.After.HhiInterval.UpperPoints, 1e-9);
        // Before: 0.3² + 0.3² + 0.05² = 0.1825 (1,825 points) at the least, ΔHHI at least 2 · 0.3 · 0.3 = 1,800.
        Assert.Equal(3625, m.PostMergerHhi.Lower, 1e-9);
    }

    [Fact]
    public void What_ifs_are_refused_where_a_rank_is_not_named()
    {
        // Certificate Transparency 2025: Let's Encrypt first (46.1%), DigiCert fourth (8.3%); the second and third
        // are unnamed. Any merger or exit would renumber firms whose size is unknown.
        List<MarketShare> rows =
        [
            Share("lets-encrypt", 0.461) with { Rank = 1 },
            Share("digicert", 0.083) with { Rank = 4 },
        ];
        var exit = Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Exit(rows, null, "m", "2020", "lets-encrypt"));
        Assert.Equal("rows", exit.ParamName);
        Assert.Contains("rank(s) 2, 3 are not named", exit.Message);
        Assert.Contains("renumber firms whose size is unknown", exit.Message);
        var merger = Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Merger(rows, null, "m", "2020", "lets-encrypt", "digicert"));
        Assert.Contains("rank(s) 2, 3 are not named", merger.Message);
    }

    [Fact]
    public void Exit_from_a_rounded_market_without_other_carries_the_rounding_and_feeds_the_remainder()
    {
        // Canalys Q2 2025: AWS 32%, Azure 22%, Google 11%, whole percents, no 'other' row (35% unallocated).
        // Google leaves and everything else, the unallocated 35% included, grows by 1/(1 − x), x ∈ [0.105, 0.115]:
        // AWS [0.315/0.895, 0.325/0.885] = [0.351955, 0.367232], point 0.32/0.89 = 0.359551;
        // Azure [0.215/0.895, 0.225/0.885] = [0.240223, 0.254237], point 0.22/0.89 = 0.247191;
        // the remainder 0.35/0.89 = 0.393258. (Giving the 11% to the named firms alone would put AWS at
        // 0.32 + 0.11 · 0.32/0.54 = 0.385185, and re-rounding would make its interval ±0.005.)
        var rows = new[] { ("aws", 0.32), ("microsoft", 0.22), ("google", 0.11) }.Select(p => Share(p.Item1, p.Item2)).ToList();
        var e = WhatIfAnalysis.Exit(rows, [WholePercents()], "m", "2020", "google");
        var aws = Assert.Single(e.After.Shares, s => s.ProviderId == "aws");
        Assert.Equal(0.315 / 0.895, aws.Low, 12);
        Assert.Equal(0.325 / 0.885, aws.High, 12);
        Assert.Equal(0.32 / 0.89, aws.Share!.Value, 12);
        var azure = Assert.Single(e.After.Shares, s => s.ProviderId == "microsoft");
        Assert.Equal(0.215 / 0.895, azure.Low, 12);
        Assert.Equal(0.225 / 0.885, azure.High, 12);
        Assert.Equal(0.22 / 0.89, azure.Share!.Value, 12);
        Assert.Equal(0.35 / 0.89, e.After.Remainder, 12);
        Assert.Contains(e.After.Notes, n => n.Contains("s/(1 − x)") && n.Contains("not re-rounded"));

        // Lower HHI after, the rest fragmented: (0.315² + 0.215²)/0.895² = (0.099225 + 0.046225)/0.801025 = 0.181580.
        Assert.Equal(0.14545 / 0.801025, e.After.HhiInterval.Lower, 12);
        // The rows after alone cap the unnamed firms at Azure, the smallest firm still named: 0.325/0.885,
        // 0.225/0.885 and the rest 0.335/0.885 packed as one more Azure and 0.11/0.885,
        // (0.105625 + 2 · 0.050625 + 0.0121)/0.783225 = 0.218975/0.783225 = 0.279581 (2,795.8 points).
        Assert.Equal(0.218975 / 0.783225, e.After.HhiInterval.Upper, 12);

        // But before the exit every unnamed firm was no larger than Google, x, so after it no larger than
        // x/(1 − x) ≈ 0.13, not Azure's 0.25. Every market the data allow has H_after = (H − x²)/(1 − x)², H its HHI
        // before. Before, H ≤ 0.325² + 0.225² + 0.115² + 2 · 0.115² + 0.105² (the remainder 1 − 0.665 = 0.335
        // packed into firms of Google's 0.115) = 0.105625 + 0.050625 + 3 · 0.013225 + 0.011025 = 0.20695.
        // (0.20695 − x²)/(1 − x)² rises with x while x < 0.20695, so its top is at x = 0.115:
        // (0.20695 − 0.013225)/0.885² = 0.193725/0.783225 = 0.247343 (2,473.43 points). Directly: AWS, Azure and
        // Google at their highs, the remainder as two firms of 0.115 and one of 0.105, all divided by 0.885.
        // Lower end: H ≥ 0.315² + 0.215² + 0.105² = 0.156475; (0.156475 − x²)/(1 − x)² is least at an end of x's
        // interval: 0.14545/0.801025 = 0.181580 at 0.105 against 0.14325/0.783225 = 0.182897 at 0.115.
        // A grid over AWS, Azure (11 steps each) and Google (41 steps), the remainder split into firms no larger
        // than Google, gives the same 1,815.80–2,473.43.
        Assert.Equal(0.14545 / 0.801025 * 10_000, e.PostExitHhi.Lower, 6);
        Assert.Equal(0.193725 / 0.783225 * 10_000, e.PostExitHhi.Upper, 6);
        // Above 1,800 at both ends: highly concentrated under US 2023.
        var us2023 = Assert.Single(e.PostExitBands, b => b.Regime == ConcentrationBands.Us2023);
        Assert.Equal(ConcentrationBands.High, us2023.Lower);
        Assert.Equal(ConcentrationBands.High, us2023.Upper);
        Assert.Equal(ConcentrationBands.Regimes.Select(r => r.Id), e.PostExitBands.Select(b => b.Regime));

        // CR3 after: AWS, Azure and the largest unnamed firm, over 1 − x. At most (0.325 + 0.225 + 0.115)/0.885 =
        // 0.665/0.885 = 0.751412 (CR3 before at most 0.665, over 1 − h_x); at least (0.315 + 0.215)/0.895 = 0.592179,
        // the unnamed firms tiny. The rows after alone would allow 0.325/0.885 + 2 · 0.225/0.885 = 0.875/0.885.
        Assert.Equal(0.53 / 0.895, e.PostExitCr3!.Lower, 12);
        Assert.Equal(0.665 / 0.885, e.PostExitCr3.Upper, 12);
    }

    [Fact]
    public void Exit_to_one_named_recipient_raises_the_hhi_by_two_s_r_x_as_a_merger_would()
    {
        // Canalys Q2 2025 (AWS 32%, Azure 22%, Google 11%, whole percents): Google's customers all go to Azure.
        // Each market the data allow gains (m + x)² − m² − x² = 2·m·x, m ∈ [0.215, 0.225], x ∈ [0.105, 0.115]:
        // [2 · 0.215 · 0.105, 2 · 0.225 · 0.115] = [0.04515, 0.05175]. Before, [0.156475, 0.20695] (see the test
        // above), so after [0.201625, 0.2587], 2,016.25–2,587 points; the unnamed firms, unchanged, stay no larger
        // than Google was. The rows after alone cap them at AWS, 0.325, and reach 3,270 points.
        // A grid over the three shares (11, 11, 41 steps) with the remainder packed into firms of Google's size
        // gives the same 2,016.25–2,587.
        // CR3: AWS, Azure + Google and the largest unnamed firm (≤ 0.115) hold at most 0.325 + 0.34 + 0.115 = 0.78
        // (CR4 before at most 0.78) and at least 0.315 + 0.32 = 0.635.
        var rows = new[] { ("aws", 0.32), ("microsoft", 0.22), ("google", 0.11) }.Select(p => Share(p.Item1, p.Item2)).ToList();
        var e = WhatIfAnalysis.Exit(rows, [WholePercents()], "m", "2020", "google", ["microsoft"]);
        Assert.Equal(2016.25, e.PostExitHhi.Lower, 6);
        Assert.Equal(2587, e.PostExitHhi.Upper, 6);
        Assert.True(e.After.HhiInterval.UpperPoints > 3000);
        Assert.Equal(0.635, e.PostExitCr3!.Lower, 12);
        Assert.Equal(0.78, e.PostExitCr3.Upper, 12);
        // The point: 0.32² + 0.33² = 0.1024 + 0.1089 = 0.2113.
        Assert.Equal(2113, e.After.HhiPoints!.Value, 6);
    }

    [Fact]
    public void Exit_of_exact_shares_is_bounded_exactly_by_the_firms_named_before()
    {
        // a 50%, b 20%, 30% unallocated in firms no larger than b. Before: [0.25 + 0.04, 0.25 + 0.04 + 0.04 + 0.01]
        // = [0.29, 0.34] (the 0.3 packed as 0.2 and 0.1). b leaves pro rata: (H − 0.04)/0.64 gives [0.390625,
        // 0.46875]; directly, a 0.625 and the unnamed firms no larger than 0.2/0.8 = 0.25: 0.390625 + 0.0625 +
        // 0.125² = 0.46875. The rows after alone put the 0.375 in one firm: 0.390625 + 0.140625 = 0.53125.
        var e = WhatIfAnalysis.Exit(Market(("a", 0.5), ("b", 0.2)), null, "m", "2020", "b");
        Assert.Equal(5312.5, e.After.HhiInterval.UpperPoints, 6);
        Assert.Equal(3906.25, e.PostExitHhi.Lower, 6);
        Assert.Equal(4687.5, e.PostExitHhi.Upper, 6);
        // CR3: 0.625 + 0.25 + 0.125 = 1 at most, as (CR4 before − x)/(1 − x) = (0.5 + 0.2 + 0.2 + 0.1 − 0.2)/0.8 = 1.
        Assert.Equal(1, e.PostExitCr3!.Upper, 12);
    }

    [Fact]
    public void Exit_to_other_bounds_the_firms_inside_it_from_before()
    {
        // a 40%, b 10%, other 50% (exact): the firms inside 'other' are no larger than b. a's customers all go to
        // 'other', whose firms grow by 1 + 0.4/0.5 = 1.8: five firms of 0.1 become five of 0.18, past b, so the rows
        // after (b 0.1, other 0.9, unnamed firms capped at b) would allow at most 0.01 + 9 · 0.01 = 0.1, below
        // that market's 0.01 + 5 · 0.0324 = 0.172.
        // Bound: H_after = H + Δ, Δ = 2x·Q/S − x²(1 − Q/S²), x = 0.4, S = 0.5, Q the squares inside 'other', at most
        // 0.5 · min(0.5, 0.1) = 0.05: r = Q/S ≤ 0.1, q = Q/S² ≤ 0.2, Δ ≤ 0.8 · 0.1 − 0.16 · 0.8 = −0.048; before
        // H ≤ 0.16 + 0.01 + 5 · 0.01 = 0.22, so H_after ≤ 0.172 (1,720 points), reached by the five firms of 0.1.
        // Lower end: b alone, 'other' fragmented: 0.01 (100 points).
        var e = WhatIfAnalysis.Exit(Market(("a", 0.4), ("b", 0.1), ("other", 0.5)), null, "m", "2020", "a", ["other"]);
        Assert.Equal(1000, e.After.HhiInterval.UpperPoints, 6);
        Assert.Equal(100, e.PostExitHhi.Lower, 6);
        Assert.Equal(1720, e.PostExitHhi.Upper, 6);
        // CR3 after: the three largest left gain x = 0.4 at most and held at most CR4 − x before, so at most
        // min(CR3 before + x, CR4 before) = min(0.6 + 0.4, 0.4 + 0.1 + 0.1 + 0.1) = 0.7: valid, not the least
        // (three firms of 0.18, 0.54, are the most), but above the rows' own cap of 0.3 that the market breaks.
        Assert.Equal(0.7, e.PostExitCr3!.Upper, 12);
        Assert.True(e.After.Intervals["cr3"].Upper < 0.54);

        // The same market in counts: 400, 100 and 500 in 'other'. After: b 100 of 1,000 and 'other' 900, so
        // [0.01, 0.01 + (0.22 − 0.17) · (0.9/0.5)²] = [0.01, 0.01 + 0.05 · 3.24] = [0.01, 0.172].
        var counts = new[] { ("a", 400L), ("b", 100L), ("other", 500L) }
            .Select(p => new MarketShare("m", "2020", p.Item1, null, null, p.Item2, null, null, "src", null)).ToList();
        var c = WhatIfAnalysis.Exit(counts, null, "m", "2020", "a", ["other"]);
        Assert.Equal(100, c.PostExitHhi.Lower, 6);
        Assert.Equal(1720, c.PostExitHhi.Upper, 6);
    }

    [Fact]
    public void Exit_of_the_only_named_firm_is_refused_saying_the_unnamed_firms_hold_the_rest()
    {
        // Canalys Q2 2024 names AWS alone at 33%: after its exit the unnamed 67% is the whole market.
        var ex = Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Exit(Market(("aws", 0.33)), null, "m", "2020", "aws"));
        Assert.Equal("exiting", ex.ParamName);
        Assert.Contains("'aws' is the only named firm", ex.Message);
        Assert.Contains("unnamed firms (67% of the market as published) hold all of it", ex.Message);
        var whole = Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Exit(Market(("aws", 1.0)), null, "m", "2020", "aws"));
        Assert.Contains("holds the whole of market", whole.Message);
    }

    [Fact]
    public void Exit_from_rounded_shares_holds_every_true_market_the_rounding_allows()
    {
        // A true market: n named firms and m unnamed ones no larger than the smallest named, summing to 1.
        // Published: the named shares and (when m > 0) 'other' rounded to whole percents. A firm leaves, pro rata to
        // everything or to some recipients (named firms, and 'other' when toOther); the true shares after must lie
        // in the bounds the exit gives, the true HHI and CR3 after in PostExitHhi and PostExitCr3, and, unless
        // 'other' is a recipient (its firms may then outgrow the smallest named firm), in the analysis's intervals.
        var gen = Gen.Select(Gen.Double[0.01, 1].Array[2, 6], Gen.Double[0.01, 1].Array[0, 4], Gen.Int[0, 5], Gen.Int[0, 31], Gen.Bool);
        var tested = 0;
        gen.Sample((named, unnamed, exitingIndex, mask, toOther) =>
        {
            var all = named.Concat(unnamed).OrderDescending().ToArray();
            var total = all.Sum();
            var truth = all.Select(v => v / total).ToArray();
            var n = named.Length;
            var x = exitingIndex % n;
            var rows = Enumerable.Range(0, n).Select(i => Share($"p{i}", Math.Round(truth[i] * 100) / 100)).ToList();
            var hasOther = n < all.Length;
            if (hasOther)
            {
                rows.Add(Share("other", Math.Round(truth[n..].Sum() * 100) / 100));
            }

            var recipients = Enumerable.Range(0, n).Where(i => i != x && (mask & (1 << i)) != 0).ToList();
            var otherReceives = toOther && hasOther && rows[^1].Share > 0 && recipients.Count > 0;
            if (otherReceives)
            {
                recipients.AddRange(Enumerable.Range(n, all.Length - n));
            }

            var after = truth.ToArray();
            after[x] = 0;
            if (recipients.Count == 0)
            {
                for (var i = 0; i < after.Length; i++)
                {
                    after[i] /= 1 - truth[x];
                }
            }
            else
            {
                var sum = recipients.Sum(i => truth[i]);
                foreach (var i in recipients)
                {
                    after[i] += truth[x] * truth[i] / sum;
                }
            }

            List<string>? ids = recipients.Count == 0 ? null
                : [.. recipients.Where(i => i < n).Select(i => $"p{i}"), .. otherReceives ? ["other"] : Array.Empty<string>()];
            if (ids is not null && rows.Where(r => ids.Contains(r.ProviderId)).Sum(r => r.Share!.Value) == 0)
            {
                // Recipients published at 0%: a pro-rata split of the points is undefined.
                Assert.Throws<ArgumentException>(() => WhatIfAnalysis.Exit(rows, [WholePercents()], "m", "2020", $"p{x}", ids));
                Interlocked.Increment(ref tested);
                return;
            }

            var e = WhatIfAnalysis.Exit(rows, [WholePercents()], "m", "2020", $"p{x}", ids);
            foreach (var s in e.After.Shares)
            {
                var t = after[int.Parse(s.ProviderId[1..], System.Globalization.CultureInfo.InvariantCulture)];
                Assert.InRange(t, s.Low - 1e-12, s.High + 1e-12);
            }

            var hhi = after.Sum(v => v * v);
            var cr3 = after.OrderDescending().Take(3).Sum();
            Assert.InRange(hhi * 10_000, e.PostExitHhi.Lower - 1e-5, e.PostExitHhi.Upper + 1e-5);
            Assert.InRange(cr3, e.PostExitCr3!.Lower - 1e-9, e.PostExitCr3.Upper + 1e-9);
            Assert.InRange(e.PostExitHhi.Lower, e.After.HhiInterval.LowerPoints - 1e-9, double.MaxValue);
            if (!otherReceives)
            {
                Assert.InRange(hhi, e.After.HhiInterval.Lower - 1e-9, e.After.HhiInterval.Upper + 1e-9);
                Assert.InRange(e.PostExitHhi.Upper, 0, e.After.HhiInterval.UpperPoints + 1e-9);
            }

            Interlocked.Increment(ref tested);
        }, iter: 3000);
        Assert.Equal(3000, tested);
    }

    [Fact]
    public void Exit_of_exact_shares_without_other_gives_the_unallocated_remainder_its_part()
    {
        // a 50%, b 20%, 30% unallocated; b leaves: a 0.5/0.8 = 0.625 and the remainder 0.3/0.8 = 0.375.
        var e = WhatIfAnalysis.Exit(Market(("a", 0.5), ("b", 0.2)), null, "m", "2020", "b");
        var a = Assert.Single(e.After.Shares);
        Assert.Equal(0.625, a.Share!.Value, 12);
        Assert.Equal(a.Share.Value, a.Low);
        Assert.Equal(a.Share.Value, a.High);
        Assert.Equal(0.375, e.After.Remainder, 12);
        Assert.DoesNotContain(e.After.Notes, n => n.Contains("not re-rounded"));
    }

    [Fact]
    public void Exit_to_named_recipients_in_a_rounded_market_bounds_each_by_monotonicity()
    {
        // AWS 28%, Microsoft 21%, Google 14%, other 37%, whole percents; Google's share goes to AWS and Microsoft.
        // Recipient i gets s_i + x·s_i/(s_i + s_j): rising in s_i and x, falling in s_j.
        // AWS low 0.275 + 0.135 · 0.275/(0.275 + 0.215) = 0.275 + 0.0757653 = 0.3507653,
        //     high 0.285 + 0.145 · 0.285/(0.285 + 0.205) = 0.285 + 0.0843367 = 0.3693367, point 0.28 + 0.14 · 0.28/0.49 = 0.36;
        // Microsoft low 0.205 + 0.135 · 0.205/0.49 = 0.2614796, high 0.215 + 0.145 · 0.215/0.49 = 0.2786224,
        //     point 0.21 + 0.14 · 0.21/0.49 = 0.27. 'other' keeps its rounding, [0.365, 0.375].
        // Point HHI 0.36² + 0.27² = 0.1296 + 0.0729 = 0.2025 (2,025 points).
        var rows = new[] { ("aws", 0.28), ("microsoft", 0.21), ("google", 0.14), ("other", 0.37) }.Select(p => Share(p.Item1, p.Item2)).ToList();
        var e = WhatIfAnalysis.Exit(rows, [WholePercents()], "m", "2020", "google", ["aws", "microsoft"]);
        var aws = Assert.Single(e.After.Shares, s => s.ProviderId == "aws");
        Assert.Equal(0.275 + (0.135 * 0.275 / 0.49), aws.Low, 12);
        Assert.Equal(0.285 + (0.145 * 0.285 / 0.49), aws.High, 12);
        Assert.Equal(0.36, aws.Share!.Value, 12);
        var microsoft = Assert.Single(e.After.Shares, s => s.ProviderId == "microsoft");
        Assert.Equal(0.205 + (0.135 * 0.205 / 0.49), microsoft.Low, 12);
        Assert.Equal(0.215 + (0.145 * 0.215 / 0.49), microsoft.High, 12);
        Assert.Equal(0.27, microsoft.Share!.Value, 12);
        Assert.Equal(2025, e.After.HhiPoints!.Value, 1e-9);
        Assert.Equal(0.37, e.After.Remainder, 12);
        Assert.Contains(e.After.Notes, n => n.Contains("each recipient i gained"));
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
        Assert.DoesNotContain(WhatIfAnalysis.OwnerLevelOtherNote, owner.Notes);
    }

    private static MarketData Holdco(params (string Id, double Share)[] firms) => new(
        Sources: [],
        Providers:
        [
            new Provider("holdco", "Holding", null, "cloud", "US"),
            new Provider("sub1", "Subsidiary 1", "holdco", "cloud", "US"),
            new Provider("sub2", "Subsidiary 2", "holdco", "cloud", "US"),
            new Provider("rival", "Rival", null, "cloud", "US"),
            new Provider("rival2", "Second rival", null, "cloud", "US"),
        ],
        Markets: [WholePercents()],
        MarketShares: Market(firms),
        MarketSizes: []);

    [Fact]
    public void Owner_level_in_a_rounded_market_sums_the_members_rounding_intervals()
    {
        // Whole percents: sub1 30% is [0.295, 0.305] and sub2 20% is [0.195, 0.205], so holdco holds [0.49, 0.51],
        // not 50% ± 0.005. Two rivals without parents hold 30% [0.295, 0.305] and 20% [0.195, 0.205]; the three
        // owners are the whole market (0.49 + 0.295 + 0.195 ≤ 1 ≤ 0.51 + 0.305 + 0.205).
        // HHI least with every share as near 1/3 as allowed: holdco 0.49, rival 0.305, rival2 0.205 (sum 1):
        // 0.2401 + 0.093025 + 0.042025 = 0.37515 (3,751.5 points). Greatest at a vertex: holdco 0.51, the others
        // at their lows 0.295 and 0.195 (sum 1): 0.2601 + 0.087025 + 0.038025 = 0.38515 (3,851.5 points).
        // Reading holdco as 50% ± 0.005 would give [0.37705, 0.38305]: holdco 0.495 with 0.3 and 0.205, and
        // 0.505 with 0.3 and 0.195.
        var owner = Assert.Single(WhatIfAnalysis.OwnerLevel(Holdco(("sub1", 0.3), ("sub2", 0.2), ("rival", 0.3), ("rival2", 0.2))));
        var holdco = Assert.Single(owner.Shares, s => s.ProviderId == "holdco");
        Assert.Equal(0.5, holdco.Share!.Value, 12);
        Assert.Equal(0.49, holdco.Low, 12);
        Assert.Equal(0.51, holdco.High, 12);
        var rival = Assert.Single(owner.Shares, s => s.ProviderId == "rival");
        Assert.Equal(0.295, rival.Low, 12);
        Assert.Equal(0.305, rival.High, 12);
        Assert.True(owner.WholeMarket);
        Assert.Equal(3751.5, owner.HhiInterval.LowerPoints, 1e-9);
        Assert.Equal(3851.5, owner.HhiInterval.UpperPoints, 1e-9);
    }

    [Fact]
    public void Owner_level_notes_that_firms_inside_other_have_no_owner()
    {
        var owner = Assert.Single(WhatIfAnalysis.OwnerLevel(Holdco(("sub1", 0.3), ("sub2", 0.2), ("other", 0.5))));
        Assert.Equal(0.5, owner.Remainder, 12);
        Assert.Contains(WhatIfAnalysis.OwnerLevelOtherNote, owner.Notes);
        Assert.DoesNotContain(WhatIfAnalysis.OwnerLevelRemainderNote, owner.Notes);
        Assert.Contains("cannot be mapped to their owners", WhatIfAnalysis.OwnerLevelOtherNote);
    }

    [Fact]
    public void Owner_level_without_an_other_row_notes_the_unallocated_share_instead()
    {
        // sub1 30% and sub2 20% sum to 50% and no 'other' row is published: the unallocated half is unnamed firms.
        var owner = Assert.Single(WhatIfAnalysis.OwnerLevel(Holdco(("sub1", 0.3), ("sub2", 0.2))));
        Assert.Equal(0.5, owner.Remainder, 12);
        Assert.Contains(WhatIfAnalysis.OwnerLevelRemainderNote, owner.Notes);
        Assert.DoesNotContain(WhatIfAnalysis.OwnerLevelOtherNote, owner.Notes);
        Assert.Contains("no 'other' row is published", WhatIfAnalysis.OwnerLevelRemainderNote);
        Assert.DoesNotContain("the 'other' row is", WhatIfAnalysis.OwnerLevelRemainderNote);
    }
}
