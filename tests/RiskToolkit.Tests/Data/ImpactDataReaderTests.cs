using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;
using Xunit;

namespace RiskToolkit.Tests.Data;

/// <summary>One test per fault kind of the impact tables, each asserting the exact file:line:column prefix.</summary>
public sealed class ImpactDataReaderTests : IDisposable
{
    // Line numbers below are relied on by the tests; the header is line 1.
    // Columns: sector 1, name 2, downtime_cost_usd_per_hour 3, loss_fraction 4, recovery_fraction 5,
    // incident_cost_usd 6, cloud_dependence 7, source_id 8, note 9.
    private const string Sectors =
        "sector,name,downtime_cost_usd_per_hour,loss_fraction,recovery_fraction,incident_cost_usd,cloud_dependence,source_id,note\n"
        + "52,Finance and Insurance,300000,0.3,0.3,0,0.452,src-a,\"assumed, mostly\"\n" // line 2
        + "51,Information,250000,0.4,0.1,1000,,src-b,\n";                             // line 3

    // Columns: event_id 1, start_utc 2, end_utc 3, provider_id 4, node_ids 5, layer 6, root_cause 7,
    // affected_count 8, loss_estimate_low_usd 9, loss_estimate_high_usd 10, source_id 11, note 12.
    private const string Events =
        "event_id,start_utc,end_utc,provider_id,node_ids,layer,root_cause,affected_count,loss_estimate_low_usd,loss_estimate_high_usd,source_id,note\n"
        + "e1,2017-02-28T17:37:00Z,2017-02-28T21:54:00Z,aws,,cloud,typo,,150000000,150000000,src-a,\n"   // line 2
        + "e2,2025-10-20T06:48:00Z,,aws,n1;n2,cloud,dns race,70000,38000000,581000000,src-b,insured\n"  // line 3
        + "e3,2022-06-21T06:27:00Z,2022-06-21T07:42:00Z,cloudflare,,cdn,bgp,,,,src-a,\n";              // line 4

    private const string Nodes =
        "node_id,kind,name,provider_id,layer,region,source_id,note\n"
        + "n1,component,DNS record,aws,dns,us-east-1,src-a,\n"
        + "n2,component,DNS automation,aws,dns,us-east-1,src-a,\n";

    private readonly string directory = Path.Join(Path.GetTempPath(), "risktoolkit-impact-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string Write(string? sectors = Sectors, string? events = Events, string? nodes = Nodes)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Join(directory, "sources.csv"), TempDataSet.Sources);
        File.WriteAllText(Path.Join(directory, "providers.csv"), TempDataSet.Providers);
        foreach (var (file, text) in new[] { ("sector_parameters.csv", sectors), ("outage_events.csv", events), ("nodes.csv", nodes) })
        {
            if (text is not null)
            {
                File.WriteAllText(Path.Join(directory, file), text);
            }
        }

        return directory;
    }

    private DataError SingleFaultAt(string file, int line, int column) =>
        TempDataSet.SingleFault(ImpactDataReader.Validate(directory), Path.Join(directory, file), line, column);

    private static string Replace(string table, string oldText, string newText) => TempDataSet.Replace(table, oldText, newText);

    [Fact]
    public void Valid_folder_loads_every_row_with_its_values()
    {
        ImpactData data = ImpactDataReader.Load(Write());

        Assert.Equal(new SectorParameters("52", "Finance and Insurance", 300000, 0.3, 0.3, 0, 0.452, "src-a", "assumed, mostly"), data.Sectors[0]);
        Assert.Null(data.Sectors[1].CloudDependence);
        Assert.Null(data.Sectors[1].Note);
        OutageEvent e2 = data.Events[1];
        Assert.Equal(new DateTimeOffset(2025, 10, 20, 6, 48, 0, TimeSpan.Zero), e2.StartUtc);
        Assert.Equal(TimeSpan.Zero, e2.StartUtc.Offset);
        Assert.Null(e2.EndUtc);
        Assert.Equal(["n1", "n2"], e2.NodeIds);
        Assert.Equal(70000, e2.AffectedCount);
        Assert.Equal(38e6, e2.LossEstimateLowUsd);
        Assert.Equal(581e6, e2.LossEstimateHighUsd);
        Assert.Empty(data.Events[0].NodeIds);
        Assert.Null(data.Events[2].LossEstimateLowUsd);
        Assert.True(ImpactDataReader.HasImpactTables(directory));
    }

    [Fact]
    public void Folder_without_impact_tables_has_none()
    {
        Write(sectors: null, events: null);

        Assert.False(ImpactDataReader.HasImpactTables(directory));
    }

    [Fact]
    public void Missing_file_names_the_file_and_the_table_it_should_hold()
    {
        Write(events: null);

        DataError error = SingleFaultAt("outage_events.csv", 0, 0);
        Assert.Contains("missing file", error.Message, StringComparison.Ordinal);
        Assert.Contains("'outage_events'", error.Message, StringComparison.Ordinal);
        Assert.Contains("event_id,start_utc,end_utc", error.Message, StringComparison.Ordinal);
        Assert.Throws<DataValidationException>(() => ImpactDataReader.Load(directory));
    }

    [Fact]
    public void Missing_column_is_a_header_fault()
    {
        // Header and rows without cloud_dependence: the header's 7th name is source_id where cloud_dependence belongs.
        string sectors = "sector,name,downtime_cost_usd_per_hour,loss_fraction,recovery_fraction,incident_cost_usd,source_id,note\n"
            + "52,Finance and Insurance,300000,0.3,0.3,0,src-a,\n";
        Write(sectors: sectors);

        DataError error = Assert.Single(ImpactDataReader.Validate(directory));
        Assert.StartsWith($"{Path.Join(directory, "sector_parameters.csv")}:1:", error.ToString());
        Assert.Contains("cloud_dependence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_column_is_a_header_fault_at_its_position()
    {
        Write(sectors: Sectors.Replace(",note\n", ",note,extra\n").Replace("mostly\"\n", "mostly\",x\n").Replace("src-b,\n", "src-b,,y\n"));

        DataError error = SingleFaultAt("sector_parameters.csv", 1, 10);
        Assert.Contains("'extra'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_value_is_a_fault_at_its_cell()
    {
        Write(sectors: Replace(Sectors, "300000,0.3,0.3", "300000,abc,0.3"));

        Assert.Contains("column 'loss_fraction'", SingleFaultAt("sector_parameters.csv", 2, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_is_a_fault_at_its_cell()
    {
        Write(sectors: Replace(Sectors, "300000,0.3,0.3", "300000,NaN,0.3"));

        Assert.Contains("NaN and infinities are not allowed", SingleFaultAt("sector_parameters.csv", 2, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fraction_above_one_is_a_fault()
    {
        Write(sectors: Replace(Sectors, "300000,0.3,0.3", "300000,0.3,1.5"));

        Assert.Contains("between 0 and 1", SingleFaultAt("sector_parameters.csv", 2, 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Downtime_cost_of_zero_is_a_fault()
    {
        Write(sectors: Replace(Sectors, "Insurance,300000,", "Insurance,0,"));

        Assert.Contains("> 0", SingleFaultAt("sector_parameters.csv", 2, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_sector_code_is_a_fault()
    {
        Write(sectors: Replace(Sectors, "51,Information", "99,Information"));

        Assert.Contains("31-33", SingleFaultAt("sector_parameters.csv", 3, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_sector_is_a_fault_naming_the_first_line()
    {
        Write(sectors: Replace(Sectors, "51,Information", "52,Information"));

        Assert.Contains("first occurrence on line 2", SingleFaultAt("sector_parameters.csv", 3, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_event_id_is_a_fault_naming_the_first_line()
    {
        Write(events: Replace(Events, "e3,", "e1,"));

        Assert.Contains("first occurrence on line 2", SingleFaultAt("outage_events.csv", 4, 1).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2017-02-28 17:37")]
    [InlineData("2017-02-28T17:37:00")]
    [InlineData("2017-02-28T18:37:00+01:00")]
    [InlineData("2017-02-30T17:37:00Z")]
    public void Time_that_is_not_utc_iso_8601_is_a_fault(string time)
    {
        Write(events: Replace(Events, "e1,2017-02-28T17:37:00Z", "e1," + time));

        Assert.Contains("a UTC time yyyy-MM-ddTHH:mm:ssZ", SingleFaultAt("outage_events.csv", 2, 2).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void End_before_start_is_a_fault_at_the_end()
    {
        Write(events: Replace(Events, "2017-02-28T21:54:00Z", "2017-02-28T17:00:00Z"));

        Assert.Contains("end not after start", SingleFaultAt("outage_events.csv", 2, 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Low_estimate_above_high_is_a_fault_at_the_high_estimate()
    {
        Write(events: Replace(Events, "38000000,581000000", "581000000,38000000"));

        Assert.Contains("range reversed", SingleFaultAt("outage_events.csv", 3, 10).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_a_loss_range_is_a_fault_at_the_empty_bound()
    {
        Write(events: Replace(Events, "150000000,150000000", "150000000,"));

        Assert.Contains("half a range", SingleFaultAt("outage_events.csv", 2, 10).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_provider_is_a_fault()
    {
        Write(events: Replace(Events, ",cloudflare,", ",fastly,"));

        Assert.Contains("expected a provider_id of providers.csv, found 'fastly'", SingleFaultAt("outage_events.csv", 4, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_node_is_a_fault()
    {
        Write(events: Replace(Events, "n1;n2", "n1;n9"));

        Assert.Contains("expected a node_id of nodes.csv, found 'n9'", SingleFaultAt("outage_events.csv", 3, 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_ids_without_a_nodes_table_are_dangling()
    {
        Write(events: Replace(Events, "n1;n2", "n1"), nodes: null);

        Assert.Contains("nodes.csv, which is missing", SingleFaultAt("outage_events.csv", 3, 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_source_is_a_fault()
    {
        Write(sectors: Replace(Sectors, ",src-b,", ",src-z,"));

        Assert.Contains("expected a source_id of sources.csv, found 'src-z'", SingleFaultAt("sector_parameters.csv", 3, 8).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_tables_are_valid_with_one_row_per_naics_sector_and_the_eleven_events_of_the_facts_sheet()
    {
        Assert.Empty(ImpactDataReader.Validate(RepoPaths.Data).Select(e => e.ToString()));
        ImpactData data = ImpactDataReader.Load(RepoPaths.Data);

        Assert.Equal(NaicsSectorCodes, data.Sectors.Select(s => s.Sector));
        Assert.All(data.Sectors, s => Assert.Equal(300000, s.DowntimeCostUsdPerHour));
        Assert.Equal(11, data.Events.Count);

        // AWS's summary: 23:48 PDT on 19 October to 14:20 PDT on 20 October = 06:48 to 21:20 UTC.
        OutageEvent aws = Assert.Single(data.Events, e => e.EventId == "aws-us-east-1-2025-10-20");
        Assert.Equal(new DateTimeOffset(2025, 10, 20, 6, 48, 0, TimeSpan.Zero), aws.StartUtc);
        Assert.Equal(new DateTimeOffset(2025, 10, 20, 21, 20, 0, TimeSpan.Zero), aws.EndUtc);
        Assert.Contains("aws-us-east-1-dynamodb-endpoint-dns", aws.NodeIds);
        Assert.Equal(38e6, aws.LossEstimateLowUsd);
        Assert.Equal(581e6, aws.LossEstimateHighUsd);
        Assert.All(data.Events.Where(e => e.EventId != aws.EventId), e => Assert.Empty(e.NodeIds));
    }

    [Fact]
    public void Risk_validate_checks_the_impact_tables_when_present()
    {
        Write(sectors: Replace(Sectors, "300000,0.3,0.3", "300000,0.3,1.5"), nodes: null, events: Replace(Events, "n1;n2", string.Empty));

        var (exit, _, error) = RiskToolkit.Tests.Cli.CliRunner.InProcess("validate", directory);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{Path.Join(directory, "sector_parameters.csv")}:2:5: column 'recovery_fraction'", error, StringComparison.Ordinal);
    }

    private static readonly string[] NaicsSectorCodes =
        ["11", "21", "22", "23", "31-33", "42", "44-45", "48-49", "51", "52", "53", "54", "55", "56", "61", "62", "71", "72", "81", "92"];

    [Fact]
    public void Naics_titles_cover_every_bundled_sector()
    {
        ImpactData data = ImpactDataReader.Load(RepoPaths.Data);

        Assert.All(data.Sectors, s => Assert.NotEqual(s.Sector, NaicsSectors.Title(s.Sector)));
    }
}
