using System.Runtime.CompilerServices;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Impact;

/// <summary>
/// The affected services of a scenario in scope, as flat arrays: what the direct loss and every Monte Carlo
/// trial read. Windows are kept in hours from the first failure so that a trial can stretch the timeline.
/// </summary>
internal sealed class LossExposure
{
    private readonly DependentService[] services;
    private readonly double[][] starts;
    private readonly double[][] ends;
    private readonly double waiting;
    private readonly double deductible;
    private readonly double limit;
    private readonly double takeUp;

    private LossExposure(
        OutageScenario scenario,
        OutageTimeline timeline,
        DependentService[] services,
        int[] sectorIndex,
        SectorParameters[] sectorTable,
        LossScope scope)
    {
        Scenario = scenario;
        Timeline = timeline;
        this.services = services;
        SectorIndex = sectorIndex;
        Sectors = sectorTable;
        Scope = scope;
        waiting = scenario.Insurance.WaitingPeriodHours;
        deductible = scenario.Insurance.DeductibleUsd;
        limit = scenario.Insurance.LimitUsd ?? double.PositiveInfinity;
        takeUp = scenario.Insurance.TakeUp;
        int n = services.Length;
        Hourly = new double[n];
        UsesDefault = new bool[n];
        Recovered = new double[n];
        Incident = new double[n];
        Lag = new double[n];
        starts = new double[n][];
        ends = new double[n][];
        var outages = timeline.Services.ToDictionary(o => o.ServiceId, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            SectorParameters p = sectorTable[sectorIndex[i]];
            double? revenue = services[i].AnnualRevenueUsd;
            UsesDefault[i] = revenue is null;
            Hourly[i] = revenue is { } r ? r / DirectLoss.HoursPerYear * p.LossFraction : p.DowntimeCostUsdPerHour;
            Recovered[i] = p.RecoveryFraction;
            Incident[i] = p.IncidentCostUsd;
            ServiceOutage o = outages[services[i].ServiceId];
            Lag[i] = o.LagHours;
            starts[i] = o.RequirementWindows.Select(w => (w.StartUtc - timeline.StartUtc).TotalHours).ToArray();
            ends[i] = o.RequirementWindows.Select(w => (w.EndUtc - timeline.StartUtc).TotalHours).ToArray();
        }
    }

    public OutageScenario Scenario { get; }

    public OutageTimeline Timeline { get; }

    public LossScope Scope { get; }

    public int Count => services.Length;

    /// <summary>Expected loss per hour down before recovery (USD per hour).</summary>
    public double[] Hourly { get; }

    public bool[] UsesDefault { get; }

    public double[] Recovered { get; }

    public double[] Incident { get; }

    public double[] Lag { get; }

    /// <summary>Index into <see cref="Sectors"/> of each service.</summary>
    public int[] SectorIndex { get; }

    /// <summary>The parameters of the sectors the affected services belong to.</summary>
    public SectorParameters[] Sectors { get; }

    public DependentService Service(int i) => services[i];

    /// <summary>Length in hours of the one requirement window of service <paramref name="i"/>, or −1 when it has several.</summary>
    public double SingleWindowHours(int i) => starts[i].Length == 1 ? ends[i][0] - starts[i][0] : -1;

    /// <summary>
    /// Hours down when the timeline is stretched by <paramref name="stretch"/> from the first failure: each
    /// requirement window [a, b] becomes [s·a, s·b + lag], overlaps merged.
    /// </summary>
    public double HoursAt(int i, double stretch)
    {
        double[] a = starts[i], b = ends[i];
        double lag = Lag[i];
        if (a.Length == 1)
        {
            return (stretch * (b[0] - a[0])) + lag;
        }

        double total = 0, from = stretch * a[0], to = (stretch * b[0]) + lag;
        for (int k = 1; k < a.Length; k++)
        {
            double s = stretch * a[k], e = (stretch * b[k]) + lag;
            if (s <= to)
            {
                to = Math.Max(to, e);
            }
            else
            {
                total += to - from;
                from = s;
                to = e;
            }
        }

        return total + (to - from);
    }

    /// <summary>Direct loss: hourly × hours × (1 − recovered) + incident cost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Direct(double hourly, double hours, double recovered, double incident) => (hourly * hours * (1 - recovered)) + incident;

    /// <summary>Expected insured loss: take-up × min(limit, hourly × (1 − recovered) × hours beyond the waiting period − deductible), never below 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Insured(double hourly, double hours, double recovered)
    {
        double covered = (hourly * (1 - recovered) * Math.Max(0, hours - waiting)) - deductible;
        return covered > 0 ? takeUp * Math.Min(limit, covered) : 0;
    }

    public static LossExposure Build(DependencyModel model, OutageScenario scenario, IReadOnlyList<SectorParameters> sectors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(sectors);
        CheckInsurance(scenario.Insurance);
        var bySector = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < sectors.Count; k++)
        {
            SectorParameters p = sectors[k] ?? throw new ArgumentException($"Sector parameters [{k}] are null.", nameof(sectors));
            CheckSector(p);
            if (!bySector.TryAdd(p.Sector, k))
            {
                throw new ArgumentException($"Sector '{p.Sector}' has two rows of parameters.", nameof(sectors));
            }
        }

        OutageTimeline timeline = OutageTimeline.Build(model, scenario.Failures, scenario.RecoveryLags);
        bool[] inScope = InScope(model.Services, scenario.Filters ?? ScenarioFilters.None, out int unknownRevenue);
        var down = new HashSet<string>(timeline.Services.Select(o => o.ServiceId), StringComparer.Ordinal);
        var affected = new List<DependentService>();
        var sectorOf = new List<int>();
        var used = new List<SectorParameters>();
        var usedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int outside = 0;
        for (int s = 0; s < model.Services.Count; s++)
        {
            DependentService service = model.Services[s];
            if (!down.Contains(service.ServiceId))
            {
                continue;
            }

            if (!inScope[s])
            {
                outside++;
                continue;
            }

            string sector = service.Sector
                ?? throw new ArgumentException($"Service '{service.ServiceId}' is affected but has no sector, so no loss parameters apply; give it a NAICS sector in services.csv.", nameof(model));
            if (!bySector.TryGetValue(sector, out int k))
            {
                throw new ArgumentException($"Service '{service.ServiceId}' is in sector '{sector}', which has no row in the sector parameters.", nameof(sectors));
            }

            if (!usedIndex.TryGetValue(sector, out int u))
            {
                u = used.Count;
                usedIndex.Add(sector, u);
                used.Add(sectors[k]);
            }

            affected.Add(service);
            sectorOf.Add(u);
        }

        int inScopeCount = inScope.Count(x => x);
        int defaults = affected.Count(s => s.AnnualRevenueUsd is null);
        var scope = new LossScope(model.Services.Count, inScopeCount, affected.Count, outside, unknownRevenue, defaults);
        return new LossExposure(scenario, timeline, affected.ToArray(), sectorOf.ToArray(), used.ToArray(), scope);
    }

    /// <summary>Which services the filters keep; a top-by-revenue segment ranks known revenues (ties by model order).</summary>
    private static bool[] InScope(IReadOnlyList<DependentService> services, ScenarioFilters filters, out int unknownRevenue)
    {
        var countries = new HashSet<string>(filters.Countries ?? [], StringComparer.Ordinal);
        var sectors = new HashSet<string>(filters.Sectors ?? [], StringComparer.Ordinal);
        var keep = new bool[services.Count];
        for (int s = 0; s < services.Count; s++)
        {
            DependentService d = services[s];
            keep[s] = (countries.Count == 0 || (d.Country is { } c && countries.Contains(c)))
                && (sectors.Count == 0 || (d.Sector is { } k && sectors.Contains(k)));
        }

        unknownRevenue = 0;
        if (filters.TopByRevenue is not { } top)
        {
            return keep;
        }

        if (top < 1)
        {
            throw new ArgumentException("A top-by-revenue segment needs at least one service.", nameof(filters));
        }

        var ranked = new List<int>();
        for (int s = 0; s < services.Count; s++)
        {
            if (!keep[s])
            {
                continue;
            }

            if (services[s].AnnualRevenueUsd is null)
            {
                unknownRevenue++;
                keep[s] = false;
            }
            else
            {
                ranked.Add(s);
            }
        }

        foreach (int s in ranked.OrderByDescending(s => services[s].AnnualRevenueUsd!.Value).ThenBy(s => s).Skip(top))
        {
            keep[s] = false;
        }

        return keep;
    }

    private static void CheckInsurance(InsuranceTerms? t)
    {
        if (t is null)
        {
            throw new ArgumentException("The scenario has no insurance terms.", "scenario");
        }

        Guard.InRange(t.WaitingPeriodHours, 0, double.MaxValue, "scenario.Insurance.WaitingPeriodHours");
        Guard.InRange(t.DeductibleUsd, 0, double.MaxValue, "scenario.Insurance.DeductibleUsd");
        Guard.InRange(t.TakeUp, 0, 1, "scenario.Insurance.TakeUp");
        if (t.LimitUsd is { } limit && (!double.IsFinite(limit) || limit <= 0))
        {
            throw new ArgumentOutOfRangeException("scenario.Insurance.LimitUsd", limit, "A limit must be a finite amount > 0 (USD), or absent.");
        }
    }

    private static void CheckSector(SectorParameters p)
    {
        string name = $"sectors[{p.Sector}]";
        if (!double.IsFinite(p.DowntimeCostUsdPerHour) || p.DowntimeCostUsdPerHour <= 0)
        {
            throw new ArgumentOutOfRangeException(name, p.DowntimeCostUsdPerHour, "The downtime cost must be a finite amount > 0 (USD per hour).");
        }

        Guard.InRange(p.LossFraction, 0, 1, name);
        Guard.InRange(p.RecoveryFraction, 0, 1, name);
        Guard.InRange(p.IncidentCostUsd, 0, double.MaxValue, name);
    }
}
