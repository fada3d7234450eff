using RiskToolkit.Data;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Impact;

public class OutageFrequencyTests
{
    private static readonly DateTimeOffset From = new(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // 2016-01-01 to 2026-01-01 is 3,653 days (leap years 2016, 2020, 2024) = 3653 / 365.25 = 10.00137 years.
    private static readonly double Years = 3653 / 365.25;

    private static OutageEvent Event(string id, string provider, string layer, int year) =>
        new(id, new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero), null, provider, [], layer, "cause", null, null, null, "src", null);

    private static readonly OutageEvent[] Events =
    [
        Event("a1", "aws", "cloud", 2017),
        Event("a2", "aws", "cloud", 2021),
        Event("a3", "aws", "cloud", 2025),
        Event("a-old", "aws", "cloud", 2011),
        Event("c1", "cloudflare", "cdn", 2022),
        Event("a-dns", "aws", "dns", 2019),
    ];

    private static EventFrequency Counted(string[] providers, string[] layers) => new(null, null, new OutageEventFilter(providers, layers, From, To));

    [Fact]
    public void Three_events_in_ten_years_give_the_garwood_interval()
    {
        // Exact Poisson interval for k = 3 (Garwood 1936; R: poisson.test(3)$conf.int = 0.6187 8.7673):
        // lower = chi2(0.025; 6) / 2 = 1.23734 / 2 = 0.61867, upper = chi2(0.975; 8) / 2 = 17.53455 / 2 = 8.76727.
        // Per year divide by T = 10.00137.
        EventRate rate = OutageFrequency.Rate(Counted(["aws"], ["cloud"]), Events);

        Assert.Equal(3, rate.EventCount);
        Assert.Equal(["a1", "a2", "a3"], rate.EventIds);
        Assert.Equal(Years, rate.Years!.Value, 12);
        Assert.Equal(3 / Years, rate.AnnualRate, 12);
        Assert.Equal(0.61867 / Years, rate.ConfidenceLow95!.Value, 4);
        Assert.Equal(8.76727 / Years, rate.ConfidenceHigh95!.Value, 4);
        Assert.Null(rate.SourceId);
    }

    [Fact]
    public void No_events_give_rate_zero_with_lower_bound_zero_and_upper_bound_from_chi_square_with_two_degrees()
    {
        // k = 0: lower 0; upper = chi2(0.975; 2) / 2 = -ln(0.025) = 3.68888 events.
        EventRate rate = OutageFrequency.Rate(Counted(["google"], []), Events);

        Assert.Equal(0, rate.AnnualRate);
        Assert.Equal(0, rate.ConfidenceLow95);
        Assert.Equal(-Math.Log(0.025) / Years, rate.ConfidenceHigh95!.Value, 10);
    }

    [Fact]
    public void Empty_provider_and_layer_lists_count_every_event_in_the_window()
    {
        EventRate rate = OutageFrequency.Rate(Counted([], []), Events);

        // Every event but a-old (2011, before the window).
        Assert.Equal(5, rate.EventCount);
    }

    [Fact]
    public void Given_rate_is_returned_with_its_source_and_no_interval()
    {
        EventRate rate = OutageFrequency.Rate(new EventFrequency(0.1, "src-r", null), Events);

        Assert.Equal(0.1, rate.AnnualRate);
        Assert.Equal("src-r", rate.SourceId);
        Assert.Null(rate.EventCount);
        Assert.Null(rate.Years);
        Assert.Null(rate.ConfidenceLow95);
        Assert.Null(rate.ConfidenceHigh95);
        Assert.Empty(rate.EventIds);
    }

    [Fact]
    public void Both_or_neither_of_rate_and_filter_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>("frequency", () => OutageFrequency.Rate(new EventFrequency(null, null, null), Events));
        Assert.Throws<ArgumentException>("frequency", () => OutageFrequency.Rate(new EventFrequency(0.1, null, new OutageEventFilter([], [], From, To)), Events));
        Assert.Throws<ArgumentOutOfRangeException>("frequency", () => OutageFrequency.Rate(new EventFrequency(-1, null, null), Events));
    }

    [Fact]
    public void Bundled_aws_cloud_events_of_2016_to_2025_are_the_three_us_east_1_outages()
    {
        ImpactData data = ImpactDataReader.Load(RepoPaths.Data);

        EventRate rate = OutageFrequency.Rate(Counted(["aws"], ["cloud"]), data.Events);

        Assert.Equal(["aws-s3-us-east-1-2017-02-28", "aws-us-east-1-2021-12-07", "aws-us-east-1-2025-10-20"], rate.EventIds);
        Assert.Equal(0.61867 / Years, rate.ConfidenceLow95!.Value, 4);
    }
}
