using CsCheck;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class ExceedanceAnalysisTests
{
    private const double Tol = 1e-9;

    // Minutes of the year of a few dates in the 365-day model year.
    private const int Jan1 = 0;
    private const int Mar1 = (31 + 28) * 24 * 60;

    /// <summary>
    /// Ten periods with hand-chosen occurrences (period: event losses → aggregate, occurrence):
    /// 1: 100, 50 → 150, 100 | 2: 300 → 300, 300 | 3: 20, 20, 20 → 60, 20 | 4: none → 0, 0 | 5: 200, 150 → 350, 200
    /// 6: 80 → 80, 80 | 7: none → 0, 0 | 8: 40, 10 → 50, 40 | 9: 120 → 120, 120 | 10: 500 → 500, 500.
    /// Sorted descending: AEP 500, 350, 300, 150, 120, 80, 60, 50, 0, 0; OEP 500, 300, 200, 120, 100, 80, 40, 20, 0, 0.
    /// </summary>
    private static PeriodLossTable TenPeriods() => PeriodLossTable.FromOccurrences(10,
    [
        new(1, 1, 1, 100, Jan1), new(1, 2, 1, 50, Mar1),
        new(2, 1, 2, 300, Mar1),
        new(3, 1, 1, 20, 10), new(3, 2, 1, 20, 20), new(3, 3, 1, 20, 30),
        new(5, 2, 2, 150, Mar1), new(5, 1, 3, 200, Jan1),
        new(6, 3, 1, 80, 5),
        new(8, 1, 1, 40, 7), new(8, 2, 1, 10, 8),
        new(9, 1, 1, 120, 9),
        new(10, 3, 2, 500, 11),
    ]);

    private static readonly EventLossSamples[] SmallCatalogue =
    [
        new(1, "often", 2.0, [10, 20, 30]),
        new(2, "rare", 0.3, [0, 1000]),
        new(3, "never", 0.0, [5]),
        new(7, "sometimes", 0.8, [1, 2, 3, 4, 5]),
    ];

    [Fact]
    public void Period_losses_are_the_sum_and_the_largest_of_each_periods_occurrences()
    {
        PeriodLossTable t = TenPeriods();

        Assert.Equal([150, 300, 60, 0, 350, 80, 0, 50, 120, 500], t.AggregateLosses);
        Assert.Equal([100, 300, 20, 0, 200, 80, 0, 40, 120, 500], t.OccurrenceLosses);
        // Period 5's occurrences come back in time order: event 1 on 1 January before event 2 on 1 March.
        Assert.Equal([1, 2], t.Occurrences.Where(o => o.Period == 5).Select(o => o.EventId));
    }

    [Fact]
    public void Ep_table_at_whole_ranks_reads_the_sorted_period_losses()
    {
        ExceedanceTable ep = ExceedanceAnalysis.EpTable(TenPeriods(), [2, 5, 10]);

        // P = 10. T = 10 → rank 1; T = 5 → rank 2; T = 2 → rank 5.
        // OEP: 500, 300, 100. AEP: 500, 350, 120.
        // TVaR = mean of the r largest: OEP (500+300)/2 = 400, (500+300+200+120+100)/5 = 244;
        // AEP (500+350)/2 = 425, (500+350+300+150+120)/5 = 284.
        Assert.Equal(10, ep.Periods);
        Assert.Equal([2, 5, 10], ep.Rows.Select(r => r.ReturnPeriod));
        AssertRow(ep.Rows[0], 100, 120, 244, 284);
        AssertRow(ep.Rows[1], 300, 350, 400, 425);
        AssertRow(ep.Rows[2], 500, 500, 500, 500);
    }

    [Fact]
    public void Ep_table_between_ranks_interpolates_linearly_in_the_return_period()
    {
        ExceedanceTable ep = ExceedanceAnalysis.EpTable(TenPeriods(), [3]);

        // T = 3, P = 10: r = 3.33, between rank 4 (return period 10/4 = 2.5) and rank 3 (10/3 = 3.33).
        // w = (3 − 2.5)/(3.33 − 2.5) = 0.6 = (T·i − P)(i − 1)/P = (12 − 10)·3/10.
        // OEP = 0.4·L(4) + 0.6·L(3) = 0.4·120 + 0.6·200 = 168; AEP = 0.4·150 + 0.6·300 = 240.
        // TVaR = (L(1) + L(2) + L(3) + loss)/4: OEP (500+300+200+168)/4 = 292; AEP (500+350+300+240)/4 = 347.5.
        AssertRow(Assert.Single(ep.Rows), 168, 240, 292, 347.5);
    }

    [Fact]
    public void No_row_beyond_the_simulated_periods()
    {
        ExceedanceTable ep = ExceedanceAnalysis.EpTable(TenPeriods());

        // P = 10: of the standard return periods only 5 and 10 are ≤ P.
        Assert.Equal([5, 10], ep.Rows.Select(r => r.ReturnPeriod));
        Assert.Equal([20, 30, 50, 100, 200, 250, 500, 1000], ep.Omitted);
        Assert.DoesNotContain(ExceedanceAnalysis.EpTable(TenPeriods(), [20]).Rows, r => r.ReturnPeriod == 20);
    }

    [Fact]
    public void Return_period_one_is_the_smallest_loss_and_its_tvar_the_mean()
    {
        ExceedanceRow row = Assert.Single(ExceedanceAnalysis.EpTable(TenPeriods(), [1]).Rows);

        // T = 1 → rank 10: both smallest losses are 0; TVaR = mean of all: AEP 1610/10 = 161,
        // OEP (100+300+20+0+200+80+0+40+120+500)/10 = 1360/10 = 136.
        AssertRow(row, 0, 0, 136, 161);
    }

    [Fact]
    public void Aal_with_standard_deviation_and_normal_interval_by_hand()
    {
        AverageAnnualLoss aal = ExceedanceAnalysis.Aal(TenPeriods());

        // AEP losses 150, 300, 60, 0, 350, 80, 0, 50, 120, 500: sum 1610 → AAL 161.
        // Deviations −11, 139, −101, −161, 189, −81, −161, −111, −41, 339; squares sum to
        // 121 + 19321 + 10201 + 25921 + 35721 + 6561 + 25921 + 12321 + 1681 + 114921 = 252690.
        // SD = √(252690/9) = √28076.667 = 167.56093419; SE = SD/√10 = 52.98741989;
        // 95% interval 161 ± 1.96·52.98741989 = [57.14465701, 264.85534299].
        Assert.Equal(10, aal.Periods);
        Assert.Equal(161, aal.Aal, Tol);
        Assert.Equal(167.56093419, aal.StandardDeviation!.Value, 1e-8);
        Assert.Equal(52.98741989, aal.StandardError!.Value, 1e-8);
        Assert.Equal(57.14465701, aal.ConfidenceLow95!.Value, 1e-8);
        Assert.Equal(264.85534299, aal.ConfidenceHigh95!.Value, 1e-8);
    }

    [Fact]
    public void Aal_of_one_period_has_no_spread()
    {
        AverageAnnualLoss aal = ExceedanceAnalysis.Aal(PeriodLossTable.FromOccurrences(1, [new(1, 1, 1, 42, 0)]));

        Assert.Equal(42, aal.Aal);
        Assert.Null(aal.StandardDeviation);
        Assert.Null(aal.StandardError);
        Assert.Null(aal.ConfidenceLow95);
        Assert.Null(aal.ConfidenceHigh95);
    }

    [Fact]
    public void Poisson_occurrences_per_period_average_the_rate_and_samples_are_drawn_uniformly()
    {
        const int periods = 100_000;
        const double rate = 0.5;
        PeriodLossTable t = ExceedanceAnalysis.SimulatePeriods([new(1, "e", rate, [0, 1])], periods, seed: 20251020);

        Assert.Equal(periods, t.Periods);
        // Counts per period ~ Poisson(0.5): mean 0.5, SE √(0.5/100,000) = 0.00224; bound 4 SE = 0.00894.
        var n = t.Occurrences.Count;
        Assert.InRange((double)n / periods, rate - (4 * Math.Sqrt(rate / periods)), rate + (4 * Math.Sqrt(rate / periods)));
        // Sample 2 (loss 1) is drawn with probability 1/2: its share within 4·√(0.25/n) of 0.5 (n ≈ 50,000 → ±0.0089).
        Assert.True(n > 40_000);
        var share = (double)t.Occurrences.Count(o => o.SampleId == 2) / n;
        Assert.InRange(share, 0.5 - (4 * Math.Sqrt(0.25 / n)), 0.5 + (4 * Math.Sqrt(0.25 / n)));
        Assert.All(t.Occurrences, o => Assert.Equal(o.SampleId - 1.0, o.Loss));
    }

    [Fact]
    public void Rate_zero_gives_no_occurrences_and_zero_losses_everywhere()
    {
        PeriodLossTable t = ExceedanceAnalysis.SimulatePeriods([new(1, "never", 0, [1e9])], 5000, seed: 1);

        Assert.Empty(t.Occurrences);
        Assert.All(t.AggregateLosses, x => Assert.Equal(0, x));
        Assert.All(t.OccurrenceLosses, x => Assert.Equal(0, x));
        Assert.All(ExceedanceAnalysis.EpTable(t).Rows, r => Assert.Equal((0.0, 0.0, 0.0, 0.0), (r.Oep, r.Aep, r.OepTvar, r.AepTvar)));
        AverageAnnualLoss aal = ExceedanceAnalysis.Aal(t);
        Assert.Equal((0.0, 0.0), (aal.Aal, aal.StandardDeviation!.Value));
    }

    [Fact]
    public void Simulated_occurrences_are_in_range_and_in_order()
    {
        PeriodLossTable t = ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, 3000, seed: 7);

        Assert.All(t.Occurrences, o =>
        {
            Assert.InRange(o.Period, 1, 3000);
            Assert.InRange(o.MinuteOfYear, 0, PeriodOccurrence.MinutesPerYear - 1);
            EventLossSamples e = SmallCatalogue.Single(c => c.EventId == o.EventId);
            Assert.Equal(e.Samples[o.SampleId - 1], o.Loss);
        });
        Assert.DoesNotContain(t.Occurrences, o => o.EventId == 3);
        Assert.Equal(t.Occurrences.OrderBy(o => o.Period).ThenBy(o => o.MinuteOfYear).ThenBy(o => o.EventId).ThenBy(o => o.SampleId), t.Occurrences);
    }

    [Fact]
    public void Serial_and_parallel_simulations_are_identical_for_any_seed()
    {
        // Up to 2,600 periods: three blocks of 1,024, so block boundaries are crossed.
        Gen.Select(Gen.ULong, Gen.Int[1, 2600]).Sample((seed, periods) =>
        {
            PeriodLossTable serial = ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, periods, seed, parallel: false);
            PeriodLossTable parallel = ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, periods, seed, parallel: true);
            return serial.Equals(parallel);
        }, iter: 1000);
    }

    [Fact]
    public void Serial_and_parallel_simulations_are_identical_for_many_periods()
    {
        PeriodLossTable serial = ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, 200_000, 12345, parallel: false);
        PeriodLossTable parallel = ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, 200_000, 12345, parallel: true);

        Assert.Equal(200_000, serial.Periods);
        Assert.True(serial.Occurrences.Count > 500_000); // ~3.1 occurrences a period: the run is not trivially empty
        Assert.Equal(serial.Occurrences, parallel.Occurrences);
        Assert.Equal(serial.AggregateLosses, parallel.AggregateLosses);
        Assert.Equal(serial.OccurrenceLosses, parallel.OccurrenceLosses);
    }

    [Fact]
    public void The_same_seed_gives_the_same_table_and_another_seed_another()
    {
        PeriodLossTable a = ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, 2000, 99);
        PeriodLossTable b = ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, 2000, 99);
        PeriodLossTable c = ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, 2000, 100);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    private static readonly Gen<PeriodLossTable> RandomTables =
        Gen.Int[1, 60].SelectMany(p =>
            Gen.Select(Gen.Int[1, p], Gen.Int[1, 5], Gen.Double[0, 1e6], Gen.Int[0, PeriodOccurrence.MinutesPerYear - 1], (period, ev, loss, minute) => new PeriodOccurrence(period, ev, 1, loss, minute))
                .Array[0, 150]
                .Select(o => PeriodLossTable.FromOccurrences(p, o)));

    [Fact]
    public void Aep_is_at_least_oep_and_tvar_at_least_the_loss_at_every_return_period()
    {
        RandomTables.Sample(t =>
        {
            ExceedanceTable ep = ExceedanceAnalysis.EpTable(t, [.. Enumerable.Range(1, t.Periods)]);
            Assert.Equal(t.Periods, ep.Rows.Count);
            foreach (ExceedanceRow r in ep.Rows)
            {
                Assert.True(r.Aep >= r.Oep, $"T={r.ReturnPeriod}: AEP {r.Aep} < OEP {r.Oep}");
                Assert.True(r.AepTvar >= r.OepTvar, $"T={r.ReturnPeriod}: AEP TVaR {r.AepTvar} < OEP TVaR {r.OepTvar}");
                // A mean of values ≥ x can round to a hair below x.
                Assert.True(r.OepTvar >= r.Oep * (1 - 1e-12), $"T={r.ReturnPeriod}: OEP TVaR {r.OepTvar} < OEP {r.Oep}");
                Assert.True(r.AepTvar >= r.Aep * (1 - 1e-12), $"T={r.ReturnPeriod}: AEP TVaR {r.AepTvar} < AEP {r.Aep}");
            }

            // Losses do not fall as the return period grows.
            for (var i = 1; i < ep.Rows.Count; i++)
            {
                Assert.True(ep.Rows[i].Oep >= ep.Rows[i - 1].Oep && ep.Rows[i].Aep >= ep.Rows[i - 1].Aep);
            }
        }, iter: 1000);
    }

    [Fact]
    public void Minute_of_the_year_reads_as_a_date_in_a_365_day_year()
    {
        Assert.Equal((1, 1, 0, 0), Date(0));
        Assert.Equal((3, 1, 0, 0), Date(Mar1)); // no 29 February
        Assert.Equal((3, 1, 13, 5), Date(Mar1 + (13 * 60) + 5));
        Assert.Equal((12, 31, 23, 59), Date(PeriodOccurrence.MinutesPerYear - 1));

        static (int, int, int, int) Date(int minute)
        {
            var o = new PeriodOccurrence(1, 1, 1, 0, minute);
            return (o.Month, o.Day, o.Hour, o.Minute);
        }
    }

    [Fact]
    public void Data_frames_have_one_row_per_period_return_period_and_occurrence()
    {
        PeriodLossTable t = TenPeriods();

        var periods = t.ToDataFrame();
        Assert.Equal(["period", "occurrences", "aggregate_loss", "occurrence_loss"], periods.Columns.Select(c => c.Name));
        Assert.Equal(10, periods.Rows.Count);
        Assert.Equal(3, periods.Columns["occurrences"][2]);
        Assert.Equal(350.0, periods.Columns["aggregate_loss"][4]);

        var occurrences = t.OccurrencesToDataFrame();
        Assert.Equal(13, occurrences.Rows.Count);
        Assert.Equal(["period", "event_id", "sample_id", "loss", "month", "day", "hour", "minute"], occurrences.Columns.Select(c => c.Name));

        var ep = ExceedanceAnalysis.EpTable(t, [2, 5]).ToDataFrame();
        Assert.Equal(["return_period", "oep", "aep", "oep_tvar", "aep_tvar"], ep.Columns.Select(c => c.Name));
        Assert.Equal(2, ep.Rows.Count);
        Assert.Equal(350.0, ep.Columns["aep"][1]);
    }

    // Validation: one test per fault.
    [Fact]
    public void Null_catalogue_is_rejected() =>
        Assert.Equal("catalogue", Assert.Throws<ArgumentNullException>(() => ExceedanceAnalysis.SimulatePeriods(null!, 10, 1)).ParamName);

    [Fact]
    public void Empty_catalogue_is_rejected() => AssertCatalogueFault([], "at least one event");

    [Fact]
    public void Null_event_is_rejected() => AssertCatalogueFault([null!], "Event [0] is null");

    [Fact]
    public void Event_id_below_one_is_rejected() => AssertCatalogueFault([new(0, "e", 1, [1])], "ids must be ≥ 1");

    [Fact]
    public void Repeated_event_id_is_rejected() => AssertCatalogueFault([new(4, "a", 1, [1]), new(4, "b", 1, [1])], "Event id 4 appears more than once");

    [Fact]
    public void Null_event_name_is_rejected() => AssertCatalogueFault([new(1, null!, 1, [1])], "Event 1 has no name");

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Negative_or_non_finite_rate_is_rejected(double rate) => AssertCatalogueFault([new(1, "e", rate, [1])], "Event 1 has annual rate");

    [Fact]
    public void Event_without_samples_is_rejected()
    {
        AssertCatalogueFault([new(1, "e", 1, [])], "Event 1 has no loss samples");
        AssertCatalogueFault([new(1, "e", 1, null!)], "Event 1 has no loss samples");
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Negative_or_non_finite_sample_is_rejected(double loss) => AssertCatalogueFault([new(1, "e", 1, [5, loss])], "Event 1 sample 2");

    [Fact]
    public void Fewer_than_one_period_is_rejected() =>
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => ExceedanceAnalysis.SimulatePeriods(SmallCatalogue, 0, 1)).ParamName);

    [Fact]
    public void Ep_table_and_aal_reject_a_null_table()
    {
        Assert.Equal("table", Assert.Throws<ArgumentNullException>(() => ExceedanceAnalysis.EpTable(null!)).ParamName);
        Assert.Equal("table", Assert.Throws<ArgumentNullException>(() => ExceedanceAnalysis.Aal(null!)).ParamName);
    }

    [Fact]
    public void Return_period_below_one_is_rejected() =>
        Assert.Equal("returnPeriods", Assert.Throws<ArgumentOutOfRangeException>(() => ExceedanceAnalysis.EpTable(TenPeriods(), [5, 0])).ParamName);

    [Fact]
    public void Repeated_return_period_is_rejected() =>
        Assert.Equal("returnPeriods", Assert.Throws<ArgumentException>(() => ExceedanceAnalysis.EpTable(TenPeriods(), [5, 10, 5])).ParamName);

    [Fact]
    public void From_occurrences_rejects_fewer_than_one_period_and_null_input()
    {
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => PeriodLossTable.FromOccurrences(0, [])).ParamName);
        Assert.Equal("occurrences", Assert.Throws<ArgumentNullException>(() => PeriodLossTable.FromOccurrences(1, null!)).ParamName);
        Assert.Equal("occurrences", Assert.Throws<ArgumentNullException>(() => PeriodLossTable.FromOccurrences(1, [null!])).ParamName);
    }

    [Theory]
    [InlineData(0, 1, 1, 1.0, 0, "period 0 is outside 1–3")]
    [InlineData(4, 1, 1, 1.0, 0, "period 4 is outside 1–3")]
    [InlineData(1, 0, 1, 1.0, 0, "event id 0")]
    [InlineData(1, 1, 0, 1.0, 0, "sample id 0")]
    [InlineData(1, 1, 1, -1.0, 0, "loss -1")]
    [InlineData(1, 1, 1, double.NaN, 0, "loss NaN")]
    [InlineData(1, 1, 1, 1.0, -1, "minute of the year -1")]
    [InlineData(1, 1, 1, 1.0, PeriodOccurrence.MinutesPerYear, "minute of the year 525600")]
    public void From_occurrences_rejects_a_bad_occurrence(int period, int eventId, int sampleId, double loss, int minute, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => PeriodLossTable.FromOccurrences(3, [new(1, 1, 1, 0, 0), new(period, eventId, sampleId, loss, minute)]));
        Assert.Equal("occurrences", ex.ParamName);
        Assert.Contains("Occurrence [1]: " + message, ex.Message);
    }

    private static void AssertCatalogueFault(EventLossSamples[] catalogue, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => ExceedanceAnalysis.SimulatePeriods(catalogue, 10, 1));
        Assert.Equal("catalogue", ex.ParamName);
        Assert.Contains(message, ex.Message);
    }

    private static void AssertRow(ExceedanceRow row, double oep, double aep, double oepTvar, double aepTvar)
    {
        Assert.Equal(oep, row.Oep, Tol);
        Assert.Equal(aep, row.Aep, Tol);
        Assert.Equal(oepTvar, row.OepTvar, Tol);
        Assert.Equal(aepTvar, row.AepTvar, Tol);
    }
}
