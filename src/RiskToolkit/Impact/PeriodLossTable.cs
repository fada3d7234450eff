using Microsoft.Data.Analysis;

namespace RiskToolkit.Impact;

/// <summary>
/// One occurrence of a catalogue event in a simulated period (a row of the Oasis sample period loss table).
/// </summary>
/// <param name="Period">Period number, 1 to the number of periods (one period = one year).</param>
/// <param name="EventId">The event (catalogue id).</param>
/// <param name="SampleId">The loss sample this occurrence drew, 1-based.</param>
/// <param name="Loss">Loss of the occurrence, USD (finite, ≥ 0).</param>
/// <param name="MinuteOfYear">
/// When in the period it happens: minutes since 1 January 00:00 of a 365-day year, 0 to
/// <see cref="MinutesPerYear"/> − 1. <see cref="Month"/>, <see cref="Day"/>, <see cref="Hour"/> and
/// <see cref="Minute"/> are read from it.
/// </param>
public sealed record PeriodOccurrence(int Period, int EventId, int SampleId, double Loss, int MinuteOfYear)
{
    /// <summary>Minutes in a 365-day year (525,600): the model year has no 29 February.</summary>
    public const int MinutesPerYear = 365 * 24 * 60;

    private static readonly int[] DaysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    /// <summary>Month, 1–12.</summary>
    public int Month => MonthAndDay().Month;

    /// <summary>Day of the month, 1–31.</summary>
    public int Day => MonthAndDay().Day;

    /// <summary>Hour of the day, 0–23.</summary>
    public int Hour => MinuteOfYear / 60 % 24;

    /// <summary>Minute of the hour, 0–59.</summary>
    public int Minute => MinuteOfYear % 60;

    private (int Month, int Day) MonthAndDay()
    {
        var day = MinuteOfYear / (24 * 60);
        var month = 0;
        while (day >= DaysInMonth[month])
        {
            day -= DaysInMonth[month];
            month++;
        }

        return (month + 1, day + 1);
    }
}

/// <summary>
/// Losses of simulated periods (years): every event occurrence, and per period the aggregate loss (sum of
/// its occurrence losses, what AEP ranks) and the occurrence loss (largest single occurrence loss, what
/// OEP ranks). A period without occurrences has both losses 0.
/// </summary>
/// <remarks>
/// Built by <see cref="ExceedanceAnalysis.SimulatePeriods"/> or, from given occurrences, by
/// <see cref="FromOccurrences"/>. Definitions of AEP and OEP: METHODS.md "Economic impact" (Oasis LMF
/// outputs). R: the period losses are what <c>tapply(loss, period, sum)</c> and <c>tapply(loss, period, max)</c>
/// give over an occurrence table, with empty periods filled with 0.
/// </remarks>
public sealed record PeriodLossTable
{
    private PeriodLossTable(int periods, PeriodOccurrence[] occurrences, double[] aggregate, double[] occurrence)
    {
        Periods = periods;
        Occurrences = Array.AsReadOnly(occurrences);
        AggregateLosses = Array.AsReadOnly(aggregate);
        OccurrenceLosses = Array.AsReadOnly(occurrence);
    }

    /// <summary>Number of periods P (≥ 1); each carries weight 1/P.</summary>
    public int Periods { get; }

    /// <summary>Every occurrence, ordered by period, then minute of the year, event id and sample id.</summary>
    public IReadOnlyList<PeriodOccurrence> Occurrences { get; }

    /// <summary>Aggregate loss of period p at index p − 1: sum of its occurrence losses, USD (AEP basis).</summary>
    public IReadOnlyList<double> AggregateLosses { get; }

    /// <summary>Occurrence loss of period p at index p − 1: its largest occurrence loss, USD, 0 when none (OEP basis).</summary>
    public IReadOnlyList<double> OccurrenceLosses { get; }

    /// <summary>
    /// Builds a table from given occurrences (e.g. a period loss table computed elsewhere, or a hand example).
    /// </summary>
    /// <param name="periods">Number of periods P, ≥ 1; periods without an occurrence have loss 0.</param>
    /// <param name="occurrences">The occurrences, in any order; they are sorted by period, minute of the year, event id and sample id.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="occurrences"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="periods"/> is below 1.</exception>
    /// <exception cref="ArgumentException">
    /// When an occurrence has a period outside 1–P, an event or sample id below 1, a loss that is negative, NaN or
    /// infinite, or a minute outside 0 to <see cref="PeriodOccurrence.MinutesPerYear"/> − 1.
    /// </exception>
    public static PeriodLossTable FromOccurrences(int periods, IEnumerable<PeriodOccurrence> occurrences)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        ArgumentNullException.ThrowIfNull(occurrences);
        PeriodOccurrence[] all = occurrences.ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            PeriodOccurrence o = all[i] ?? throw new ArgumentNullException(nameof(occurrences), $"Occurrence [{i}] is null.");
            string? fault =
                o.Period < 1 || o.Period > periods ? $"period {o.Period} is outside 1–{periods}"
                : o.EventId < 1 ? $"event id {o.EventId} is below 1"
                : o.SampleId < 1 ? $"sample id {o.SampleId} is below 1"
                : !double.IsFinite(o.Loss) || o.Loss < 0 ? $"loss {o.Loss} is not a finite number ≥ 0"
                : o.MinuteOfYear < 0 || o.MinuteOfYear >= PeriodOccurrence.MinutesPerYear ? $"minute of the year {o.MinuteOfYear} is outside 0–{PeriodOccurrence.MinutesPerYear - 1}"
                : null;
            if (fault is not null)
            {
                throw new ArgumentException($"Occurrence [{i}]: {fault}.", nameof(occurrences));
            }
        }

        Array.Sort(all, Chronological);
        return Build(periods, all);
    }

    /// <summary>Order within a table: period, minute of the year, event id, sample id, loss.</summary>
    internal static int Chronological(PeriodOccurrence a, PeriodOccurrence b)
    {
        var c = a.Period.CompareTo(b.Period);
        if (c == 0)
        {
            c = a.MinuteOfYear.CompareTo(b.MinuteOfYear);
        }

        if (c == 0)
        {
            c = a.EventId.CompareTo(b.EventId);
        }

        if (c == 0)
        {
            c = a.SampleId.CompareTo(b.SampleId);
        }

        return c == 0 ? a.Loss.CompareTo(b.Loss) : c;
    }

    /// <summary>Sums and maxima per period over occurrences already in <see cref="Chronological"/> order.</summary>
    internal static PeriodLossTable Build(int periods, PeriodOccurrence[] sorted)
    {
        var aggregate = new double[periods];
        var occurrence = new double[periods];
        foreach (PeriodOccurrence o in sorted)
        {
            aggregate[o.Period - 1] += o.Loss;
            occurrence[o.Period - 1] = Math.Max(occurrence[o.Period - 1], o.Loss);
        }

        return new PeriodLossTable(periods, sorted, aggregate, occurrence);
    }

    /// <summary>Whether two tables hold the same periods, occurrences and losses (bit for bit).</summary>
    /// <param name="other">The other table, or null.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(PeriodLossTable? other) =>
        other is not null
        && Periods == other.Periods
        && Occurrences.SequenceEqual(other.Occurrences)
        && AggregateLosses.SequenceEqual(other.AggregateLosses)
        && OccurrenceLosses.SequenceEqual(other.OccurrenceLosses);

    /// <summary>Hash of the number of periods and occurrences and the aggregate losses.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Periods);
        hash.Add(Occurrences.Count);
        foreach (var loss in AggregateLosses)
        {
            hash.Add(loss);
        }

        return hash.ToHashCode();
    }

    /// <summary>One row per period: period (Int32), occurrences (Int32), aggregate_loss and occurrence_loss (USD).</summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame()
    {
        var counts = new int[Periods];
        foreach (PeriodOccurrence o in Occurrences)
        {
            counts[o.Period - 1]++;
        }

        return new DataFrame(
            new Int32DataFrameColumn("period", Enumerable.Range(1, Periods)),
            new Int32DataFrameColumn("occurrences", counts),
            new DoubleDataFrameColumn("aggregate_loss", AggregateLosses),
            new DoubleDataFrameColumn("occurrence_loss", OccurrenceLosses));
    }

    /// <summary>
    /// One row per occurrence, in table order: period, event_id, sample_id, loss (USD), month, day, hour,
    /// minute (Int32 except loss).
    /// </summary>
    /// <returns>A new data frame.</returns>
    public DataFrame OccurrencesToDataFrame() => new(
        new Int32DataFrameColumn("period", Occurrences.Select(o => o.Period)),
        new Int32DataFrameColumn("event_id", Occurrences.Select(o => o.EventId)),
        new Int32DataFrameColumn("sample_id", Occurrences.Select(o => o.SampleId)),
        new DoubleDataFrameColumn("loss", Occurrences.Select(o => o.Loss)),
        new Int32DataFrameColumn("month", Occurrences.Select(o => o.Month)),
        new Int32DataFrameColumn("day", Occurrences.Select(o => o.Day)),
        new Int32DataFrameColumn("hour", Occurrences.Select(o => o.Hour)),
        new Int32DataFrameColumn("minute", Occurrences.Select(o => o.Minute)));
}
