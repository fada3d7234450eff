using RiskToolkit.Concentration;
using Xunit;

namespace RiskToolkit.Tests.Concentration;

public class ConcentrationBandsTests
{
    private const string Us2023 = ConcentrationBands.Us2023;
    private const string Us2010 = ConcentrationBands.Us2010;
    private const string Us1992 = ConcentrationBands.Us1992;
    private const string Eu2004 = ConcentrationBands.Eu2004;
    private const string Unc = ConcentrationBands.Unconcentrated;
    private const string Mod = ConcentrationBands.Moderate;
    private const string High = ConcentrationBands.High;

    private static double Points(params double[] shares) => ConcentrationIndices.Hhi(shares) * ConcentrationIndices.PointsPerUnit;

    private static IndexInterval At(double points) => new(points, points);

    [Theory]
    // Merger Guidelines 2023 §2.1: "greater than 1,800" is highly concentrated, so 1,800 itself is not;
    // the DOJ HHI page: "between 1,000 and 1,800 points" is moderately concentrated, 1,000 included.
    [InlineData(1800.0, Mod)]
    [InlineData(1800.5, High)]
    [InlineData(1801.0, High)]
    [InlineData(1000.0, Mod)]
    [InlineData(999.5, Unc)]
    [InlineData(0.0, Unc)]
    [InlineData(2600.0, High)]
    public void Us2023_band_follows_the_guideline_thresholds(double points, string band)
    {
        Assert.Equal(band, ConcentrationBands.Us2023Band(points));
        Assert.Equal(band, ConcentrationBands.Band(Us2023, points));
    }

    [Theory]
    // 2010 §5.3: "below 1500" unconcentrated, "between 1500 and 2500" moderately, "above 2500" highly.
    [InlineData(Us2010, 1499.0, Unc)]
    [InlineData(Us2010, 1500.0, Mod)]
    [InlineData(Us2010, 1800.0, Mod)]
    [InlineData(Us2010, 2000.0, Mod)]
    [InlineData(Us2010, 2500.0, Mod)]
    [InlineData(Us2010, 2500.5, High)]
    // 1992 §1.51: "Below 1000", "Between 1000 and 1800", "Above 1800".
    [InlineData(Us1992, 999.0, Unc)]
    [InlineData(Us1992, 1000.0, Mod)]
    [InlineData(Us1992, 1500.0, Mod)]
    [InlineData(Us1992, 1800.0, Mod)]
    [InlineData(Us1992, 1801.0, High)]
    [InlineData(Us1992, 2500.0, High)]
    // EU 2004 ¶19–20: "below 1 000", "between 1 000 and 2 000", "above 2 000".
    [InlineData(Eu2004, 999.0, ConcentrationBands.EuBelow1000)]
    [InlineData(Eu2004, 1000.0, ConcentrationBands.EuBetween1000And2000)]
    [InlineData(Eu2004, 1500.0, ConcentrationBands.EuBetween1000And2000)]
    [InlineData(Eu2004, 1800.0, ConcentrationBands.EuBetween1000And2000)]
    [InlineData(Eu2004, 2000.0, ConcentrationBands.EuBetween1000And2000)]
    [InlineData(Eu2004, 2001.0, ConcentrationBands.EuAbove2000)]
    [InlineData(Eu2004, 2500.0, ConcentrationBands.EuAbove2000)]
    public void Each_regime_bands_at_and_around_its_boundaries(string regime, double points, string band) =>
        Assert.Equal(band, ConcentrationBands.Band(regime, points));

    [Fact]
    public void Doj_worked_example_of_2600_points_is_highly_concentrated_everywhere()
    {
        // US DOJ HHI page: shares 30, 30, 20, 20 give 900 + 900 + 400 + 400 = 2,600.
        var points = Points(0.3, 0.3, 0.2, 0.2);
        Assert.Equal(2600, points, 9);
        Assert.Equal(High, ConcentrationBands.Band(Us2023, points));
        Assert.Equal(High, ConcentrationBands.Band(Us2010, points)); // 2,600 > 2,500
        Assert.Equal(High, ConcentrationBands.Band(Us1992, points));
        Assert.Equal(ConcentrationBands.EuAbove2000, ConcentrationBands.Band(Eu2004, points));
    }

    [Fact]
    public void Binary_noise_never_moves_an_hhi_across_a_boundary()
    {
        // Ten shares of 0.1: 10 · 100 = 1,000 points, computed as 1000.0000000000003.
        var ten = Points(Enumerable.Repeat(0.1, 10).ToArray());
        Assert.True(ten > 1000);
        Assert.Equal(Unc, ConcentrationBands.Band(Us2010, ten));
        Assert.Equal(Mod, ConcentrationBands.Band(Us1992, ten));
        // 40² + 10² + 10² = 1,800, computed as 1800.0000000000005: not "greater than 1,800".
        var eighteen = Points(0.4, 0.1, 0.1);
        Assert.True(eighteen > 1800);
        Assert.Equal(Mod, ConcentrationBands.Band(Us2023, eighteen));
        Assert.Equal(Mod, ConcentrationBands.Band(Us1992, eighteen));
        // Five shares of 0.2: 5 · 400 = 2,000, computed as 2000.0000000000005: still "between 1 000 and 2 000".
        var twenty = Points(0.2, 0.2, 0.2, 0.2, 0.2);
        Assert.True(twenty > 2000);
        Assert.Equal(ConcentrationBands.EuBetween1000And2000, ConcentrationBands.Band(Eu2004, twenty));
        // 6² + 8² + 30² = 36 + 64 + 900 = 1,000, computed as 999.9999999999999: not "below 1000".
        var below = Points(0.06, 0.08, 0.3);
        Assert.True(below < 1000);
        Assert.Equal(Mod, ConcentrationBands.Band(Us1992, below));
        Assert.Equal(ConcentrationBands.EuBetween1000And2000, ConcentrationBands.Band(Eu2004, below));
        // 1² + 11² + 19² + 21² + 24² = 1 + 121 + 361 + 441 + 576 = 1,500, computed as 1499.9999999999998.
        var fifteen = Points(0.01, 0.11, 0.19, 0.21, 0.24);
        Assert.True(fifteen < 1500);
        Assert.Equal(Mod, ConcentrationBands.Band(Us2010, fifteen));
    }

    [Fact]
    public void Interval_gets_a_band_at_each_end()
    {
        var a = ConcentrationBands.AssessUs2023(new HhiInterval(0.1469, 0.1902));
        Assert.Equal(Mod, a.Lower);
        Assert.Equal(High, a.Upper);
        Assert.Equal("moderately concentrated to highly concentrated", a.Verdict);
        Assert.Contains("2023", a.Citation);
    }

    [Fact]
    public void Assess_all_gives_every_regime_in_order_for_an_interval_spanning_bands()
    {
        // 1,469 to 1,902 points.
        var all = ConcentrationBands.AssessAll(new HhiInterval(0.1469, 0.1902));
        Assert.Equal([Us2023, Us2010, Us1992, Eu2004], all.Select(a => a.Regime));
        Assert.Equal(ConcentrationBands.Regimes.Select(r => r.Id), all.Select(a => a.Regime));
        Assert.Equal((Mod, High), (all[0].Lower, all[0].Upper));
        Assert.Equal((Unc, Mod), (all[1].Lower, all[1].Upper)); // 1,469 < 1,500 ≤ 1,902 ≤ 2,500
        Assert.Equal((Mod, High), (all[2].Lower, all[2].Upper));
        Assert.Equal(ConcentrationBands.EuBetween1000And2000, all[3].Verdict); // both ends within 1,000–2,000
        Assert.Equal(all[1], ConcentrationBands.Assess(Us2010, new HhiInterval(0.1469, 0.1902)));
    }

    [Fact]
    public void Every_regime_has_a_name_a_citation_and_the_market_definition_caveat()
    {
        Assert.Equal([Us2023, Us2010, Us1992, Eu2004], ConcentrationBands.Regimes.Select(r => r.Id));
        Assert.All(ConcentrationBands.Regimes, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Name));
            Assert.Contains("analyst firm", r.Caveat);
            Assert.Contains("relevant", r.Caveat);
        });
        Assert.Contains("OJ C 31, 5.2.2004", ConcentrationBands.Regimes[3].Citation);
        Assert.Contains("§1.51", ConcentrationBands.Regimes[2].Citation);
        Assert.Contains("§5.3", ConcentrationBands.Regimes[1].Citation);
        Assert.Equal(ConcentrationBands.Us2023Citation, ConcentrationBands.Regimes[0].Citation);
    }

    [Fact]
    public void Nan_points_are_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationBands.Us2023Band(double.NaN));
        Assert.Equal("hhiPoints", ex.ParamName);
    }

    [Fact]
    public void Unknown_regime_is_rejected_with_its_parameter_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConcentrationBands.Band("us1982", 1000));
        Assert.Equal("regimeId", ex.ParamName);
        Assert.Contains("us2023", ex.Message);
        Assert.Equal("regimeId", Assert.Throws<ArgumentException>(() => ConcentrationBands.Assess("uk", new HhiInterval(0.1, 0.2))).ParamName);
        Assert.Equal("regimeId", Assert.Throws<ArgumentException>(() => ConcentrationBands.AssessMerger("uk", At(2000), At(200), null)).ParamName);
    }

    [Theory]
    // Guideline 1: HHI "greater than 1,800" and an increase "of more than 100 points".
    [InlineData(1801.0, 101.0, true)]
    [InlineData(1800.0, 101.0, false)]
    [InlineData(1801.0, 100.0, false)]
    [InlineData(5000.0, 100.0, false)]
    [InlineData(2600.0, 800.0, true)]
    public void Us2023_presumes_harm_above_1800_with_an_increase_above_100(double post, double delta, bool presumed)
    {
        var m = ConcentrationBands.AssessMerger(Us2023, At(post), At(delta), At(0.2));
        Assert.Equal(m.Lower, m.Upper);
        Assert.Equal(presumed, m.Verdict.StartsWith("presumed to substantially lessen competition or tend to create a monopoly", StringComparison.Ordinal));
        if (!presumed)
        {
            Assert.StartsWith("no structural presumption", m.Verdict);
        }
    }

    [Theory]
    // Guideline 1: a merged share "over thirty percent" with an increase of more than 100 points.
    [InlineData(0.31, 101.0, true)]
    [InlineData(0.30, 101.0, false)]
    [InlineData(0.31, 100.0, false)]
    [InlineData(0.5, 150.0, true)]
    public void Us2023_presumes_harm_for_a_merged_share_over_30_percent(double share, double delta, bool presumed)
    {
        // Post-merger HHI of 1,500: below 1,800, so only the share test can presume harm.
        var m = ConcentrationBands.AssessMerger(Us2023, At(1500), At(delta), new IndexInterval(share, share));
        Assert.Equal(presumed, m.Verdict.Contains("merged share > 30%", StringComparison.Ordinal));
    }

    [Fact]
    public void Us2023_says_when_the_share_test_was_not_evaluated()
    {
        var m = ConcentrationBands.AssessMerger(Us2023, At(1500), At(150), null);
        Assert.Contains("30% share test was not evaluated", m.Verdict);
        // With ΔHHI ≤ 100 neither test can presume harm, so the missing share does not matter.
        Assert.Equal(ConcentrationBands.AssessMerger(Us2023, At(1500), At(100), At(0.9)).Verdict, ConcentrationBands.AssessMerger(Us2023, At(1500), At(100), null).Verdict);
    }

    [Theory]
    // §5.3: an increase of less than 100 points, or an unconcentrated result, is unlikely to harm.
    [InlineData(2600.0, 99.0, "unlikely to have adverse competitive effects and ordinarily require no further analysis (§5.3, ΔHHI < 100)")]
    [InlineData(1499.0, 150.0, "unlikely to have adverse competitive effects and ordinarily require no further analysis (§5.3, unconcentrated)")]
    // Moderately concentrated (1,500–2,500) with an increase of more than 100 points.
    [InlineData(1500.0, 150.0, "potentially raise significant competitive concerns and often warrant scrutiny (§5.3)")]
    [InlineData(2000.0, 101.0, "potentially raise significant competitive concerns and often warrant scrutiny (§5.3)")]
    [InlineData(2500.0, 250.0, "potentially raise significant competitive concerns and often warrant scrutiny (§5.3)")]
    // Highly concentrated: between 100 and 200 points scrutiny (both ends included); more than 200 presumed.
    [InlineData(2600.0, 100.0, "potentially raise significant competitive concerns and often warrant scrutiny (§5.3)")]
    [InlineData(2600.0, 200.0, "potentially raise significant competitive concerns and often warrant scrutiny (§5.3)")]
    [InlineData(2600.0, 201.0, "presumed to be likely to enhance market power (§5.3, highly concentrated, ΔHHI > 200)")]
    [InlineData(2501.0, 250.0, "presumed to be likely to enhance market power (§5.3, highly concentrated, ΔHHI > 200)")]
    public void Us2010_follows_section_5_3(double post, double delta, string verdict) =>
        Assert.Equal(verdict, ConcentrationBands.AssessMerger(Us2010, At(post), At(delta), null).Verdict);

    [Fact]
    public void Us2010_leaves_an_increase_of_exactly_100_in_a_moderate_market_unclassified()
    {
        // §5.3 speaks of "less than 100 points" and "more than 100 points" only.
        var m = ConcentrationBands.AssessMerger(Us2010, At(2000), At(100), null);
        Assert.StartsWith("not classified", m.Verdict);
    }

    [Theory]
    // §1.51(a): below 1000.
    [InlineData(999.0, 500.0, "unlikely to have adverse competitive effects and ordinarily require no further analysis (§1.51(a))")]
    // §1.51(b): between 1000 and 1800 (both included), 100-point threshold.
    [InlineData(1000.0, 99.0, "unlikely to have adverse competitive consequences and ordinarily require no further analysis (§1.51(b))")]
    [InlineData(1000.0, 101.0, "potentially raise significant competitive concerns (§1.51(b))")]
    [InlineData(1800.0, 150.0, "potentially raise significant competitive concerns (§1.51(b))")]
    // §1.51(c): above 1800, thresholds 50 and 100.
    [InlineData(1801.0, 49.0, "unlikely to have adverse competitive consequences and ordinarily require no further analysis (§1.51(c))")]
    [InlineData(1801.0, 51.0, "potentially raise significant competitive concerns (§1.51(c))")]
    [InlineData(1801.0, 100.0, "potentially raise significant competitive concerns (§1.51(c))")]
    [InlineData(1801.0, 101.0, "presumed likely to create or enhance market power or facilitate its exercise (§1.51(c), ΔHHI > 100)")]
    public void Us1992_follows_section_1_51(double post, double delta, string verdict) =>
        Assert.Equal(verdict, ConcentrationBands.AssessMerger(Us1992, At(post), At(delta), null).Verdict);

    [Theory]
    [InlineData(1500.0, 100.0, "§1.51(b)")]
    [InlineData(2500.0, 50.0, "§1.51(c)")]
    public void Us1992_leaves_increases_exactly_on_a_threshold_unclassified(double post, double delta, string section)
    {
        var verdict = ConcentrationBands.AssessMerger(Us1992, At(post), At(delta), null).Verdict;
        Assert.StartsWith("not classified", verdict);
        Assert.Contains(section, verdict);
    }

    [Theory]
    // ¶19: below 1 000, whatever the delta.
    [InlineData(999.0, 300.0, true)]
    // ¶20: between 1 000 and 2 000 (both included) with a delta below 250.
    [InlineData(1000.0, 249.0, true)]
    [InlineData(1000.0, 250.0, false)]
    [InlineData(2000.0, 249.0, true)]
    [InlineData(2000.0, 250.0, false)]
    // ¶20: above 2 000 with a delta below 150.
    [InlineData(2001.0, 149.0, true)]
    [InlineData(2001.0, 150.0, false)]
    [InlineData(2001.0, 200.0, false)]
    public void Eu2004_indicates_no_concerns_inside_paragraphs_19_and_20(double post, double delta, bool unlikely)
    {
        var verdict = ConcentrationBands.AssessMerger(Eu2004, At(post), At(delta), At(0.6)).Verdict;
        if (unlikely)
        {
            Assert.StartsWith("the Commission is unlikely to identify horizontal competition concerns", verdict);
        }
        else
        {
            // ¶21: outside the indicators there is no presumption of concerns either.
            Assert.Equal("outside the ¶19–20 indicators: no presumption of concerns either way (¶21)", verdict);
        }
    }

    [Fact]
    public void Merger_of_the_two_20_percent_firms_in_the_doj_example_under_every_regime()
    {
        // 30/30/20/20 (2,600 points): merging the two 20% firms gives 30/30/40, 900 + 900 + 1,600 = 3,400
        // points; ΔHHI = 2 · 20 · 20 = 800 points; merged share 40%.
        var delta = ShareScenarios.MergerDeltaHhi(0.2, 0.2) * ConcentrationIndices.PointsPerUnit;
        Assert.Equal(800, delta, 9);
        var post = Points(0.3, 0.3, 0.4);
        Assert.Equal(Points(0.3, 0.3, 0.2, 0.2) + delta, post, 9);
        IndexInterval P(double v) => new(v, v);
        Assert.StartsWith("presumed to substantially lessen competition", ConcentrationBands.AssessMerger(Us2023, P(post), P(delta), P(0.4)).Verdict);
        Assert.StartsWith("presumed to be likely to enhance market power", ConcentrationBands.AssessMerger(Us2010, P(post), P(delta), null).Verdict);
        Assert.StartsWith("presumed likely to create or enhance market power", ConcentrationBands.AssessMerger(Us1992, P(post), P(delta), null).Verdict);
        Assert.StartsWith("outside the ¶19–20 indicators", ConcentrationBands.AssessMerger(Eu2004, P(post), P(delta), null).Verdict);
    }

    [Fact]
    public void Merger_intervals_are_judged_at_the_favourable_and_unfavourable_ends()
    {
        // Post-merger HHI 2,400–2,600 and ΔHHI 150–250 under 2010: (2,400, 150) is moderately concentrated
        // with more than 100 (scrutiny); (2,600, 250) is highly concentrated with more than 200 (presumed).
        var m = ConcentrationBands.AssessMerger(Us2010, new IndexInterval(2400, 2600), new IndexInterval(150, 250), null);
        Assert.Equal("potentially raise significant competitive concerns and often warrant scrutiny (§5.3)", m.Lower);
        Assert.Equal("presumed to be likely to enhance market power (§5.3, highly concentrated, ΔHHI > 200)", m.Upper);
        Assert.Equal($"{m.Lower} to {m.Upper}", m.Verdict);
        Assert.Equal(Us2010, m.Regime);
        Assert.Contains("§5.3", m.Citation);
        // The merged share's interval too: 25–35% with ΔHHI 150 and HHI 1,500 under 2023.
        var s = ConcentrationBands.AssessMerger(Us2023, At(1500), At(150), new IndexInterval(0.25, 0.35));
        Assert.StartsWith("no structural presumption", s.Lower);
        Assert.Contains("merged share > 30%", s.Upper);
    }

    [Fact]
    public void Binary_noise_in_the_delta_never_crosses_a_threshold()
    {
        // 2 · 0.1 · 0.05 = 0.01, i.e. 100 points, computed as 100.00000000000001: not "more than 100".
        var hundred = ShareScenarios.MergerDeltaHhi(0.1, 0.05) * ConcentrationIndices.PointsPerUnit;
        Assert.True(hundred > 100);
        Assert.StartsWith("no structural presumption", ConcentrationBands.AssessMerger(Us2023, At(2000), At(hundred), At(0.15)).Verdict);
        Assert.StartsWith("not classified", ConcentrationBands.AssessMerger(Us2010, At(2000), At(hundred), null).Verdict);
        // 2 · 0.05 · 0.05 = 0.005, i.e. 50 points, computed as 50.00000000000001: exactly 50 in 1992 §1.51(c).
        var fifty = ShareScenarios.MergerDeltaHhi(0.05, 0.05) * ConcentrationIndices.PointsPerUnit;
        Assert.True(fifty > 50);
        Assert.StartsWith("not classified", ConcentrationBands.AssessMerger(Us1992, At(2000), At(fifty), null).Verdict);
        // 2 · 0.1 · 0.1 = 0.02, i.e. 200 points, computed as 200.00000000000003: not "more than 200 points".
        var twoHundred = ShareScenarios.MergerDeltaHhi(0.1, 0.1) * ConcentrationIndices.PointsPerUnit;
        Assert.True(twoHundred > 200);
        Assert.Equal("potentially raise significant competitive concerns and often warrant scrutiny (§5.3)", ConcentrationBands.AssessMerger(Us2010, At(2600), At(twoHundred), null).Verdict);
        // 0.3 + 0.0000000000000001 stays a share of 30%, not "over thirty percent".
        Assert.StartsWith("no structural presumption", ConcentrationBands.AssessMerger(Us2023, At(1500), At(150), At(0.1 + 0.2)).Verdict);
    }

    [Fact]
    public void Merger_inputs_out_of_range_are_rejected_with_their_parameter_names()
    {
        Assert.Equal("postHhi", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationBands.AssessMerger(Us2023, new IndexInterval(-1, 100), At(100), null)).ParamName);
        Assert.Equal("deltaHhi", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationBands.AssessMerger(Us2023, At(100), new IndexInterval(0, 20_000), null)).ParamName);
        Assert.Equal("mergedShare", Assert.Throws<ArgumentOutOfRangeException>(() => ConcentrationBands.AssessMerger(Us2023, At(100), At(100), new IndexInterval(0.2, 1.5))).ParamName);
        Assert.Equal("postHhi", Assert.Throws<ArgumentNullException>(() => ConcentrationBands.AssessMerger(Us2023, null!, At(100), null)).ParamName);
    }
}
