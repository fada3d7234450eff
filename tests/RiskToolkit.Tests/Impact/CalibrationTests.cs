using RiskToolkit.Data;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

/// <summary>
/// Our reproductions of published outage losses, from the bundled sector_parameters (loss fraction 0.3,
/// recovery 0.3, default downtime cost 300,000 USD/h, cloud dependence 0.452 in every sector) and the BEA
/// 2015 table (business output = 31,397,024 − 3,519,699 (government) = 27,877,325 million USD). Each test
/// writes the hand calculation and pins the published comparison within the tolerance stated.
/// </summary>
public class CalibrationTests
{
    private static readonly Lazy<CalibrationReport> Report = new(() =>
        Calibration.Reproduce(IoTableReader.Load(RepoPaths.Data), ImpactDataReader.Load(RepoPaths.Data).Sectors));

    private static CalibrationRow Row(string study, string measure, string caseStart) =>
        Report.Value.Rows.Single(r => r.Study == study && r.Measure == measure && r.Case.StartsWith(caseStart, StringComparison.Ordinal));

    [Fact]
    public void Parametrix_24_h_is_within_5_percent_of_3_4_bn()
    {
        // 18e12 / 3 = 6e12 USD a year; 6e12 / 8,760 × 0.3 × 24 h × (1 − 0.3) = 3.4521e9 (published 3.4e9: +1.5%).
        CalibrationRow r = Row("Parametrix 2023", "ground-up", "AWS us-east-1 down 24 h");
        Assert.Equal(3.4521e9, r.OursLowUsd, 1e5);
        Assert.InRange(r.LowRatio, 0.95, 1.05);
    }

    [Fact]
    public void Parametrix_48_h_is_within_15_percent_of_7_8_bn_and_below_it()
    {
        // Twice the 24 h figure, 6.9041e9 (published 7.8e9: −11.5%): our loss is linear in hours, theirs grows 2.29×.
        CalibrationRow r = Row("Parametrix 2023", "ground-up", "AWS us-east-1 down 48 h");
        Assert.Equal(6.9041e9, r.OursLowUsd, 1e5);
        Assert.InRange(r.LowRatio, 0.85, 1.0);
    }

    [Fact]
    public void Lloyds_ground_up_is_within_10_percent_at_both_ends()
    {
        // 27,877,325e6 × 0.452 × 0.33 / 8,760 × 0.3 × 0.7 × 72 h = 7.1771e9 (published 6.9e9: +4.0%);
        // 144 h doubles it, 14.3543e9 (published 14.7e9: −2.4%).
        CalibrationRow r = Row("Lloyd's & AIR 2018", "ground-up", "Top-3");
        Assert.Equal(7.1771e9, r.OursLowUsd, 1e6);
        Assert.Equal(14.3543e9, r.OursHighUsd, 1e6);
        Assert.InRange(r.LowRatio, 0.9, 1.1);
        Assert.InRange(r.HighRatio, 0.9, 1.1);
    }

    [Fact]
    public void Lloyds_insured_is_above_the_published_range_by_less_than_half_again()
    {
        // 8 h waiting period, take-up 0.3: 7.1771e9 × (72 − 8)/72 × 0.3 = 1.9139e9 (published 1.5e9: ×1.28);
        // 14.3543e9 × (144 − 8)/144 × 0.3 = 4.0670e9 (published 2.8e9: ×1.45). No deductibles or limits.
        CalibrationRow r = Row("Lloyd's & AIR 2018", "insured", "Top-3");
        Assert.Equal(1.9139e9, r.OursLowUsd, 1e6);
        Assert.Equal(4.0670e9, r.OursHighUsd, 1e6);
        Assert.InRange(r.LowRatio, 1.0, 1.5);
        Assert.InRange(r.HighRatio, 1.0, 1.5);
        Assert.True(r.WithinTolerance);
    }

    [Fact]
    public void CyberCube_insured_overlaps_the_published_range_and_its_top_is_within_half_again()
    {
        // 2,000 firms × 300,000 USD/h × (1 − 0.3) × take-up 0.3, down 14 h 32 min:
        // 12 h waiting: × 2.5333 h = 319.2e6; 8 h waiting: × 6.5333 h = 823.2e6 (published 38e6–581e6).
        CalibrationRow r = Row("CyberCube 2025", "insured", "AWS us-east-1");
        Assert.Equal(319.2e6, r.OursLowUsd, 1e3);
        Assert.Equal(823.2e6, r.OursHighUsd, 1e3);
        Assert.True(r.WithinTolerance);
        Assert.InRange(r.HighRatio, 1.0, 1.5);
    }

    [Fact]
    public void Every_row_states_its_assumptions_difference_and_sources()
    {
        Assert.Equal(5, Report.Value.Rows.Count);
        Assert.All(Report.Value.Rows, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Assumptions));
            Assert.False(string.IsNullOrWhiteSpace(r.Difference));
            Assert.NotEmpty(r.SourceIds);
        });
        Assert.Equal(5, Report.Value.ToDataFrame().Rows.Count);
    }

    [Fact]
    public void Every_row_is_within_its_stated_tolerance()
    {
        // The tolerances are 5% (Parametrix 24 h), 15% (48 h), 10% (Lloyd's ground-up), 50% (Lloyd's
        // insured and CyberCube, which rest on assumed take-up and exposure).
        Assert.Equal([0.05, 0.15, 0.10, 0.50, 0.50], Report.Value.Rows.Select(r => r.Tolerance));
        Assert.All(Report.Value.Rows, r => Assert.True(r.WithinTolerance, r.Study + " " + r.Case));
    }

    [Fact]
    public void Within_tolerance_widens_the_published_range_by_the_tolerance()
    {
        // Published 100–200, tolerance 10%: ours may run from 90 to 220.
        var row = new CalibrationRow("s", "c", "ground-up", 100, 200, 90, 220, "a", "d", 0.1, ["x"]);
        Assert.True(row.WithinTolerance);
        Assert.False((row with { OursHighUsd = 221 }).WithinTolerance);
        Assert.False((row with { OursLowUsd = 89 }).WithinTolerance);
    }

    [Fact]
    public void Every_source_of_the_comparisons_is_in_sources_csv()
    {
        var ids = DependencyDataReader.Load(RepoPaths.Data).Sources.Select(s => s.SourceId).ToHashSet();
        Assert.All(Report.Value.Rows.SelectMany(r => r.SourceIds), id => Assert.Contains(id, ids));
    }

    [Fact]
    public void A_take_up_out_of_range_is_rejected()
    {
        var io = IoTableReader.Load(RepoPaths.Data);
        var sectors = ImpactDataReader.Load(RepoPaths.Data).Sectors;
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.Reproduce(io, sectors, CalibrationInputs.Published with { TakeUp = 1.5 }));
    }
}
