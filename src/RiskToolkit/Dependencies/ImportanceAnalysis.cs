using Microsoft.Data.Analysis;

namespace RiskToolkit.Dependencies;

/// <summary>
/// Importance of one node for the expected loss W = Σ_s w_s·P(service s fails), where w_s is the
/// service's weight (1 per service, its users, revenue or criticality).
/// </summary>
/// <param name="NodeId">The node.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Layer">Its layer, or <see langword="null"/>.</param>
/// <param name="Unavailability">Its unavailability q (probability 0–1 that it is down).</param>
/// <param name="Birnbaum">I_B = W(q_i = 1) − W(q_i = 0), in the weight's unit (services, people, USD per year).</param>
/// <param name="FussellVesely">Share (0–1) of W coming from cut sets that contain the node, Σ_{C∋i} P(C) ÷ Σ_C P(C) (weighted by the services), the rare-event form; <see langword="null"/> when Σ_C P(C) = 0.</param>
/// <param name="RiskAchievementWorth">RAW = W(q_i = 1) ÷ W; <see langword="null"/> when W = 0.</param>
/// <param name="RiskReductionWorth">RRW = W ÷ W(q_i = 0); <see langword="null"/> when W(q_i = 0) = 0 (the node is in every cut set: removing its failure removes all risk, an unbounded worth).</param>
public sealed record NodeImportance(
    string NodeId,
    string Name,
    string? Layer,
    double Unavailability,
    double Birnbaum,
    double? FussellVesely,
    double? RiskAchievementWorth,
    double? RiskReductionWorth);

/// <summary>Result of <see cref="ImportanceAnalysis.Measures"/>.</summary>
/// <param name="ExpectedLoss">W at the given unavailabilities, in the weight's unit.</param>
/// <param name="Weight">What a failed service counts.</param>
/// <param name="MaxOrder">Order of the cut sets used (1–3).</param>
/// <param name="Nodes">One row per node that appears in some cut set, most Birnbaum-important first (ties by id).</param>
public sealed record ImportanceReport(double ExpectedLoss, SeverityMeasure Weight, int MaxOrder, IReadOnlyList<NodeImportance> Nodes)
{
    /// <summary>One row per node: node_id, name, layer, unavailability, birnbaum, fussell_vesely, raw, rrw (null cells where undefined).</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("node_id", Nodes.Select(n => n.NodeId)),
        new StringDataFrameColumn("name", Nodes.Select(n => n.Name)),
        new StringDataFrameColumn("layer", Nodes.Select(n => n.Layer)),
        new DoubleDataFrameColumn("unavailability", Nodes.Select(n => n.Unavailability)),
        new DoubleDataFrameColumn("birnbaum", Nodes.Select(n => n.Birnbaum)),
        new DoubleDataFrameColumn("fussell_vesely", Nodes.Select(n => n.FussellVesely)),
        new DoubleDataFrameColumn("raw", Nodes.Select(n => n.RiskAchievementWorth)),
        new DoubleDataFrameColumn("rrw", Nodes.Select(n => n.RiskReductionWorth)));
}

/// <summary>
/// Importance measures of nodes, given each node's unavailability: Birnbaum, Fussell–Vesely, risk
/// achievement worth (RAW) and risk reduction worth (RRW), for the expected weighted loss over all services.
/// </summary>
/// <remarks>
/// <para>
/// Definitions (METHODS 'Single points of failure'): Birnbaum I_B = P(top | node failed) − P(top | node
/// up) (Birnbaum 1969); Fussell–Vesely = share of the top-event probability from cut sets containing the
/// node (Fussell 1975); RAW = P(top | failed) ÷ P(top); RRW = P(top) ÷ P(top | up) (van der Borst and
/// Schoonakker, Reliability Engineering and System Safety 72 (2001) 241–245). Here the "top event" is
/// the expected weighted loss W = Σ_s w_s P_s; for one service with weight 1 it is that service's
/// failure probability, and for several the measures are the weighted sums of the per-service ones.
/// </para>
/// <para>
/// Each P_s is the minimal cut set upper bound over the service's minimal cut sets of order ≤ K,
/// 1 − Π_C (1 − Π_{i∈C} q_i), with nodes failing independently (Fault Tree Handbook NUREG-0492, ch. XI;
/// SAPHIRE's "MCUB"). It is exact when the cut sets share no node and an upper bound otherwise; cut sets
/// of order above K are left out, which understates P_s by at most their summed probability.
/// </para>
/// </remarks>
public static class ImportanceAnalysis
{
    /// <summary>Computes the four measures for every node that appears in a cut set of order ≤ <paramref name="maxOrder"/>.</summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="unavailability">Probability (0–1) that each node is down, by node id; nodes not listed get <paramref name="defaultUnavailability"/>.</param>
    /// <param name="defaultUnavailability">Unavailability of unlisted nodes, 0–1 (e.g. 0.001 ≈ 8.8 hours a year).</param>
    /// <param name="weight">What a failed service counts; unknown users, revenue or criticality count 0 and are not filled in.</param>
    /// <param name="maxOrder">Order of the cut sets used, 1 to <see cref="CutSetAnalysis.MaxSupportedOrder"/>.</param>
    /// <returns>The measures, most Birnbaum-important first.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> or <paramref name="unavailability"/> is null.</exception>
    /// <exception cref="ArgumentException">When an id names no node.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When an unavailability is outside [0, 1] or NaN, or <paramref name="maxOrder"/> is outside 1–3.</exception>
    public static ImportanceReport Measures(
        DependencyModel model,
        IReadOnlyDictionary<string, double> unavailability,
        double defaultUnavailability,
        SeverityMeasure weight = SeverityMeasure.Services,
        int maxOrder = 2)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(unavailability);
        Guard.InRange(defaultUnavailability, 0, 1, nameof(defaultUnavailability));
        if (maxOrder < 1 || maxOrder > CutSetAnalysis.MaxSupportedOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(maxOrder), maxOrder, $"Expected an order from 1 to {CutSetAnalysis.MaxSupportedOrder}.");
        }

        int m = model.Nodes.Count;
        var q = new double[m];
        Array.Fill(q, defaultUnavailability);
        foreach (var (id, value) in unavailability)
        {
            int i = model.IndexOfNode(id);
            if (i < 0)
            {
                throw new ArgumentException($"Unavailability given for '{id}', which is not a node of the model.", nameof(unavailability));
            }

            Guard.InRange(value, 0, 1, nameof(unavailability));
            q[i] = value;
        }

        var families = new CutSetFamilies(model, maxOrder);
        double total = 0;
        double cutSum = 0;
        // Over the services whose cut sets hold node i: Σ w·P, Σ w·P(q_i = 1), Σ w·P(q_i = 0). The other
        // services' part of W does not depend on q_i, so differences are taken within these sums only.
        var withP = new double[m];
        var failedP = new double[m];
        var upP = new double[m];
        var involved = new bool[m];
        var withNode = new double[m];   // Σ_s w_s Σ_{C∋i} P(C)
        var seen = new bool[m];
        var members = new List<int>();
        for (int s = 0; s < model.Services.Count; s++)
        {
            double w = Weight(model.Services[s], weight);
            List<int[]> family = families.OfDependent(m + s);
            if (w == 0 || family.Count == 0)
            {
                continue;
            }

            double p = Mcub(family, q, -1, 0);
            total += w * p;
            members.Clear();
            foreach (int[] set in family)
            {
                double pc = Product(set, q, -1, 0);
                cutSum += w * pc;
                foreach (int i in set)
                {
                    withNode[i] += w * pc;
                    if (!seen[i])
                    {
                        seen[i] = true;
                        members.Add(i);
                    }
                }
            }

            foreach (int i in members)
            {
                seen[i] = false;
                involved[i] = true;
                withP[i] += w * p;
                failedP[i] += w * Mcub(family, q, i, 1);
                upP[i] += w * Mcub(family, q, i, 0);
            }
        }

        var rows = new List<NodeImportance>();
        for (int i = 0; i < m; i++)
        {
            if (!involved[i])
            {
                continue;
            }

            double others = total - withP[i];
            double achieved = others + failedP[i];
            double reduced = others + upP[i];
            DependencyNode node = model.Nodes[i];
            rows.Add(new NodeImportance(
                node.NodeId,
                node.Name,
                node.Layer,
                q[i],
                failedP[i] - upP[i],
                cutSum > 0 ? withNode[i] / cutSum : null,
                total > 0 ? achieved / total : null,
                reduced > 0 ? total / reduced : null));
        }

        NodeImportance[] ranked = rows.OrderByDescending(r => r.Birnbaum).ThenBy(r => r.NodeId, StringComparer.Ordinal).ToArray();
        return new ImportanceReport(total, weight, maxOrder, ranked);
    }

    private static double Weight(DependentService service, SeverityMeasure weight) => weight switch
    {
        SeverityMeasure.Users => service.Users ?? 0,
        SeverityMeasure.Revenue => service.AnnualRevenueUsd ?? 0,
        SeverityMeasure.Criticality => service.Criticality ?? 0,
        _ => 1,
    };

    /// <summary>Minimal cut set upper bound, with node <paramref name="fixedNode"/> (or none, −1) set to <paramref name="fixedValue"/>.</summary>
    /// <remarks>1 − Π(1 − p) is computed as −expm1(Σ log1p(−p)), which keeps its precision when every p is tiny (1 − p rounds to 1 below about 1e-16).</remarks>
    private static double Mcub(List<int[]> family, double[] q, int fixedNode, double fixedValue)
    {
        double logNone = 0;
        foreach (int[] set in family)
        {
            double p = Product(set, q, fixedNode, fixedValue);
            if (p >= 1)
            {
                return 1;
            }

            logNone += Log1p(-p);
        }

        return -Expm1(logNone);
    }

    // Kahan's formulas (Goldberg, "What every computer scientist should know about floating-point
    // arithmetic", 1991, Theorem 4): accurate to a few ulps for every argument. .NET's LogP1 and ExpM1
    // compute log(1 + x) and exp(x) − 1 directly, and MathNet's Log1p/Expm1 were 2e-10 off in relative
    // terms here, far from the 1e-15 these sums need.
    private static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    private static double Product(int[] set, double[] q, int fixedNode, double fixedValue)
    {
        double p = 1;
        foreach (int i in set)
        {
            p *= i == fixedNode ? fixedValue : q[i];
        }

        return p;
    }
}
