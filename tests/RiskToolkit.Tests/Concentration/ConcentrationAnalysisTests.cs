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
}
