using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace RiskToolkit.Impact;

/// <summary>
/// The Inoperability Input-Output Model (IIM): how a loss of output in some sectors spreads to the
/// others through what they buy from each other, at equilibrium (<see cref="Static"/>,
/// <see cref="Cascade"/>) and over time (<see cref="Dynamic(IoTable, IReadOnlyList{double}, double, IReadOnlyList{double}, double, double)"/>).
/// </summary>
/// <remarks>
/// <para>
/// Inoperability q_i = (x̂_i − x̃_i) ÷ x̂_i is the fraction of sector i's planned output x̂_i that is
/// lost (x̃_i is the degraded output); 0 = fully operable, 1 = wholly inoperable. With the technical
/// coefficients A of an input-output table, the interdependency matrix is A* = diag(x̂)⁻¹ A diag(x̂)
/// (A*[i, j] = A[i, j] x̂_j ÷ x̂_i), and a demand-side perturbation c* (the fraction of each sector's
/// output lost directly) settles at q = A* q + c*, so q = (I − A*)⁻¹ c*. The dynamic model (DIIM) is
/// q(t + Δt) = q(t) + Δt K [A* q(t) + c*(t) − q(t)] with K = diag(k_i) the resilience (recovery rate)
/// matrix. Sources: Santos and Haimes, "Modeling the demand reduction input-output (I-O)
/// inoperability due to terrorism of interconnected infrastructures", Risk Analysis 24(6) 2004,
/// 1437–1451; Haimes, Horowitz, Lambert, Santos, Lian and Crowther, "Inoperability input-output model
/// for interdependent infrastructure sectors. I: Theory and methodology", Journal of Infrastructure
/// Systems 11(2) 2005, 67–79; Lian and Haimes, "Managing the risk of terrorism to interdependent
/// infrastructure systems through the dynamic inoperability input-output model", Systems Engineering
/// 9(3) 2006, 241–258 (the recovery rate k_i). METHODS 'Economic impact'.
/// </para>
/// <para>
/// The model is linear and has no ceiling: q is never clamped to 1, and results say when some q_i
/// exceeds 1 (the perturbation is then too large for the model and the loss is overstated). Before
/// solving, every method checks that I − A* is well conditioned (2-norm condition number at most
/// <see cref="MaxConditionNumber"/>) and that A* is productive (spectral radius below 1).
/// R equivalent: none on CRAN for the IIM itself; <c>ioanalysis::leontief.inv</c> gives (I − A)⁻¹.
/// </para>
/// </remarks>
public static class InoperabilityModel
{
    /// <summary>
    /// Largest 2-norm condition number κ(I − A*) accepted, 1e8. The relative error of a solution in
    /// double precision is up to about κ × 1.1e-16, so at 1e8 about eight significant digits remain,
    /// ample for loss estimates; beyond it I − A* is close to singular (a sector nearly buys its whole
    /// output back from the system) and small errors in A swamp the answer. The bundled BEA 2015 table
    /// has κ = 3.716.
    /// </summary>
    public const double MaxConditionNumber = 1e8;

    /// <summary>Hours per year (365 × 24), to turn output per year into output per hour.</summary>
    public const double HoursPerYear = 8760;

    /// <summary>
    /// Inoperability left at the end of a sector's recovery time, as a fraction of where it started:
    /// 0.01, i.e. "99 % recovered" (Haimes et al. 2005; Lian and Haimes 2006).
    /// </summary>
    public const double RemainingAtRecovery = 0.01;

    /// <summary>Most time steps <see cref="Dynamic(IoTable, IReadOnlyList{double}, double, IReadOnlyList{double}, double, double)"/> takes (the path is kept in memory).</summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>The interdependency matrix A* = diag(x̂)⁻¹ A diag(x̂): A*[i, j] = A[i, j] × x̂_j ÷ x̂_i.</summary>
    /// <param name="table">The input-output table.</param>
    /// <returns>A new n×n matrix. A*[i, j] is the inoperability that sector i takes on per unit of inoperability of sector j (dimensionless). Its row sums are the shares of each sector's output sold to intermediate use; its column sums may exceed 1.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="table"/> is null.</exception>
    /// <remarks>Santos and Haimes 2004, eq. (7); Haimes et al. 2005, eq. (4).</remarks>
    public static Matrix<double> InterdependencyMatrix(IoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var x = table.TotalOutputUsd;
        return Matrix<double>.Build.Dense(table.Count, table.Count, (i, j) => table.Coefficients[i, j] * x[j] / x[i]);
    }

    /// <summary>Equilibrium inoperability q = (I − A*)⁻¹ c* for a demand-side perturbation c*.</summary>
    /// <param name="table">The input-output table.</param>
    /// <param name="demandPerturbation">c*: per sector in the table's order, the fraction 0–1 of its output lost directly.</param>
    /// <returns>q per sector (not clamped), its direct and indirect parts, and the condition number and spectral radius checked.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="demandPerturbation"/> does not have one entry per sector; or, naming <paramref name="table"/>, when I − A* is singular or its condition number exceeds <see cref="MaxConditionNumber"/>, or A* is not productive (spectral radius ≥ 1).</exception>
    /// <exception cref="ArgumentOutOfRangeException">When an entry of <paramref name="demandPerturbation"/> is NaN or outside [0, 1].</exception>
    /// <remarks>
    /// I − A* is a nonsingular M-matrix (off-diagonal entries ≤ 0, inverse ≥ 0), so Gaussian elimination
    /// needs no pivoting and keeps every sign: the solution q̃ is ≥ 0 exactly, not only up to rounding
    /// (Funderlic and Plemmons, "LU decomposition of M-matrices by elimination without pivoting", Linear
    /// Algebra and its Applications 41, 1981, 99–110). A pivoting LU (as MathNet's) can leave −1e-30 where
    /// the answer is 0. q is reported as c* + A* q̃ (one fixed-point step, which keeps the accuracy), so
    /// q = c* + indirect holds exactly with the indirect part ≥ 0. Santos and Haimes 2004, eq. (9).
    /// </remarks>
    public static StaticInoperability Static(IoTable table, IReadOnlyList<double> demandPerturbation)
    {
        ArgumentNullException.ThrowIfNull(table);
        double[] c = Perturbation(demandPerturbation, table.Count, nameof(demandPerturbation));
        Prepared model = Prepare(table, nameof(table));
        return Solve(table, model, c);
    }

    /// <summary>
    /// Direct and cascaded losses by sector: the direct losses of an outage lasting
    /// <paramref name="durationHours"/>, spread through the table.
    /// </summary>
    /// <param name="table">The input-output table.</param>
    /// <param name="directLossUsdBySector">Direct loss per sector id, USD over the window, each finite and ≥ 0; sectors left out lose nothing directly.</param>
    /// <param name="durationHours">Length of the window, hours, finite and &gt; 0.</param>
    /// <returns>One row per sector of the table with direct, cascaded and total losses (USD) and q.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When a key is not a sector id of the table (the message names it); when a direct loss exceeds the sector's output over the window (c* &gt; 1); or, naming <paramref name="table"/>, as <see cref="Static"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a loss is negative or not finite, or <paramref name="durationHours"/> is not a finite number &gt; 0.</exception>
    /// <remarks>
    /// With hourly output h_i = x̂_i ÷ 8760 and window output W_i = h_i × duration: c*_i = direct_i ÷ W_i;
    /// q = (I − A*)⁻¹ c*; total_i = W_i × q_i; cascaded_i = total_i − direct_i = W_i × (A* q)_i. The table's
    /// outputs are annual, so the window's output is the year's spread evenly over its hours. METHODS
    /// 'Economic impact' (loss = Σ x̂_i q_i × duration); Santos and Haimes 2004, §4 (economic loss).
    /// </remarks>
    public static CascadeLoss Cascade(IoTable table, IReadOnlyDictionary<string, double> directLossUsdBySector, double durationHours)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(directLossUsdBySector);
        Positive(durationHours, nameof(durationHours), "hours");
        int n = table.Count;
        var direct = new double[n];
        var window = new double[n];
        for (int i = 0; i < n; i++)
        {
            window[i] = table.TotalOutputUsd[i] / HoursPerYear * durationHours;
        }

        var c = new double[n];
        foreach (var (sector, loss) in directLossUsdBySector)
        {
            int i = sector is null ? -1 : table.IndexOf(sector);
            if (i < 0)
            {
                throw new ArgumentException(
                    $"Unknown sector '{sector}': expected one of {string.Join(", ", table.SectorIds)}.",
                    nameof(directLossUsdBySector));
            }

            if (!double.IsFinite(loss) || loss < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(directLossUsdBySector), loss, $"Direct loss of sector '{sector}' must be a finite number ≥ 0 (USD).");
            }

            direct[i] = loss;
            c[i] = loss / window[i];
            if (c[i] > 1)
            {
                throw new ArgumentException(
                    $"Direct loss of sector '{sector}' ({Show(loss)} USD) exceeds the sector's whole output over the {Show(durationHours)} h window "
                    + $"(x̂ ÷ 8760 × hours = {Show(window[i])} USD), so c* = {Show(c[i])} > 1.",
                    nameof(directLossUsdBySector));
            }
        }

        Prepared model = Prepare(table, nameof(table));
        StaticInoperability solution = Solve(table, model, c);
        var rows = new SectorLoss[n];
        for (int i = 0; i < n; i++)
        {
            double cascaded = window[i] * solution.IndirectInoperability[i];
            rows[i] = new SectorLoss(table.SectorIds[i], table.SectorNames[i], direct[i], cascaded, direct[i] + cascaded, solution.Inoperability[i]);
        }

        return new CascadeLoss(durationHours, rows, solution);
    }

    /// <summary>
    /// The dynamic model (DIIM) with one recovery time per sector: the path q(t) under a perturbation
    /// c* that lasts <paramref name="perturbationHours"/>, and the output it costs.
    /// </summary>
    /// <param name="table">The input-output table.</param>
    /// <param name="demandPerturbation">c*: per sector, the fraction 0–1 of its output lost directly while the perturbation lasts.</param>
    /// <param name="perturbationHours">How long c* applies, hours, finite and ≥ 0: c*(t) = c* while t &lt; perturbationHours, 0 after.</param>
    /// <param name="recoveryHours">T_i per sector: hours for the sector to recover 99 % of an inoperability on its own (q(T) ÷ q(0) = 0.01), finite and &gt; 0.</param>
    /// <param name="stepHours">Δt, hours, finite and &gt; 0, with k_i Δt ≤ 1 for every sector.</param>
    /// <param name="horizonHours">Length of the path, hours, finite and ≥ <paramref name="stepHours"/>; the path takes N = ⌊horizon ÷ Δt⌋ steps (at most <see cref="MaxSteps"/>).</param>
    /// <returns>Times, q per time and sector (q(0) = 0), the recovery rates k_i and the loss per sector.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When a list does not have one entry per sector, the path would take more than <see cref="MaxSteps"/> steps, or, naming <paramref name="table"/>, as <see cref="Static"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a number is NaN or out of its range, or k_i Δt &gt; 1 for some sector (the message names it and the longest stable step).</exception>
    /// <remarks>
    /// <para>
    /// Step: q(t + Δt) = q(t) + Δt K [A* q(t) + c*(t) − q(t)], K = diag(k_i) per hour, with
    /// k_i = ln(q(0) ÷ q(T_i)) ÷ (T_i (1 − a*_ii)) = ln(100) ÷ (T_i (1 − a*_ii)) (Lian and Haimes 2006;
    /// Haimes et al. 2005, eq. (13)): a sector alone with its own feedback a*_ii returns to 1 % of its
    /// inoperability in T_i hours.
    /// </para>
    /// <para>
    /// Stability of this explicit (forward Euler) scheme: when every k_i Δt ≤ 1 the step matrix
    /// M = I − Δt K + Δt K A* is nonnegative and I − M = Δt K (I − A*) is a nonsingular M-matrix (A*
    /// productive), so the spectral radius of M is below 1: the path converges, never oscillates and stays
    /// ≥ 0. A longer step is rejected. Under a perturbation that lasts beyond the horizon, q(t) tends to the
    /// static solution (I − A*)⁻¹ c*, the model's fixed point.
    /// </para>
    /// <para>Loss_i = Σ_{m=0}^{N−1} x̂_i ÷ 8760 × q_i(t_m) × Δt, USD (METHODS 'Economic impact').</para>
    /// </remarks>
    public static DynamicInoperability Dynamic(
        IoTable table,
        IReadOnlyList<double> demandPerturbation,
        double perturbationHours,
        IReadOnlyList<double> recoveryHours,
        double stepHours,
        double horizonHours)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(recoveryHours);
        int n = table.Count;
        double[] c = Perturbation(demandPerturbation, n, nameof(demandPerturbation));
        if (!double.IsFinite(perturbationHours) || perturbationHours < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perturbationHours), perturbationHours, "Expected a finite number of hours ≥ 0.");
        }

        if (recoveryHours.Count != n)
        {
            throw new ArgumentException($"Expected {n} recovery times, one per sector, found {recoveryHours.Count}.", nameof(recoveryHours));
        }

        for (int i = 0; i < n; i++)
        {
            Positive(recoveryHours[i], nameof(recoveryHours), $"hours (sector '{table.SectorIds[i]}')");
        }

        Positive(stepHours, nameof(stepHours), "hours");
        if (!double.IsFinite(horizonHours) || horizonHours < stepHours)
        {
            throw new ArgumentOutOfRangeException(nameof(horizonHours), horizonHours, $"Expected a finite number of hours ≥ the step ({Show(stepHours)} h).");
        }

        // The small slack keeps a horizon that is a whole number of steps from losing its last step to rounding.
        double steps = Math.Floor((horizonHours / stepHours) + 1e-9);
        if (steps > MaxSteps)
        {
            throw new ArgumentException($"The horizon of {Show(horizonHours)} h takes {Show(steps)} steps of {Show(stepHours)} h; at most {MaxSteps} are allowed.", nameof(horizonHours));
        }

        Prepared model = Prepare(table, nameof(table));
        Matrix<double> aStar = model.AStar;
        var k = new double[n];
        for (int i = 0; i < n; i++)
        {
            k[i] = Math.Log(1 / RemainingAtRecovery) / (recoveryHours[i] * (1 - aStar[i, i]));
            if (k[i] * stepHours > 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(stepHours),
                    stepHours,
                    $"Step too long for sector '{table.SectorIds[i]}' (recovery {Show(recoveryHours[i])} h): k·Δt = {Show(k[i] * stepHours)} > 1, "
                    + $"where the explicit scheme overshoots and may oscillate or diverge; use a step of at most 1/k = {Show(1 / k[i])} h.");
            }
        }

        int count = (int)steps;
        var times = new double[count + 1];
        var path = new IReadOnlyList<double>[count + 1];
        var loss = new double[n];
        var q = Vector<double>.Build.Dense(n);
        var perturbation = Vector<double>.Build.DenseOfArray(c);
        var none = Vector<double>.Build.Dense(n);
        path[0] = q.ToArray();
        for (int m = 0; m < count; m++)
        {
            double t = m * stepHours;
            for (int i = 0; i < n; i++)
            {
                loss[i] += table.TotalOutputUsd[i] / HoursPerYear * q[i] * stepHours;
            }

            Vector<double> drive = t < perturbationHours ? perturbation : none;
            Vector<double> gap = (aStar * q) + drive - q;
            q = q + Vector<double>.Build.Dense(n, i => stepHours * k[i] * gap[i]);
            times[m + 1] = (m + 1) * stepHours;
            path[m + 1] = q.ToArray();
        }

        return new DynamicInoperability(table.SectorIds, table.SectorNames, stepHours, times, path, k, loss);
    }

    /// <summary>
    /// The dynamic model with the same recovery time for every sector; see
    /// <see cref="Dynamic(IoTable, IReadOnlyList{double}, double, IReadOnlyList{double}, double, double)"/>.
    /// </summary>
    /// <param name="table">The input-output table.</param>
    /// <param name="demandPerturbation">c* per sector, 0–1.</param>
    /// <param name="perturbationHours">How long c* applies, hours, ≥ 0.</param>
    /// <param name="recoveryHours">T: hours for every sector to recover 99 % on its own, &gt; 0.</param>
    /// <param name="stepHours">Δt, hours, &gt; 0.</param>
    /// <param name="horizonHours">Length of the path, hours, ≥ Δt.</param>
    /// <returns>As the per-sector overload.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">As the per-sector overload.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As the per-sector overload, and when <paramref name="recoveryHours"/> is not a finite number &gt; 0.</exception>
    public static DynamicInoperability Dynamic(
        IoTable table,
        IReadOnlyList<double> demandPerturbation,
        double perturbationHours,
        double recoveryHours,
        double stepHours,
        double horizonHours)
    {
        ArgumentNullException.ThrowIfNull(table);
        Positive(recoveryHours, nameof(recoveryHours), "hours");
        return Dynamic(table, demandPerturbation, perturbationHours, Enumerable.Repeat(recoveryHours, table.Count).ToArray(), stepHours, horizonHours);
    }

    /// <summary>A*, I − A* and the figures checked.</summary>
    private sealed record Prepared(Matrix<double> AStar, Matrix<double> System, double ConditionNumber, double SpectralRadius);

    /// <summary>Builds A* and checks, before any solve, that I − A* is well conditioned and A* productive.</summary>
    private static Prepared Prepare(IoTable table, string paramName)
    {
        Matrix<double> aStar = InterdependencyMatrix(table);
        Matrix<double> system = Matrix<double>.Build.DenseIdentity(table.Count) - aStar;
        double condition = system.ConditionNumber();
        if (!(condition <= MaxConditionNumber))
        {
            string value = double.IsFinite(condition) ? Show(condition) : "infinite";
            throw new ArgumentException(
                $"I − A* is singular or ill-conditioned: its 2-norm condition number is {value}, above the limit of {Show(MaxConditionNumber)} "
                + "(beyond it rounding swamps the solution). Check that every column sum of A is below 1.",
                paramName);
        }

        double radius = aStar.Evd().EigenValues.Max(e => e.Magnitude);
        if (!(radius < 1))
        {
            throw new ArgumentException(
                $"A* is not productive: its spectral radius is {Show(radius)}, expected below 1 (every column sum of A below 1 ensures it); the model has no meaningful solution.",
                paramName);
        }

        return new Prepared(aStar, system, condition, radius);
    }

    private static StaticInoperability Solve(IoTable table, Prepared model, double[] c)
    {
        var perturbation = Vector<double>.Build.DenseOfArray(c);
        Vector<double> solved = Vector<double>.Build.DenseOfArray(SolveWithoutPivoting(model.System, c));
        Vector<double> indirect = model.AStar * solved;
        double[] q = (perturbation + indirect).ToArray();
        return new StaticInoperability(table.SectorIds, c, q, indirect.ToArray(), model.ConditionNumber, model.SpectralRadius);
    }

    /// <summary>
    /// Solves M x = b for the M-matrix M = I − A* and b ≥ 0 by Gaussian elimination without pivoting. Every
    /// multiplier is ≤ 0 and every off-diagonal entry stays ≤ 0, so each update adds nonnegative terms and
    /// x ≥ 0 holds exactly in floating point.
    /// </summary>
    private static double[] SolveWithoutPivoting(Matrix<double> system, double[] b)
    {
        int n = b.Length;
        double[,] u = system.ToArray();
        double[] y = (double[])b.Clone();
        for (int k = 0; k < n; k++)
        {
            double pivot = u[k, k];
            if (!(pivot > 0))
            {
                // Cannot happen for a productive A* that passed the conditioning check.
                throw new InvalidOperationException($"Elimination met a pivot of {Show(pivot)} at row {k}: I − A* is not a nonsingular M-matrix.");
            }

            for (int i = k + 1; i < n; i++)
            {
                double multiplier = u[i, k] / pivot;
                if (multiplier == 0)
                {
                    continue;
                }

                for (int j = k + 1; j < n; j++)
                {
                    u[i, j] -= multiplier * u[k, j];
                }

                y[i] -= multiplier * y[k];
            }
        }

        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int j = i + 1; j < n; j++)
            {
                sum -= u[i, j] * x[j];
            }

            x[i] = sum / u[i, i];
        }

        return x;
    }

    private static double[] Perturbation(IReadOnlyList<double> values, int n, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        if (values.Count != n)
        {
            throw new ArgumentException($"Expected {n} entries, one per sector, found {values.Count}.", paramName);
        }

        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            Guard.InRange(values[i], 0, 1, paramName);
            c[i] = values[i];
        }

        return c;
    }

    private static void Positive(double value, string paramName, string unit)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Expected a finite number of {unit} > 0.");
        }
    }

    private static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
