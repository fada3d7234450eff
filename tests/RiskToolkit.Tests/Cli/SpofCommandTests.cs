using System.Text.Json;
using Xunit;

namespace RiskToolkit.Tests.Cli;

public class SpofCommandTests
{
    [Fact]
    public void Json_has_baseline_contingencies_and_cut_sets_with_the_contract_fields()
    {
        var (exit, output, error) = CliRunner.InProcess("spof", "--data", RepoPaths.Data, "--format", "json", "--max-order", "3");
        Assert.True(exit == 0, error);

        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("N-0", root.GetProperty("baseline").GetProperty("label").GetString());
        JsonElement first = root.GetProperty("contingencies")[0];
        foreach (string field in new[] { "nodeId", "name", "layer", "servicesUsing", "servicesFailed", "usersAffected", "revenueAffectedUsd", "severityRank" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }

        Assert.Equal("N-1", first.GetProperty("label").GetString());

        // Users and revenue of the bundled services are unknown: null, never 0.
        Assert.Equal(JsonValueKind.Null, first.GetProperty("usersAffected").ValueKind);

        // The three redundant DNS Enactors of the DynamoDB automation fail together only: one N-3 set.
        JsonElement cut = Assert.Single(root.GetProperty("cutSets").EnumerateArray(), c => c.GetProperty("order").GetInt32() == 3);
        Assert.Equal(3, cut.GetProperty("nodeIds").GetArrayLength());
    }

    [Fact]
    public void Table_ranks_contingencies_and_csv_has_one_row_per_node()
    {
        var (exit, output, _) = CliRunner.InProcess("spof", "--data", RepoPaths.Data);
        Assert.Equal(0, exit);
        Assert.Contains("N-0 base case: 36 services up", output, StringComparison.Ordinal);
        Assert.Contains("aws-us-east-1-dynamodb-endpoint-dns", output, StringComparison.Ordinal);

        var (csvExit, csv, _) = CliRunner.InProcess("spof", "--data", RepoPaths.Data, "--format", "csv");
        Assert.Equal(0, csvExit);
        string[] lines = csv.TrimEnd().Split('\n');
        Assert.StartsWith("label,severity_rank,node_id,", lines[0]);
        Assert.Equal(22, lines.Length); // header + 21 nodes
    }

    [Theory]
    [InlineData("--max-order", "0")]
    [InlineData("--max-order", "4")]
    [InlineData("--top", "0")]
    [InlineData("--top", "x")]
    [InlineData("--max-order", "two")]
    [InlineData("--rank-by", "money")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        // As a process: a value that is not a number must not escape as an exception either.
        var (exit, output, error) = CliRunner.AsProcess(Path.GetTempPath(), "spof", "--data", RepoPaths.Data, option, value);
        Assert.DoesNotContain("   at ", error + output);
        Assert.Equal(2, exit);
        Assert.Contains(option == "--rank-by" ? value : option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_layer_names_the_layers_there_are()
    {
        var (exit, _, error) = CliRunner.InProcess("spof", "--data", RepoPaths.Data, "--layer", "cdn");
        Assert.Equal(1, exit);
        Assert.Contains("no node of layer 'cdn'; layers: analytics, cloud,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_dependency_data_prints_file_line_column_and_no_stack_trace()
    {
        var dir = Directory.CreateTempSubdirectory("risk-spof-bad-");
        try
        {
            foreach (string file in new[] { "sources.csv", "providers.csv", "nodes.csv", "services.csv" })
            {
                File.Copy(Path.Join(RepoPaths.Data, file), Path.Join(dir.FullName, file));
            }

            File.WriteAllText(Path.Join(dir.FullName, "requirements.csv"), "dependent_id,layer,group_id,target_id,source_id,note\nsnapchat,cloud,region,aws-eu-west-1,,\n");
            var (exit, output, error) = CliRunner.AsProcess(dir.FullName, "spof", "--data", ".");
            Assert.Equal(1, exit);
            Assert.StartsWith(Path.Join(".", "requirements.csv") + ":2:4: column 'target_id': dangling reference", error);
            Assert.DoesNotContain("   at ", error + output);
            Assert.DoesNotContain("Exception", error + output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
