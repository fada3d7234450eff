using RiskToolkit.Data;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Data;

/// <summary>One test per fault kind of outage_indicators.csv, each asserting the exact file:line:column prefix.</summary>
public sealed class OutageIndicatorReaderTests : IDisposable
{
    private const string Events =
        "event_id,start_utc,end_utc,provider_id,node_ids,layer,root_cause,affected_count,loss_estimate_low_usd,loss_estimate_high_usd,source_id,note\n"
        + "e1,2025-10-20T06:48:00Z,2025-10-20T21:20:00Z,aws,,cloud,dns race,,,,src-a,\n"
        + "e2,2025-11-18T11:20:00Z,2025-11-18T17:06:00Z,cloudflare,,cdn,feature file,,,,src-b,\n";

    // Line numbers below are relied on by the tests; the header is line 1.
    // Columns: event_id 1, metric 2, scope 3, value 4, qualifier 5, unit 6, source_id 7, note 8.
    private const string Indicators =
        "event_id,metric,scope,value,qualifier,unit,source_id,note\n"
        + "e1,reports_whole_event,world,17000000,at_least,reports,src-a,\"more than 17 M, final\"\n" // line 2
        + "e1,reports_whole_event,US;CA,1200000,about,reports,src-b,\n"                             // line 3
        + "e1,reports_first_2h,world,6500000,about,reports,src-b,\n"                                // line 4
        + "e1,reports_first_2h,US,1400000,at_least,reports,src-b,\n"                                // line 5
        + "e2,reports_whole_event,world,3300000,exact,reports,src-a,\n";                            // line 6

    private readonly string directory = Path.Join(Path.GetTempPath(), "risktoolkit-indicators-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string Write(string? indicators = Indicators, string events = Events)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Join(directory, "sources.csv"), TempDataSet.Sources);
        File.WriteAllText(Path.Join(directory, "providers.csv"), TempDataSet.Providers);
        File.WriteAllText(Path.Join(directory, "outage_events.csv"), events);
        if (indicators is not null)
        {
            File.WriteAllText(Path.Join(directory, "outage_indicators.csv"), indicators);
        }

        return directory;
    }

    private DataError SingleFaultAt(int line, int column) =>
        TempDataSet.SingleFault(OutageIndicatorReader.Validate(directory), Path.Join(directory, "outage_indicators.csv"), line, column);

    private static string Replace(string oldText, string newText) => TempDataSet.Replace(Indicators, oldText, newText);

    [Fact]
    public void Valid_file_loads_every_row_with_its_values_in_file_order()
    {
        IReadOnlyList<OutageIndicator> rows = OutageIndicatorReader.Load(Write());

        Assert.Equal(5, rows.Count);
        Assert.Equal(new OutageIndicator("e1", "reports_whole_event", "world", 17e6, "at_least", "reports", "src-a", "more than 17 M, final"), rows[0]);
        Assert.True(rows[0].IsWorld);
        Assert.Empty(rows[0].Countries);
        Assert.Equal(["US", "CA"], rows[1].Countries);
        Assert.Null(rows[1].Note);
        Assert.True(OutageIndicatorReader.HasIndicatorTable(directory));
    }

    [Fact]
    public void Missing_file_names_the_file_and_the_table_it_should_hold()
    {
        Write(indicators: null);

        DataError error = SingleFaultAt(0, 0);
        Assert.Contains("'outage_indicators'", error.Message, StringComparison.Ordinal);
        Assert.False(OutageIndicatorReader.HasIndicatorTable(directory));
        Assert.Throws<DataValidationException>(() => OutageIndicatorReader.Load(directory));
    }

    [Fact]
    public void Missing_column_is_a_header_fault()
    {
        Write("event_id,metric,scope,value,unit,source_id,note\ne1,reports_whole_event,world,17000000,reports,src-a,\n");

        DataError error = Assert.Single(OutageIndicatorReader.Validate(directory));
        Assert.StartsWith($"{Path.Join(directory, "outage_indicators.csv")}:1:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("qualifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_value_is_a_fault_at_its_cell()
    {
        Write(Replace("world,6500000,", "world,6.5M,"));

        Assert.Contains("column 'value'", SingleFaultAt(4, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_is_a_fault_at_its_cell()
    {
        Write(Replace("world,6500000,", "world,NaN,"));

        Assert.Contains("NaN and infinities are not allowed", SingleFaultAt(4, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_count_is_a_fault_not_clamped()
    {
        Write(Replace("world,6500000,", "world,-1,"));

        Assert.Contains(">= 0", SingleFaultAt(4, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_with_capitals_or_spaces_is_a_fault()
    {
        Write(Replace("e1,reports_first_2h,world", "e1,Reports first 2h,world"));

        Assert.Contains("a lowercase name with underscores", SingleFaultAt(4, 2).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us")]
    [InlineData("USA")]
    [InlineData("US,CA")]
    [InlineData("worldwide")]
    public void Scope_that_is_not_world_or_country_codes_is_a_fault(string scope)
    {
        Write(Replace(",US,1400000,", $",\"{scope}\",1400000,"));

        Assert.Contains("world, or country codes", SingleFaultAt(5, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Country_named_twice_in_a_scope_is_a_fault()
    {
        Write(Replace(",US;CA,", ",US;US,"));

        Assert.Contains("repeated country", SingleFaultAt(3, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_qualifier_is_a_fault()
    {
        Write(Replace("1200000,about,", "1200000,roughly,"));

        Assert.Contains("one of exact, about, at_least, at_most", SingleFaultAt(3, 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_unit_is_a_fault()
    {
        Write(Replace("3300000,exact,reports,", "3300000,exact,complaints,"));

        Assert.Contains("one of reports, organisations, services, users, hours", SingleFaultAt(6, 6).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_units_for_one_metric_of_an_event_are_a_fault_at_the_later_row()
    {
        Write(Replace("1200000,about,reports,", "1200000,about,users,"));

        Assert.Contains("mixed units for metric 'reports_whole_event': expected 'reports' as on line 2, found 'users'", SingleFaultAt(3, 6).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Country_figure_above_a_worldwide_figure_that_is_not_a_lower_bound_is_a_fault()
    {
        // World 6,500,000 'about' (line 4): the US figure 7,000,000 cannot be part of it.
        Write(Replace(",US,1400000,", ",US,7000000,"));

        Assert.Contains("part above the whole: expected at most the worldwide 6500000 of line 4, found '7000000'", SingleFaultAt(5, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Country_figure_above_a_worldwide_lower_bound_is_not_a_fault()
    {
        // World "more than 17 M" (at_least): a larger US+CA figure does not contradict it.
        Write(Replace(",US;CA,1200000,", ",US;CA,20000000,"));

        Assert.Empty(OutageIndicatorReader.Validate(directory));
    }

    [Fact]
    public void Duplicate_event_metric_and_scope_is_a_fault_naming_the_first_line()
    {
        Write(Replace("e1,reports_first_2h,US,", "e1,reports_first_2h,world,"));

        Assert.Contains("first occurrence on line 4", SingleFaultAt(5, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_event_is_a_fault()
    {
        Write(Replace("e2,reports_whole_event", "e9,reports_whole_event"));

        Assert.Contains("expected a event_id of outage_events.csv, found 'e9'", SingleFaultAt(6, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_source_is_a_fault()
    {
        Write(Replace("1200000,about,reports,src-b", "1200000,about,reports,src-z"));

        Assert.Contains("expected a source_id of sources.csv, found 'src-z'", SingleFaultAt(3, 7).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_indicators_are_valid_and_hold_the_facts_sheet_counts()
    {
        Assert.Empty(OutageIndicatorReader.Validate(RepoPaths.Data).Select(e => e.ToString()));
        IReadOnlyList<OutageIndicator> rows = OutageIndicatorReader.Load(RepoPaths.Data);

        // FACTS §4b: >17 M worldwide over the event (Ookla); 1.2 M US + Canada; first ~2 h: 6.5 M worldwide,
        // >1.4 M US, ~800k UK, ~400k each NL and AU, ~350k each FR and JP.
        Assert.All(rows, r => Assert.Equal("aws-us-east-1-2025-10-20", r.EventId));
        Assert.All(rows, r => Assert.Equal("reports", r.Unit));
        double Value(string metric, string scope) => rows.Single(r => r.Metric == metric && r.Scope == scope).Value;
        Assert.Equal(17e6, Value("downdetector_reports_whole_event", "world"));
        Assert.Equal("at_least", rows.Single(r => r.Metric == "downdetector_reports_whole_event" && r.IsWorld).Qualifier);
        Assert.Equal(1.2e6, Value("downdetector_reports_whole_event", "US;CA"));
        Assert.Equal(6.5e6, Value("downdetector_reports_first_2h", "world"));
        Assert.Equal(1.4e6, Value("downdetector_reports_first_2h", "US"));
        Assert.Equal(8e5, Value("downdetector_reports_first_2h", "GB"));
        Assert.Equal(4e5, Value("downdetector_reports_first_2h", "NL"));
        Assert.Equal(4e5, Value("downdetector_reports_first_2h", "AU"));
        Assert.Equal(3.5e5, Value("downdetector_reports_first_2h", "FR"));
        Assert.Equal(3.5e5, Value("downdetector_reports_first_2h", "JP"));
    }

    [Fact]
    public void Risk_validate_checks_the_indicators_when_present()
    {
        Write(Replace("world,6500000,", "world,-1,"));
        File.WriteAllText(Path.Join(directory, "sector_parameters.csv"),
            "sector,name,downtime_cost_usd_per_hour,loss_fraction,recovery_fraction,incident_cost_usd,cloud_dependence,source_id,note\n52,Finance,300000,0.3,0.3,0,,src-a,\n");

        var (exit, _, error) = RiskToolkit.Tests.Cli.CliRunner.InProcess("validate", directory);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{Path.Join(directory, "outage_indicators.csv")}:4:4: column 'value'", error, StringComparison.Ordinal);
    }
}
