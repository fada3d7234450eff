using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Tests.Data;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

/// <summary>One test per fault kind of the dependency tables, each asserting the exact file:line:column prefix.</summary>
public sealed class DependencyDataReaderTests : IDisposable
{
    // Line numbers below are relied on by the tests; the header is line 1.
    private const string Nodes =
        "node_id,kind,name,provider_id,layer,region,source_id,note\n"
        + "aws,provider,Amazon Web Services,aws,cloud,,src-a,\n"             // line 2
        + "aws-use1,region,us-east-1,aws,cloud,us-east-1,src-a,\n"          // line 3
        + "cf,provider,Cloudflare,cloudflare,cdn,,,\"a note, quoted\"\n";   // line 4

    private const string Services =
        "service_id,name,operator,sector,country,users,annual_revenue_usd,criticality,rank,source_id,note\n"
        + "bank,Bank app,A Bank,52,GB,1000000,2.5e9,3,,src-a,\n"           // line 2
        + "shop,Shop,,44-45,,,,,17,,\n";                                    // line 3

    private const string Requirements =
        "dependent_id,layer,group_id,target_id,source_id,note\n"
        + "aws-use1,cloud,provider,aws,src-a,\n"                            // line 2
        + "bank,cloud,compute,aws-use1,src-a,\n"                            // line 3
        + "shop,cloud,compute,aws-use1,,\n"                                 // line 4
        + "shop,cdn,cdn,cf,,\n";                                            // line 5

    private readonly string directory = Path.Join(Path.GetTempPath(), "risktoolkit-deps-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string Write(string? nodes = null, string? services = null, string? requirements = null)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Join(directory, "sources.csv"), TempDataSet.Sources);
        File.WriteAllText(Path.Join(directory, "providers.csv"), TempDataSet.Providers);
        File.WriteAllText(Path.Join(directory, "nodes.csv"), nodes ?? Nodes);
        File.WriteAllText(Path.Join(directory, "services.csv"), services ?? Services);
        File.WriteAllText(Path.Join(directory, "requirements.csv"), requirements ?? Requirements);
        return directory;
    }

    private DataError SingleFaultAt(string file, int line, int column) =>
        TempDataSet.SingleFault(DependencyDataReader.Validate(directory), Path.Join(directory, file), line, column);

    private static string Replace(string table, string oldText, string newText) => TempDataSet.Replace(table, oldText, newText);

    [Fact]
    public void Valid_folder_loads_every_row_with_its_values()
    {
        DependencyData data = DependencyDataReader.Load(Write());

        Assert.Equal(3, data.Nodes.Count);
        Assert.Equal(new DependencyNode("cf", NodeKind.Provider, "Cloudflare") { ProviderId = "cloudflare", Layer = "cdn", Note = "a note, quoted" }, data.Nodes[2]);
        Assert.Equal(
            new DependentService("bank", "Bank app") { Operator = "A Bank", Sector = "52", Country = "GB", Users = 1_000_000, AnnualRevenueUsd = 2.5e9, Criticality = 3, SourceId = "src-a" },
            data.Services[0]);
        Assert.Null(data.Services[1].Users);
        Assert.Equal(17, data.Services[1].Rank);
        Assert.Equal(4, data.Requirements.Count);
        Assert.True(DependencyDataReader.HasDependencyTables(directory));
    }

    [Fact]
    public void Bundled_data_folder_has_valid_dependency_tables()
    {
        Assert.Empty(DependencyDataReader.Validate(RepoPaths.Data));
    }

    [Fact]
    public void Duplicate_node_id()
    {
        Write(nodes: Nodes + "aws,provider,Again,aws,cloud,,,\n");
        Assert.Contains("duplicate primary key (node_id) = ('aws'): first occurrence on line 2", SingleFaultAt("nodes.csv", 5, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_id_equal_to_a_node_id()
    {
        Write(services: Services + "cf,Clash,,,,,,,,,\n");
        Assert.Contains("duplicate id: expected an id unique across nodes and services, found 'cf', a node_id on line 4 of nodes.csv", SingleFaultAt("services.csv", 4, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_that_is_not_a_node()
    {
        Write(requirements: Requirements + "shop,dns,dns,route53,,\n");
        Assert.Contains("dangling reference: expected a node_id of nodes.csv, found 'route53'", SingleFaultAt("requirements.csv", 6, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependent_that_is_neither_a_service_nor_a_node()
    {
        Write(requirements: Requirements + "shp,dns,dns,cf,,\n");
        Assert.Contains("expected a service_id of services.csv or a node_id of nodes.csv, found 'shp'", SingleFaultAt("requirements.csv", 6, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_provider_that_is_not_a_provider()
    {
        Write(nodes: Replace(Nodes, "cf,provider,Cloudflare,cloudflare", "cf,provider,Cloudflare,cloudfare"));
        Assert.Contains("expected a provider_id of providers.csv, found 'cloudfare'", SingleFaultAt("nodes.csv", 4, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_with_rows_of_two_layers()
    {
        Write(requirements: Requirements + "shop,dns,cdn,aws,,\n");
        Assert.Contains("mixed layers in one group: expected 'cdn' as on line 5 for dependent 'shop' group 'cdn', found 'dns'", SingleFaultAt("requirements.csv", 6, 2).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_row_without_a_target_is_an_empty_group()
    {
        Write(requirements: Requirements + "shop,dns,dns,,,\n");
        Assert.Contains("column 'target_id': missing required value", SingleFaultAt("requirements.csv", 6, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_requirement_row()
    {
        Write(requirements: Requirements + "shop,cdn,cdn,cf,,\n");
        Assert.Contains("duplicate primary key (dependent_id, group_id, target_id)", SingleFaultAt("requirements.csv", 6, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_node_kind()
    {
        Write(nodes: Replace(Nodes, "aws-use1,region", "aws-use1,zone"));
        Assert.Contains("expected one of provider, region, service, component, self", SingleFaultAt("nodes.csv", 3, 2).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sector_that_is_not_a_naics_sector()
    {
        Write(services: Replace(Services, "bank,Bank app,A Bank,52", "bank,Bank app,A Bank,Banking"));
        Assert.Contains("expected one of 11, 21", SingleFaultAt("services.csv", 2, 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_users()
    {
        Write(services: Replace(Services, ",1000000,", ",-5,"));
        Assert.Contains("column 'users'", SingleFaultAt("services.csv", 2, 6).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_with_a_space()
    {
        Write(services: Replace(Services, "shop,Shop", "my shop,Shop"));
        var errors = DependencyDataReader.Validate(directory);

        // The bad id fails its pattern, and the requirements naming "shop" now dangle.
        Assert.StartsWith($"{Path.Join(directory, "services.csv")}:3:1: column 'service_id'", errors[0].ToString());
        Assert.Contains("an id without spaces", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_throws_with_every_fault()
    {
        Write(requirements: Requirements + "shop,dns,dns,route53,,\nshp,dns,dns,cf,,\n");
        var error = Assert.Throws<DataValidationException>(() => DependencyDataReader.Load(directory));
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void Layer_that_is_not_a_lowercase_word()
    {
        Write(requirements: Requirements + "shop,DNS,dns,cf,,\n");
        Assert.Contains("a lowercase layer name", SingleFaultAt("requirements.csv", 6, 2).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Country_that_is_not_an_alpha_2_code_in_capitals()
    {
        Write(services: Replace(Services, "52,GB,", "52,gb,"));
        Assert.Contains("an ISO 3166-1 alpha-2 code in capitals", SingleFaultAt("services.csv", 2, 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_below_one()
    {
        Write(services: Replace(Services, "shop,Shop,,44-45,,,,,17,,", "shop,Shop,,44-45,,,,,0,,"));
        Assert.Contains("column 'rank'", SingleFaultAt("services.csv", 3, 9).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN", "NaN and infinities are not allowed")]
    [InlineData("2,5e9", null)]
    [InlineData("lots", "invariant culture")]
    public void Revenue_that_is_not_a_finite_invariant_number(string cell, string? hint)
    {
        string services = Replace(Services, ",2.5e9,", cell.Contains(',', StringComparison.Ordinal) ? $",\"{cell}\"," : $",{cell},");
        Write(services: services);
        DataError error = SingleFaultAt("services.csv", 2, 7);
        Assert.Contains("column 'annual_revenue_usd'", error.Message, StringComparison.Ordinal);
        if (hint is not null)
        {
            Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Source_of_a_service_that_is_not_a_source()
    {
        Write(services: Replace(Services, "2.5e9,3,,src-a,", "2.5e9,3,,src-q,"));
        Assert.Contains("dangling reference: expected a source_id of sources.csv, found 'src-q'", SingleFaultAt("services.csv", 2, 10).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_of_a_requirement_that_is_not_a_source()
    {
        Write(requirements: Requirements + "shop,dns,dns,aws,src-q,\n");
        Assert.Contains("dangling reference: expected a source_id of sources.csv, found 'src-q'", SingleFaultAt("requirements.csv", 6, 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_service_id()
    {
        Write(services: Services + "shop,Shop again,,,,,,,,,\n");
        Assert.Contains("duplicate primary key (service_id) = ('shop'): first occurrence on line 3", SingleFaultAt("services.csv", 4, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_of_a_dependency_file_with_a_missing_column()
    {
        Write(requirements: Requirements.Replace("dependent_id,layer,group_id,target_id,source_id,note", "dependent_id,layer,group_id,target_id,source_id", StringComparison.Ordinal)
            .Replace(",src-a,\n", ",src-a\n", StringComparison.Ordinal).Replace(",,\n", ",\n", StringComparison.Ordinal));
        var errors = DependencyDataReader.Validate(directory);
        Assert.StartsWith($"{Path.Join(directory, "requirements.csv")}:1:", errors[0].ToString());
        Assert.Contains("note", errors[0].Message, StringComparison.Ordinal);
    }
}
