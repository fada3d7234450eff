namespace RiskToolkit.Dependencies;

/// <summary>
/// Service attributes coded once per model for fast tallies: sector, country and rank band as small
/// integers (0 = unknown for sector and country, −1 = no band).
/// </summary>
internal sealed class ServiceCodes
{
    public ServiceCodes(IReadOnlyList<DependentService> services, IReadOnlyList<int> rankBands)
    {
        int n = services.Count;
        Sector = new int[n];
        Country = new int[n];
        Band = new int[n];
        var sectors = new Dictionary<string, int>(StringComparer.Ordinal);
        var countries = new Dictionary<string, int>(StringComparer.Ordinal);
        SectorKeys.Add(ImpactByKey.Unknown);
        CountryKeys.Add(ImpactByKey.Unknown);
        RankBands = rankBands.ToArray();
        for (int s = 0; s < n; s++)
        {
            DependentService service = services[s];
            Sector[s] = Code(service.Sector, sectors, SectorKeys);
            Country[s] = Code(service.Country, countries, CountryKeys);
            Band[s] = -1;
            if (service.Rank is int rank)
            {
                for (int b = 0; b < RankBands.Length; b++)
                {
                    if (rank <= RankBands[b])
                    {
                        Band[s] = b;
                        break;
                    }
                }
            }
        }
    }

    public int[] Sector { get; }

    public int[] Country { get; }

    public int[] Band { get; }

    public int[] RankBands { get; }

    public List<string> SectorKeys { get; } = [];

    public List<string> CountryKeys { get; } = [];

    private static int Code(string? value, Dictionary<string, int> codes, List<string> keys)
    {
        if (value is null)
        {
            return 0;
        }

        if (!codes.TryGetValue(value, out int code))
        {
            code = keys.Count;
            codes.Add(value, code);
            keys.Add(value);
        }

        return code;
    }
}

/// <summary>
/// Sums of failed services per slot (a node, a cut set, a scenario): counts, known users, revenue and
/// criticality with the count of unknowns, and breakdowns by sector, country and rank band.
/// </summary>
internal sealed class ImpactTally
{
    private readonly IReadOnlyList<DependentService> services;
    private readonly ServiceCodes codes;
    private readonly int sectors;
    private readonly int countries;
    private readonly int bands;

    public ImpactTally(IReadOnlyList<DependentService> services, ServiceCodes codes, int slots)
    {
        this.services = services;
        this.codes = codes;
        sectors = codes.SectorKeys.Count;
        countries = codes.CountryKeys.Count;
        bands = codes.RankBands.Length;
        Count = new int[slots];
        Users = new long[slots];
        UsersKnown = new int[slots];
        Revenue = new double[slots];
        RevenueKnown = new int[slots];
        Criticality = new double[slots];
        CriticalityKnown = new int[slots];
        SectorCount = new int[slots * sectors];
        SectorUsers = new long[slots * sectors];
        SectorUsersKnown = new int[slots * sectors];
        SectorRevenue = new double[slots * sectors];
        SectorRevenueKnown = new int[slots * sectors];
        CountryCount = new int[slots * countries];
        CountryUsers = new long[slots * countries];
        CountryUsersKnown = new int[slots * countries];
        CountryRevenue = new double[slots * countries];
        CountryRevenueKnown = new int[slots * countries];
        BandCount = new int[slots * bands];
    }

    private int[] Count { get; }

    private long[] Users { get; }

    private int[] UsersKnown { get; }

    private double[] Revenue { get; }

    private int[] RevenueKnown { get; }

    private double[] Criticality { get; }

    private int[] CriticalityKnown { get; }

    private int[] SectorCount { get; }

    private long[] SectorUsers { get; }

    private int[] SectorUsersKnown { get; }

    private double[] SectorRevenue { get; }

    private int[] SectorRevenueKnown { get; }

    private int[] CountryCount { get; }

    private long[] CountryUsers { get; }

    private int[] CountryUsersKnown { get; }

    private double[] CountryRevenue { get; }

    private int[] CountryRevenueKnown { get; }

    private int[] BandCount { get; }

    /// <summary>Adds service <paramref name="s"/> to <paramref name="slot"/>.</summary>
    public void Add(int slot, int s)
    {
        DependentService service = services[s];
        Count[slot]++;
        int sector = (slot * sectors) + codes.Sector[s];
        int country = (slot * countries) + codes.Country[s];
        SectorCount[sector]++;
        CountryCount[country]++;
        if (service.Users is long users)
        {
            Users[slot] = checked(Users[slot] + users);
            UsersKnown[slot]++;
            SectorUsers[sector] = checked(SectorUsers[sector] + users);
            SectorUsersKnown[sector]++;
            CountryUsers[country] = checked(CountryUsers[country] + users);
            CountryUsersKnown[country]++;
        }

        if (service.AnnualRevenueUsd is double revenue)
        {
            Revenue[slot] += revenue;
            RevenueKnown[slot]++;
            SectorRevenue[sector] += revenue;
            SectorRevenueKnown[sector]++;
            CountryRevenue[country] += revenue;
            CountryRevenueKnown[country]++;
        }

        if (service.Criticality is double criticality)
        {
            Criticality[slot] += criticality;
            CriticalityKnown[slot]++;
        }

        if (codes.Band[s] >= 0)
        {
            BandCount[(slot * bands) + codes.Band[s]]++;
        }
    }

    /// <summary>Number of services in <paramref name="slot"/>.</summary>
    public int Services(int slot) => Count[slot];

    /// <summary>The totals of <paramref name="slot"/>.</summary>
    public ImpactTotals Totals(int slot)
    {
        int count = Count[slot];
        return new ImpactTotals(
            count,
            UsersKnown[slot] > 0 || count == 0 ? Users[slot] : null,
            count - UsersKnown[slot],
            RevenueKnown[slot] > 0 || count == 0 ? Revenue[slot] : null,
            count - RevenueKnown[slot],
            CriticalityKnown[slot] > 0 || count == 0 ? Criticality[slot] : null,
            count - CriticalityKnown[slot]);
    }

    /// <summary>Sectors of <paramref name="slot"/> with at least one service, most services first, then by key.</summary>
    public IReadOnlyList<ImpactByKey> BySector(int slot) =>
        Breakdown(slot, sectors, codes.SectorKeys, SectorCount, SectorUsers, SectorUsersKnown, SectorRevenue, SectorRevenueKnown);

    /// <summary>Countries of <paramref name="slot"/> with at least one service, most services first, then by key.</summary>
    public IReadOnlyList<ImpactByKey> ByCountry(int slot) =>
        Breakdown(slot, countries, codes.CountryKeys, CountryCount, CountryUsers, CountryUsersKnown, CountryRevenue, CountryRevenueKnown);

    /// <summary>Cumulative rank-band counts of <paramref name="slot"/>.</summary>
    public IReadOnlyList<RankBandCount> ByRankBand(int slot)
    {
        var result = new RankBandCount[bands];
        int running = 0;
        for (int b = 0; b < bands; b++)
        {
            running += BandCount[(slot * bands) + b];
            result[b] = new RankBandCount(codes.RankBands[b], running);
        }

        return result;
    }

    private static ImpactByKey[] Breakdown(
        int slot, int width, List<string> keys, int[] count, long[] users, int[] usersKnown, double[] revenue, int[] revenueKnown)
    {
        var rows = new List<ImpactByKey>();
        for (int k = 0; k < width; k++)
        {
            int i = (slot * width) + k;
            if (count[i] > 0)
            {
                rows.Add(new ImpactByKey(keys[k], count[i], usersKnown[i] > 0 ? users[i] : null, revenueKnown[i] > 0 ? revenue[i] : null));
            }
        }

        return rows.OrderByDescending(r => r.Services).ThenBy(r => r.Key, StringComparer.Ordinal).ToArray();
    }
}
