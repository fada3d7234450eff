using CsCheck;
using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class ShareIntervalsTests
{
    // Shares are exact to 1e-12 unless a comment says otherwise.
    private const double Tolerance = 1e-12;

    private static ShareBounds Point(double share, int? rank = null) => new(share, share, rank);

    [Fact]
    public void Most_equal_fills_every_box_to_a_common_level()
    {
        // Boxes [0.1, 0.3], [0.2, 0.6], [0.5, 0.6]. For λ in [0.2, 0.3] the third firm stays at 0.5:
        // λ + λ + 0.5 = 1 → λ = 0.25, so (0.25, 0.25, 0.5).
        var s = ShareIntervals.MostEqual([0.1, 0.2, 0.5], [0.3, 0.6, 0.6]);
        Assert.Equal([0.25, 0.25, 0.5], s.Select(x => Math.Round(x, 12)));
        // Two firms of 40–60%: the level 0.5 fits both boxes.
        Assert.Equal([0.5, 0.5], ShareIntervals.MostEqual([0.4, 0.4], [0.6, 0.6]));
    }

    [Fact]
    public void Most_equal_rejects_boxes_that_hold_no_market_and_names_the_side()
    {
        // 0.6 + 0.6 > 1: the lows alone exceed the market.
        Assert.Equal("low", Assert.Throws<ArgumentException>(() => ShareIntervals.MostEqual([0.6, 0.6], [0.7, 0.7])).ParamName);
        // 0.3 + 0.3 < 1: the highs cannot fill it.
        Assert.Equal("high", Assert.Throws<ArgumentException>(() => ShareIntervals.MostEqual([0.1, 0.1], [0.3, 0.3])).ParamName);
        Assert.Equal("high", Assert.Throws<ArgumentException>(() => ShareIntervals.MostEqual([0.1], [0.3, 0.3])).ParamName);
        Assert.Equal("low", Assert.Throws<ArgumentException>(() => ShareIntervals.MostEqual([0.5, 0.5], [0.4, 0.6])).ParamName);
    }

    [Fact]
    public void Vertices_of_three_boxes_are_the_permutations_of_the_one_free_split()
    {
        // Boxes [0.2, 0.5]³: two firms at ends, the third takes 1 − their sum, which must lie in
        // [0.2, 0.5]: (0.2, 0.2) leaves 0.6 and (0.5, 0.5) leaves 0, both outside; (0.2, 0.5) leaves
        // 0.3. So each of the 3 free firms gives 2 vertices: the 6 permutations of (0.2, 0.3, 0.5).
        var v = ShareIntervals.Vertices([0.2, 0.2, 0.2], [0.5, 0.5, 0.5]).ToList();
        Assert.Equal(6, v.Count);
        Assert.All(v, x => Assert.Equal([0.2, 0.3, 0.5], x.Order().Select(s => Math.Round(s, 12))));
        Assert.Equal(6, v.Select(x => string.Join(",", x.Select(s => Math.Round(s, 12)))).Distinct().Count());
    }

    [Fact]
    public void Vertices_with_every_coordinate_at_an_end_are_reported_once()
    {
        // The simplex's corners (1, 0, 0), (0, 1, 0), (0, 0, 1) arise from every free coordinate.
        var v = ShareIntervals.Vertices([0.0, 0, 0], [1.0, 1, 1]).ToList();
        Assert.Equal(3, v.Count);
        Assert.All(v, x => Assert.Equal(1, x.Max()));
        // A fixed firm (low = high) has one value only.
        Assert.Equal([[0.5, 0.5]], ShareIntervals.Vertices([0.5, 0.4], [0.5, 0.6]).Select(x => x.Select(s => Math.Round(s, 12)).ToArray()));
    }

    [Fact]
    public void Vertices_refuse_more_than_twenty_firms()
    {
        var low = Enumerable.Repeat(0.0, 21).ToArray();
        var high = Enumerable.Repeat(1.0, 21).ToArray();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ShareIntervals.Vertices(low, high));
        Assert.Equal("low", ex.ParamName);
    }

    [Fact]
    public void Range_of_two_firms_of_40_to_60_percent_matches_hand_calculation()
    {
        // HHI: least at (0.5, 0.5): 0.25 + 0.25 = 0.5; most at a vertex (0.4, 0.6): 0.16 + 0.36 = 0.52.
        var hhi = ShareIntervals.Range([0.4, 0.4], [0.6, 0.6], s => ConcentrationIndices.Hhi(s), ShareShape.SchurConvex)!;
        Assert.Equal(0.5, hhi.Lower, Tolerance);
        Assert.Equal(0.52, hhi.Upper, Tolerance);
        // Gini, x ascending (0.4, 0.6): 2(1·0.4 + 2·0.6)/(2·1) − 3/2 = 1.6 − 1.5 = 0.1; 0 at (0.5, 0.5).
        var gini = ShareIntervals.Range([0.4, 0.4], [0.6, 0.6], ConcentrationIndices.Gini, ShareShape.SchurConvex)!;
        Assert.Equal(0, gini.Lower, Tolerance);
        Assert.Equal(0.1, gini.Upper, Tolerance);
        // Entropy is Schur-concave: most at (0.5, 0.5), 1 bit; least at (0.4, 0.6):
        // −0.4·log2 0.4 − 0.6·log2 0.6 = 0.4·1.321928 + 0.6·0.736966 = 0.528771 + 0.442179 = 0.970951.
        var entropy = ShareIntervals.Range([0.4, 0.4], [0.6, 0.6], s => ConcentrationIndices.Entropy(s), ShareShape.SchurConcave)!;
        Assert.Equal(0.970951, entropy.Lower, 6);
        Assert.Equal(1, entropy.Upper, Tolerance);
    }

    [Fact]
    public void Range_is_null_when_the_index_is_undefined_somewhere()
    {
        // The normalised HHI of a single firm is undefined; so is any index that yields NaN.
        Assert.Null(ShareIntervals.Range([1.0], [1.0], ConcentrationIndices.NormalizedHhi, ShareShape.SchurConvex));
        Assert.Null(ShareIntervals.Range([0.4, 0.4], [0.6, 0.6], _ => double.NaN, ShareShape.SchurConvex));
        Assert.Throws<ArgumentNullException>(() => ShareIntervals.Range([0.5], [1.0], null!, ShareShape.SchurConvex));
    }

    [Fact]
    public void Hhi_bounds_with_missing_ranks_match_hand_calculation()
    {
        // Certificate Transparency issuance: Let's Encrypt 46.1% (rank 1), DigiCert 8.3% (rank 4),
        // ranks 2 and 3 unnamed. Unnamed firms hold 1 − 0.461 − 0.083 = 0.456.
        // Lower: ranks 2 and 3 at least DigiCert's 0.083, the remaining 0.456 − 0.166 = 0.29 in dust:
        // 0.461² + 3·0.083² = 0.212521 + 3·0.006889 = 0.212521 + 0.020667 = 0.233188.
        // Upper: rank 2 as large as rank 1 (0.461) allows and what ranks 3 and 4 need leaves, 0.456 −
        // 0.083 = 0.373; rank 3 then 0.083 and nothing is left below DigiCert:
        // 0.212521 + 0.373² + 0.083² + 0.083² = 0.212521 + 0.139129 + 0.013778 = 0.365428.
        // It is the maximum: (0.461, 0.373, 0.083, 0.083) reaches the largest possible sum of the top
        // 1, 2, 3 and 4 firms (0.461, 0.834, 0.917, 1), so it majorizes every market the ranks allow.
        ShareBounds[] named = [Point(0.461, 1), Point(0.083, 4)];
        var unknownOther = ShareIntervals.HhiBounds(named, 0, 1);
        Assert.Equal(0.233188, unknownOther.Lower, Tolerance);
        Assert.Equal(0.365428, unknownOther.Upper, Tolerance);
        Assert.Equal(unknownOther, ShareIntervals.HhiBounds(named, 0.456, 0.456));
        // The same shares without ranks: the unnamed firms are only capped at 0.083, so the 2nd and
        // 3rd firms may be tiny: lower 0.212521 + 0.006889 = 0.21941.
        Assert.Equal(0.21941, ShareIntervals.HhiBounds([Point(0.461), Point(0.083)], 0, 1).Lower, Tolerance);
    }

    [Fact]
    public void Hhi_bounds_of_the_cma_cloud_ranges_match_hand_calculation()
    {
        // UK CMA cloud decision (2025), 2024 shares of UK customer spend: AWS 30–40%, Microsoft 30–40%;
        // Ofcom (2023): Google 5–10%; the rest unknown.
        // Lower: every firm at its low end, the remaining 35% in dust: 0.09 + 0.09 + 0.0025 = 0.1825.
        // Upper: 40% + 40% + 10% leave 10%, one firm no larger than Google's 10%:
        // 0.16 + 0.16 + 0.01 + 0.01 = 0.34. (0.4, 0.4, 0.1, 0.1) reaches the largest top-1…4 sums
        // (0.4, 0.8, 0.9, 1), so no consistent market has a higher HHI.
        ShareBounds[] named = [new(0.3, 0.4), new(0.3, 0.4), new(0.05, 0.1)];
        var b = ShareIntervals.HhiBounds(named, 0, 1);
        Assert.Equal(1825, b.LowerPoints, 9);
        Assert.Equal(3400, b.UpperPoints, 9);
    }

    [Fact]
    public void Hhi_bounds_honour_the_sum_when_ranges_cannot_all_sit_at_one_end()
    {
        // Two firms of 40–60% and nothing else: they sum to 1, so (0.6, 0.6) is impossible.
        // Lower (0.5, 0.5): 0.5; upper (0.6, 0.4): 0.36 + 0.16 = 0.52.
        var b = ShareIntervals.HhiBounds([new(0.4, 0.6), new(0.4, 0.6)], 0, 0);
        Assert.Equal(0.5, b.Lower, Tolerance);
        Assert.Equal(0.52, b.Upper, Tolerance);
    }

    [Fact]
    public void Hhi_bounds_of_rounded_synergy_2025q2_match_hand_calculation()
    {
        // Synergy Research Group, Q2 2025 (top three as released): AWS 30%, Microsoft 20%, Google 13%,
        // the rest 37%, all rounded to whole percents: AWS [0.295, 0.305], Microsoft [0.195, 0.205],
        // Google [0.125, 0.135], other [0.365, 0.375].
        // Lower: the lows sum to 0.615 but 'other' ≤ 0.375 needs the named firms to hold ≥ 0.625; water-
        // filling raises the smallest firm: Google to 0.135 (still below Microsoft's 0.195):
        // 0.295² + 0.195² + 0.135² = 0.087025 + 0.038025 + 0.018225 = 0.143275.
        // Upper: AWS and Microsoft at 0.305 and 0.205 leave 0.49 for Google and 'other'; 'other' ≥ 0.365
        // holds Google at its low 0.125, and 'other' = 0.365 packs into firms ≤ 0.125: 0.125, 0.125, 0.115:
        // 0.093025 + 0.042025 + 3·0.015625 + 0.013225 = 0.19515. Other vertices give less, e.g.
        // (0.305, 0.195, 0.135), other 0.365 = 0.135 + 0.135 + 0.095:
        // 0.093025 + 0.038025 + 3·0.018225 + 0.009025 = 0.19475.
        var named = ShareIntervals.Rounded([0.30, 0.20, 0.13], 0.01);
        var other = ShareIntervals.Rounded([0.37], 0.01)[0];
        var b = ShareIntervals.HhiBounds(named, other.Low, other.High);
        Assert.Equal(0.143275, b.Lower, 1e-12);
        Assert.Equal(0.19515, b.Upper, 1e-12);
    }

    [Fact]
    public void Upper_end_of_rounded_synergy_is_the_best_market_on_a_fine_grid()
    {
        // Brute force: every AWS, Microsoft, Google share on a 0.0005 grid within its box, 'other' the
        // rest if in [0.365, 0.375], packed into firms no larger than the smallest named share.
        var best = 0.0;
        for (var a = 0; a <= 20; a++)
        {
            for (var m = 0; m <= 20; m++)
            {
                for (var g = 0; g <= 20; g++)
                {
                    double aws = 0.295 + a * 0.0005, ms = 0.195 + m * 0.0005, google = 0.125 + g * 0.0005;
                    var other = 1 - aws - ms - google;
                    if (other < 0.365 - 1e-12 || other > 0.375 + 1e-12)
                    {
                        continue;
                    }

                    var cap = Math.Min(aws, Math.Min(ms, google));
                    var whole = Math.Floor(other / cap + 1e-9);
                    var rest = Math.Max(0, other - whole * cap);
                    best = Math.Max(best, aws * aws + ms * ms + google * google + whole * cap * cap + rest * rest);
                }
            }
        }

        var b = ShareIntervals.HhiBounds(ShareIntervals.Rounded([0.30, 0.20, 0.13], 0.01), 0.365, 0.375);
        Assert.Equal(best, b.Upper, 1e-12);
    }

    [Fact]
    public void Existing_hhi_bounds_examples_give_the_same_results()
    {
        // ConcentrationIndicesTests: Synergy Q1 2025 points 29/22/12, remainder 0.37 → [0.1469, 0.1902].
        var q1 = ShareIntervals.HhiBounds([Point(0.29), Point(0.22), Point(0.12)], 0, 1);
        Assert.Equal(1469, q1.LowerPoints, 6);
        Assert.Equal(1902, q1.UpperPoints, 6);
        // [0.48, 0.13], remainder 0.39 in three firms of 0.13 → [0.2473, 0.298].
        var b = ShareIntervals.HhiBounds([Point(0.48), Point(0.13)], 0.39, 0.39);
        Assert.Equal(0.2473, b.Lower, Tolerance);
        Assert.Equal(0.298, b.Upper, Tolerance);
        // [0.3, 0] with 0.7 unallocated: unnamed firms capped by the 30% firm → [0.09, 0.28].
        var zero = ShareIntervals.HhiBounds([Point(0.3), Point(0.0)], 0, 1);
        Assert.Equal(0.09, zero.Lower, Tolerance);
        Assert.Equal(0.28, zero.Upper, Tolerance);
        // 30–40%, 30–40%, 0–5%: the third may hold 0 and rank below the unnamed; 20% in one firm → 0.36.
        var reach = ShareIntervals.HhiBounds([new(0.3, 0.4), new(0.3, 0.4), new(0, 0.05)], 0, 1);
        Assert.Equal(0.18, reach.Lower, Tolerance);
        Assert.Equal(0.36, reach.Upper, Tolerance);
        // A monopoly is 1 at both ends.
        Assert.Equal(1, ShareIntervals.HhiBounds([Point(1.0)], 0, 1).Upper);
    }

    [Fact]
    public void Tiny_ranked_firm_with_a_bounded_other_row_gives_the_packed_maximum()
    {
        // A firm of 30–31% and one of 0.1–0.2%, 'other' 60–70%. Unnamed firms are no larger than the
        // tiny firm, so at most 0.2% each (R / 0.1% − R / 0.2% spans hundreds of piece counts).
        // Lower: 0.3² + 0.001² = 0.090001 ('other' 69.9% in dust).
        // Upper: 0.31 and 0.002 leave 0.688 = 344 firms of 0.002:
        // 0.0961 + 0.000004 + 344·0.000004 = 0.0961 + 0.000004 + 0.001376 = 0.09748.
        var b = ShareIntervals.HhiBounds([new(0.3, 0.31), new(0.001, 0.002)], 0.6, 0.7);
        Assert.Equal(0.090001, b.Lower, Tolerance);
        Assert.Equal(0.09748, b.Upper, Tolerance);
    }

    [Fact]
    public void More_ranged_firms_than_the_search_takes_give_the_largest_first_enclosure()
    {
        // 13 firms published at 5% (each 4.5–5.5%), 'other' 35% (34.5–35.5%). Enclosure: 13 firms at
        // 5.5% (0.715), the remainder of at most min(0.355, 1 − 13·0.045 = 0.415) = 0.355 in firms of
        // 5.5%, largest first until the market is full: 0.715 + 5·0.055 = 0.99, then 0.01.
        // 18·0.055² + 0.01² = 18·0.003025 + 0.0001 = 0.05455.
        var named = ShareIntervals.Rounded(Enumerable.Repeat(0.05, 13).ToArray(), 0.01);
        var b = ShareIntervals.HhiBounds(named, 0.345, 0.355);
        Assert.Equal(0.05455, b.Upper, Tolerance);
        // Lower: the lows sum to 0.585 and 'other' ≤ 0.355 needs ≥ 0.645: 13 equal firms of 0.645/13.
        Assert.Equal(13 * Math.Pow(0.645 / 13, 2), b.Lower, Tolerance);
    }

    [Fact]
    public void Data_that_fit_no_market_are_rejected()
    {
        // A 0% firm beside a 70% remainder sums to 0.7: the existing API took it, this one cannot place
        // the missing 30%.
        var ex = Assert.Throws<ArgumentException>(() => ShareIntervals.HhiBounds([Point(0.0)], 0.7, 0.7));
        Assert.Equal("named", ex.ParamName);
        // Ranks contradict the bounds: rank 1 at most 20%, rank 2 at least 30%.
        Assert.Throws<ArgumentException>(() => ShareIntervals.HhiBounds([new(0.1, 0.2, 1), new(0.3, 0.4, 2)], 0, 1));
    }

    [Fact]
    public void Ranks_must_be_given_for_every_named_firm_or_none_and_be_distinct()
    {
        Assert.Equal("named", Assert.Throws<ArgumentException>(() => ShareIntervals.HhiBounds([Point(0.4, 1), Point(0.2)], 0, 1)).ParamName);
        Assert.Equal("named", Assert.Throws<ArgumentException>(() => ShareIntervals.HhiBounds([Point(0.4, 1), Point(0.2, 1)], 0, 1)).ParamName);
        Assert.Throws<ArgumentNullException>(() => ShareIntervals.HhiBounds(null!, 0, 1));
        Assert.Throws<ArgumentException>(() => ShareIntervals.HhiBounds([], 0, 1));
        Assert.Equal("remainderHigh", Assert.Throws<ArgumentOutOfRangeException>(() => ShareIntervals.HhiBounds([Point(0.4)], 0.5, 0.4)).ParamName);
    }

    [Fact]
    public void Ranks_tighten_the_lower_end()
    {
        // Rank 1 in [0.2, 0.5], rank 2 in [0.3, 0.4]: rank 1 is at least rank 2, so at least 0.3:
        // lower 0.09 + 0.09 = 0.18 (without ranks 0.04 + 0.09 = 0.13).
        // Upper: 0.5, 0.4 and the last 0.1 in one firm: 0.25 + 0.16 + 0.01 = 0.42 either way.
        var ranked = ShareIntervals.HhiBounds([new(0.2, 0.5, 1), new(0.3, 0.4, 2)], 0, 1);
        Assert.Equal(0.18, ranked.Lower, Tolerance);
        Assert.Equal(0.42, ranked.Upper, Tolerance);
        Assert.Equal(0.13, ShareIntervals.HhiBounds([new(0.2, 0.5), new(0.3, 0.4)], 0, 1).Lower, Tolerance);
    }

    [Fact]
    public void Power_sum_bounds_with_missing_ranks_match_hand_calculation()
    {
        // α = 3 on the Certificate Transparency markets of the HHI test:
        // 0.461³ = 0.097972181, 0.083³ = 0.000571787, 0.373³ = 0.051895117.
        // Lower 0.097972181 + 3·0.000571787 = 0.099687542.
        // Upper 0.097972181 + 0.051895117 + 2·0.000571787 = 0.151010872.
        var b = ShareIntervals.PowerSumBounds([Point(0.461, 1), Point(0.083, 4)], 0, 1, 3);
        Assert.Equal(0.099687542, b.Lower, Tolerance);
        Assert.Equal(0.151010872, b.Upper, Tolerance);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Power_sum_bounds_need_an_exponent_above_one(double alpha)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ShareIntervals.PowerSumBounds([Point(0.5)], 0, 1, alpha));
        Assert.Equal("alpha", ex.ParamName);
    }

    [Fact]
    public void Concentration_ratio_bounds_match_hand_calculation()
    {
        // CMA ranges: lower with every firm low, dust below: CR3 = 0.3 + 0.3 + 0.05 = 0.65, CR4 the same.
        // Upper from (0.4, 0.4, 0.1, 0.1): CR3 = 0.9, CR4 = 1.
        ShareBounds[] cma = [new(0.3, 0.4), new(0.3, 0.4), new(0.05, 0.1)];
        Assert.Equal(new IndexInterval(0.65, 0.9), Rounded(ShareIntervals.ConcentrationRatioBounds(cma, 0, 1, 3)!));
        Assert.Equal(new IndexInterval(0.65, 1), Rounded(ShareIntervals.ConcentrationRatioBounds(cma, 0, 1, 4)!));
        // Missing ranks: CR2 from 0.461 + 0.083 = 0.544 (rank 2 as small as DigiCert) to 0.461 + 0.373 = 0.834.
        ShareBounds[] ct = [Point(0.461, 1), Point(0.083, 4)];
        Assert.Equal(new IndexInterval(0.544, 0.834), Rounded(ShareIntervals.ConcentrationRatioBounds(ct, 0, 1, 2)!));
        // CR4: 0.461 + 3·0.083 = 0.71 to 0.461 + 0.373 + 0.083 + 0.083 = 1.
        Assert.Equal(new IndexInterval(0.71, 1), Rounded(ShareIntervals.ConcentrationRatioBounds(ct, 0, 1, 4)!));
    }

    [Fact]
    public void Concentration_ratio_bounds_cover_an_unnamed_kth_firm_through_the_ranking_rule()
    {
        // Synergy Q1 2025, 29/22/12 and 37% unallocated: the 4th firm is unnamed, at most 12%:
        // CR4 from 0.63 (the 4th firm vanishingly small) to 0.63 + 0.12 = 0.75.
        var b = ShareIntervals.ConcentrationRatioBounds([Point(0.29), Point(0.22), Point(0.12)], 0.37, 0.37, 4)!;
        Assert.Equal(0.63, b.Lower, Tolerance);
        Assert.Equal(0.75, b.Upper, Tolerance);
    }

    [Fact]
    public void Concentration_ratio_bounds_are_null_when_only_the_remainder_bounds_an_unnamed_firm()
    {
        // The only named firm may hold 0, no ranks: an unnamed firm may be as large as the remainder.
        Assert.Null(ShareIntervals.ConcentrationRatioBounds([new(0, 0.05)], 0, 1, 1));
        // Without a remainder the named firms are the market: 0.5 + 0.5.
        Assert.Equal(1, ShareIntervals.ConcentrationRatioBounds([new(0, 0.5), new(0, 0.5)], 0, 0, 2)!.Lower, Tolerance);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShareIntervals.ConcentrationRatioBounds([Point(0.5)], 0, 1, 0));
    }

    [Fact]
    public void Rounded_shares_span_half_a_unit_each_way_within_zero_and_one()
    {
        // 30% → [29.5%, 30.5%]; 0% → [0, 0.5%]; 100% → [99.5%, 100%]; one decimal: 4.2% → [4.15%, 4.25%].
        var b = ShareIntervals.Rounded([0.30, 0.0, 1.0], 0.01);
        Assert.Equal(0.295, b[0].Low, Tolerance);
        Assert.Equal(0.305, b[0].High, Tolerance);
        Assert.Equal(0, b[1].Low);
        Assert.Equal(0.005, b[1].High, Tolerance);
        Assert.Equal(0.995, b[2].Low, Tolerance);
        Assert.Equal(1, b[2].High);
        Assert.Null(b[0].Rank);
        var d = ShareIntervals.Rounded([0.042], 0.001)[0];
        Assert.Equal(0.0415, d.Low, Tolerance);
        Assert.Equal(0.0425, d.High, Tolerance);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Rounded_rejects_a_unit_outside_zero_to_one(double unit)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ShareIntervals.Rounded([0.3], unit));
        Assert.Equal("unit", ex.ParamName);
    }

    private static IndexInterval Rounded(IndexInterval i) => new(Math.Round(i.Lower, 12), Math.Round(i.Upper, 12));

    [Fact]
    public void Hhi_bounds_of_synergy_2025q1_match_hand_calculation()
    {
        // Synergy Q1 2025: AWS 29%, Microsoft 22%, Google 12%, remainder 37%.
        // Lower: 0.0841 + 0.0484 + 0.0144 = 0.1469 (1,469 points).
        // Upper: the remainder in firms ≤ 12%: three of 12% (0.36) and one of 1%:
        // 0.1469 + 3·0.0144 + 0.0001 = 0.1902 (1,902 points).
        var bounds = ShareIntervals.HhiBounds(Points(0.29, 0.22, 0.12), 0.37, 0.37);
        Assert.Equal(1469, bounds.LowerPoints, 6);
        Assert.Equal(1902, bounds.UpperPoints, 6);
    }

    [Fact]
    public void Hhi_bounds_fill_whole_firms_despite_floating_point_division()
    {
        // 0.39 / 0.13 is 3 in exact arithmetic: three firms of 13% fill the remainder.
        // Lower 0.2304 + 0.0169 = 0.2473; upper 0.2473 + 3·0.0169 = 0.298.
        var bounds = ShareIntervals.HhiBounds(Points(0.48, 0.13), 0.39, 0.39);
        Assert.Equal(0.2473, bounds.Lower, 12);
        Assert.Equal(0.298, bounds.Upper, 12);
    }

    [Fact]
    public void Zero_named_share_does_not_cap_the_unnamed_firms()
    {
        // [0.3, 0] with 0.7 unallocated: unnamed firms are capped by the 30% firm, not by the 0% one:
        // two of 0.3 and one of 0.1: 0.09 + 2·0.09 + 0.01 = 0.28 (2,800 points).
        var b = ShareIntervals.HhiBounds(Points(0.3, 0.0), 0.7, 0.7);
        Assert.Equal(0.09, b.Lower, 12);
        Assert.Equal(0.28, b.Upper, 12);
        // Every named share 0: the ranking bounds nothing, the remainder may be one firm (a monopoly).
        Assert.Equal(1, ShareIntervals.HhiBounds(Points(0.0), 1, 1).Upper, 12);
    }

    [Fact]
    public void Range_that_may_reach_zero_does_not_cap_the_unnamed_firms()
    {
        // AWS 30–40%, Microsoft 30–40%, a third firm 0–5%, the remainder unknown. The third firm may hold
        // 0 and so may rank below unnamed firms: with AWS and Microsoft at 40%, the 20% left (its 5% and the
        // 15% unallocated) is packed into pieces no larger than 40%: 0.16 + 0.16 + 0.2² = 0.36.
        var b = ShareIntervals.HhiBounds([new(0.3, 0.4), new(0.3, 0.4), new(0.0, 0.05)], 0, 1);
        Assert.Equal(0.18, b.Lower, 12);
        Assert.Equal(0.36, b.Upper, 12);
        // A case inside those ranges, [0.4, 0.4, 0] with 20% in one unnamed firm, reaches it.
        Assert.Equal(0.36, ConcentrationIndices.Hhi([0.4, 0.4, 0.0, 0.2]), 12);
    }

    [Fact]
    public void Hhi_interval_contains_any_split_of_the_remainder_and_its_upper_end_is_reached()
    {
        // Named firms covering a random part of the market; the rest unallocated.
        var gen = Gen.Select(Gen.Double[0.01, 1].Array[1, 8], Gen.Double[0.05, 0.99], Gen.Int[1, 50]);
        gen.Sample((weights, covered, parts) =>
        {
            var named = weights.Select(w => w / weights.Sum() * covered).ToArray();
            var sum = named.Sum();
            var remainder = 1 - sum;
            var b = ShareIntervals.HhiBounds(Points(named), remainder, remainder);
            Assert.True(b.Lower <= b.Upper);
            // Any split into equal firms no larger than the smallest named lies inside.
            var cap = named.Min();
            var count = Math.Max(parts, (int)Math.Ceiling(remainder / cap));
            var split = ConcentrationIndices.Hhi([.. named, .. Enumerable.Repeat(remainder / count, count)]);
            Assert.InRange(split, b.Lower - 1e-12, b.Upper + 1e-12);
            // The upper end is reached: whole firms of the cap and one of the rest.
            var whole = (int)Math.Floor(remainder / cap + 1e-9);
            var rest = Math.Max(0, remainder - whole * cap);
            var packed = ConcentrationIndices.Hhi([.. named, .. Enumerable.Repeat(cap, whole), rest]);
            Assert.Equal(b.Upper, packed, 1e-12);
        }, iter: 1000);
    }

    private static ShareBounds[] Points(params double[] shares) => [.. shares.Select(s => new ShareBounds(s, s))];

}
