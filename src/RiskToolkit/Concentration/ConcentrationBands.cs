using System.Collections.Immutable;

namespace RiskToolkit.Concentration;

/// <summary>A regulator's verdict for an HHI at both ends of its interval.</summary>
/// <param name="Regime">Short id of the regime, e.g. <c>us2023</c> (see <see cref="ConcentrationBands.Regimes"/>).</param>
/// <param name="Citation">The text and section the thresholds come from.</param>
/// <param name="Lower">Band of the interval's lower end (e.g. <c>moderately concentrated</c>).</param>
/// <param name="Upper">Band of the interval's upper end; equal to <paramref name="Lower"/> when the HHI is known exactly.</param>
public sealed record BandAssessment(string Regime, string Citation, string Lower, string Upper)
{
    /// <summary>The verdict in words: the band, or "lower to upper" when the interval spans two bands.</summary>
    public string Verdict => Lower == Upper ? Lower : $"{Lower} to {Upper}";
}

/// <summary>A set of merger guidelines whose concentration thresholds the toolkit applies.</summary>
/// <param name="Id">Short id: <c>us2023</c>, <c>us2010</c>, <c>us1992</c> or <c>eu2004</c>.</param>
/// <param name="Name">The guidelines' name and year.</param>
/// <param name="Citation">Issuer, title, date and section of the thresholds.</param>
/// <param name="Caveat">Which market definitions the thresholds are meant for.</param>
public sealed record Regime(string Id, string Name, string Citation, string Caveat);

/// <summary>
/// A regime's verdict on a merger from its post-merger HHI, its ΔHHI and (US 2023) the merged firm's
/// share, at the favourable and the unfavourable end of their intervals.
/// </summary>
/// <param name="Regime">Short id of the regime, e.g. <c>us2010</c>.</param>
/// <param name="Citation">The text and section the thresholds come from.</param>
/// <param name="Lower">Verdict at the favourable end: every input at its lower end.</param>
/// <param name="Upper">Verdict at the unfavourable end: every input at its upper end; equal to <paramref name="Lower"/> when both ends give the same verdict.</param>
public sealed record MergerAssessment(string Regime, string Citation, string Lower, string Upper)
{
    /// <summary>The verdict in words: one verdict, or "lower to upper" when the ends differ.</summary>
    public string Verdict => Lower == Upper ? Lower : $"{Lower} to {Upper}";
}

/// <summary>
/// Concentration bands and structural merger presumptions of four sets of merger guidelines, on HHI
/// points (0–10,000).
/// </summary>
/// <remarks>
/// <para>
/// Regimes, in the order of <see cref="Regimes"/> (boundaries as the texts word them):
/// </para>
/// <list type="table">
/// <listheader><term>id</term><description>bands (points) and merger thresholds</description></listheader>
/// <item><term><c>us2023</c></term><description>US Merger Guidelines 2023, Guideline 1 §2.1: "Markets with an HHI greater than 1,800 are highly concentrated, and a change of more than 100 points is a significant increase"; a merger that creates or further consolidates a highly concentrated market with an increase of more than 100 points, or creates a firm with a share over 30% with such an increase, is "presumed to substantially lessen competition or tend to create a monopoly". The Guidelines name no lower band: the DOJ Antitrust Division's HHI page puts markets "between 1,000 and 1,800 points" in the moderately concentrated band and those "in excess of 1,800 points" in the highly concentrated one, so 1,000 itself is moderately concentrated, as in 1992. No safe harbour.</description></item>
/// <item><term><c>us2010</c></term><description>US Horizontal Merger Guidelines 2010 §5.3: HHI "below 1500" unconcentrated, "between 1500 and 2500" moderately, "above 2500" highly concentrated (1,500 and 2,500 are moderate). An increase "of less than 100 points", or a merger resulting in an unconcentrated market, is "unlikely to have adverse competitive effects and ordinarily require[s] no further analysis"; a moderately concentrated result with an increase "of more than 100 points", or a highly concentrated one with an increase "of between 100 points and 200 points", "potentially raise[s] significant competitive concerns and often warrant[s] scrutiny"; a highly concentrated result with an increase "of more than 200 points" "will be presumed to be likely to enhance market power".</description></item>
/// <item><term><c>us1992</c></term><description>US Horizontal Merger Guidelines 1992 (revised 1997) §1.51: (a) post-merger HHI "Below 1000" unconcentrated: "unlikely to have adverse competitive effects and ordinarily require no further analysis"; (b) "Between 1000 and 1800" moderately concentrated: an increase "of less than 100 points" is unlikely to have adverse competitive consequences, one "of more than 100 points" "potentially raise[s] significant competitive concerns"; (c) "Above 1800" highly concentrated: less than 50 points unlikely to have adverse consequences, more than 50 points potentially raises significant concerns, and more than 100 points is presumed "likely to create or enhance market power or facilitate its exercise".</description></item>
/// <item><term><c>eu2004</c></term><description>EU Horizontal Merger Guidelines (OJ C 31, 5.2.2004) ¶19–21: the Commission is "unlikely to identify horizontal competition concerns" in a market with a post-merger HHI "below 1 000" (¶19), or with one "between 1 000 and 2 000 and a delta below 250", or "above 2 000 and a delta below 150", save special circumstances (¶20). ¶21: these levels are an initial indicator of the absence of concerns and "do not give rise to a presumption of either the existence or the absence of such concerns". The EU text has no bands in the US sense; its zones are reported instead.</description></item>
/// </list>
/// <para>
/// Boundaries: "greater than", "more than", "above", "in excess of" and "over" are strict;
/// "between x and y" includes both ends; "below" and "less than" are strict. Where a text speaks only
/// of increases of "less than" and "more than" a number (1992 §1.51(b) and (c), 2010 §5.3 in
/// moderately concentrated markets), an increase of exactly that number is left unclassified and the
/// verdict says so rather than guessing.
/// </para>
/// <para>
/// Rounding: none of the texts gives a rounding rule; their examples use whole-percent shares and
/// whole points. HHI and ΔHHI are therefore compared rounded to a millionth of a point, and shares to
/// a millionth of a percentage point (8 decimals of the 0–1 share), so that binary noise such as
/// ten shares of 0.1 giving 1000.0000000000003 points cannot move a value across a boundary.
/// </para>
/// <para>
/// Sources checked: the opening of Guideline 1 (2023) and the DOJ Antitrust Division's HHI page in
/// its 2010 version ("between 1,500 and 2,500 points", "in excess of 2,500 points", an increase of
/// "more than 200 points"). The remaining quotations, including ¶19–21 of the EU guidelines, follow
/// reproductions of the texts and were not compared word for word with the official versions.
/// </para>
/// <para>
/// The thresholds apply to relevant antitrust markets as the agencies define them; a market as an
/// analyst firm defines it (e.g. Synergy's "cloud infrastructure services") gives a screen, not a
/// finding. R: <c>antitrust::HHI</c> computes the index, not the bands.
/// </para>
/// </remarks>
public static class ConcentrationBands
{
    /// <summary>Regime id of the 2023 US Merger Guidelines.</summary>
    public const string Us2023 = "us2023";

    /// <summary>Regime id of the 2010 US Horizontal Merger Guidelines.</summary>
    public const string Us2010 = "us2010";

    /// <summary>Regime id of the 1992 US Horizontal Merger Guidelines as revised in 1997.</summary>
    public const string Us1992 = "us1992";

    /// <summary>Regime id of the 2004 EU Horizontal Merger Guidelines.</summary>
    public const string Eu2004 = "eu2004";

    /// <summary>US band name for HHI above the upper threshold.</summary>
    public const string High = "highly concentrated";

    /// <summary>US band name for HHI from the lower threshold up to and including the upper one.</summary>
    public const string Moderate = "moderately concentrated";

    /// <summary>US band name for HHI below the lower threshold.</summary>
    public const string Unconcentrated = "unconcentrated";

    /// <summary>EU 2004 zone of ¶19: post-merger HHI below 1,000 points.</summary>
    public const string EuBelow1000 = "HHI below 1,000";

    /// <summary>EU 2004 zone of ¶20: post-merger HHI from 1,000 to 2,000 points, both included.</summary>
    public const string EuBetween1000And2000 = "HHI between 1,000 and 2,000";

    /// <summary>EU 2004 zone of ¶20: post-merger HHI above 2,000 points.</summary>
    public const string EuAbove2000 = "HHI above 2,000";

    /// <summary>
    /// Lower threshold of the US 2023 band, HHI points: from 1,000 (included, "between 1,000 and
    /// 1,800 points") a market is moderately concentrated.
    /// </summary>
    public const double Us2023ModerateAbovePoints = 1_000;

    /// <summary>Upper threshold of the US 2023 Merger Guidelines, HHI points: above it ("greater than 1,800") a market is highly concentrated.</summary>
    public const double Us2023HighAbovePoints = 1_800;

    /// <summary>Citation for the US 2023 thresholds.</summary>
    public const string Us2023Citation =
        "US DOJ & FTC, Merger Guidelines (18 Dec 2023), Guideline 1, §2.1: an HHI greater than 1,800 is highly concentrated and a change of more than 100 points is a significant increase; "
        + "the DOJ Antitrust Division's 'Herfindahl-Hirschman Index' page puts 1,000 to 1,800 points in the moderately concentrated band, the band of the 1992/1997 Horizontal Merger Guidelines §1.51";

    private const string UsCaveat =
        "The thresholds apply to relevant antitrust markets as the agencies define them (hypothetical monopolist test); "
        + "for a market as an analyst firm defines it they give a screen, not a finding.";

    private const string EuCaveat =
        "The thresholds apply to relevant markets as the Commission defines them under its notice on market definition; "
        + "for a market as an analyst firm defines it they give a screen, not a finding.";

    // Verdict wording of the texts; the grounds follow in parentheses.
    private const string Us2023Presumed = "presumed to substantially lessen competition or tend to create a monopoly";
    private const string Us2023NotPresumed = "no structural presumption (Guideline 1 sets no safe harbour)";
    private const string Us2010Unlikely = "unlikely to have adverse competitive effects and ordinarily require no further analysis";
    private const string Us2010Scrutiny = "potentially raise significant competitive concerns and often warrant scrutiny (§5.3)";
    private const string Us2010Presumed = "presumed to be likely to enhance market power (§5.3, highly concentrated, ΔHHI > 200)";
    private const string Us1992Unlikely = "unlikely to have adverse competitive effects and ordinarily require no further analysis (§1.51(a))";
    private const string Us1992UnlikelyConsequences = "unlikely to have adverse competitive consequences and ordinarily require no further analysis";
    private const string Us1992Concerns = "potentially raise significant competitive concerns";
    private const string Us1992Presumed = "presumed likely to create or enhance market power or facilitate its exercise (§1.51(c), ΔHHI > 100)";
    private const string EuUnlikely = "the Commission is unlikely to identify horizontal competition concerns";
    private const string EuOutside = "outside the ¶19–20 indicators: no presumption of concerns either way (¶21)";

    private static readonly ImmutableArray<Rules> All =
    [
        new(
            new Regime(Us2023, "US Merger Guidelines (2023)", Us2023Citation, UsCaveat),
            p => p > 1_800 ? High : p >= 1_000 ? Moderate : Unconcentrated,
            Us2023Merger),
        new(
            new Regime(
                Us2010,
                "US Horizontal Merger Guidelines (2010)",
                "US DOJ & FTC, Horizontal Merger Guidelines (19 Aug 2010), §5.3: HHI below 1500 unconcentrated, between 1500 and 2500 moderately concentrated, above 2500 highly concentrated; "
                + "an increase of more than 200 points in a highly concentrated market is presumed likely to enhance market power",
                UsCaveat),
            p => p > 2_500 ? High : p >= 1_500 ? Moderate : Unconcentrated,
            (p, d, _) => Us2010Merger(p, d)),
        new(
            new Regime(
                Us1992,
                "US Horizontal Merger Guidelines (1992, revised 1997)",
                "US DOJ & FTC, Horizontal Merger Guidelines (2 Apr 1992, revised 8 Apr 1997), §1.51: post-merger HHI below 1000 unconcentrated, between 1000 and 1800 moderately concentrated, above 1800 highly concentrated; "
                + "ΔHHI thresholds of 100 points (moderately) and 50 and 100 points (highly concentrated)",
                UsCaveat),
            p => p > 1_800 ? High : p >= 1_000 ? Moderate : Unconcentrated,
            (p, d, _) => Us1992Merger(p, d)),
        new(
            new Regime(
                Eu2004,
                "EU Horizontal Merger Guidelines (2004)",
                "European Commission, Guidelines on the assessment of horizontal mergers under the Council Regulation on the control of concentrations between undertakings, OJ C 31, 5.2.2004, p. 5, ¶19–21: "
                + "concerns unlikely with a post-merger HHI below 1 000, between 1 000 and 2 000 with a delta below 250, or above 2 000 with a delta below 150; no presumption either way",
                EuCaveat),
            p => p > 2_000 ? EuAbove2000 : p >= 1_000 ? EuBetween1000And2000 : EuBelow1000,
            (p, d, _) => Eu2004Merger(p, d)),
    ];

    /// <summary>The regimes, in the order us2023, us2010, us1992, eu2004.</summary>
    public static IReadOnlyList<Regime> Regimes { get; } = All.Select(r => r.Regime).ToImmutableArray();

    /// <summary>The band (US regimes) or zone (EU 2004) of an HHI under one regime.</summary>
    /// <param name="regimeId">One of the ids of <see cref="Regimes"/>.</param>
    /// <param name="hhiPoints">HHI in points, 0–10,000 (binary noise above 10,000 is tolerated).</param>
    /// <returns>
    /// US regimes: <see cref="Unconcentrated"/>, <see cref="Moderate"/> or <see cref="High"/>.
    /// EU 2004: <see cref="EuBelow1000"/>, <see cref="EuBetween1000And2000"/> or <see cref="EuAbove2000"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="regimeId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="regimeId"/> names no regime.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hhiPoints"/> is NaN, ∞ or outside [0, 10,000].</exception>
    /// <remarks>
    /// Thresholds, the strictness of each boundary and the rounding rule (a millionth of a point):
    /// see <see cref="ConcentrationBands"/>.
    /// </remarks>
    public static string Band(string regimeId, double hhiPoints)
    {
        var rules = Find(regimeId);
        return rules.Band(Points(hhiPoints, nameof(hhiPoints)));
    }

    /// <summary>
    /// US 2023 band of an HHI: above 1,800 points highly concentrated, from 1,000 to 1,800
    /// moderately concentrated, below 1,000 unconcentrated.
    /// </summary>
    /// <param name="hhiPoints">HHI in points, 0–10,000.</param>
    /// <returns>One of <see cref="High"/>, <see cref="Moderate"/>, <see cref="Unconcentrated"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">NaN, ∞ or outside [0, 10,000].</exception>
    /// <remarks>Same as <see cref="Band(string, double)"/> with <see cref="Us2023"/>.</remarks>
    public static string Us2023Band(double hhiPoints) => Band(Us2023, hhiPoints);

    /// <summary>Assesses both ends of an HHI interval under one regime.</summary>
    /// <param name="regimeId">One of the ids of <see cref="Regimes"/>.</param>
    /// <param name="interval">HHI interval on the 0–1 scale.</param>
    /// <returns>The assessment with the band (or EU zone) at each end and the regime's citation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="regimeId"/> or <paramref name="interval"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="regimeId"/> names no regime.</exception>
    public static BandAssessment Assess(string regimeId, HhiInterval interval)
    {
        var rules = Find(regimeId);
        ArgumentNullException.ThrowIfNull(interval);
        return new BandAssessment(
            rules.Regime.Id,
            rules.Regime.Citation,
            rules.Band(Points(interval.LowerPoints, nameof(interval))),
            rules.Band(Points(interval.UpperPoints, nameof(interval))));
    }

    /// <summary>Assesses both ends of an HHI interval under the US 2023 Merger Guidelines.</summary>
    /// <param name="interval">HHI interval on the 0–1 scale.</param>
    /// <returns>The assessment with the band at each end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interval"/> is null.</exception>
    public static BandAssessment AssessUs2023(HhiInterval interval) => Assess(Us2023, interval);

    /// <summary>Assesses both ends of an HHI interval under every regime.</summary>
    /// <param name="interval">HHI interval on the 0–1 scale.</param>
    /// <returns>One assessment per regime, in the order of <see cref="Regimes"/> (us2023 first).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interval"/> is null.</exception>
    public static IReadOnlyList<BandAssessment> AssessAll(HhiInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return All.Select(r => Assess(r.Regime.Id, interval)).ToImmutableArray();
    }

    /// <summary>
    /// A regime's structural verdict on a merger, at the favourable end (every input at its lower
    /// end) and at the unfavourable end (every input at its upper end).
    /// </summary>
    /// <param name="regimeId">One of the ids of <see cref="Regimes"/>.</param>
    /// <param name="postHhi">Post-merger HHI in points, 0–10,000 (a point when Lower = Upper).</param>
    /// <param name="deltaHhi">Increase of the HHI in points, 0–10,000; for a merger of a and b, 2·s_a·s_b × 10,000 (see <see cref="ShareScenarios.MergerDeltaHhi(double, double, double, double)"/>, which returns the 0–1 scale).</param>
    /// <param name="mergedShare">The merged firm's share, 0–1, or null when unknown. Only US 2023 uses it (the 30% presumption).</param>
    /// <returns>
    /// The verdict at each end, in the texts' words with the ground in parentheses:
    /// <list type="bullet">
    /// <item><description>us2023: "presumed to substantially lessen competition or tend to create a monopoly" when ΔHHI &gt; 100 and the post-merger HHI &gt; 1,800 or the merged share &gt; 30%; otherwise "no structural presumption" (with ΔHHI &gt; 100 and no merged share given, the verdict says the share test was not evaluated).</description></item>
    /// <item><description>us2010: "unlikely to have adverse competitive effects …" (ΔHHI &lt; 100, or unconcentrated); "potentially raise significant competitive concerns and often warrant scrutiny" (moderately concentrated with ΔHHI &gt; 100, or highly concentrated with 100 ≤ ΔHHI ≤ 200); "presumed to be likely to enhance market power" (highly concentrated, ΔHHI &gt; 200).</description></item>
    /// <item><description>us1992: §1.51(a), (b) and (c) as quoted in <see cref="ConcentrationBands"/>; the presumption when the HHI is above 1,800 and ΔHHI &gt; 100.</description></item>
    /// <item><description>eu2004: "unlikely to identify horizontal competition concerns" inside the ¶19–20 indicators, otherwise "outside the ¶19–20 indicators: no presumption of concerns either way (¶21)".</description></item>
    /// </list>
    /// An increase of exactly the number a text only brackets by "less than" and "more than" (100 in
    /// 1992 §1.51(b) and 2010 §5.3 moderately concentrated; 50 in 1992 §1.51(c)) gives a verdict
    /// beginning "not classified".
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="regimeId"/>, <paramref name="postHhi"/> or <paramref name="deltaHhi"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="regimeId"/> names no regime.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An end of <paramref name="postHhi"/> or <paramref name="deltaHhi"/> lies outside [0, 10,000], or one of <paramref name="mergedShare"/> outside [0, 1].</exception>
    /// <remarks>
    /// Apart from the unclassified points, no verdict grows milder as the post-merger HHI, ΔHHI or
    /// share rises, so the two ends bound the verdicts of every point between them; verdicts lying
    /// between the two ends are not listed. The inputs are compared rounded to a millionth of a point (HHI, ΔHHI) and of a
    /// percentage point (share), as for <see cref="Band(string, double)"/>. Other share tests of the
    /// texts (EU ¶17–18) are not applied.
    /// </remarks>
    public static MergerAssessment AssessMerger(string regimeId, IndexInterval postHhi, IndexInterval deltaHhi, IndexInterval? mergedShare)
    {
        var rules = Find(regimeId);
        ArgumentNullException.ThrowIfNull(postHhi);
        ArgumentNullException.ThrowIfNull(deltaHhi);
        double? ShareAt(double value) => mergedShare is null ? null : Share(value, nameof(mergedShare));
        var lower = rules.Merger(Points(postHhi.Lower, nameof(postHhi)), Points(deltaHhi.Lower, nameof(deltaHhi)), ShareAt(mergedShare?.Lower ?? 0));
        var upper = rules.Merger(Points(postHhi.Upper, nameof(postHhi)), Points(deltaHhi.Upper, nameof(deltaHhi)), ShareAt(mergedShare?.Upper ?? 0));
        return new MergerAssessment(rules.Regime.Id, rules.Regime.Citation, lower, upper);
    }

    private static string Us2023Merger(double post, double delta, double? share) =>
        delta > 100 && post > 1_800 ? $"{Us2023Presumed} (highly concentrated, ΔHHI > 100)"
        : delta > 100 && share > 0.30 ? $"{Us2023Presumed} (merged share > 30%, ΔHHI > 100)"
        : delta > 100 && share is null ? "no structural presumption from the HHI; the 30% share test was not evaluated (no merged share given)"
        : Us2023NotPresumed;

    private static string Us2010Merger(double post, double delta) =>
        delta < 100 ? $"{Us2010Unlikely} (§5.3, ΔHHI < 100)"
            : post < 1_500 ? $"{Us2010Unlikely} (§5.3, unconcentrated)"
            : post <= 2_500 ? (delta > 100 ? Us2010Scrutiny : "not classified: §5.3 speaks of increases of less than or more than 100 points in moderately concentrated markets, not of exactly 100")
            : delta > 200 ? Us2010Presumed
            : Us2010Scrutiny;

    private static string Us1992Merger(double post, double delta) =>
        post < 1_000 ? Us1992Unlikely
            : post <= 1_800 ? (delta < 100 ? $"{Us1992UnlikelyConsequences} (§1.51(b))"
                : delta > 100 ? $"{Us1992Concerns} (§1.51(b))"
                : "not classified: §1.51(b) speaks of increases of less than or more than 100 points, not of exactly 100")
            : delta < 50 ? $"{Us1992UnlikelyConsequences} (§1.51(c))"
            : delta == 50 ? "not classified: §1.51(c) speaks of increases of less than or more than 50 points, not of exactly 50"
            : delta > 100 ? Us1992Presumed
            : $"{Us1992Concerns} (§1.51(c))";

    private static string Eu2004Merger(double post, double delta) =>
        post < 1_000 ? $"{EuUnlikely} (¶19, HHI below 1 000)"
            : post <= 2_000 && delta < 250 ? $"{EuUnlikely} (¶20, HHI between 1 000 and 2 000, delta below 250, absent special circumstances)"
            : post > 2_000 && delta < 150 ? $"{EuUnlikely} (¶20, HHI above 2 000, delta below 150, absent special circumstances)"
            : EuOutside;

    private static Rules Find(string regimeId)
    {
        ArgumentNullException.ThrowIfNull(regimeId);
        foreach (var r in All)
        {
            if (r.Regime.Id == regimeId)
            {
                return r;
            }
        }

        throw new ArgumentException(
            $"Unknown regime '{regimeId}'; expected one of {string.Join(", ", All.Select(r => r.Regime.Id))}.", nameof(regimeId));
    }

    // The texts give no rounding rule: compare to a millionth of a point so binary noise cannot cross a boundary.
    private static double Points(double points, string paramName)
    {
        Guard.InRange(points, 0, ConcentrationIndices.PointsPerUnit * (1 + Guard.SumNoise), paramName);
        return Math.Round(points, 6);
    }

    // A millionth of a percentage point of a 0–1 share.
    private static double Share(double share, string paramName)
    {
        Guard.InRange(share, 0, 1 + Guard.SumNoise, paramName);
        return Math.Round(share, 8);
    }

    private sealed record Rules(Regime Regime, Func<double, string> Band, Func<double, double, double?, string> Merger);
}
