using System.Globalization;
using Microsoft.Data.Analysis;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Impact;

/// <summary>One published loss estimate beside our reproduction of it.</summary>
/// <param name="Study">Who published the estimate.</param>
/// <param name="Case">The scenario as the study states it.</param>
/// <param name="Measure"><c>ground-up</c> (direct) or <c>insured</c>.</param>
/// <param name="PublishedLowUsd">Published figure, or the low end of a published range (USD).</param>
/// <param name="PublishedHighUsd">Published figure, or the high end of a published range (USD).</param>
/// <param name="OursLowUsd">Our figure, or the low end of our range (USD).</param>
/// <param name="OursHighUsd">Our figure, or the high end of our range (USD).</param>
/// <param name="Assumptions">What makes the comparison: the exposure, hours and terms we put in, with their sources.</param>
/// <param name="Difference">Where and why we differ.</param>
/// <param name="Tolerance">
/// How far (share of the published figure) ours may lie outside the published figure or range and still count
/// as reproduced: tight where the comparison rests on few assumptions, wide where it rests on many (stated
/// in <paramref name="Difference"/>).
/// </param>
/// <param name="SourceIds">Sources of the published figure and of our inputs (ids into sources.csv).</param>
public sealed record CalibrationRow(
    string Study,
    string Case,
    string Measure,
    double PublishedLowUsd,
    double PublishedHighUsd,
    double OursLowUsd,
    double OursHighUsd,
    string Assumptions,
    string Difference,
    double Tolerance,
    IReadOnlyList<string> SourceIds)
{
    /// <summary>Our low end over the published low end.</summary>
    public double LowRatio => OursLowUsd / PublishedLowUsd;

    /// <summary>Our high end over the published high end.</summary>
    public double HighRatio => OursHighUsd / PublishedHighUsd;

    /// <summary>
    /// Whether both ends of ours lie within the published figure or range widened by <see cref="Tolerance"/>:
    /// low × (1 − tolerance) ≤ ours ≤ high × (1 + tolerance).
    /// </summary>
    public bool WithinTolerance =>
        OursLowUsd >= PublishedLowUsd * (1 - Tolerance) && OursHighUsd <= PublishedHighUsd * (1 + Tolerance)
        && OursLowUsd <= PublishedHighUsd * (1 + Tolerance) && OursHighUsd >= PublishedLowUsd * (1 - Tolerance);
}

/// <summary>Published loss estimates beside our reproductions.</summary>
/// <param name="Rows">One row per published figure or range.</param>
public sealed record CalibrationReport(IReadOnlyList<CalibrationRow> Rows)
{
    /// <summary>
    /// One row per comparison: study, case, measure, published_low_usd, published_high_usd, ours_low_usd,
    /// ours_high_usd, low_ratio, high_ratio, tolerance, within_tolerance, assumptions, difference.
    /// </summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("study", Rows.Select(r => r.Study)),
        new StringDataFrameColumn("case", Rows.Select(r => r.Case)),
        new StringDataFrameColumn("measure", Rows.Select(r => r.Measure)),
        new DoubleDataFrameColumn("published_low_usd", Rows.Select(r => r.PublishedLowUsd)),
        new DoubleDataFrameColumn("published_high_usd", Rows.Select(r => r.PublishedHighUsd)),
        new DoubleDataFrameColumn("ours_low_usd", Rows.Select(r => r.OursLowUsd)),
        new DoubleDataFrameColumn("ours_high_usd", Rows.Select(r => r.OursHighUsd)),
        new DoubleDataFrameColumn("low_ratio", Rows.Select(r => r.LowRatio)),
        new DoubleDataFrameColumn("high_ratio", Rows.Select(r => r.HighRatio)),
        new DoubleDataFrameColumn("tolerance", Rows.Select(r => r.Tolerance)),
        new BooleanDataFrameColumn("within_tolerance", Rows.Select(r => r.WithinTolerance)),
        new StringDataFrameColumn("assumptions", Rows.Select(r => r.Assumptions)),
        new StringDataFrameColumn("difference", Rows.Select(r => r.Difference)));
}

/// <summary>
/// The exposure figures that make each published scenario comparable with ours. Every default is a published
/// figure (source in the parameter doc) or a stated assumption.
/// </summary>
/// <param name="Fortune500RevenueUsd">Combined revenue of the Fortune 500 (USD per year): $18 trillion, fiscal 2022 (Fortune, 2023 list; source fortune-2023).</param>
/// <param name="SoleUsEast1Share">Share (0–1) of the Fortune 500 relying solely on AWS us-east-1: "over a third" (Parametrix 2023); we take one third.</param>
/// <param name="ProviderShare">Share (0–1) of cloud customers' output that a top-3 provider serves: AWS's share of cloud infrastructure spending, 0.33 in Synergy's 2021 Q2 figures (the bundled quarter nearest to Lloyd's 2018 study).</param>
/// <param name="LargeFirmsAffected">Large organisations affected on 20 October 2025: over 2,000 (CyberCube 2025).</param>
/// <param name="EventHours">Length of the 20 October 2025 event: 06:48 to 21:20 UTC, 14 h 32 min (AWS post-event summary).</param>
/// <param name="TakeUp">Share (0–1) of firms holding a cloud-outage business-interruption cover: 0.3, an assumption (no sourced rate).</param>
public sealed record CalibrationInputs(
    double Fortune500RevenueUsd,
    double SoleUsEast1Share,
    double ProviderShare,
    int LargeFirmsAffected,
    double EventHours,
    double TakeUp)
{
    /// <summary>The published figures and stated assumptions listed on the parameters.</summary>
    public static CalibrationInputs Published { get; } = new(18e12, 1.0 / 3, 0.33, 2000, 14 + (32.0 / 60), 0.3);
}

/// <summary>
/// Reproduces published outage-loss estimates with the direct-loss model, for comparison: Parametrix 2023
/// (us-east-1 down 24 h and 48 h, Fortune 500), Lloyd's &amp; AIR 2018 (a top-3 US cloud provider down 3 and 6
/// days, ground-up and insured) and CyberCube 2025 (insured loss of 20 October 2025). Figures from METHODS.md
/// and FACTS.md §4c, §6b.
/// </summary>
/// <remarks>
/// Each study is rebuilt as a small dependency model (one failing node, one service per exposure segment) and
/// run through <see cref="DirectLoss.Compute"/>, so the comparison exercises the same formula, hours and
/// insurance terms as any scenario. Business exposures are spread over the input-output table's sectors in
/// proportion to their output, government left out; each segment takes its sector's parameters (loss and
/// recovery fractions, default downtime cost, cloud dependence) from the bundled sector_parameters table.
/// No parameter is estimated from these figures in code, but the loss and recovery fractions are assumptions:
/// their product, 0.3 × (1 − 0.3) = 0.21, alone sets the Parametrix comparison, so that row shows what the
/// assumption implies rather than an independent test; the Lloyd's and CyberCube rows add exposure figures
/// (output, cloud adoption, provider share, firm counts) that the assumption does not control.
/// </remarks>
public static class Calibration
{
    private const string GovernmentSector = "GOV";

    /// <summary>Runs every comparison.</summary>
    /// <param name="io">Input-output table: sector outputs (USD per year) and the NAICS sectors of each.</param>
    /// <param name="sectors">Sector parameters, with a row for the first NAICS sector of every table sector used.</param>
    /// <param name="inputs">Exposure figures; <see cref="CalibrationInputs.Published"/> when null.</param>
    /// <returns>The comparisons, in the order Parametrix, Lloyd's, CyberCube.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="io"/> or <paramref name="sectors"/> is null.</exception>
    /// <exception cref="ArgumentException">When a sector lacks parameters or cloud dependence, or an input is out of range.</exception>
    public static CalibrationReport Reproduce(IoTable io, IReadOnlyList<SectorParameters> sectors, CalibrationInputs? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(sectors);
        CalibrationInputs x = inputs ?? CalibrationInputs.Published;
        Guard.InRange(x.Fortune500RevenueUsd, 1, 1e15, nameof(inputs));
        Guard.InRange(x.SoleUsEast1Share, 0, 1, nameof(inputs));
        Guard.InRange(x.ProviderShare, 0, 1, nameof(inputs));
        Guard.InRange(x.EventHours, 0.01, 1000, nameof(inputs));
        Guard.InRange(x.TakeUp, 0, 1, nameof(inputs));
        if (x.LargeFirmsAffected < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), x.LargeFirmsAffected, "At least one large firm must be affected.");
        }

        var bySector = sectors.ToDictionary(s => s.Sector, StringComparer.Ordinal);
        Segment[] business = Enumerable.Range(0, io.Count)
            .Where(i => io.SectorIds[i] != GovernmentSector)
            .Select(i => new Segment(io.SectorIds[i], Parameters(io, i, bySector), io.TotalOutputUsd[i]))
            .ToArray();
        double businessOutput = business.Sum(s => s.OutputUsd);
        var noCover = new InsuranceTerms(0, 0, null, 0);
        var rows = new List<CalibrationRow>();

        // Parametrix 2023: the Fortune 500's revenue, the share relying solely on us-east-1, spread like output.
        double f500 = x.Fortune500RevenueUsd * x.SoleUsEast1Share;
        string parametrixAssumptions = string.Create(
            CultureInfo.InvariantCulture,
            $"Fortune 500 revenue {Usd(x.Fortune500RevenueUsd)} a year (fiscal 2022) × {x.SoleUsEast1Share:0.###} relying solely on us-east-1 (\"over a third\"), spread over sectors like BEA 2015 output; revenue ÷ 8,760 h × loss fraction × hours × (1 − recovery fraction), sector_parameters defaults.");
        foreach ((double hours, double published) in new[] { (24.0, 3.4e9), (48.0, 7.8e9) })
        {
            double ours = RevenueLoss(business, s => f500 * s.OutputUsd / businessOutput, hours, noCover).Direct;
            rows.Add(new CalibrationRow(
                "Parametrix 2023",
                string.Create(CultureInfo.InvariantCulture, $"AWS us-east-1 down {hours:0} h, Fortune 500"),
                "ground-up",
                published,
                published,
                ours,
                ours,
                parametrixAssumptions,
                hours == 24
                    ? "Close. Parametrix's own model is not published; our loss is linear in hours."
                    : "Parametrix's 48 h loss is 2.29× its 24 h loss, ours exactly 2× (constant loss and recovery fractions): longer outages cost more per hour in theirs, from lost customers and backlogs we do not model.",
                hours == 24 ? 0.05 : 0.15,
                ["parametrix-2023", "fortune-2023", "bea-io-2015"]));
        }

        // Lloyd's & AIR 2018: US businesses' output × cloud dependence × one top-3 provider's share.
        Func<Segment, double> lloydsRevenue = s => s.OutputUsd * (s.Parameters.CloudDependence
            ?? throw new ArgumentException($"Sector '{s.Parameters.Sector}' has no cloud dependence, which the Lloyd's comparison needs.", nameof(sectors))) * x.ProviderShare;
        var eightHours = new InsuranceTerms(8, 0, null, x.TakeUp);
        (double direct3, double insured3) = RevenueLoss(business, lloydsRevenue, 72, eightHours);
        (double direct6, double insured6) = RevenueLoss(business, lloydsRevenue, 144, eightHours);
        string lloydsAssumptions = string.Create(
            CultureInfo.InvariantCulture,
            $"US business output (BEA 2015, government left out) × cloud dependence (sector_parameters) × {x.ProviderShare:0.##} (AWS, Synergy 2021 Q2) as the output depending on one top-3 provider; down 72 h and 144 h.");
        rows.Add(new CalibrationRow(
            "Lloyd's & AIR 2018",
            "Top-3 US cloud provider down 3 days (low) and 6 days (high)",
            "ground-up",
            6.9e9,
            14.7e9,
            direct3,
            direct6,
            lloydsAssumptions,
            "Our cloud dependence is the EU share of firms buying cloud (Eurostat 2023) applied to output; Lloyd's modelled 12.4 million US businesses firm by firm and put most of the loss in manufacturing (US$4.2–8.6 bn), where we spread it like output.",
            0.10,
            ["lloyds-air-2018", "bea-io-2015", "eurostat-2023", "webpronews-synergy-2021q2"]));
        rows.Add(new CalibrationRow(
            "Lloyd's & AIR 2018",
            "Top-3 US cloud provider down 3 days (low) and 6 days (high)",
            "insured",
            1.5e9,
            2.8e9,
            insured3,
            insured6,
            lloydsAssumptions + string.Create(CultureInfo.InvariantCulture, $" Cover: 8 h waiting period, no deductible or limit, take-up {x.TakeUp:0.##} (assumption)."),
            "Ours is higher: Lloyd's insured losses are about 0.2 of ground-up, ours 0.27–0.28, because we apply no deductibles, limits or sub-limits and our take-up is an assumption.",
            0.50,
            ["lloyds-air-2018", "bea-io-2015", "eurostat-2023"]));

        // CyberCube 2025: the large organisations affected, each at its sector's default hourly downtime cost.
        (double lowInsured, double highInsured) = FirmLoss(business, x.LargeFirmsAffected, x.EventHours, x.TakeUp);
        rows.Add(new CalibrationRow(
            "CyberCube 2025",
            "AWS us-east-1, 20 October 2025",
            "insured",
            38e6,
            581e6,
            lowInsured,
            highInsured,
            string.Create(CultureInfo.InvariantCulture, $"{x.LargeFirmsAffected:N0} large organisations (CyberCube), spread over sectors like output, each at its sector's default downtime cost (ITIC 2024) and down for the whole event ({x.EventHours:0.##} h, AWS); waiting period 12 h (low) or 8 h (high), take-up {x.TakeUp:0.##} (assumption)."),
            "Our low end (12 h waiting) lies in the upper half of CyberCube's range and our high end (8 h) is 1.4 times its top: every large firm is assumed down for the whole event, while the 68,000 smaller organisations, for which no hourly cost is sourced, are left out. With the bundled case model's windows instead (services down 2 h 52 min with DynamoDB) no firm passes an 8 h waiting period and the insured loss is 0, below CyberCube's range: the firms CyberCube counts were hurt for longer, through EC2 launches and load balancers, which the case tables do not attach to the named services.",
            0.50,
            ["cybercube-insured-2025-10", "cybercube-2025-10-20", "aws-pes-2025-10-20", "itic-2024"]));
        return new CalibrationReport(rows);
    }

    private static SectorParameters Parameters(IoTable io, int i, Dictionary<string, SectorParameters> bySector)
    {
        foreach (string naics in io.Naics[i])
        {
            if (bySector.TryGetValue(naics, out SectorParameters? p))
            {
                return p;
            }
        }

        throw new ArgumentException($"Input-output sector '{io.SectorIds[i]}' ({string.Join(", ", io.Naics[i])}) has no row in the sector parameters.", "sectors");
    }

    /// <summary>One service per segment with an annual revenue, all requiring one node that fails for <paramref name="hours"/>.</summary>
    private static (double Direct, double Insured) RevenueLoss(Segment[] segments, Func<Segment, double> revenue, double hours, InsuranceTerms terms)
    {
        DependentService[] services = segments.Select(s => new DependentService(s.SectorId, s.SectorId)
        {
            Sector = s.Parameters.Sector,
            Country = "US",
            AnnualRevenueUsd = revenue(s),
        }).ToArray();
        LossReport r = Run(services, hours, terms, segments);
        return (r.DirectLossUsd, r.InsuredLossUsd);
    }

    /// <summary>
    /// <paramref name="firms"/> firms spread over segments in proportion to output (largest remainders), each of
    /// unknown revenue so that its sector's default downtime cost applies; insured loss at 12 h and 8 h waiting periods.
    /// </summary>
    private static (double Low, double High) FirmLoss(Segment[] segments, int firms, double hours, double takeUp)
    {
        double total = segments.Sum(s => s.OutputUsd);
        double[] exact = segments.Select(s => firms * s.OutputUsd / total).ToArray();
        int[] count = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (int i in Enumerable.Range(0, segments.Length).OrderByDescending(i => exact[i] - count[i]).ThenBy(i => i).Take(firms - count.Sum()))
        {
            count[i]++;
        }

        DependentService[] services = segments
            .SelectMany((s, i) => Enumerable.Range(0, count[i]).Select(k => new DependentService($"{s.SectorId}-{k}", s.SectorId) { Sector = s.Parameters.Sector, Country = "US" }))
            .ToArray();
        double low = Run(services, hours, new InsuranceTerms(12, 0, null, takeUp), segments).InsuredLossUsd;
        double high = Run(services, hours, new InsuranceTerms(8, 0, null, takeUp), segments).InsuredLossUsd;
        return (low, high);
    }

    private static LossReport Run(DependentService[] services, double hours, InsuranceTerms terms, Segment[] segments)
    {
        var start = new DateTimeOffset(2025, 10, 20, 0, 0, 0, TimeSpan.Zero);
        var data = new DependencyData(
            [],
            [],
            [new DependencyNode("provider", NodeKind.Provider, "Failing provider or region") { Layer = "cloud" }],
            services,
            services.Select(s => new Requirement(s.ServiceId, "cloud", "cloud", "provider")).ToArray());
        var scenario = new OutageScenario(
            "calibration",
            "Calibration",
            null,
            [new NodeFailure("provider", start, start.AddHours(hours), null, null)],
            RecoveryLags.None,
            ScenarioFilters.None,
            terms,
            LossUncertainty.None,
            new EventFrequency(0, null, null),
            []);
        return DirectLoss.Compute(DependencyModel.Build(data), scenario, segments.Select(s => s.Parameters).DistinctBy(p => p.Sector).ToArray());
    }

    private static string Usd(double v) => v >= 1e12
        ? string.Create(CultureInfo.InvariantCulture, $"US${v / 1e12:0.#} trillion")
        : string.Create(CultureInfo.InvariantCulture, $"US${v / 1e9:0.#} bn");

    private sealed record Segment(string SectorId, SectorParameters Parameters, double OutputUsd);
}
