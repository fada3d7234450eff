using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Analysis;
using RiskToolkit.Data;

namespace RiskToolkit.Concentration;

/// <summary>A named firm's share of a market, as a point and as the range the sources allow.</summary>
/// <param name="ProviderId">Provider id from <c>providers.csv</c>.</param>
/// <param name="Share">Point share 0–1 (published, or derived from revenue or counts), or null when only a range is published.</param>
/// <param name="Low">Lowest share 0–1 the sources allow: the published range's low end, the published share less half the rounding unit, or the point.</param>
/// <param name="High">Highest share 0–1 the sources allow, likewise; at least <paramref name="Low"/>.</param>
/// <param name="Rank">Published rank in the market (1 = largest), or one the shares force beside published ranks; null otherwise.</param>
/// <remarks>Built by <see cref="ConcentrationAnalysis"/> from validated rows, so its values are not checked again.</remarks>
public sealed record ProviderShare(string ProviderId, double? Share, double Low, double High, int? Rank = null);

/// <summary>Parameters of the indices that take one, with the values used for a result.</summary>
/// <param name="HannahKayAlpha">Elasticity α &gt; 0 of <see cref="ConcentrationIndices.HannahKay"/> (α = 2 gives the HHI).</param>
/// <param name="AtkinsonEpsilon">Inequality aversion ε ≥ 0 of <see cref="ConcentrationIndices.Atkinson"/>.</param>
/// <param name="GeneralizedEntropyAlpha">α of <see cref="ConcentrationIndices.GeneralizedEntropy"/>, any finite number.</param>
/// <param name="StenbackaGamma">γ ≥ 0 of <see cref="ConcentrationIndices.Stenbacka"/>.</param>
/// <exception cref="ArgumentOutOfRangeException">A parameter is NaN, infinite or outside its range; the exception names it.</exception>
public sealed record IndexParameters(double HannahKayAlpha, double AtkinsonEpsilon, double GeneralizedEntropyAlpha, double StenbackaGamma)
{
    /// <summary>Elasticity α &gt; 0 of the Hannah–Kay index.</summary>
    public double HannahKayAlpha { get; } = double.IsFinite(HannahKayAlpha) && HannahKayAlpha > 0
        ? HannahKayAlpha
        : throw new ArgumentOutOfRangeException(nameof(HannahKayAlpha), HannahKayAlpha, "Expected a finite number above 0.");

    /// <summary>Inequality aversion ε ≥ 0 of the Atkinson index.</summary>
    public double AtkinsonEpsilon { get; } = double.IsFinite(AtkinsonEpsilon) && AtkinsonEpsilon >= 0
        ? AtkinsonEpsilon
        : throw new ArgumentOutOfRangeException(nameof(AtkinsonEpsilon), AtkinsonEpsilon, "Expected a finite number of at least 0.");

    /// <summary>α of the generalised entropy index, finite.</summary>
    public double GeneralizedEntropyAlpha { get; } = double.IsFinite(GeneralizedEntropyAlpha)
        ? GeneralizedEntropyAlpha
        : throw new ArgumentOutOfRangeException(nameof(GeneralizedEntropyAlpha), GeneralizedEntropyAlpha, "Expected a finite number.");

    /// <summary>γ ≥ 0 of the Stenbacka threshold.</summary>
    public double StenbackaGamma { get; } = double.IsFinite(StenbackaGamma) && StenbackaGamma >= 0
        ? StenbackaGamma
        : throw new ArgumentOutOfRangeException(nameof(StenbackaGamma), StenbackaGamma, "Expected a finite number of at least 0.");

    /// <summary>The defaults named in <see cref="ConcentrationIndices"/> (each with its source there).</summary>
    public static IndexParameters Default { get; } = new(
        ConcentrationIndices.HannahKayDefaultAlpha,
        ConcentrationIndices.AtkinsonDefaultEpsilon,
        ConcentrationIndices.GeneralizedEntropyDefaultAlpha,
        ConcentrationIndices.StenbackaDefaultGamma);
}

/// <summary>
/// Concentration of one market in one period: every index of README.md 'Methods' as a point and, where
/// the data leave it open (a remainder, published ranges, rounding, unnamed ranks), as an interval.
/// Shares are 0–1; HHI is on the 0–1 scale (<see cref="Hhi"/>) and in points 0–10,000
/// (<see cref="HhiPoints"/>). An index the data cannot determine is <see langword="null"/> and
/// <see cref="Reasons"/> says why (never NaN). JSON keys are the property names in camelCase.
/// </summary>
public sealed record MarketConcentration
{
    /// <summary>Market id from <c>markets.csv</c>.</summary>
    public required string MarketId { get; init; }

    /// <summary>Quarter (<c>2025Q2</c>) or year (<c>2023</c>).</summary>
    public required string Period { get; init; }

    /// <summary>What the rows give: <c>share</c> (published shares), <c>revenue_usd</c> or <c>count</c> (shares derived as value ÷ Σ values, <c>other</c> included).</summary>
    public required string Measure { get; init; }

    /// <summary>Number of named firms (the <c>other</c> remainder is never a firm).</summary>
    public required int N { get; init; }

    /// <summary>Unallocated share 0–1: the larger of the <c>other</c> row and 1 − Σ named point (or low) shares; exactly 0 for revenue or counts without an <c>other</c> row.</summary>
    public required double Remainder { get; init; }

    /// <summary>Whether the named firms are the whole market (no remainder, no unnamed rank): only then are the indices that need every firm (normalised HHI, Gini, Palma, Theil, …) defined.</summary>
    public required bool WholeMarket { get; init; }

    /// <summary>The unit the market's published shares are rounded to (0.01 = whole percents, from <c>markets.csv</c>), or null when they are exact or derived.</summary>
    public double? ShareRounding { get; init; }

    /// <summary>Named firms' shares, largest first.</summary>
    public required IReadOnlyList<ProviderShare> Shares { get; init; }

    /// <summary>HHI Σ sᵢ² of the named firms' point shares, 0–1; with a remainder, its value when the remainder is infinitely fragmented. Null when a firm has only a range or a rank above the last named one is unnamed.</summary>
    public double? Hhi { get; init; }

    /// <summary><see cref="Hhi"/> × 10,000 (points).</summary>
    public double? HhiPoints { get; init; }

    /// <summary>Lowest HHI n firms can have, 1/n, 0–1 (concstats); whole market only.</summary>
    public double? HhiMin { get; init; }

    /// <summary>Dual HHI 1 − 1/(n·H), 0–1 (concstats); whole market only.</summary>
    public double? DualHhi { get; init; }

    /// <summary>Normalised HHI (H − 1/n)/(1 − 1/n), 0–1; null for n = 1 and unless the whole market is known.</summary>
    public double? NormalizedHhi { get; init; }

    /// <summary>Equivalent number of firms 1/H; with a remainder an upper bound (the remainder fragmented).</summary>
    public double? EquivalentFirms { get; init; }

    /// <summary>Dominance index Σ (sᵢ²/H)² (García Alba 1994), 0–1; whole market only.</summary>
    public double? Dominance { get; init; }

    /// <summary>Stenbacka dominance threshold ½[1 − γ(s₁² − s₂²)] as a share 0–1 (Melnik, Shy &amp; Stenbacka 2008); needs the two largest firms.</summary>
    public double? Stenbacka { get; init; }

    /// <summary>GRS index (Ginevičius &amp; Čirba 2009), 0–1; whole market only.</summary>
    public double? Grs { get; init; }

    /// <summary>Largest share, 0–1.</summary>
    public double? Cr1 { get; init; }

    /// <summary>Two largest shares, 0–1; null when the second firm may be unnamed.</summary>
    public double? Cr2 { get; init; }

    /// <summary>Three largest shares, 0–1; null as for <see cref="Cr2"/>.</summary>
    public double? Cr3 { get; init; }

    /// <summary>Four largest shares, 0–1; null as for <see cref="Cr2"/>.</summary>
    public double? Cr4 { get; init; }

    /// <summary>Berger–Parker index: the largest share, 0–1 (equal to <see cref="Cr1"/>).</summary>
    public double? BergerParker { get; init; }

    /// <summary>Simpson diversity 1 − H, 0–1; with a remainder an upper bound.</summary>
    public double? Simpson { get; init; }

    /// <summary>Shannon entropy in bits; null with a remainder, where it depends on how the remainder splits and has no upper bound.</summary>
    public double? Entropy { get; init; }

    /// <summary>Entropy ÷ log₂ n, 0–1; whole market only, null for n = 1.</summary>
    public double? NormalizedEntropy { get; init; }

    /// <summary>Gini coefficient of the firms' shares, 0–(n−1)/n; whole market only.</summary>
    public double? Gini { get; init; }

    /// <summary>Gini × n/(n−1), 0–1; whole market only, null for n = 1.</summary>
    public double? NormalizedGini { get; init; }

    /// <summary>Palma ratio: share of the top 10% of firms ÷ share of the bottom 40%; whole market only.</summary>
    public double? Palma { get; init; }

    /// <summary>Rosenbluth / Hall–Tideman index 1/(2 Σ i·sᵢ − 1), 0–1; whole market only.</summary>
    public double? Rosenbluth { get; init; }

    /// <summary>Theil T index (nats), 0–ln n; whole market only.</summary>
    public double? Theil { get; init; }

    /// <summary>Atkinson index with ε = <see cref="IndexParameters.AtkinsonEpsilon"/>, 0–1; whole market only.</summary>
    public double? Atkinson { get; init; }

    /// <summary>Generalised entropy GE(α) with α = <see cref="IndexParameters.GeneralizedEntropyAlpha"/>; whole market only.</summary>
    public double? GeneralizedEntropy { get; init; }

    /// <summary>Hannah–Kay index (Σ sᵢ^α)^(1/(α−1)) with α = <see cref="IndexParameters.HannahKayAlpha"/>, 0–1; with a remainder its value when the remainder is infinitely fragmented.</summary>
    public double? HannahKay { get; init; }

    /// <summary>Lorenz curve of the firms' shares (ineq::Lc), from (0, 0) to (1, 1); null unless the whole market is known.</summary>
    public IReadOnlyList<LorenzPoint>? Lorenz { get; init; }

    /// <summary>HHI interval (0–1) over every market the data allow: the remainder fragmented or packed, published ranges, rounding and unnamed ranks. It contains <see cref="Hhi"/>.</summary>
    public required HhiInterval HhiInterval { get; init; }

    /// <summary>
    /// Interval of each index over every market the data allow, keyed by the index's camelCase name
    /// (<c>hhi</c>, <c>cr3</c>, <c>gini</c>, …); lower = upper when the data fix it. An index missing
    /// here has no interval method for such data, and <see cref="Reasons"/> says why under
    /// <c>{name}Interval</c>.
    /// </summary>
    public required IReadOnlyDictionary<string, IndexInterval> Intervals { get; init; }

    /// <summary>Each regime's band at both ends of <see cref="HhiInterval"/> (<see cref="ConcentrationBands.Regimes"/> order).</summary>
    public required IReadOnlyList<BandAssessment> Bands { get; init; }

    /// <summary>Parameters of the parameterised indices.</summary>
    public required IndexParameters Parameters { get; init; }

    /// <summary>For each null index (camelCase name) or missing interval (<c>{name}Interval</c>), why; sorted by key.</summary>
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }

    /// <summary>Distinct source ids of the rows used, sorted.</summary>
    public required IReadOnlyList<string> SourceIds { get; init; }

    /// <summary>How the rows were read where it matters for the figures (e.g. rounded shares divided by their sum); empty when nothing needs saying.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
