using CsCheck;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;
using RiskToolkit.Tests.Data;
using Xunit;

namespace RiskToolkit.Tests.Dependencies;

/// <summary>The fast path of <see cref="DependencyDataReader.Load"/> reads exactly what the strict reader reads, and gives up wherever the strict reader would fault.</summary>
public class FastDependencyReaderTests
{
    [Fact]
    public void Bundled_folders_read_the_same_on_both_paths()
    {
        // The synthetic folder has no quoted field, so it takes the fast path.
        string synthetic = Path.Join(RepoPaths.Data, "synthetic");
        DependencyData? fast = FastDependencyReader.TryLoad(synthetic);
        Assert.NotNull(fast);
        DependencyFixture.AssertSameTables(DependencyDataReader.LoadStrict(synthetic), fast);

        // The case study's notes are quoted (they hold commas), so it goes through the strict reader.
        Assert.Null(FastDependencyReader.TryLoad(RepoPaths.Data));
        DependencyFixture.AssertSameTables(DependencyDataReader.LoadStrict(RepoPaths.Data), DependencyDataReader.Load(RepoPaths.Data));
    }

    /// <summary>Runs <paramref name="body"/> on a fresh folder holding the sources, providers and nodes of these tests.</summary>
    private static void InFolder(Action<string> body)
    {
        string directory = Path.Join(Path.GetTempPath(), "risktoolkit-fast-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Join(directory, "sources.csv"), TempDataSet.Sources);
            File.WriteAllText(Path.Join(directory, "providers.csv"), TempDataSet.Providers);
            File.WriteAllText(Path.Join(directory, "nodes.csv"), Nodes);
            body(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private const string Nodes =
        "node_id,kind,name,provider_id,layer,region,source_id,note\n"
        + "p,provider,P,aws,cdn,,src-a,\n"
        + "q,provider,Q,,dns,,,\n";

    private const string Services =
        "service_id,name,operator,sector,country,users,annual_revenue_usd,criticality,rank,source_id,note\n"
        + "s1,S1,,52,GB,10,1.5e3,1,3,src-a,\n"
        + "s2,S2,,,,,,,,,\n";

    /// <summary>Cells drawn to hit every rule: spaces, quotes, commas, non-ASCII, empty, unknown ids, bad layers.</summary>
    private static readonly string[] Cells = ["s1", "s2", "p", "q", "x", "cdn", "dns", "g1", "g2", "", " ", "a b", "\"q\"", "é", "\u00a0", "DNS", "src-a", "src-z"];

    private static readonly Gen<string> Cell = Gen.Int[0, Cells.Length - 1].Select(i => Cells[i]);

    private static readonly Gen<string> Requirements =
        from rows in Gen.Select(Cell, Cell, Cell, Cell, Cell).Array[0, 6]
        select "dependent_id,layer,group_id,target_id,source_id,note\n"
            + string.Concat(rows.Select(r => $"{r.Item1},{r.Item2},{r.Item3},{r.Item4},{r.Item5},\n"));

    [Fact]
    public void Random_requirement_tables_give_the_strict_result_or_fall_back()
    {
        InFolder(directory =>
        {
            File.WriteAllText(Path.Join(directory, "services.csv"), Services);
            int fastReads = 0;
            Requirements.Sample(
                text =>
                {
                    File.WriteAllText(Path.Join(directory, "requirements.csv"), text);
                    bool valid = DependencyDataReader.Validate(directory).Count == 0;
                    DependencyData? fast = FastDependencyReader.TryLoad(directory);
                    if (fast is null)
                    {
                        // Falling back is always allowed; the strict reader then decides.
                        return true;
                    }

                    fastReads++;
                    if (!valid)
                    {
                        return false;
                    }

                    DependencyFixture.AssertSameTables(DependencyDataReader.LoadStrict(directory), fast);
                    return true;
                },
                iter: 1000,
                threads: 1);
            Assert.True(fastReads > 50, $"only {fastReads} of 1,000 tables took the fast path");
        });
    }

    [Fact]
    public void Quoted_fields_and_faults_go_through_the_strict_reader_with_its_messages()
    {
        InFolder(directory =>
        {
            File.WriteAllText(Path.Join(directory, "services.csv"), Services + "s3,\"Shop, online\",,,,,,,,,\n");
            File.WriteAllText(Path.Join(directory, "requirements.csv"), "dependent_id,layer,group_id,target_id,source_id,note\ns3,cdn,g,p,,\n");
            Assert.Null(FastDependencyReader.TryLoad(directory));
            Assert.Equal("Shop, online", DependencyDataReader.Load(directory).Services[2].Name);

            File.WriteAllText(Path.Join(directory, "requirements.csv"), "dependent_id,layer,group_id,target_id,source_id,note\ns3,cdn,g,z,,\n");
            var error = Assert.Throws<DataValidationException>(() => DependencyDataReader.Load(directory));
            Assert.StartsWith(Path.Join(directory, "requirements.csv") + ":2:4: column 'target_id': dangling reference", error.Errors[0].ToString());
        });
    }

    [Theory]
    [InlineData("s1,,g,p,,\ns2,cdn,g,p,,\n", 2)]   // empty layer in the first row
    [InlineData("s1,cdn,,p,,\ns2,cdn,g,p,,\n", 3)] // empty group_id in the first row
    [InlineData(",cdn,g,p,,\ns2,cdn,g,p,,\n", 1)]  // empty dependent_id in the first row
    public void Empty_cells_in_the_first_row_go_to_the_strict_reader(string rows, int column)
    {
        InFolder(directory =>
        {
            File.WriteAllText(Path.Join(directory, "services.csv"), Services);
            File.WriteAllText(Path.Join(directory, "requirements.csv"), "dependent_id,layer,group_id,target_id,source_id,note\n" + rows);

            Assert.Null(FastDependencyReader.TryLoad(directory));
            var error = Assert.Throws<DataValidationException>(() => DependencyDataReader.Load(directory));
            Assert.StartsWith($"{Path.Join(directory, "requirements.csv")}:2:{column}: ", error.Errors[0].ToString());
        });
    }
}
