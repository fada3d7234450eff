using System.Text.Json;
using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Data;

/// <summary>
/// data/datapackage.json documents the tables; the readers enforce <see cref="MarketTables"/>, <see cref="DependencyTables"/>,
/// <see cref="IoTables"/> and <see cref="ImpactTables"/>. These tests fail when the two drift apart.
/// </summary>
public class DataPackageTests
{
    /// <summary>The market tables, the dependency tables, the input-output tables, the impact tables, then the outage indicators, as the package lists them.</summary>
    private static readonly TableSpec[] Tables = [.. MarketTables.All, .. DependencyTables.All, IoTables.Sectors, IoTables.Coefficients(BundledSectorIds()), .. ImpactTables.All, ImpactTables.OutageIndicators];

    /// <summary>The columns of io_coefficients.csv are the sector ids of the bundled io_sectors.csv.</summary>
    private static string[] BundledSectorIds() =>
        File.ReadLines(Path.Join(RepoPaths.Data, "io_sectors.csv")).Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]).ToArray();

    private static JsonElement[] Resources()
    {
        string path = Path.Join(RepoPaths.Data, "datapackage.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.Clone()).ToArray();
    }

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.Number => "number",
        FieldType.Integer => "integer",
        FieldType.Date => "date",
        FieldType.DateTime => "datetime",
        _ => "string",
    };

    private static double? Number(JsonElement constraints, string name) =>
        constraints.TryGetProperty(name, out JsonElement value) ? value.GetDouble() : null;

    [Fact]
    public void Package_lists_the_thirteen_tables_in_reading_order_with_their_files()
    {
        JsonElement[] resources = Resources();

        Assert.Equal(Tables.Select(t => t.Name), resources.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(Tables.Select(t => t.FileName), resources.Select(r => r.GetProperty("path").GetString()));
        Assert.Equal(Tables.Select(t => t.Description), resources.Select(r => r.GetProperty("description").GetString()));
    }

    [Fact]
    public void Fields_match_the_code_in_name_order_type_required_flag_and_description()
    {
        foreach (JsonElement resource in Resources())
        {
            TableSpec spec = Tables.Single(t => t.Name == resource.GetProperty("name").GetString());
            JsonElement[] fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().ToArray();

            Assert.Equal(spec.Fields.Select(f => f.Name), fields.Select(f => f.GetProperty("name").GetString()));
            Assert.Equal(spec.Fields.Select(f => TypeName(f.Type)), fields.Select(f => f.GetProperty("type").GetString()));
            Assert.Equal(spec.Fields.Select(f => f.Required), fields.Select(f => f.GetProperty("constraints").GetProperty("required").GetBoolean()));
            Assert.Equal(spec.Fields.Select(f => f.Description), fields.Select(f => f.GetProperty("description").GetString()));
        }
    }

    [Fact]
    public void Constraints_and_units_match_the_code()
    {
        foreach (JsonElement resource in Resources())
        {
            TableSpec spec = Tables.Single(t => t.Name == resource.GetProperty("name").GetString());
            JsonElement[] fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().ToArray();
            for (int i = 0; i < fields.Length; i++)
            {
                FieldSpec field = spec.Fields[i];
                JsonElement json = fields[i];
                JsonElement constraints = json.GetProperty("constraints");
                string where = $"{spec.Name}.{field.Name}";

                Assert.True(field.Minimum == Number(constraints, "minimum"), where + " minimum");
                Assert.True(field.Maximum == Number(constraints, "maximum"), where + " maximum");
                Assert.True(field.ExclusiveMinimum == Number(constraints, "exclusiveMinimum"), where + " exclusiveMinimum");
                Assert.True(field.ExclusiveMaximum == Number(constraints, "exclusiveMaximum"), where + " exclusiveMaximum");
                Assert.Equal(field.Pattern, constraints.TryGetProperty("pattern", out JsonElement p) ? p.GetString() : null);
                Assert.Equal(
                    field.Enum ?? [],
                    constraints.TryGetProperty("enum", out JsonElement e) ? e.EnumerateArray().Select(v => v.GetString()!).ToArray() : []);
                Assert.Equal(field.Unit, json.TryGetProperty("unit", out JsonElement u) ? u.GetString() : null);
            }
        }
    }

    [Fact]
    public void Columns_that_may_be_absent_are_marked_in_the_package_and_are_never_required()
    {
        foreach (JsonElement resource in Resources())
        {
            TableSpec spec = Tables.Single(t => t.Name == resource.GetProperty("name").GetString());
            JsonElement[] fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().ToArray();
            for (int i = 0; i < fields.Length; i++)
            {
                bool marked = fields[i].TryGetProperty("mayBeAbsent", out JsonElement m) && m.GetBoolean();
                Assert.True(spec.Fields[i].MayBeAbsent == marked, $"{spec.Name}.{spec.Fields[i].Name} mayBeAbsent");
                Assert.False(spec.Fields[i].MayBeAbsent && spec.Fields[i].Required, $"{spec.Name}.{spec.Fields[i].Name} is required yet may be absent");
            }
        }

        // The two columns added after the first release, and only they.
        Assert.Equal(
            ["markets.share_rounding", "market_shares.rank"],
            Tables.SelectMany(t => t.Fields.Where(f => f.MayBeAbsent).Select(f => $"{t.Name}.{f.Name}")));
    }

    [Fact]
    public void Primary_and_foreign_keys_match_the_code()
    {
        foreach (JsonElement resource in Resources())
        {
            string name = resource.GetProperty("name").GetString()!;
            TableSpec spec = Tables.Single(t => t.Name == name);
            JsonElement schema = resource.GetProperty("schema");

            Assert.Equal(spec.PrimaryKey, schema.GetProperty("primaryKey").EnumerateArray().Select(k => k.GetString()));
            var foreignKeys = schema.GetProperty("foreignKeys").EnumerateArray().Select(fk =>
            {
                string field = Assert.Single(fk.GetProperty("fields").EnumerateArray()).GetString()!;
                JsonElement reference = fk.GetProperty("reference");
                string target = reference.GetProperty("resource").GetString()!;
                string targetField = Assert.Single(reference.GetProperty("fields").EnumerateArray()).GetString()!;
                // Table Schema names the resource itself with "".
                return new ForeignKeySpec(field, target.Length == 0 ? name : target, targetField);
            });
            Assert.Equal(spec.ForeignKeys, foreignKeys);
        }
    }

    [Fact]
    public void Reserved_provider_id_other_is_documented_where_provider_ids_live()
    {
        JsonElement[] resources = Resources();
        foreach (string table in new[] { "providers", "market_shares" })
        {
            JsonElement field = resources.Single(r => r.GetProperty("name").GetString() == table)
                .GetProperty("schema").GetProperty("fields").EnumerateArray()
                .Single(f => f.GetProperty("name").GetString() == "provider_id");

            JsonElement reserved = Assert.Single(field.GetProperty("reservedValues").EnumerateArray());
            Assert.Equal(MarketShare.OtherProviderId, reserved.GetProperty("value").GetString());
        }
    }

    [Fact]
    public void Foreign_key_to_providers_documents_that_standard_validators_reject_other()
    {
        // reservedValues is not Table Schema; the foreign key itself must say so for readers of the file.
        JsonElement foreignKey = Resources().Single(r => r.GetProperty("name").GetString() == "market_shares")
            .GetProperty("schema").GetProperty("foreignKeys").EnumerateArray()
            .Single(fk => fk.GetProperty("reference").GetProperty("resource").GetString() == "providers");

        string description = foreignKey.GetProperty("description").GetString()!;
        Assert.Contains("reservedValues", description, StringComparison.Ordinal);
        Assert.Contains("'other'", description, StringComparison.Ordinal);
        Assert.Contains("risk validate", description, StringComparison.Ordinal);
    }
}
