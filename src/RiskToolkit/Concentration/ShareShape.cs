namespace RiskToolkit.Concentration;

/// <summary>
/// How an index responds to a transfer of share from a larger firm to a smaller one (a Pigou–Dalton
/// transfer), which decides where <see cref="ShareIntervals.Range"/> finds its ends.
/// </summary>
/// <remarks>
/// Marshall, Olkin &amp; Arnold, <i>Inequalities: Theory of Majorization and Its Applications</i>,
/// 2nd ed. (Springer, 2011), ch. 3: a Schur-convex function never increases under such a transfer.
/// </remarks>
public enum ShareShape
{
    /// <summary>Schur-convex and quasi-convex: a concentration index (HHI, CRk, Gini, Theil, …); falls under equalising transfers.</summary>
    SchurConvex,

    /// <summary>Schur-concave and quasi-concave: a diversity index (Shannon entropy, Simpson); rises under equalising transfers.</summary>
    SchurConcave,
}
