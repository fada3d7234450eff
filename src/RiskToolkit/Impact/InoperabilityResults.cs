using Microsoft.Data.Analysis;

namespace RiskToolkit.Impact;

/// <summary>Result of <see cref="InoperabilityModel.Static"/>: the equilibrium inoperability of every sector.</summary>
/// <param name="SectorIds">Sector ids, in the table's order.</param>
/// <param name="DemandPerturbation">c*: the demand-side perturbation given, per sector, 0–1.</param>
/// <param name="Inoperability">q = c* + A* q: inoperability per sector, a fraction of the sector's planned output lost; 0 = fully operable, 1 = wholly inoperable. Not clamped: a value above 1 means the linear model is outside its domain (see <see cref="HasInoperabilityAboveOne"/>).</param>
/// <param name="IndirectInoperability">A* q: the part of q that reaches each sector through its suppliers and customers (q − c*), 0 or more.</param>
/// <param name="ConditionNumber">2-norm condition number of I − A* (ratio of its largest to smallest singular value).</param>
/// <param name="SpectralRadius">Spectral radius of A* (equal to A's, as the two are similar), below 1.</param>
public sealed record StaticInoperability(
    IReadOnlyList<string> SectorIds,
    IReadOnlyList<double> DemandPerturbation,
    IReadOnlyList<double> Inoperability,
    IReadOnlyList<double> IndirectInoperability,
    double ConditionNumber,
    double SpectralRadius)
{
    /// <summary>
    /// Whether some q_i exceeds 1, i.e. the model loses more than the sector's whole output. The linear
    /// model has no upper bound; such a perturbation is too large for it and the result overstates the loss.
    /// </summary>
    public bool HasInoperabilityAboveOne => Inoperability.Any(q => q > 1);

    /// <summary>Ids of the sectors whose q exceeds 1, in the table's order; empty when none does.</summary>
    public IReadOnlyList<string> SectorsAboveOne => SectorIds.Where((_, i) => Inoperability[i] > 1).ToArray();
}

/// <summary>One sector's row of a <see cref="CascadeLoss"/>.</summary>
/// <param name="SectorId">The sector.</param>
/// <param name="Name">Its display name.</param>
/// <param name="DirectLossUsd">Loss given for the sector (the outage's own effect on it), USD.</param>
/// <param name="CascadedLossUsd">Loss that reaches the sector through the input-output links, x̂_i ÷ 8760 × (A* q)_i × duration, USD, 0 or more.</param>
/// <param name="TotalLossUsd">Direct + cascaded, x̂_i ÷ 8760 × q_i × duration, USD.</param>
/// <param name="Inoperability">q_i, 0–1 (not clamped; above 1 when the loss exceeds the sector's output over the window).</param>
public sealed record SectorLoss(
    string SectorId,
    string Name,
    double DirectLossUsd,
    double CascadedLossUsd,
    double TotalLossUsd,
    double Inoperability);

/// <summary>Result of <see cref="InoperabilityModel.Cascade"/>: direct and cascaded losses by sector.</summary>
/// <param name="DurationHours">Length of the window, hours.</param>
/// <param name="Sectors">One row per sector of the table, in its order.</param>
/// <param name="Solution">The static solution the losses come from.</param>
public sealed record CascadeLoss(double DurationHours, IReadOnlyList<SectorLoss> Sectors, StaticInoperability Solution)
{
    /// <summary>Σ direct losses, USD.</summary>
    public double TotalDirectLossUsd => Sectors.Sum(s => s.DirectLossUsd);

    /// <summary>Σ cascaded losses, USD.</summary>
    public double TotalCascadedLossUsd => Sectors.Sum(s => s.CascadedLossUsd);

    /// <summary>Σ total losses, USD.</summary>
    public double TotalLossUsd => Sectors.Sum(s => s.TotalLossUsd);

    /// <summary>One row per sector: sector_id, name, direct_loss_usd, cascaded_loss_usd, total_loss_usd, inoperability.</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("sector_id", Sectors.Select(s => s.SectorId)),
        new StringDataFrameColumn("name", Sectors.Select(s => s.Name)),
        new DoubleDataFrameColumn("direct_loss_usd", Sectors.Select(s => s.DirectLossUsd)),
        new DoubleDataFrameColumn("cascaded_loss_usd", Sectors.Select(s => s.CascadedLossUsd)),
        new DoubleDataFrameColumn("total_loss_usd", Sectors.Select(s => s.TotalLossUsd)),
        new DoubleDataFrameColumn("inoperability", Sectors.Select(s => s.Inoperability)));
}

/// <summary>Result of <see cref="InoperabilityModel.Dynamic(IoTable, IReadOnlyList{double}, double, IReadOnlyList{double}, double, double)"/>: the inoperability path and the loss it costs.</summary>
/// <param name="SectorIds">Sector ids, in the table's order.</param>
/// <param name="SectorNames">Display names.</param>
/// <param name="StepHours">Δt, hours.</param>
/// <param name="TimesHours">t_0 = 0, t_1 = Δt, …, t_N = N·Δt ≤ horizon, hours (N + 1 values).</param>
/// <param name="Inoperability">q(t_m) per time (outer, N + 1) and sector (inner, n), 0–1, not clamped; q(0) = 0.</param>
/// <param name="ResiliencePerHour">k_i: each sector's recovery rate, per hour.</param>
/// <param name="LossUsd">Per sector, Σ_{m=0}^{N−1} x̂_i ÷ 8760 × q_i(t_m) × Δt, USD (q(t_m) held over [t_m, t_m+1), as in the forward scheme).</param>
public sealed record DynamicInoperability(
    IReadOnlyList<string> SectorIds,
    IReadOnlyList<string> SectorNames,
    double StepHours,
    IReadOnlyList<double> TimesHours,
    IReadOnlyList<IReadOnlyList<double>> Inoperability,
    IReadOnlyList<double> ResiliencePerHour,
    IReadOnlyList<double> LossUsd)
{
    /// <summary>Σ losses over the sectors, USD.</summary>
    public double TotalLossUsd => LossUsd.Sum();

    /// <summary>Whether q_i(t) exceeds 1 for some sector and time (the linear model is outside its domain there).</summary>
    public bool HasInoperabilityAboveOne => Inoperability.Any(row => row.Any(q => q > 1));

    /// <summary>The path: a time_hours column, then one column of q per sector named by its id.</summary>
    /// <returns>A new data frame with N + 1 rows.</returns>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn> { new DoubleDataFrameColumn("time_hours", TimesHours) };
        for (int i = 0; i < SectorIds.Count; i++)
        {
            int sector = i;
            columns.Add(new DoubleDataFrameColumn(SectorIds[i], Inoperability.Select(row => row[sector])));
        }

        return new DataFrame(columns);
    }

    /// <summary>One row per sector: sector_id, name, resilience_per_hour, loss_usd.</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame LossesToDataFrame() => new(
        new StringDataFrameColumn("sector_id", SectorIds),
        new StringDataFrameColumn("name", SectorNames),
        new DoubleDataFrameColumn("resilience_per_hour", ResiliencePerHour),
        new DoubleDataFrameColumn("loss_usd", LossUsd));
}
