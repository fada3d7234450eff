using System.Globalization;
using System.Text;

namespace RiskToolkit.Impact;

/// <summary>
/// Writes the event, period and exceedance results as CSV files in the column layouts of the Oasis Open
/// Results Data (ORD) standard: SELT and MELT (event loss tables), SPLT (period loss table), EPT
/// (exceedance probability table) and PALT (period AAL table).
/// </summary>
/// <remarks>
/// <para>
/// File names, in the output folder: <c>elt_selt.csv</c>, <c>elt_melt.csv</c>, <c>plt_splt.csv</c>, <c>ept.csv</c>,
/// <c>palt.csv</c> (the constants below). One summary level: <c>SummaryId</c> is 1 throughout. Losses in USD.
/// </para>
/// <para>
/// Format: UTF-8 without BOM, LF line ends, a header line exactly as in the <c>…Header</c> constants, invariant
/// culture, doubles in round-trip form (<c>R</c>), no NaN or infinity; a value that is undefined (the SD of a single
/// sample or period) is an empty cell. Each file is written to a temporary file in the same folder and then
/// moved into place, so a reader never sees half a file.
/// </para>
/// <para>
/// Contents. SELT: one row per event and sample, zero losses included. MELT: one row per event, SampleType 2
/// (sampled), EventRate = annual rate, ChanceOfLoss = share (0–1) of samples with loss &gt; 0, MeanLoss, SDLoss
/// (divisor n − 1) and MaxLoss over the samples. SPLT: one row per occurrence, PeriodWeight = 1/P, Year = period
/// number, Month/Day/Hour/Minute of the occurrence in a 365-day year. EPT: EPCalc 2 (full uncertainty), EPType 1 OEP,
/// 2 OEP TVaR, 3 AEP, 4 AEP TVaR, rows by EPType then decreasing return period (ktools order), only return
/// periods ≤ P (see <see cref="ExceedanceAnalysis.EpTable"/>). PALT: SampleType 2, MeanLoss = AAL, SDLoss = SD of
/// the aggregate period losses (<see cref="ExceedanceAnalysis.Aal"/>). The exposure columns (ImpactedExposure,
/// FootprintExposure, MeanImpactedExposure, MaxImpactedExposure) all hold the one exposure figure passed in
/// (0 by default): the model does not track exposure per event.
/// </para>
/// <para>Source: OasisLMF "Open Results Data" specification and ktools <c>eltcalc</c>, <c>pltcalc</c>, <c>ordleccalc</c>, <c>aalcalc</c> output formats.</para>
/// </remarks>
public static class OasisTables
{
    /// <summary>Sample event loss table file name.</summary>
    public const string SeltFileName = "elt_selt.csv";

    /// <summary>Moment event loss table file name.</summary>
    public const string MeltFileName = "elt_melt.csv";

    /// <summary>Sample period loss table file name.</summary>
    public const string SpltFileName = "plt_splt.csv";

    /// <summary>Exceedance probability table file name.</summary>
    public const string EptFileName = "ept.csv";

    /// <summary>Period average annual loss table file name.</summary>
    public const string PaltFileName = "palt.csv";

    /// <summary>Header of <see cref="SeltFileName"/>.</summary>
    public const string SeltHeader = "EventId,SummaryId,SampleId,Loss,ImpactedExposure";

    /// <summary>Header of <see cref="MeltFileName"/>.</summary>
    public const string MeltHeader = "EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,MaxLoss,FootprintExposure,MeanImpactedExposure,MaxImpactedExposure";

    /// <summary>Header of <see cref="SpltFileName"/>.</summary>
    public const string SpltHeader = "Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss,ImpactedExposure";

    /// <summary>Header of <see cref="EptFileName"/>.</summary>
    public const string EptHeader = "SummaryId,EPCalc,EPType,ReturnPeriod,Loss";

    /// <summary>Header of <see cref="PaltFileName"/>.</summary>
    public const string PaltHeader = "SummaryId,SampleType,MeanLoss,SDLoss";

    private const string SummaryId = "1";
    private const string Sampled = "2";
    private const string FullUncertainty = "2";

    /// <summary>
    /// Writes the five tables into <paramref name="directory"/> (created when missing), replacing files of the same names.
    /// </summary>
    /// <param name="directory">Output folder.</param>
    /// <param name="catalogue">The events the period table was simulated from (rates and loss samples).</param>
    /// <param name="table">The period losses.</param>
    /// <param name="returnPeriods">Return periods of the EPT (years), or <see langword="null"/> for <see cref="ExceedanceAnalysis.StandardReturnPeriods"/>.</param>
    /// <param name="exposureUsd">Exposure written in every exposure column, USD (finite, ≥ 0); 0 by default.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="catalogue"/> or <paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// When <paramref name="directory"/> is null or empty, the catalogue is invalid (see <see cref="EventLossSamples"/>),
    /// an occurrence names an event that is not in the catalogue, or a return period is repeated.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="exposureUsd"/> is negative, NaN or infinite, or a return period is below 1.</exception>
    /// <exception cref="IOException">When a file cannot be written; its temporary file is removed.</exception>
    public static void Write(
        string directory,
        IReadOnlyList<EventLossSamples> catalogue,
        PeriodLossTable table,
        IReadOnlyList<int>? returnPeriods = null,
        double exposureUsd = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        double[][] samples = EventLossSamples.Validate(catalogue, nameof(catalogue));
        ArgumentNullException.ThrowIfNull(table);
        Guard.InRange(exposureUsd, 0, double.MaxValue, nameof(exposureUsd));
        var ids = catalogue.Select(e => e.EventId).ToHashSet();
        PeriodOccurrence? stranger = table.Occurrences.FirstOrDefault(o => !ids.Contains(o.EventId));
        if (stranger is not null)
        {
            throw new ArgumentException($"Period {stranger.Period} has an occurrence of event {stranger.EventId}, which is not in the catalogue.", nameof(table));
        }

        ExceedanceTable ep = ExceedanceAnalysis.EpTable(table, returnPeriods);
        AverageAnnualLoss aal = ExceedanceAnalysis.Aal(table);
        var exposure = Number(exposureUsd);

        Directory.CreateDirectory(directory);
        WriteFile(directory, SeltFileName, SeltHeader, SeltRows(catalogue, samples, exposure));
        WriteFile(directory, MeltFileName, MeltHeader, MeltRows(catalogue, samples, exposure));
        WriteFile(directory, SpltFileName, SpltHeader, SpltRows(table, exposure));
        WriteFile(directory, EptFileName, EptHeader, EptRows(ep));
        WriteFile(directory, PaltFileName, PaltHeader, [string.Join(',', SummaryId, Sampled, Number(aal.Aal), Number(aal.StandardDeviation))]);
    }

    private static IEnumerable<string> SeltRows(IReadOnlyList<EventLossSamples> catalogue, double[][] samples, string exposure)
    {
        for (var e = 0; e < catalogue.Count; e++)
        {
            var id = Integer(catalogue[e].EventId);
            for (var s = 0; s < samples[e].Length; s++)
            {
                yield return string.Join(',', id, SummaryId, Integer(s + 1), Number(samples[e][s]), exposure);
            }
        }
    }

    private static IEnumerable<string> MeltRows(IReadOnlyList<EventLossSamples> catalogue, double[][] samples, string exposure)
    {
        for (var e = 0; e < catalogue.Count; e++)
        {
            double[] x = samples[e];
            var n = x.Length;
            var mean = x.Sum() / n;
            double? sd = n == 1 ? null : Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
            var chance = (double)x.Count(v => v > 0) / n;
            yield return string.Join(
                ',',
                Integer(catalogue[e].EventId),
                SummaryId,
                Sampled,
                Number(catalogue[e].AnnualRate),
                Number(chance),
                Number(mean),
                Number(sd),
                Number(x.Max()),
                exposure,
                exposure,
                exposure);
        }
    }

    private static IEnumerable<string> SpltRows(PeriodLossTable table, string exposure)
    {
        var weight = Number(1.0 / table.Periods);
        foreach (PeriodOccurrence o in table.Occurrences)
        {
            var period = Integer(o.Period);
            yield return string.Join(
                ',',
                period,
                weight,
                Integer(o.EventId),
                period,
                Integer(o.Month),
                Integer(o.Day),
                Integer(o.Hour),
                Integer(o.Minute),
                SummaryId,
                Integer(o.SampleId),
                Number(o.Loss),
                exposure);
        }
    }

    private static IEnumerable<string> EptRows(ExceedanceTable ep)
    {
        (string Type, Func<ExceedanceRow, double> Loss)[] types =
        [
            ("1", r => r.Oep),
            ("2", r => r.OepTvar),
            ("3", r => r.Aep),
            ("4", r => r.AepTvar),
        ];
        foreach (var (type, loss) in types)
        {
            foreach (ExceedanceRow row in ep.Rows.Reverse())
            {
                yield return string.Join(',', SummaryId, FullUncertainty, type, Integer(row.ReturnPeriod), Number(loss(row)));
            }
        }
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static void WriteFile(string directory, string fileName, string header, IEnumerable<string> lines) =>
        Data.CsvFile.Write(Path.Join(directory, fileName), header, lines);
}
