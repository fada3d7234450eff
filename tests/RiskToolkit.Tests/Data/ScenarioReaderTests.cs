using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Data;

/// <summary>One test per fault kind of scenario files, each asserting the exact file:line:column: path prefix.</summary>
public sealed class ScenarioReaderTests : IDisposable
{
    // Line numbers below are relied on by the tests.
    private const string Valid = """
        {
          "scenarioId": "s1",
          "name": "Test",
          "sourceIds": ["src-a"],
          "failures": [
            {"nodeId": "n1", "startUtc": "2025-10-20T06:48:00Z", "endUtc": "2025-10-20T09:40:00Z", "sourceId": "src-a", "note": "x"},
            {"nodeId": "n2", "startUtc": "2025-10-20T09:25:00Z", "endUtc": "2025-10-20T17:37:00Z"}
          ],
          "recoveryLag": {"defaultHours": 0, "byService": {"svc": 1.5}},
          "filters": {"countries": ["US"], "sectors": ["52"], "topByRevenue": 500},
          "insurance": {"waitingPeriodHours": 8, "deductibleUsd": 0, "limitUsd": null, "takeUp": 0.3},
          "uncertainty": {"durationLogSd": 0.25, "lossFractionConcentration": 20, "defaultRevenueLogSd": 0.5},
          "frequency": {"annualRate": 0.3, "rateSourceId": "src-a"}
        }
        """;

    private const string FromEvents =
        "\"frequency\": {\"fromEvents\": {\"providerIds\": [\"aws\"], \"layers\": [\"cloud\"], \"fromUtc\": \"2016-01-01T00:00:00Z\", \"toUtc\": \"2026-01-01T00:00:00Z\"}}";

    private static readonly DependencyData Data = new(
        [new Source("src-a", "P", "T", new DateOnly(2025, 1, 1), "https://example.org", "l", "A")],
        [new Provider("aws", "Amazon Web Services", null, "cloud", "US")],
        [new DependencyNode("n1", NodeKind.Component, "n1"), new DependencyNode("n2", NodeKind.Component, "n2")],
        [new DependentService("svc", "A service")],
        []);

    private readonly string file = Path.Join(Path.GetTempPath(), "risktoolkit-scenario-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(file);

    private OutageScenario Load(string json)
    {
        File.WriteAllText(file, json);
        return ScenarioReader.Load(file, Data);
    }

    private static string Replace(string text, string oldText, string newText)
    {
        Assert.Contains(oldText, text);
        return text.Replace(oldText, newText);
    }

    /// <summary>
    /// Loads <paramref name="json"/>, expecting one fault at <paramref name="line"/> and the column where
    /// <paramref name="token"/> starts on that line, for the field at <paramref name="path"/>.
    /// </summary>
    private DataError SingleFault(string json, int line, string token, string path)
    {
        var ex = Assert.Throws<DataValidationException>(() => Load(json));
        DataError error = Assert.Single(ex.Errors);
        string text = json.Split('\n')[line - 1];
        Assert.Contains(token, text);
        int column = text.IndexOf(token, StringComparison.Ordinal) + 1;
        Assert.Equal($"{file}:{line}:{column}: {path}: ", error.ToString()[..($"{file}:{line}:{column}: {path}: ".Length)]);
        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Valid_file_loads_every_field()
    {
        OutageScenario s = Load(Valid);

        Assert.Equal("s1", s.ScenarioId);
        Assert.Equal("Test", s.Name);
        Assert.Null(s.Description);
        Assert.Equal(["src-a"], s.SourceIds);
        Assert.Equal(2, s.Failures.Count);
        Assert.Equal(new NodeFailure("n1", new DateTimeOffset(2025, 10, 20, 6, 48, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 20, 9, 40, 0, TimeSpan.Zero), "src-a", "x"), s.Failures[0]);
        Assert.Null(s.Failures[1].SourceId);

        // 06:48 to 09:40 is 2 h 52 min = 2.8667 h.
        Assert.Equal(2 + (52 / 60.0), s.Failures[0].Hours, 12);
        Assert.Equal(1.5, s.RecoveryLags.For("svc"));
        Assert.Equal(0, s.RecoveryLags.For("other"));
        Assert.Equal(["US"], s.Filters.Countries);
        Assert.Equal(["52"], s.Filters.Sectors);
        Assert.Equal(500, s.Filters.TopByRevenue);
        Assert.Equal(new InsuranceTerms(8, 0, null, 0.3), s.Insurance);
        Assert.Equal(new LossUncertainty(0.25, 20, 0.5), s.Uncertainty);
        Assert.Equal(new EventFrequency(0.3, "src-a", null), s.Frequency);
    }

    [Fact]
    public void Optional_parts_default_to_none_and_frequency_may_count_events()
    {
        string json = Replace(Valid, "  \"recoveryLag\": {\"defaultHours\": 0, \"byService\": {\"svc\": 1.5}},\n", string.Empty);
        json = Replace(json, "  \"filters\": {\"countries\": [\"US\"], \"sectors\": [\"52\"], \"topByRevenue\": 500},\n", string.Empty);
        json = Replace(json, "\"frequency\": {\"annualRate\": 0.3, \"rateSourceId\": \"src-a\"}", FromEvents);

        OutageScenario s = Load(json);

        Assert.Same(RecoveryLags.None, s.RecoveryLags);
        Assert.Same(ScenarioFilters.None, s.Filters);
        OutageEventFilter filter = Assert.IsType<OutageEventFilter>(s.Frequency.FromEvents);
        Assert.Null(s.Frequency.AnnualRate);
        Assert.Equal(["aws"], filter.ProviderIds);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), filter.ToUtc);
    }

    [Fact]
    public void Missing_file_is_a_fault_at_line_zero()
    {
        var ex = Assert.Throws<DataValidationException>(() => ScenarioReader.Load(file, Data));

        Assert.StartsWith($"{file}:0:0: $: missing file", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void Malformed_json_is_reported_at_the_parser_position_with_the_path_reached()
    {
        // Line 3 loses its colon: the reader stops at the string that follows the name, between the root's members.
        SingleFault(Replace(Valid, "\"name\": \"Test\"", "\"name\" \"Test\""), 3, "\"Test\"", "$");
    }

    [Fact]
    public void Trailing_comma_is_malformed_json()
    {
        SingleFault(Replace(Valid, "\"src-a\"}\n}", "\"src-a\",}\n}"), 13, "}", "frequency");
    }

    [Fact]
    public void Comment_is_malformed_json()
    {
        SingleFault(Replace(Valid, "\"Test\",", "\"Test\", // a comment"), 3, "/", "$");
    }

    [Fact]
    public void Unknown_field_is_a_fault_at_its_name()
    {
        SingleFault(Replace(Valid, "\"note\": \"x\"", "\"notes\": \"x\""), 6, "\"notes\"", "failures[0].notes");
    }

    [Fact]
    public void Duplicate_property_is_a_fault_at_the_second_name()
    {
        SingleFault(Replace(Valid, "\"name\": \"Test\",", "\"name\": \"Test\", \"name\": \"Again\","), 3, "\"name\": \"Again\"", "name");
    }

    [Fact]
    public void Missing_required_field_is_a_fault_at_the_enclosing_object()
    {
        SingleFault(Replace(Valid, "\"waitingPeriodHours\": 8, ", string.Empty), 11, "{", "insurance.waitingPeriodHours");
    }

    [Fact]
    public void Wrong_type_is_a_fault_at_the_value()
    {
        SingleFault(Replace(Valid, "\"name\": \"Test\"", "\"name\": 5"), 3, "5", "name");
    }

    [Theory]
    [InlineData("2025-10-20T11:40:00+02:00")]
    [InlineData("2025-10-20T09:40:00")]
    [InlineData("2025-10-20 09:40")]
    public void Time_that_is_not_utc_is_a_fault(string time)
    {
        var error = SingleFault(Replace(Valid, "\"2025-10-20T09:40:00Z\"", $"\"{time}\""), 6, $"\"{time}\"", "failures[0].endUtc");

        Assert.Contains("a UTC time yyyy-MM-ddTHH:mm:ssZ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void End_not_after_start_is_a_fault_at_the_end()
    {
        SingleFault(Replace(Valid, "\"endUtc\": \"2025-10-20T17:37:00Z\"", "\"endUtc\": \"2025-10-20T09:25:00Z\""), 7, "\"2025-10-20T09:25:00Z\"}", "failures[1].endUtc");
    }

    [Fact]
    public void Overlapping_windows_of_one_node_are_a_fault_at_the_later_start()
    {
        // failures[1] (09:25 to 17:37) on n1 overlaps failures[0] (06:48 to 09:40) by 15 minutes.
        var error = SingleFault(Replace(Valid, "{\"nodeId\": \"n2\"", "{\"nodeId\": \"n1\""), 7, "\"2025-10-20T09:25:00Z\"", "failures[1].startUtc");

        Assert.Contains("failures[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_failures_is_a_fault()
    {
        string json = Replace(Valid, Valid.Split('\n')[5] + "\n", string.Empty);
        json = Replace(json, json.Split('\n')[5] + "\n", string.Empty);

        SingleFault(json, 5, "[", "failures");
    }

    [Fact]
    public void Negative_waiting_period_is_a_fault()
    {
        SingleFault(Replace(Valid, "\"waitingPeriodHours\": 8", "\"waitingPeriodHours\": -1"), 11, "-1", "insurance.waitingPeriodHours");
    }

    [Fact]
    public void Non_finite_number_is_a_fault()
    {
        SingleFault(Replace(Valid, "\"durationLogSd\": 0.25", "\"durationLogSd\": 1e999"), 12, "1e999", "uncertainty.durationLogSd");
    }

    [Fact]
    public void Take_up_above_one_is_a_fault()
    {
        SingleFault(Replace(Valid, "\"takeUp\": 0.3", "\"takeUp\": 1.5"), 11, "1.5", "insurance.takeUp");
    }

    [Fact]
    public void Limit_of_zero_is_a_fault()
    {
        SingleFault(Replace(Valid, "\"limitUsd\": null", "\"limitUsd\": 0"), 11, "0, \"takeUp\"", "insurance.limitUsd");
    }

    [Fact]
    public void Concentration_of_zero_is_a_fault()
    {
        SingleFault(Replace(Valid, "\"lossFractionConcentration\": 20", "\"lossFractionConcentration\": 0"), 12, "0, \"default", "uncertainty.lossFractionConcentration");
    }

    [Fact]
    public void Top_by_revenue_below_one_is_a_fault()
    {
        SingleFault(Replace(Valid, "\"topByRevenue\": 500", "\"topByRevenue\": 0"), 10, "0}", "filters.topByRevenue");
    }

    [Fact]
    public void Frequency_with_both_rate_and_events_is_a_fault()
    {
        string json = Replace(Valid, "{\"annualRate\": 0.3, \"rateSourceId\": \"src-a\"}", "{\"annualRate\": 0.3, " + FromEvents["\"frequency\": {".Length..]);

        SingleFault(json, 13, "{", "frequency");
    }

    [Fact]
    public void Frequency_with_neither_rate_nor_events_is_a_fault()
    {
        SingleFault(Replace(Valid, "{\"annualRate\": 0.3, ", "{"), 13, "{", "frequency");
    }

    [Fact]
    public void Rate_source_with_counted_events_is_a_fault()
    {
        string json = Replace(Valid, "\"frequency\": {\"annualRate\": 0.3, \"rateSourceId\": \"src-a\"}", FromEvents.Replace("{\"fromEvents\"", "{\"rateSourceId\": \"src-a\", \"fromEvents\""));

        SingleFault(json, 13, "\"rateSourceId\"", "frequency.rateSourceId");
    }

    [Fact]
    public void Dangling_node_is_a_fault()
    {
        SingleFault(Replace(Valid, "\"nodeId\": \"n1\"", "\"nodeId\": \"n9\""), 6, "\"n9\"", "failures[0].nodeId");
    }

    [Fact]
    public void Dangling_service_of_a_lag_is_a_fault_at_its_key()
    {
        SingleFault(Replace(Valid, "{\"svc\": 1.5}", "{\"nope\": 1.5}"), 9, "\"nope\"", "recoveryLag.byService.nope");
    }

    [Fact]
    public void Dangling_source_is_a_fault()
    {
        SingleFault(Replace(Valid, "[\"src-a\"]", "[\"src-z\"]"), 4, "\"src-z\"", "sourceIds[0]");
    }

    [Fact]
    public void Dangling_provider_of_the_event_filter_is_a_fault()
    {
        string json = Replace(Valid, "\"frequency\": {\"annualRate\": 0.3, \"rateSourceId\": \"src-a\"}", FromEvents.Replace("[\"aws\"]", "[\"azure\"]"));

        SingleFault(json, 13, "\"azure\"", "frequency.fromEvents.providerIds[0]");
    }

    [Fact]
    public void Unknown_sector_is_a_fault()
    {
        SingleFault(Replace(Valid, "[\"52\"]", "[\"99\"]"), 10, "\"99\"", "filters.sectors[0]");
    }

    [Fact]
    public void Country_not_in_iso_capitals_is_a_fault()
    {
        SingleFault(Replace(Valid, "[\"US\"]", "[\"us\"]"), 10, "\"us\"", "filters.countries[0]");
    }

    [Fact]
    public void Bundled_scenario_of_20_october_2025_is_valid_against_data()
    {
        OutageScenario s = ScenarioReader.Load(Path.Join(RepoPaths.Data, "scenarios", "aws-us-east-1-2025-10-20.json"), DependencyDataReader.Load(RepoPaths.Data));

        // FACTS §4a in UTC: endpoint record 06:48–09:40, EC2 launches 09:25–17:37, Network Manager 12:28–20:50, NLB 12:30–21:09.
        Assert.Equal(
            ["aws-us-east-1-dynamodb-endpoint-dns", "aws-us-east-1-ec2-launches", "aws-us-east-1-ec2-network-manager", "aws-us-east-1-nlb"],
            s.Failures.Select(f => f.NodeId));
        Assert.Equal([2 + (52 / 60.0), 8 + (12 / 60.0), 8 + (22 / 60.0), 8 + (39 / 60.0)], s.Failures.Select(f => Math.Round(f.Hours, 10)).ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(new InsuranceTerms(8, 0, null, 0.3), s.Insurance);
        Assert.Equal(["aws"], s.Frequency.FromEvents!.ProviderIds);
    }

    [Fact]
    public void Bundled_synthetic_scenario_is_valid_against_the_synthetic_population()
    {
        OutageScenario s = ScenarioReader.Load(Path.Join(RepoPaths.Data, "scenarios", "synthetic-aws-us-east-1-24h.json"), DependencyDataReader.Load(Path.Join(RepoPaths.Data, "synthetic")));

        NodeFailure failure = Assert.Single(s.Failures);
        Assert.Equal("cloud-aws-us-east-1", failure.NodeId);
        Assert.Equal(24, failure.Hours);
        Assert.Equal(500, s.Filters.TopByRevenue);
        Assert.Equal(0.1, s.Frequency.AnnualRate);
    }

    [Fact]
    public void Bundled_replay_of_20_october_2025_on_the_synthetic_population_is_valid_and_has_the_event_window()
    {
        OutageScenario s = ScenarioReader.Load(Path.Join(RepoPaths.Data, "scenarios", "synthetic-aws-us-east-1-2025-10-20.json"), DependencyDataReader.Load(Path.Join(RepoPaths.Data, "synthetic")));

        // AWS's summary: 23:48 PDT on 19 October to 14:20 PDT on 20 October = 06:48 to 21:20 UTC, 14 h 32 min.
        NodeFailure failure = Assert.Single(s.Failures);
        Assert.Equal("cloud-aws-us-east-1", failure.NodeId);
        Assert.Equal(new DateTimeOffset(2025, 10, 20, 6, 48, 0, TimeSpan.Zero), failure.StartUtc);
        Assert.Equal(14 + (32 / 60.0), failure.Hours, 10);
        Assert.Equal(ScenarioFilters.None.TopByRevenue, s.Filters.TopByRevenue);
        Assert.Empty(s.Filters.Countries);

        // The same assumptions as the bundled case scenario.
        OutageScenario bundled = ScenarioReader.Load(Path.Join(RepoPaths.Data, "scenarios", "aws-us-east-1-2025-10-20.json"), DependencyDataReader.Load(RepoPaths.Data));
        Assert.Equal(bundled.Insurance, s.Insurance);
        Assert.Equal(bundled.Uncertainty, s.Uncertainty);
        Assert.Equal(bundled.Frequency.FromEvents!.ProviderIds, s.Frequency.FromEvents!.ProviderIds);
    }
}
