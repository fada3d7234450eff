using Microsoft.Data.Analysis;

namespace RiskToolkit.Dependencies;

/// <summary>
/// How the services that require a layer meet that requirement. Each service counts once per layer, in
/// the first class that applies to any of its groups of that layer: critical, then self only, then self
/// and third party, then redundant.
/// </summary>
/// <param name="Layer">The layer.</param>
/// <param name="Services">Services with at least one requirement group of the layer.</param>
/// <param name="Critical">Services with a group whose only alternative is one third-party node (a single point of failure in the layer; "critically dependent" in Kashaf et al. 2020).</param>
/// <param name="SelfOnly">Services served only by their own infrastructure (<see cref="NodeKind.Self"/> nodes) in the layer.</param>
/// <param name="SelfAndThirdParty">Services with their own infrastructure as an alternative to one or more third parties.</param>
/// <param name="Redundant">Services with two or more third-party alternatives in every group of the layer.</param>
public sealed record LayerRedundancy(string Layer, int Services, int Critical, int SelfOnly, int SelfAndThirdParty, int Redundant);

/// <summary>Result of <see cref="RedundancyAnalysis.ByLayer"/>.</summary>
/// <param name="Layers">One row per layer that some service requires, in the model's layer order (layers only nodes require are left out).</param>
public sealed record RedundancyReport(IReadOnlyList<LayerRedundancy> Layers)
{
    /// <summary>One row per layer: layer, services, critical, self_only, self_and_third_party, redundant.</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("layer", Layers.Select(l => l.Layer)),
        new Int32DataFrameColumn("services", Layers.Select(l => l.Services)),
        new Int32DataFrameColumn("critical", Layers.Select(l => l.Critical)),
        new Int32DataFrameColumn("self_only", Layers.Select(l => l.SelfOnly)),
        new Int32DataFrameColumn("self_and_third_party", Layers.Select(l => l.SelfAndThirdParty)),
        new Int32DataFrameColumn("redundant", Layers.Select(l => l.Redundant)));
}

/// <summary>
/// Redundancy breakdown of the services' direct requirements by layer: critical, redundant, or served
/// by their own infrastructure (Kashaf, Sekar and Agarwal, ACM IMC 2020, §3: third-party, private,
/// critical and redundant dependencies).
/// </summary>
public static class RedundancyAnalysis
{
    private const int None = 0;
    private const int Redundant = 1;
    private const int SelfAndThirdParty = 2;
    private const int SelfOnly = 3;
    private const int Critical = 4;

    /// <summary>Classifies every service's requirement groups, layer by layer.</summary>
    /// <param name="model">The compiled model.</param>
    /// <returns>One row per layer.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null.</exception>
    public static RedundancyReport ByLayer(DependencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int layers = model.Layers.Count;
        var counts = new int[layers, 5];
        var classOf = new int[layers];
        int m = model.Nodes.Count;
        for (int s = 0; s < model.Services.Count; s++)
        {
            Array.Clear(classOf);
            int d = m + s;
            for (int g = model.GroupStart[d]; g < model.GroupStart[d + 1]; g++)
            {
                ReadOnlySpan<int> targets = model.Targets(model.GroupKey[g]);
                int self = 0;
                foreach (int t in targets)
                {
                    if (model.Nodes[t].Kind == NodeKind.Self)
                    {
                        self++;
                    }
                }

                int kind = self == targets.Length ? SelfOnly
                    : self > 0 ? SelfAndThirdParty
                    : targets.Length == 1 ? Critical
                    : Redundant;
                int layer = model.GroupLayer[g];
                classOf[layer] = Math.Max(classOf[layer], kind);
            }

            for (int l = 0; l < layers; l++)
            {
                counts[l, classOf[l]]++;
            }
        }

        var rows = new List<LayerRedundancy>();
        for (int l = 0; l < layers; l++)
        {
            int services = counts[l, Redundant] + counts[l, SelfAndThirdParty] + counts[l, SelfOnly] + counts[l, Critical];
            if (services > 0)
            {
                rows.Add(new LayerRedundancy(model.Layers[l], services, counts[l, Critical], counts[l, SelfOnly], counts[l, SelfAndThirdParty], counts[l, Redundant]));
            }
        }

        return new RedundancyReport(rows);
    }
}
