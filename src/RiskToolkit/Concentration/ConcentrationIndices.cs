namespace RiskToolkit.Concentration;

/// <summary>
/// Concentration indices of a market from its firms' shares. Every function is pure.
/// </summary>
/// <remarks>
/// Shares are fractions 0–1 of one market in one period, one entry per named firm, in any order.
/// They need not sum to 1: when a remainder is unallocated (<c>other</c>), the indices describe the
/// named firms as published and the remainder is never treated as a firm. Indices that need every
/// firm of the market (they count n or rely on Σ sᵢ = 1) say so and throw
/// <see cref="ArgumentException"/> for shares that do not sum to 1 within 1e-9. Formulas follow
/// the R package concstats (rOpenSci) and ineq; README.md, 'Methods', states them in one place.
/// Every function of shares throws <see cref="ArgumentNullException"/> for a null list,
/// <see cref="ArgumentException"/> for an empty one, and <see cref="ArgumentOutOfRangeException"/> for a
/// share that is NaN, infinite or outside [0, 1].
/// </remarks>
public static class ConcentrationIndices
{
    /// <summary>Points per unit of HHI: the US agencies quote HHI on a 0–10,000 scale.</summary>
    public const double PointsPerUnit = 10_000;

    /// <summary>
    /// Herfindahl–Hirschman index H = Σ sᵢ², on the 0–1 scale (multiply by
    /// <see cref="PointsPerUnit"/> for points).
    /// </summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <returns>H in [0, 1]; 1/n ≤ H ≤ 1 when the shares sum to 1.</returns>
    /// <remarks>Source: US DOJ, "Herfindahl-Hirschman Index"; R: <c>concstats::concstats_hhi</c>.</remarks>
    public static double Hhi(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        var h = 0.0;
        foreach (var s in shares)
        {
            h += s * s;
        }

        return h;
    }

    /// <summary>Concentration ratio CRk = Σ of the k largest shares.</summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <param name="k">Number of leading firms, k ≥ 1.</param>
    /// <param name="remainder">Unallocated share 0–1 (<c>other</c>) that may hide further firms.</param>
    /// <returns>
    /// CRk as a share 0–1, or <see langword="null"/> when a remainder exists and fewer than k named
    /// firms have a positive share: the k-th largest firm may then be unnamed, of unknown size.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1 or a remainder outside [0, 1].</exception>
    /// <remarks>Source: concstats <c>concstats_mstruct</c>.</remarks>
    public static double? ConcentrationRatio(IReadOnlyList<double> shares, int k, double remainder = 0)
    {
        Guard.Shares(shares, nameof(shares));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        Guard.InRange(remainder, 0, 1, nameof(remainder));
        if (remainder > 0 && shares.Count(s => s > 0) < k)
        {
            return null;
        }

        return shares.OrderDescending().Take(k).Sum();
    }

    /// <summary>Equivalent number of firms 1/H: how many equal firms would give the same HHI.</summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <returns>1/H, or <see langword="null"/> when every share is 0 (H = 0).</returns>
    /// <remarks>Source: concstats <c>concstats_nrs_eq</c>.</remarks>
    public static double? EquivalentFirms(IReadOnlyList<double> shares)
    {
        var h = Hhi(shares);
        return h > 0 ? 1 / h : null;
    }

    /// <summary>Normalised HHI (H − 1/n)/(1 − 1/n), 0 for equal shares and 1 for monopoly.</summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>The normalised HHI, or <see langword="null"/> for n = 1 (the formula divides by zero).</returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: with part of the market unallocated, n is unknown.</exception>
    /// <remarks>Source: concstats <c>concstats_hhi(normalized = TRUE)</c>.</remarks>
    public static double? NormalizedHhi(IReadOnlyList<double> shares)
    {
        var h = Hhi(shares);
        Guard.WholeMarket(shares, nameof(shares));
        var n = shares.Count;
        return n == 1 ? null : (h - 1.0 / n) / (1 - 1.0 / n);
    }

    /// <summary>
    /// Gini coefficient of the firms' shares: with x ascending, G = 2Σ i·x₍ᵢ₎/(n Σx) − (n+1)/n.
    /// </summary>
    /// <param name="shares">Shares 0–1 of the firms compared (scale does not matter, so shares that sum below 1 give the inequality among those firms only).</param>
    /// <returns>G in [0, (n−1)/n], or <see langword="null"/> when every share is 0.</returns>
    /// <remarks>Source: concstats <c>concstats_gini</c>; R: <c>ineq::Gini</c>.</remarks>
    public static double? Gini(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        var x = shares.Order().ToArray();
        var total = x.Sum();
        if (total == 0)
        {
            return null;
        }

        var n = x.Length;
        var weighted = 0.0;
        for (var i = 0; i < n; i++)
        {
            weighted += (i + 1) * x[i];
        }

        return 2 * weighted / (n * total) - (n + 1.0) / n;
    }

    /// <summary>Default γ of <see cref="Stenbacka"/>: 1, as in concstats <c>concstats_sten</c>.</summary>
    public const double StenbackaDefaultGamma = 1;

    /// <summary>Default inequality aversion ε of <see cref="Atkinson"/>: 0.5, the default of R <c>ineq::Atkinson</c>.</summary>
    public const double AtkinsonDefaultEpsilon = 0.5;

    /// <summary>Default α of <see cref="GeneralizedEntropy"/>: 0.5, the default of R <c>ineq::entropy</c>.</summary>
    public const double GeneralizedEntropyDefaultAlpha = 0.5;

    /// <summary>
    /// Default α of <see cref="HannahKay"/>: 1.5, our choice, halfway between the entropy limit (α → 1)
    /// and the HHI (α = 2).
    /// </summary>
    /// <remarks>
    /// No source we found fixes a default other than the HHI case: R <c>ineq::Herfindahl</c> defaults to
    /// m = 1, i.e. α = m + 1 = 2 (the HHI itself), and concentrationMetrics (open-risk) <c>hk</c> takes α
    /// without a default. Hannah &amp; Kay (1977) report a range of α rather than one value.
    /// </remarks>
    public const double HannahKayDefaultAlpha = 1.5;

    // Weight of the squared share in the GRS index, fixed by Ginevičius & Čirba (2009).
    private const double GrsWeight = 0.3;

    /// <summary>Lowest HHI possible with n firms, 1/n (all shares equal).</summary>
    /// <param name="n">Number of firms, n ≥ 1.</param>
    /// <returns>1/n on the 0–1 scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1.</exception>
    /// <remarks>Source: concstats <c>concstats_hhi_min</c>.</remarks>
    public static double HhiMin(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return 1.0 / n;
    }

    /// <summary>
    /// Dual of the HHI, 1 − 1/(n·H): the fraction of the n active firms that the equivalent number of
    /// firms 1/H leaves out.
    /// </summary>
    /// <param name="shares">Shares 0–1 of all firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>
    /// The dual in [0, 1 − 1/n]; 0 when all active firms are equal. n counts the firms with a positive
    /// share, as concstats does: a listed firm with share 0 does not take part in the market.
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: with part of the market unallocated, n is unknown.</exception>
    /// <remarks>
    /// Source: Chang, Guerra, de Souza Penaloza &amp; Tabak (2005), Banco Central do Brasil Financial
    /// Stability Report 4; R: <c>concstats::concstats_hhi_d</c>.
    /// </remarks>
    public static double DualHhi(IReadOnlyList<double> shares)
    {
        var h = Hhi(shares);
        Guard.WholeMarket(shares, nameof(shares));
        var active = shares.Count(s => s > 0);
        return 1 - 1 / (active * h);
    }

    /// <summary>
    /// Dominance index of García Alba (1994), Σ (sᵢ²/H)²: the HHI of the firms' contributions to the HHI.
    /// </summary>
    /// <param name="shares">Shares 0–1 of all firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>
    /// The index in [1/n, 1] (1 for a monopoly). Null only when H = 0, which shares summing to 1 exclude.
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: H and every contribution depend on all firms.</exception>
    /// <remarks>
    /// Source: García Alba Idunate (1994), "Un índice de dominancia para el análisis de la estructura de
    /// los mercados", El Trimestre Económico 61: 499–524; R: <c>concstats::concstats_dom</c>.
    /// </remarks>
    public static double? Dominance(IReadOnlyList<double> shares)
    {
        var h = Hhi(shares);
        Guard.WholeMarket(shares, nameof(shares));
        if (h == 0)
        {
            return null;
        }

        return shares.Sum(s => Math.Pow(s * s / h, 2));
    }

    /// <summary>
    /// Stenbacka dominance threshold ½[1 − γ(s₁² − s₂²)]: the share above which the largest firm is
    /// presumed dominant, given the two largest shares s₁ ≥ s₂.
    /// </summary>
    /// <param name="shares">Shares 0–1 of all firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <param name="gamma">Weight γ ≥ 0 of the gap between the two leaders; 1 by default.</param>
    /// <returns>
    /// The threshold as a share 0–1 (in [0, ½] for γ ≤ 1), or <see langword="null"/> for a single firm
    /// (no second firm). concstats returns it in percent: its 45.125 is 0.45125 here.
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: an unnamed firm could be the second largest.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is negative, NaN or infinite.</exception>
    /// <remarks>
    /// Source: Melnik, Shy &amp; Stenbacka (2008), "Assessing market dominance", Journal of Economic
    /// Behavior and Organization 68: 63–72; R: <c>concstats::concstats_sten</c> (× 100).
    /// </remarks>
    public static double? Stenbacka(IReadOnlyList<double> shares, double gamma = StenbackaDefaultGamma)
    {
        Guard.Shares(shares, nameof(shares));
        Guard.WholeMarket(shares, nameof(shares));
        Guard.InRange(gamma, 0, double.MaxValue, nameof(gamma));
        if (shares.Count < 2)
        {
            return null;
        }

        var top = shares.OrderDescending().Take(2).ToArray();
        return 0.5 * (1 - gamma * (top[0] * top[0] - top[1] * top[1]));
    }

    /// <summary>
    /// GRS index of Ginevičius &amp; Čirba (2009), Σ sᵢ (n² s₁ + 0.3 sᵢ²)/(n² + 0.3 n s₁ sᵢ), with s₁ the
    /// largest share.
    /// </summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>The index: 1/n for equal shares, 1 for a single firm.</returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: n is unknown.</exception>
    /// <remarks>
    /// Source: Ginevičius &amp; Čirba (2009), "Additive measurement of market concentration", Journal of
    /// Business Economics and Management 10(3): 191–198; R: <c>concstats::concstats_grs</c> (same
    /// formula, n counting every listed firm).
    /// </remarks>
    public static double Grs(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        Guard.WholeMarket(shares, nameof(shares));
        double n = shares.Count;
        var s1 = shares.Max();
        return shares.Sum(s => s * (n * n * s1 + GrsWeight * s * s) / (n * n + GrsWeight * n * s1 * s));
    }

    /// <summary>Gini–Simpson diversity 1 − Σ sᵢ²: the chance that two draws weighted by share hit different firms.</summary>
    /// <param name="shares">Shares 0–1 of all firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>1 − H in [0, 1 − 1/n]; 0 for a monopoly.</returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: the unallocated part would count as diversity.</exception>
    /// <remarks>Source: Simpson (1949), "Measurement of diversity", Nature 163: 688; R: <c>concstats::concstats_simpson</c>.</remarks>
    public static double Simpson(IReadOnlyList<double> shares)
    {
        var h = Hhi(shares);
        Guard.WholeMarket(shares, nameof(shares));
        return 1 - h;
    }

    /// <summary>Normalised Gini coefficient G·n/(n − 1), which reaches 1 when one of the n firms holds everything.</summary>
    /// <param name="shares">Shares 0–1 of the firms compared (scale does not matter, as for <see cref="Gini"/>).</param>
    /// <returns>The ratio in [0, 1], or <see langword="null"/> for n = 1 (division by zero) or when every share is 0.</returns>
    /// <remarks>Source: concstats <c>concstats_gini(normalized = TRUE)</c>.</remarks>
    public static double? NormalizedGini(IReadOnlyList<double> shares)
    {
        var g = Gini(shares);
        var n = shares.Count;
        return g is null || n == 1 ? null : g * n / (n - 1);
    }

    /// <summary>
    /// Palma ratio: the share held by the top 10% of firms ÷ the share held by the bottom 40% of firms,
    /// firms ranked by share.
    /// </summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>
    /// The ratio (¼ for equal shares), or <see langword="null"/> when n &lt; 3 (the bottom 40% of firms
    /// holds no whole firm) or the bottom 40% holds share 0.
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: the number of firms in each tail is unknown.</exception>
    /// <remarks>
    /// Source: Palma (2006), DESA Working Paper 35; Cobham &amp; Sumner (2013), CGD Working Paper 343. Fractional firms: each firm
    /// spans 1/n of the firm axis and its share is spread evenly over that span, so the tails are read
    /// off the Lorenz curve (<see cref="LorenzCurve"/>) joined by straight lines: ratio =
    /// (1 − L(0.9)) / L(0.4). With n = 5 the top 10% is half of the largest firm. This is the grouped-data
    /// reading of the definition (shares of population fractiles) and keeps the ratio Schur-convex: a
    /// transfer from a smaller to a larger firm never lowers it. R <c>concstats::concstats_palma</c>
    /// differs: it puts each firm in a decile by cutting at quantiles of the shares themselves, which
    /// for n = 5 counts the whole largest firm as the top 10% (0.4/0.15 = 2.667 on 0.4, 0.25, 0.2, 0.1,
    /// 0.05, against 1.333 here) and fails when quantiles coincide (equal shares).
    /// </remarks>
    public static double? Palma(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        Guard.WholeMarket(shares, nameof(shares));
        var n = shares.Count;
        if (2L * n < 5)
        {
            return null;
        }

        // 40% of n firms is 2n/5 firms and 10% is n/10: integer arithmetic keeps the fractions exact.
        var bottom = SumOfFirst(shares.Order().ToArray(), 2L * n, 5);
        var top = SumOfFirst(shares.OrderDescending().ToArray(), n, 10);
        return bottom > 0 ? top / bottom : null;
    }

    /// <summary>
    /// Rosenbluth (Hall–Tideman) index 1/(2 Σ i·sᵢ − 1), with i the rank of the firm by share, 1 for the
    /// largest.
    /// </summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>
    /// The index in [1/n, 1]: 1/n for equal shares, 1 for a monopoly. Null only when 2 Σ i·sᵢ ≤ 1, which
    /// shares summing to 1 exclude (Σ i·sᵢ ≥ Σ sᵢ = 1).
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: the ranks of unnamed firms are unknown.</exception>
    /// <remarks>
    /// Source: Rosenbluth (1955); Hall &amp; Tideman (1967), "Measures of concentration", Journal of the
    /// American Statistical Association 62: 162–168; R: <c>ineq::conc(x, type = "Rosenbluth")</c>.
    /// </remarks>
    public static double? Rosenbluth(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        Guard.WholeMarket(shares, nameof(shares));
        var x = shares.OrderDescending().ToArray();
        var total = x.Sum();
        var weighted = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            weighted += (i + 1) * x[i] / total;
        }

        var d = 2 * weighted - 1;
        return d > 0 ? 1 / d : null;
    }

    /// <summary>
    /// Theil T index (1/n) Σ (xᵢ/μ) ln(xᵢ/μ), μ the mean share; a zero share adds 0 (the limit of x ln x).
    /// </summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>
    /// T in [0, ln n], in nats: 0 for equal shares. It equals ln n minus the Shannon entropy in nats. Null
    /// only when every share is 0, which shares summing to 1 exclude.
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: n and μ depend on all firms.</exception>
    /// <remarks>
    /// Source: Theil (1967), Economics and Information Theory; R: <c>ineq::Theil(x, parameter = 0)</c>.
    /// ineq drops zero entries before computing, so with a zero share its n is smaller; here a zero-share
    /// firm counts in n, which keeps the index continuous as a share falls to 0.
    /// </remarks>
    public static double? Theil(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        Guard.WholeMarket(shares, nameof(shares));
        var y = RelativeToMean(shares);
        return y is null ? null : TheilOf(y);
    }

    /// <summary>
    /// Atkinson index 1 − M₁₋ε/μ: one minus the ratio of the power mean of order 1 − ε of the shares to
    /// their mean (the geometric mean for ε = 1).
    /// </summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <param name="epsilon">Inequality aversion ε ≥ 0; 0.5 by default (ineq's default). ε = 0 gives 0.</param>
    /// <returns>
    /// A in [0, 1]: 0 for equal shares. <see langword="null"/> when ε ≥ 1 and a share is 0: the power mean
    /// is then 0 and the index 1 whatever the other shares are, so it would say nothing about them (R
    /// <c>ineq::Atkinson</c> returns that 1).
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: n and μ depend on all firms.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative, NaN or infinite.</exception>
    /// <remarks>Source: Atkinson (1970), "On the measurement of inequality", Journal of Economic Theory 2: 244–263; R: <c>ineq::Atkinson</c>.</remarks>
    public static double? Atkinson(IReadOnlyList<double> shares, double epsilon = AtkinsonDefaultEpsilon)
    {
        Guard.Shares(shares, nameof(shares));
        Guard.WholeMarket(shares, nameof(shares));
        Guard.InRange(epsilon, 0, double.MaxValue, nameof(epsilon));
        var y = RelativeToMean(shares);
        var order = 1 - epsilon;
        if (y is null || (order <= 0 && y.Contains(0)))
        {
            return null;
        }

        var equal = Enumerable.Repeat(1.0 / y.Length, y.Length).ToArray();
        // 1 − e^L computed as −(e^L − 1) keeps its digits when the index is close to 0.
        return -Expm1(LogPowerMean(y, equal, order));
    }

    /// <summary>
    /// Generalised entropy GE(α) = 1/(n α(α − 1)) Σ [(xᵢ/μ)^α − 1], μ the mean share; GE(0) is the mean
    /// log deviation −(1/n) Σ ln(xᵢ/μ) and GE(1) the Theil T index.
    /// </summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <param name="alpha">Sensitivity α, any finite number: the larger, the more weight on the top firms; 0.5 by default (ineq's default).</param>
    /// <returns>
    /// GE(α) ≥ 0, 0 for equal shares. <see langword="null"/> when α ≤ 0 and a share is 0 (ln 0 or 0 to a
    /// negative power), or when the value overflows a double (|α| in the hundreds).
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: n and μ depend on all firms.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is NaN or infinite.</exception>
    /// <remarks>
    /// Source: Shorrocks (1980), "The class of additively decomposable inequality measures",
    /// Econometrica 48: 613–625; R: <c>ineq::entropy</c> (which returns ∞ where this returns null).
    /// </remarks>
    public static double? GeneralizedEntropy(IReadOnlyList<double> shares, double alpha = GeneralizedEntropyDefaultAlpha)
    {
        Guard.Shares(shares, nameof(shares));
        Guard.WholeMarket(shares, nameof(shares));
        Guard.InRange(alpha, double.MinValue, double.MaxValue, nameof(alpha));
        var y = RelativeToMean(shares);
        if (y is null || (alpha <= 0 && y.Contains(0)))
        {
            return null;
        }

        if (alpha == 0)
        {
            return -y.Average(Math.Log);
        }

        if (alpha == 1)
        {
            return TheilOf(y);
        }

        // Σ(y^α − 1) cancels near α = 0 and α = 1, where it is divided by a near-zero α(α − 1); rewrite it
        // with expm1 there (using mean y = 1 near α = 1).
        double excess;
        if (Math.Abs(alpha - 1) <= 0.5)
        {
            excess = y.Average(v => v > 0 ? v * Expm1((alpha - 1) * Math.Log(v)) : 0);
        }
        else if (Math.Abs(alpha) <= 0.5)
        {
            excess = y.Average(v => v > 0 ? Expm1(alpha * Math.Log(v)) : -1);
        }
        else
        {
            excess = y.Average(v => Math.Pow(v, alpha)) - 1;
        }

        var ge = excess / (alpha * (alpha - 1));
        return double.IsFinite(ge) ? ge : null;
    }

    /// <summary>
    /// Hannah–Kay concentration index (Σ sᵢ^α)^(1/(α − 1)), the reciprocal of the Hannah–Kay numbers
    /// equivalent; α = 2 gives the HHI.
    /// </summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <param name="alpha">
    /// Weight α &gt; 0 on the larger firms; 1.5 by default (see <see cref="HannahKayDefaultAlpha"/>).
    /// α = 1 is the limit exp(Σ sᵢ ln sᵢ), the reciprocal of the exponential of Shannon entropy in nats;
    /// α → ∞ tends to the largest share.
    /// </param>
    /// <returns>
    /// The index in [1/n, 1]: 1/n for equal shares, 1 for a monopoly; firms with share 0 do not count.
    /// Never null for shares that pass validation.
    /// </returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: the numbers equivalent counts all firms.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is 0, negative, NaN or infinite.</exception>
    /// <remarks>
    /// Source: Hannah &amp; Kay (1977), Concentration in Modern Industry, Macmillan; R:
    /// <c>ineq::Herfindahl(x, parameter = α − 1)</c>; Python concentrationMetrics (open-risk) <c>hk</c>.
    /// </remarks>
    public static double? HannahKay(IReadOnlyList<double> shares, double alpha = HannahKayDefaultAlpha)
    {
        Guard.Shares(shares, nameof(shares));
        Guard.WholeMarket(shares, nameof(shares));
        Guard.InRange(alpha, 0, double.MaxValue, nameof(alpha));
        ArgumentOutOfRangeException.ThrowIfZero(alpha);
        var total = shares.Sum();
        var s = shares.Select(v => v / total).ToArray();
        // (Σ s·s^(α−1))^(1/(α−1)) is the power mean of order α − 1 of the shares weighted by themselves.
        return Math.Exp(LogPowerMean(s, s, alpha - 1));
    }

    /// <summary>Berger–Parker index: the largest share.</summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <returns>The largest share 0–1 (CR1); with an unallocated remainder, the largest named share.</returns>
    /// <remarks>
    /// Source: Berger &amp; Parker (1970), "Diversity of planktonic Foraminifera in deep-sea sediments",
    /// Science 168: 1345–1347; Python concentrationMetrics <c>berger_parker</c>; R: <c>max(x)</c>.
    /// </remarks>
    public static double BergerParker(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        return shares.Max();
    }

    /// <summary>
    /// Lorenz curve of the firms' shares: firms in ascending order of share, the cumulative fraction of
    /// firms i/n against the cumulative fraction of their total share.
    /// </summary>
    /// <param name="shares">Shares 0–1 of the firms compared (scale does not matter: the curve uses each share ÷ their sum).</param>
    /// <returns>
    /// n + 1 points from (0, 0) to (1, 1), both coordinates 0–1; the curve is non-decreasing, convex and
    /// on or below the diagonal (on it for equal shares).
    /// </returns>
    /// <exception cref="ArgumentException">Every share is 0: there is no total to divide by.</exception>
    /// <remarks>Source: Lorenz (1905), Publications of the American Statistical Association 9: 209–219; R: <c>ineq::Lc</c> (its <c>p</c> and <c>L</c>).</remarks>
    public static IReadOnlyList<LorenzPoint> LorenzCurve(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        var x = shares.Order().ToArray();
        var n = x.Length;
        // Cumulate once and divide by the last sum, so the curve ends at exactly 1 and never passes it.
        var cumulative = new double[n];
        var running = 0.0;
        for (var i = 0; i < n; i++)
        {
            running += x[i];
            cumulative[i] = running;
        }

        if (running == 0)
        {
            throw new ArgumentException("The Lorenz curve needs at least one positive share.", nameof(shares));
        }

        var points = new LorenzPoint[n + 1];
        points[0] = new LorenzPoint(0, 0);
        for (var i = 0; i < n; i++)
        {
            points[i + 1] = new LorenzPoint((i + 1.0) / n, cumulative[i] / running);
        }

        return points;
    }

    // Shares divided by their mean (mean 1), or null when every share is 0.
    private static double[]? RelativeToMean(IReadOnlyList<double> shares)
    {
        var mean = shares.Average();
        return mean > 0 ? shares.Select(s => s / mean).ToArray() : null;
    }

    // Theil T of values with mean 1; 0·ln 0 = 0.
    private static double TheilOf(double[] y) => y.Average(v => v > 0 ? v * Math.Log(v) : 0);

    // Sum of the first count/den entries of x, the last one taken in part when count/den is fractional.
    private static double SumOfFirst(double[] x, long count, long den)
    {
        var whole = (int)(count / den);
        var sum = x.Take(whole).Sum();
        return whole < x.Length ? sum + x[whole] * (count % den) / den : sum;
    }

    // e^x − 1 and ln(1 + x) without cancellation near 0 (Kahan's corrections; Goldberg 1991, "What every
    // computer scientist should know about floating-point arithmetic", Theorem 4). MathNet 5.0's Expm1
    // truncates its series (errors near 1e-9 at |x| = 0.05) and .NET's double.ExpM1 is exp(x) − 1.
    private static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1 || double.IsPositiveInfinity(u))
        {
            return u == 1 ? x : u;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    private static double Log1p(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    // ln of the weighted power mean (Σ wᵢ yᵢ^r)^(1/r), weights summing to 1 and zero weights ignored;
    // the weighted geometric mean for r = 0. Callers exclude y = 0 with r ≤ 0.
    private static double LogPowerMean(double[] y, double[] w, double r)
    {
        var terms = y.Zip(w).Where(t => t.Second > 0).ToArray();
        if (r == 0)
        {
            return terms.Sum(t => t.Second * Math.Log(t.First));
        }

        if (Math.Abs(r) <= 1)
        {
            // ln(1 + Σ w(y^r − 1))/r keeps its digits as r → 0, where ln Σ w y^r cancels.
            var excess = terms.Sum(t => t.Second * (t.First > 0 ? Expm1(r * Math.Log(t.First)) : -1));
            return Log1p(excess) / r;
        }

        // Large |r|: factor out the value that dominates, so no power overflows or underflows to 0.
        var pivot = r > 0 ? terms.Max(t => t.First) : terms.Min(t => t.First);
        return Math.Log(pivot) + Math.Log(terms.Sum(t => t.Second * Math.Pow(t.First / pivot, r))) / r;
    }

    /// <summary>Shannon entropy −Σ sᵢ log₂ sᵢ in bits (a zero share adds nothing).</summary>
    /// <param name="shares">Shares 0–1 of the named firms.</param>
    /// <returns>Entropy in bits, ≥ 0. When the shares sum below 1, the named firms' contribution only: a lower bound of the market's entropy.</returns>
    /// <remarks>Source: concstats <c>concstats_entropy</c>.</remarks>
    public static double Entropy(IReadOnlyList<double> shares)
    {
        Guard.Shares(shares, nameof(shares));
        var e = 0.0;
        foreach (var s in shares)
        {
            if (s > 0)
            {
                e -= s * Math.Log2(s);
            }
        }

        return e;
    }

    /// <summary>Normalised Shannon entropy: entropy in bits ÷ log₂ n.</summary>
    /// <param name="shares">Shares 0–1 of all n firms of the market; they must sum to 1 (within 1e-9).</param>
    /// <returns>The ratio, or <see langword="null"/> for n = 1 (log₂ 1 = 0).</returns>
    /// <exception cref="ArgumentException">The shares do not sum to 1: with part of the market unallocated, n is unknown.</exception>
    /// <remarks>Source: concstats <c>concstats_entropy(normalized = TRUE)</c>.</remarks>
    public static double? NormalizedEntropy(IReadOnlyList<double> shares)
    {
        var e = Entropy(shares);
        Guard.WholeMarket(shares, nameof(shares));
        return shares.Count == 1 ? null : e / Math.Log2(shares.Count);
    }
}

/// <summary>An interval of the HHI on the 0–1 scale.</summary>
public sealed record HhiInterval
{
    /// <summary>Creates the interval.</summary>
    /// <param name="lower">Lowest HHI the shares as published allow, 0–1.</param>
    /// <param name="upper">Highest HHI they allow, 0–1, at least <paramref name="lower"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An end is NaN or outside [0, 1], or the lower end exceeds the upper (beyond binary noise).</exception>
    public HhiInterval(double lower, double upper)
    {
        Guard.InRange(lower, 0, 1 + Guard.SumNoise, nameof(lower));
        Guard.InRange(upper, lower - Guard.SumNoise, 1 + Guard.SumNoise, nameof(upper));
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Lowest HHI the published figures allow (remainder, ranges, rounding, unnamed ranks), 0–1.</summary>
    public double Lower { get; }

    /// <summary>Highest HHI the published figures allow, 0–1.</summary>
    public double Upper { get; }

    /// <summary>Lower end in points, 0–10,000.</summary>
    public double LowerPoints => Lower * PointsPerUnit;

    /// <summary>Upper end in points, 0–10,000.</summary>
    public double UpperPoints => Upper * PointsPerUnit;

    private const double PointsPerUnit = ConcentrationIndices.PointsPerUnit;
}
