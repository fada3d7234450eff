using System.Text.Json;
using CsCheck;
using RiskToolkit.Concentration;
using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class ConcentrationAnalysisTests
{
    private static MarketShare Share(string market, string period, string provider, double share) =>
        new(market, period, provider, share, null, null, null, null, "src", null);

    private static MarketShare Revenue(string provider, double usd) =>
        new("iaas", "2023", provider, null, usd, null, null, null, "src", null);

    private static MarketShare Count(string provider, long sites) =>
        new("cdn", "2020", provider, null, null, sites, null, null, "src", null);

    private static MarketShare Range(string provider, double low, double high) =>
        new("uk", "2024", provider, null, null, null, low, high, "src", null);

    // A markets.csv row declaring whole-percent rounding (Synergy's convention).
    private static Market WholePercents(string marketId) =>
        new(marketId, marketId, "cloud", "global", "revenue", "test market", 0.02) { ShareRounding = 0.01 };

    [Fact]
    public void Other_is_never_a_firm_and_hhi_is_the_interval_lower_end()
    {
        var rows = new[]
        {
            Share("cloud", "2025Q1", "aws", 0.29),
            Share("cloud", "2025Q1", "microsoft", 0.22),
            Share("cloud", "2025Q1", "google", 0.12),
            Share("cloud", "2025Q1", "other", 0.37),
        };
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows));
        Assert.Equal(3, r.N);
        Assert.Equal(0.37, r.Remainder, 12);
        Assert.Equal(r.HhiInterval.Lower, r.Hhi);
        Assert.Equal(1469, r.HhiPoints!.Value, 6);
        Assert.Equal(1902, r.HhiInterval.UpperPoints, 6);
        Assert.Equal(0.63, r.Cr3!.Value, 12);
        Assert.Null(r.Cr4);
        Assert.Contains("cr4", r.Reasons.Keys);
        Assert.Equal(ConcentrationBands.Regimes.Select(g => g.Id), r.Bands.Select(b => b.Regime));
        var band = r.Bands.Single(b => b.Regime == ConcentrationBands.Us2023);
        Assert.Equal((ConcentrationBands.Moderate, ConcentrationBands.High), (band.Lower, band.Upper));
    }

    [Fact]
    public void Revenue_shares_are_derived_over_all_rows_including_other()
    {
        // Gartner IaaS 2023 (USD millions): 54,648 + 32,197 + 11,454 + 11,119 + 5,980 + 24,601 = 139,999.
        var rows = new[]
        {
            Revenue("aws", 54_648e6), Revenue("microsoft", 32_197e6), Revenue("google", 11_454e6),
            Revenue("alibaba", 11_119e6), Revenue("huawei", 5_980e6), Revenue("other", 24_601e6),
        };
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows));
        // AWS 54,648 / 139,999 = 0.390346 (Gartner publishes 39.0%).
        Assert.Equal(0.390346, r.Cr1!.Value, 6);
        Assert.Equal(24_601.0 / 139_999, r.Remainder, 12);
        Assert.Equal(5, r.N);
    }

    [Fact]
    public void Complete_market_gets_normalised_indices_and_incomplete_one_gets_reasons()
    {
        // Worked example (0.2, 0.25, 0.4, 0.1, 0.05), hand-computed from the concstats formulas, sums to 1: normalised HHI 0.09375, normalised entropy 0.87920.
        var full = ConcentrationAnalysis.Analyze(
            new[] { ("a", 0.2), ("b", 0.25), ("c", 0.4), ("d", 0.1), ("e", 0.05) }.Select(p => Share("m", "2020", p.Item1, p.Item2)));
        var r = Assert.Single(full);
        Assert.Equal(0, r.Remainder);
        Assert.Equal(0.09375, r.NormalizedHhi!.Value, 12);
        Assert.Equal(0.87920, r.NormalizedEntropy!.Value, 5);
        Assert.Equal(r.HhiInterval.Lower, r.HhiInterval.Upper);
        Assert.Empty(r.Reasons);

        // With 37% unallocated the number of firms is unknown: (H − 1/n)/(1 − 1/n) would be −0.28, not a measure.
        var partial = Assert.Single(ConcentrationAnalysis.Analyze(
        [
            Share("m", "2025Q1", "aws", 0.29), Share("m", "2025Q1", "microsoft", 0.22),
            Share("m", "2025Q1", "google", 0.12), Share("m", "2025Q1", "other", 0.37),
        ]));
        Assert.Null(partial.NormalizedHhi);
        Assert.Null(partial.NormalizedEntropy);
        Assert.Contains("unallocated", partial.Reasons["normalizedHhi"]);
    }

    [Fact]
    public void Count_shares_are_exact_and_leave_no_remainder_without_other()
    {
        // 50, 30, 20 sites: shares 0.5, 0.3, 0.2; HHI 0.25 + 0.09 + 0.04 = 0.38;
        // normalised (0.38 − 1/3)/(1 − 1/3) = 0.07; Gini (ascending 0.2, 0.3, 0.5): 2·(0.2 + 0.6 + 1.5)/3 − 4/3 = 0.2.
        var r = Assert.Single(ConcentrationAnalysis.Analyze([Count("a", 50), Count("b", 30), Count("c", 20)]));
        Assert.Equal(0, r.Remainder);
        Assert.Equal(0.38, r.Hhi!.Value, 12);
        Assert.Equal(0.07, r.NormalizedHhi!.Value, 12);
        Assert.Equal(0.2, r.Gini!.Value, 12);
        Assert.Equal(1, r.Cr4!.Value, 12);
    }

    [Fact]
    public void Binary_rounding_of_a_complete_market_is_not_a_remainder()
    {
        // 0.7 + 0.2 + 0.1 is 0.9999999999999999 in binary floating point; ten equal counts give ten 0.1s.
        var shares = Assert.Single(ConcentrationAnalysis.Analyze([Share("m", "2020", "a", 0.7), Share("m", "2020", "b", 0.2), Share("m", "2020", "c", 0.1)]));
        Assert.Equal(0, shares.Remainder);
        Assert.NotNull(shares.NormalizedHhi);
        var counts = Assert.Single(ConcentrationAnalysis.Analyze(Enumerable.Range(0, 10).Select(i => Count($"p{i}", 7))));
        Assert.Equal(0, counts.Remainder);
        Assert.Equal(0, counts.NormalizedHhi!.Value, 12);
        Assert.Equal(1, counts.NormalizedEntropy!.Value, 12);
    }

    [Fact]
    public void Gap_beyond_the_other_row_is_still_unallocated()
    {
        // 30% + 20% named, 'other' 10%: 40% more is unallocated, so the remainder is 50%.
        // Upper end: 0.09 + 0.04 + two firms of 0.2 (0.08) + one of 0.1 (0.01) = 0.22 (2,200 points).
        var r = Assert.Single(ConcentrationAnalysis.Analyze([Share("m", "2020", "a", 0.3), Share("m", "2020", "b", 0.2), Share("m", "2020", "other", 0.1)]));
        Assert.Equal(0.5, r.Remainder, 12);
        Assert.Equal(2200, r.HhiInterval.UpperPoints, 6);
    }

    [Fact]
    public void Published_ranges_give_an_interval_and_no_point_indices()
    {
        // CMA-style ranges: AWS 30–40%, Microsoft 30–40%, Google 5–10%.
        // Lower: 0.09 + 0.09 + 0.0025 = 0.1825. Upper: 0.16 + 0.16 + 0.01 = 0.33, and the 10% left at the
        // high ends fits one firm of 10% (no larger than Google's 10%): + 0.01 = 0.34.
        var r = Assert.Single(ConcentrationAnalysis.Analyze([Range("aws", 0.3, 0.4), Range("microsoft", 0.3, 0.4), Range("google", 0.05, 0.1)]));
        Assert.Equal(1825, r.HhiInterval.LowerPoints, 6);
        Assert.Equal(3400, r.HhiInterval.UpperPoints, 6);
        Assert.Null(r.Hhi);
        Assert.Null(r.Cr3);
        Assert.Contains("range", r.Reasons["hhi"]);
        var band = r.Bands.Single(b => b.Regime == ConcentrationBands.Us2023);
        Assert.Equal((ConcentrationBands.High, ConcentrationBands.High), (band.Lower, band.Upper));
        Assert.Equal(0.35, r.Remainder, 12); // 1 − (0.3 + 0.3 + 0.05) at the low ends
    }

    [Fact]
    public void Range_beside_a_point_widens_the_interval_around_the_point()
    {
        var rows = new[]
        {
            new MarketShare("m", "2024", "a", 0.35, null, null, 0.3, 0.4, "src", null),
            Share("m", "2024", "b", 0.65),
        };
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows));
        Assert.InRange(r.Hhi!.Value, r.HhiInterval.Lower, r.HhiInterval.Upper);
        // Lower: 0.3² + 0.65² = 0.5125, with the 5% left over infinitely fragmented. Upper: a cannot pass
        // 1 − 0.65 = 0.35, so 0.35² + 0.65² = 0.1225 + 0.4225 = 0.545 (not 0.4² + 0.65², a market of 105%).
        Assert.Equal(0.5125, r.HhiInterval.Lower, 12);
        Assert.Equal(0.545, r.HhiInterval.Upper, 12);
    }

    [Fact]
    public void Rounded_shares_that_sum_past_one_are_divided_by_their_sum_and_noted()
    {
        // 100% + 2% (whole-percent rounding within a 0.02 tolerance): shares 1/1.02 and 0.02/1.02;
        // HHI = (1 + 0.0004)/1.0404 = 0.961553 (9,615.5 points), never above 1.
        var r = Assert.Single(ConcentrationAnalysis.Analyze([Share("m", "2020", "a", 1.0), Share("m", "2020", "b", 0.02)]));
        Assert.Equal(1.0004 / 1.0404, r.Hhi!.Value, 12);
        Assert.InRange(r.HhiInterval.Upper, r.HhiInterval.Lower, 1);
        Assert.Equal(1, r.Cr2!.Value, 12);
        Assert.Contains(r.Notes, n => n.Contains("sum to 1.02", StringComparison.Ordinal));

        // With an 'other' row: 1.00 + 0.01 + 0.01 = 1.02.
        var o = Assert.Single(ConcentrationAnalysis.Analyze([Share("m", "2020", "a", 1.0), Share("m", "2020", "b", 0.01), Share("m", "2020", "other", 0.01)]));
        Assert.InRange(o.Hhi!.Value, o.HhiInterval.Lower, o.HhiInterval.Upper);
        Assert.True(o.HhiInterval.Upper <= 1);
    }

    [Fact]
    public void Revenue_beyond_the_double_range_of_its_sum_still_gives_shares()
    {
        // Two revenues of 1e308 sum past double.MaxValue; each is still half of the market.
        var rows = new[] { Revenue("a", 1e308), Revenue("b", 1e308) };
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows));
        Assert.Equal(0.5, r.Hhi!.Value, 12);
        Assert.Contains(r.Notes, n => n.Contains("whole market", StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_share_named_firms_do_not_make_concentration_ratios_exact()
    {
        // AWS 30%, three named firms at 0%, 70% unallocated: the second-largest firm may be unnamed.
        var r = Assert.Single(ConcentrationAnalysis.Analyze(
        [
            Share("m", "2020", "a", 0.3), Share("m", "2020", "b", 0), Share("m", "2020", "c", 0),
            Share("m", "2020", "d", 0), Share("m", "2020", "other", 0.7),
        ]));
        Assert.Equal(0.3, r.Cr1!.Value, 12);
        Assert.Null(r.Cr2);
        Assert.Equal(2800, r.HhiInterval.UpperPoints, 6);
    }

    [Fact]
    public void Band_at_exactly_1800_points_is_moderate_despite_binary_rounding()
    {
        // 40² + 10² + 10² = 1,800 points exactly, computed as 1800.0000000000005: the guidelines say "greater than 1,800".
        var r = Assert.Single(ConcentrationAnalysis.Analyze(
            [Share("m", "2020", "a", 0.4), Share("m", "2020", "b", 0.1), Share("m", "2020", "c", 0.1), Share("m", "2020", "other", 0.4)]));
        Assert.Equal(ConcentrationBands.Moderate, r.Bands[0].Lower);
        // Ten equal firms: 1,000 points, computed as 1000.0000000000003. US 2023 (DOJ HHI page): "between 1,000
        // and 1,800 points" is moderately concentrated; US 2010 §5.3: "below 1500" is unconcentrated.
        var ten = Assert.Single(ConcentrationAnalysis.Analyze(Enumerable.Range(0, 10).Select(i => Share("m", "2020", $"p{i}", 0.1))));
        Assert.Equal(ConcentrationBands.Moderate, ten.Bands[0].Lower);
        Assert.Equal(ConcentrationBands.Unconcentrated, ten.Bands.Single(b => b.Regime == ConcentrationBands.Us2010).Lower);
    }

    [Fact]
    public void Any_table_that_validation_accepts_gives_an_ordered_interval_around_the_hhi()
    {
        // Points (zeros included), ranges and an optional 'other' row, summing to at most 1.02 as a
        // whole-percent tolerance allows.
        var firm = Gen.Select(Gen.Int[0, 30], Gen.Int[0, 15], Gen.Bool).Select(t => (Low: t.Item1 / 100.0, High: (t.Item1 + (t.Item3 ? t.Item2 : 0)) / 100.0));
        var gen = Gen.Select(firm.Array[1, 6], Gen.Int[0, 40], Gen.Bool);
        gen.Sample((firms, other, withOther) =>
        {
            var rows = firms.Select((f, i) => f.Low == f.High
                ? Share("m", "2020", $"p{i}", f.Low)
                : new MarketShare("m", "2020", $"p{i}", null, null, null, f.Low, f.High, "src", null)).ToList();
            if (withOther)
            {
                rows.Add(Share("m", "2020", "other", other / 100.0));
            }

            if (rows.Sum(r => r.Share ?? r.ShareLow!.Value) > 1.02)
            {
                return;
            }

            var r = Assert.Single(ConcentrationAnalysis.Analyze(rows));
            Assert.InRange(r.HhiInterval.Lower, 0, r.HhiInterval.Upper);
            Assert.InRange(r.HhiInterval.Upper, r.HhiInterval.Lower, 1);
            if (r.Hhi is { } h)
            {
                Assert.InRange(h, r.HhiInterval.Lower - 1e-12, r.HhiInterval.Upper + 1e-12);
            }

            foreach (var cr in new[] { r.Cr1, r.Cr2, r.Cr3, r.Cr4 })
            {
                Assert.True(cr is null || cr is >= 0 and <= 1 + 1e-12);
            }
        }, iter: 1000);
    }

    [Fact]
    public void Results_are_filtered_and_ordered_by_market_then_period()
    {
        var rows = new[]
        {
            Share("b", "2024Q1", "x", 1), Share("a", "2025Q1", "x", 1), Share("a", "2024Q4", "x", 1),
        };
        var all = ConcentrationAnalysis.Analyze(rows);
        Assert.Equal(["a/2024Q4", "a/2025Q1", "b/2024Q1"], all.Select(r => $"{r.MarketId}/{r.Period}"));
        Assert.Single(ConcentrationAnalysis.Analyze(rows, marketId: "a", period: "2025Q1"));
        Assert.Empty(ConcentrationAnalysis.Analyze(rows, marketId: "c"));
    }

    [Fact]
    public void Group_with_only_the_remainder_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConcentrationAnalysis.Analyze([Share("m", "2020", "other", 1)]));
        Assert.Contains("no named firm", ex.Message);
    }

    [Fact]
    public void Data_frame_has_one_row_per_result_and_nulls_for_undefined_indices()
    {
        var results = ConcentrationAnalysis.Analyze([Share("m", "2020", "x", 0.6), Share("m", "2020", "other", 0.4)]);
        var df = results.ToDataFrame();
        Assert.Equal(1, df.Rows.Count);
        Assert.Null(df["normalizedHhi"][0]);
        Assert.Equal(0.36, (double)df["hhi"][0]!, 12);
        Assert.Equal(ConcentrationAnalysis.Columns, df.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Whole_market_gives_every_published_value_and_point_intervals()
    {
        // METHODS.md worked example (0.2, 0.25, 0.4, 0.1, 0.05), hand-computed from the concstats formulas;
        // five-decimal figures are checked to half a unit of their last digit.
        var r = Assert.Single(ConcentrationAnalysis.Analyze(
            new[] { ("a", 0.2), ("b", 0.25), ("c", 0.4), ("d", 0.1), ("e", 0.05) }.Select(p => Share("m", "2020", p.Item1, p.Item2))));
        Assert.True(r.WholeMarket);
        Assert.Equal(5, r.N);
        // HHI 0.04 + 0.0625 + 0.16 + 0.01 + 0.0025 = 0.275; Simpson 1 − 0.275 = 0.725.
        Assert.Equal(0.275, r.Hhi!.Value, 1e-12);
        Assert.Equal(2750, r.HhiPoints!.Value, 1e-9);
        Assert.Equal(0.725, r.Simpson!.Value, 1e-12);
        // Normalised (0.275 − 0.2)/(1 − 0.2) = 0.09375; HHI minimum 1/5 = 0.2.
        Assert.Equal(0.09375, r.NormalizedHhi!.Value, 1e-12);
        Assert.Equal(0.2, r.HhiMin!.Value, 1e-12);
        // Dual 1 − 1/(5 · 0.275) = 0.27273; equivalent firms 1/0.275 = 3.6364.
        Assert.Equal(0.27273, r.DualHhi!.Value, 5e-6);
        Assert.Equal(3.6364, r.EquivalentFirms!.Value, 5e-5);
        // Dominance Σ sᵢ⁴ / H² = 0.0312125 / 0.075625 = 0.41273.
        Assert.Equal(0.41273, r.Dominance!.Value, 5e-6);
        // Stenbacka ½[1 − (0.4² − 0.25²)] = ½ · 0.9025 = 0.45125 as a share (45.125 in concstats' percent).
        Assert.Equal(0.45125, r.Stenbacka!.Value, 1e-12);
        // GRS Σ sᵢ (25·0.4 + 0.3 sᵢ²)/(25 + 0.3·5·0.4·sᵢ) = 0.39844.
        Assert.Equal(0.39844, r.Grs!.Value, 5e-6);
        // Entropy −Σ sᵢ log₂ sᵢ = 2.04145 bits, normalised ÷ log₂ 5 = 0.87920.
        Assert.Equal(2.04145, r.Entropy!.Value, 5e-6);
        Assert.Equal(0.87920, r.NormalizedEntropy!.Value, 5e-6);
        // Gini, ascending (0.05, 0.1, 0.2, 0.25, 0.4): 2 · 3.85 / 5 − 6/5 = 0.34; normalised × 5/4 = 0.425.
        Assert.Equal(0.34, r.Gini!.Value, 1e-12);
        Assert.Equal(0.425, r.NormalizedGini!.Value, 1e-12);
        // CR1 0.4, CR2 0.65, CR3 0.85, CR4 0.95.
        Assert.Equal(0.4, r.Cr1!.Value, 1e-12);
        Assert.Equal(0.4, r.BergerParker!.Value, 1e-12);
        Assert.Equal(0.65, r.Cr2!.Value, 1e-12);
        Assert.Equal(0.85, r.Cr3!.Value, 1e-12);
        Assert.Equal(0.95, r.Cr4!.Value, 1e-12);
        // Hall–Tideman 1/(2 · (0.4 + 0.5 + 0.6 + 0.4 + 0.25) − 1) = 1/3.3 = 0.30303.
        Assert.Equal(0.30303, r.Rosenbluth!.Value, 5e-6);

        // Lorenz: (0, 0) and one point per firm.
        Assert.Equal(6, r.Lorenz!.Count);
        Assert.Equal(new LorenzPoint(0, 0), r.Lorenz[0]);
        Assert.Equal(1, r.Lorenz[^1].CumulativeShare, 1e-12);

        // Exact shares over the whole market: every index is defined and its interval is the point.
        var table = r.IndexTable();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var name = (string)table["index"][i];
            var value = (double?)table["value"][i];
            Assert.True(value is not null, name);
            Assert.Equal(new IndexInterval(value.Value, value.Value), r.Intervals[name]);
        }

        Assert.Equal(r.Intervals.Count, table.Rows.Count);
    }

    [Fact]
    public void Rounding_from_markets_csv_bounds_the_hhi_of_a_market_with_other()
    {
        // A market published like Synergy's Q2 2025 top three (AWS 30%, Microsoft 20%, Google 13%) with a published
        // 'other' of 37% (hypothetical: Synergy publishes none), each rounded to whole percents.
        // Lower end: the low ends 0.295 + 0.195 + 0.125 = 0.615, but 'other' is at most 0.375, so the named
        // firms hold at least 0.625; the missing 0.01 goes to the smallest firm, Google 0.125 → 0.135 (its high end),
        // and the 37.5% remainder is fragmented: 0.295² + 0.195² + 0.135² = 0.087025 + 0.038025 + 0.018225 = 0.143275.
        // Upper end: 'other' is at least 0.365, so the named firms hold at most 0.635. AWS 0.305 and Microsoft
        // 0.205 leave Google at most 0.125, its low end; the remainder 0.365 packs into firms no larger than
        // Google: two of 0.125 and one of 0.115:
        // 0.305² + 0.205² + 3 · 0.125² + 0.115² = 0.093025 + 0.042025 + 0.046875 + 0.013225 = 0.19515.
        // (Google at 0.135 instead forces AWS + Microsoft ≤ 0.5: 0.305² + 0.195² + 3 · 0.135² + 0.095² = 0.19475, less.)
        var rows = new[] { ("aws", 0.30), ("microsoft", 0.20), ("google", 0.13), ("other", 0.37) }
            .Select(p => Share("synergy", "2025Q2", p.Item1, p.Item2));
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows, markets: [WholePercents("synergy")]));
        Assert.Equal(0.01, r.ShareRounding);
        Assert.False(r.WholeMarket);
        Assert.Equal(0.143275, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.19515, r.HhiInterval.Upper, 1e-12);
        Assert.Equal(new IndexInterval(r.HhiInterval.Lower, r.HhiInterval.Upper), r.Intervals["hhi"]);
        // The published points: 0.09 + 0.04 + 0.0169 = 0.1469.
        Assert.Equal(0.1469, r.Hhi!.Value, 1e-12);
        Assert.Contains(r.Notes, n => n.Contains("rounded to 0.01", StringComparison.Ordinal));

        // Without markets.csv the same shares are exact: the interval's lower end is the point HHI.
        var exact = Assert.Single(ConcentrationAnalysis.Analyze(rows));
        Assert.Null(exact.ShareRounding);
        Assert.Equal(0.1469, exact.HhiInterval.Lower, 1e-12);
    }

    [Fact]
    public void Rounded_whole_market_gets_range_intervals_and_none_for_non_monotone_indices()
    {
        // 50/30/20 rounded to whole percents, no 'other': the true shares lie in [0.495, 0.505], [0.295, 0.305],
        // [0.195, 0.205] and sum to 1 (the low ends leave 0.015 to place).
        // HHI lower end: as equal as possible, 0.015 going first to the smallest (0.195 → 0.205), then 0.005 to
        // the middle one (0.295 → 0.3): 0.495² + 0.3² + 0.205² = 0.245025 + 0.09 + 0.042025 = 0.37705.
        // Upper end: 0.01 to the largest (0.505), then 0.005 to the middle one: 0.255025 + 0.09 + 0.038025 = 0.38305.
        // Gini, with the order fixed, is linear: 2 Σ i·x₍ᵢ₎/3 − 4/3 over ascending shares:
        // lower (0.205, 0.3, 0.495): 2 · 2.29/3 − 4/3 = 0.58/3; upper (0.195, 0.3, 0.505): 2 · 2.31/3 − 4/3 = 0.62/3.
        var rows = new[] { ("a", 0.5), ("b", 0.3), ("c", 0.2) }.Select(p => Share("m", "2020", p.Item1, p.Item2));
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows, markets: [WholePercents("m")]));
        Assert.True(r.WholeMarket);
        Assert.Equal(0, r.Remainder);
        Assert.Equal(0.37705, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.38305, r.HhiInterval.Upper, 1e-12);
        Assert.Equal(0.58 / 3, r.Intervals["gini"].Lower, 1e-12);
        Assert.Equal(0.62 / 3, r.Intervals["gini"].Upper, 1e-12);
        // The published points (0.25 + 0.09 + 0.04 = 0.38; Gini 0.2) lie inside.
        Assert.Equal(0.38, r.Hhi!.Value, 1e-12);
        foreach (var index in new[] { "gini", "theil", "entropy", "hhi", "normalizedGini", "atkinson" })
        {
            var point = index switch
            {
                "gini" => r.Gini,
                "theil" => r.Theil,
                "entropy" => r.Entropy,
                "hhi" => r.Hhi,
                "normalizedGini" => r.NormalizedGini,
                _ => r.Atkinson,
            };
            var interval = r.Intervals[index];
            Assert.True(interval.Lower < interval.Upper, index);
            Assert.True(interval.Contains(point!.Value, 1e-12), $"{index} {point} not in [{interval.Lower}, {interval.Upper}]");
        }

        // Dominance and GRS are not monotone under transfers: no interval, and a reason.
        foreach (var index in new[] { "dominance", "grs" })
        {
            Assert.False(r.Intervals.ContainsKey(index), index);
            Assert.Contains("not monotone", r.Reasons[index + "Interval"]);
        }

        // Stenbacka needs only the two largest shares: s₁ ∈ [0.495, 0.505], s₂ ∈ [0.295, 0.305], so
        // s₁² − s₂² lies in [0.495² − 0.305², 0.505² − 0.295²] = [0.152, 0.168] and ½(1 − ·) in [0.416, 0.424].
        Assert.Equal(0.416, r.Intervals["stenbacka"].Lower, 1e-12);
        Assert.Equal(0.424, r.Intervals["stenbacka"].Upper, 1e-12);
        Assert.True(r.Intervals["stenbacka"].Contains(r.Stenbacka!.Value, 1e-12));
    }

    [Fact]
    public void Rounded_shares_without_other_leave_the_remainder_open_down_to_their_low_ends()
    {
        // 30/20/13 rounded to whole percents and no 'other' row: the named firms hold 61.5–64.5%, so the
        // remainder is anything from 35.5% to 38.5% (README: 0–1 when no row bounds it).
        // Lower end, every firm at its low end and 38.5% fragmented: 0.295² + 0.195² + 0.125² = 0.087025 + 0.038025
        // + 0.015625 = 0.140675. Upper end, every firm at its high end, the 35.5% left packed into firms no larger
        // than Google's 0.135: two of 0.135 and one of 0.085:
        // 0.305² + 0.205² + 3 · 0.135² + 0.085² = 0.093025 + 0.042025 + 0.054675 + 0.007225 = 0.19695.
        var rows = new[] { ("aws", 0.30), ("microsoft", 0.20), ("google", 0.13) }.Select(p => Share("m", "2025Q2", p.Item1, p.Item2));
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows, markets: [WholePercents("m")]));
        Assert.False(r.WholeMarket);
        Assert.Equal(0.140675, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.19695, r.HhiInterval.Upper, 1e-12);
        // The points 0.09 + 0.04 + 0.0169 = 0.1469 lie inside.
        Assert.Equal(0.1469, r.Hhi!.Value, 1e-12);
    }

    [Fact]
    public void Rounded_shares_past_one_are_lowered_within_their_rounding()
    {
        // 60/30/11 rounded to whole percents sum to 1.01. Dividing by 1.01 would put the largest firm at 0.594,
        // below 0.595, the least its rounding allows. Instead each share is lowered by 0.01/3 = 1/300:
        // HHI Σ (sᵢ − t)² = Σ sᵢ² − 2t Σ sᵢ + 3t² = 0.4621 − 2 · 1.01/300 + 3/90,000 = 0.4554.
        // The rounding intervals [0.595, 0.605], [0.295, 0.305], [0.105, 0.115] summing to 1 bound the HHI: least with
        // the 0.005 above the low ends on the smallest firm, 0.595² + 0.295² + 0.11² = 0.354025 + 0.087025 + 0.0121
        // = 0.45315; greatest with it on the largest, 0.6² + 0.295² + 0.105² = 0.36 + 0.087025 + 0.011025 = 0.45805.
        var rows = new[] { ("a", 0.60), ("b", 0.30), ("c", 0.11) }.Select(p => Share("m", "2020", p.Item1, p.Item2));
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows, markets: [WholePercents("m")]));
        Assert.True(r.WholeMarket);
        Assert.Equal(0.4554, r.Hhi!.Value, 1e-12);
        Assert.Equal(0.6 - (1 / 300.0), r.Shares[0].Share!.Value, 1e-12);
        Assert.Equal(0.45315, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.45805, r.HhiInterval.Upper, 1e-12);
        Assert.Contains(r.Notes, n => n.Contains("sum to 1.01", StringComparison.Ordinal) && n.Contains("lowered", StringComparison.Ordinal));
    }

    [Fact]
    public void One_named_firm_beside_an_empty_other_row_has_no_stenbacka_threshold()
    {
        // A firm of 100% and 'other' at 0%: CR1 = CR2 = 1 and HHI 1² = 1, but there is no second firm for
        // ½[1 − (s₁² − s₂²)].
        var r = Assert.Single(ConcentrationAnalysis.Analyze([Share("m", "2020", "a", 1.0), Share("m", "2020", "other", 0)]));
        Assert.Equal(1, r.Hhi!.Value, 1e-12);
        Assert.Equal(1, r.Cr2!.Value, 1e-12);
        Assert.Null(r.Stenbacka);
        Assert.Contains("one firm", r.Reasons["stenbacka"]);
    }

    [Fact]
    public void Range_with_equal_ends_is_exact_in_a_rounded_market()
    {
        // Published as 40–40% and 60–60%: the whole market, HHI 0.16 + 0.36 = 0.52 exactly.
        var r = Assert.Single(ConcentrationAnalysis.Analyze([Range("a", 0.4, 0.4), Range("b", 0.6, 0.6)], markets: [WholePercents("uk")]));
        Assert.True(r.WholeMarket);
        Assert.Equal(0.52, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.52, r.HhiInterval.Upper, 1e-12);
    }

    [Fact]
    public void Dual_hhi_has_no_interval_when_a_firm_may_hold_zero()
    {
        // 78/22/0 rounded to whole percents: the third firm holds 0–0.5%. The dual HHI 1 − 1/(n·H) counts firms
        // with a positive share, so it jumps from n = 2 to n = 3 there. At the points n = 2, H = 0.6084 + 0.0484
        // = 0.6568: 1 − 1/1.3136 = 0.238733.
        var rows = new[] { ("a", 0.78), ("b", 0.22), ("c", 0.0) }.Select(p => Share("m", "2020", p.Item1, p.Item2));
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows, markets: [WholePercents("m")]));
        Assert.Equal(1 - (1 / 1.3136), r.DualHhi!.Value, 1e-12);
        Assert.False(r.Intervals.ContainsKey("dualHhi"));
        Assert.Contains("may hold 0", r.Reasons["dualHhiInterval"]);
        Assert.True(r.Intervals["hhi"].Contains(r.Hhi!.Value, 1e-12));
    }

    [Fact]
    public void Unnamed_ranks_leave_the_hhi_open_and_bound_it_by_their_neighbours()
    {
        // Certificate issuance: Let's Encrypt 1st at 46.1%, DigiCert 4th at 8.3%; ranks 2 and 3 are unnamed
        // firms of 8.3–46.1% each.
        var rows = new[]
        {
            Share("ct", "2025", "lets-encrypt", 0.461) with { Rank = 1 },
            Share("ct", "2025", "digicert", 0.083) with { Rank = 4 },
        };
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows));
        Assert.False(r.WholeMarket);
        Assert.Null(r.Hhi);
        Assert.Contains("2, 3", r.Reasons["hhi"]);
        // Lower end: ranks 2 and 3 as small as DigiCert, the other 0.29 fragmented:
        // 0.461² + 3 · 0.083² = 0.212521 + 0.020667 = 0.233188.
        // Upper end: 1 − 0.461 − 0.083 = 0.456 for ranks 2 and 3, rank 3 at least 0.083, so rank 2 = 0.373:
        // 0.461² + 0.373² + 2 · 0.083² = 0.212521 + 0.139129 + 0.013778 = 0.365428.
        Assert.Equal(0.233188, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.365428, r.HhiInterval.Upper, 1e-12);
        // CR1 is Let's Encrypt; CR2 needs the unnamed second firm.
        Assert.Equal(0.461, r.Cr1!.Value, 1e-12);
        Assert.Null(r.Cr2);
        Assert.Contains("rank 2", r.Reasons["cr2"]);
    }

    [Fact]
    public void Ranks_the_ranges_force_are_completed_and_noted()
    {
        // CMA 2024: AWS 30–40%, Microsoft 30–40%, Google 5–10% and third. Both unranked firms hold at least 30%,
        // above Google's 10%, so they are 1st and 2nd. Lower end 0.3² + 0.3² + 0.05² = 0.1825; upper end
        // 0.4² + 0.4² + 0.1² = 0.33 plus the 10% left over as one firm no larger than Google: + 0.01 = 0.34.
        var r = Assert.Single(ConcentrationAnalysis.Analyze(
            [Range("aws", 0.3, 0.4), Range("microsoft", 0.3, 0.4), Range("google", 0.05, 0.1) with { Rank = 3 }]));
        Assert.Equal([("aws", 1), ("microsoft", 2), ("google", 3)], r.Shares.Select(s => (s.ProviderId, s.Rank!.Value)));
        Assert.Contains(r.Notes, n => n.Contains("aws (1), microsoft (2)", StringComparison.Ordinal) && n.Contains("follow from their shares", StringComparison.Ordinal));
        Assert.Equal(0.1825, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.34, r.HhiInterval.Upper, 1e-12);
    }

    [Fact]
    public void Ranks_the_shares_do_not_force_are_dropped_with_a_note()
    {
        // a is 1st at 30–40%; b at 25–35% overlaps a's range, and an unnamed firm of 25% could rank between
        // them, so the shares do not fix b's rank and no rank is used. Without ranks: lower 0.3² + 0.25² = 0.1525 with the rest fragmented; upper end with
        // a at 0.4, b at 0.35 and 0.25 left over packed into firms no larger than b: 0.16 + 0.1225 + 0.0625 = 0.345.
        var r = Assert.Single(ConcentrationAnalysis.Analyze([Range("a", 0.3, 0.4) with { Rank = 1 }, Range("b", 0.25, 0.35)]));
        Assert.All(r.Shares, s => Assert.Null(s.Rank));
        Assert.Contains(r.Notes, n => n.Contains("no rank is used", StringComparison.Ordinal));
        Assert.Equal(0.1525, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.345, r.HhiInterval.Upper, 1e-12);
    }

    [Fact]
    public void Every_interval_holds_its_point_and_row_order_does_not_matter()
    {
        // Firms: whole percents apportioned from weights to a total of 30–102%, some widened into ranges; an
        // optional 'other' row of about what is left (±3 points); optional whole-percent rounding; a seed
        // shuffles the rows. Tables whose points sum past 1.02, the tolerance of a whole-percent market, are skipped.
        var firm = Gen.Select(Gen.Int[0, 100], Gen.Int[1, 15], Gen.Int[0, 3]);
        var gen = Gen.Select(firm.Array[1, 7], Gen.Int[30, 102], Gen.Int[-3, 3], Gen.Bool, Gen.Bool, Gen.Int);
        var tested = 0;
        gen.Sample((firms, total, otherDelta, withOther, rounded, seed) =>
        {
            var weights = firms.Sum(f => f.Item1);
            var percents = firms.Select(f => weights == 0 ? 0 : Math.Min(100, f.Item1 * total / weights)).ToArray();
            // One firm in four is published as a range from its percent upwards.
            var rows = firms.Select((f, i) => f.Item3 == 0
                ? new MarketShare("m", "2020", $"p{i}", null, null, null, percents[i] / 100.0, Math.Min(100, percents[i] + f.Item2) / 100.0, "src", null)
                : Share("m", "2020", $"p{i}", percents[i] / 100.0)).ToList();
            if (withOther)
            {
                rows.Add(Share("m", "2020", "other", Math.Max(0, 100 - percents.Sum() + otherDelta) / 100.0));
            }

            if (rows.Sum(r => r.Share ?? r.ShareLow!.Value) > 1.02 + 1e-9)
            {
                return;
            }

            IReadOnlyList<Market> markets = rounded ? [WholePercents("m")] : [];
            // With rounding, the shares must be able to sum to 1 at the low ends (points less half a percent).
            var lowest = rows.Sum(r => r.ShareLow ?? (rounded ? Math.Max(0, r.Share!.Value - 0.005) : 0));
            if (rounded && lowest > 1 + 1e-9)
            {
                Assert.Throws<ArgumentException>(() => ConcentrationAnalysis.Analyze(rows, markets: markets));
                return;
            }

            Interlocked.Increment(ref tested);
            var r = Assert.Single(ConcentrationAnalysis.Analyze(rows, markets: markets));
            foreach (var (index, interval) in r.Intervals)
            {
                Assert.True(interval.Lower <= interval.Upper, index);
                var property = typeof(MarketConcentration).GetProperty(char.ToUpperInvariant(index[0]) + index[1..]);
                Assert.True(property is not null, $"interval '{index}' names no index");
                if (property.GetValue(r) is double point)
                {
                    Assert.True(interval.Contains(point, 1e-9), $"{index} {point} not in [{interval.Lower}, {interval.Upper}]");
                }
            }

            var shuffled = rows.ToArray();
            new Random(seed).Shuffle(shuffled);
            var again = Assert.Single(ConcentrationAnalysis.Analyze(shuffled, markets: markets));
            AssertSameJson(JsonSerializer.SerializeToElement(r, JsonOptions), JsonSerializer.SerializeToElement(again, JsonOptions), "$");
        }, iter: 2000);
        Assert.True(tested >= 1000, $"only {tested} valid tables");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    // Equal up to binary noise: the sum of rows depends on their order in the last bit.
    private static void AssertSameJson(JsonElement a, JsonElement b, string path)
    {
        Assert.True(a.ValueKind == b.ValueKind, $"{path}: {a.ValueKind} vs {b.ValueKind}");
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(a.EnumerateObject().Select(p => p.Name), b.EnumerateObject().Select(p => p.Name));
                foreach (var p in a.EnumerateObject())
                {
                    AssertSameJson(p.Value, b.GetProperty(p.Name), $"{path}.{p.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.True(a.GetArrayLength() == b.GetArrayLength(), path);
                for (var i = 0; i < a.GetArrayLength(); i++)
                {
                    AssertSameJson(a[i], b[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(Math.Abs(a.GetDouble() - b.GetDouble()) <= 1e-12 * Math.Max(1, Math.Abs(a.GetDouble())), $"{path}: {a} vs {b}");
                break;
            default:
                Assert.True(a.GetRawText() == b.GetRawText(), $"{path}: {a} vs {b}");
                break;
        }
    }

    [Fact]
    public void Rounded_shares_short_of_one_leave_room_for_an_unnamed_firm()
    {
        // 50/30/19 rounded to whole percents sum to 99%: the true shares may sum to 99.5–100%, or leave up to
        // 1 − (0.495 + 0.295 + 0.185) = 2.5% to a fourth firm no larger than the smallest (≤ 19.5%), so the market
        // is not known to be whole. Lower end: 0.495² + 0.295² + 0.185² = 0.245025 + 0.087025 + 0.034225 = 0.366275.
        var rows = new[] { ("a", 0.5), ("b", 0.3), ("c", 0.19) }.Select(p => Share("m", "2020", p.Item1, p.Item2));
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows, markets: [WholePercents("m")]));
        Assert.False(r.WholeMarket);
        Assert.Null(r.Gini);
        Assert.Null(r.Lorenz);
        Assert.Equal(0.366275, r.HhiInterval.Lower, 1e-12);
    }

    [Fact]
    public void Entropy_with_a_remainder_is_null_because_the_remainder_may_split_without_bound()
    {
        // 60% named, 40% unallocated: split into k equal firms the remainder adds 0.4·log2(k/0.4) bits, without bound.
        var r = Assert.Single(ConcentrationAnalysis.Analyze([Share("m", "2020", "a", 0.6), Share("m", "2020", "other", 0.4)]));
        Assert.Null(r.Entropy);
        Assert.Contains("no upper bound", r.Reasons["entropy"]);
        Assert.Null(r.Lorenz);
        Assert.Contains("not all known", r.Reasons["lorenz"]);
        Assert.False(r.Intervals.ContainsKey("entropy"));
    }

    [Fact]
    public void A_firm_below_every_ranked_firm_gets_no_invented_rank_and_joins_the_remainder()
    {
        // Cloudflare 1st at 19%, Route 53 2nd at 10%, and an unranked firm at 0.35–0.45% "outside the top two":
        // unnamed firms may sit between it and Route 53, so it gets no rank; the ranks of the others stay, and for
        // the intervals its share joins the remainder, whose firms may be as large as Route 53.
        // Remainder 1 − 0.19 − 0.10 − [0.0035, 0.0045] = [0.7055, 0.7065]; with the unranked firm it is 0.71.
        // Upper end: seven firms of 10% and one of 1%: 0.0361 + 0.01 + 7 · 0.01 + 0.0001 = 0.1162.
        // Lower end: 0.0361 + 0.01 = 0.0461 (the 71% infinitely fragmented).
        var rows = new[]
        {
            Share("dns", "2017", "cloudflare", 0.19) with { Rank = 1 },
            Share("dns", "2017", "route-53", 0.10) with { Rank = 2 },
            new MarketShare("dns", "2017", "google", 0.004, null, null, 0.0035, 0.0045, "src", null),
        };
        var r = Assert.Single(ConcentrationAnalysis.Analyze(rows));
        Assert.Equal([1, 2, null], r.Shares.Select(s => s.Rank));
        Assert.Contains(r.Notes, n => n.Contains("joins the remainder", StringComparison.Ordinal));
        Assert.Equal(0.0461, r.HhiInterval.Lower, 1e-12);
        Assert.Equal(0.1162, r.HhiInterval.Upper, 1e-12);
        Assert.InRange(r.Hhi!.Value, r.HhiInterval.Lower, r.HhiInterval.Upper);
    }
}
