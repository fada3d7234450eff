using RiskToolkit.Data;
using Xunit;

namespace RiskToolkit.Tests.Data;

public sealed class DatasetAgesTests
{
    private static readonly Source[] Sources =
    [
        new("old", "Publisher A", "Old figures", new DateOnly(2020, 6, 30), "https://example.org/old", "CC BY 4.0", "A"),
        new("new", "Publisher B", "New figures", new DateOnly(2025, 12, 31), "https://example.org/new", "CC BY 4.0", "B"),
    ];

    private static string Folder(params (string Name, string Text)[] files)
    {
        var dir = Directory.CreateTempSubdirectory("risk-ages-").FullName;
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), text);
        }

        return dir;
    }

    [Fact]
    public void Ages_run_from_each_tables_oldest_and_newest_source_to_the_reference_date()
    {
        var dir = Folder(
            ("b.csv", "id,source_id,note\n1,old,\"a, quoted\"\n2,new,\n3,,unsourced\n"),
            ("a.csv", "id,source_id\n1,new\n"),
            ("coefficients.csv", "sector,A\nA,0.5\n"),
            ("sources.csv", "source_id,date\nold,2020-06-30\n"));
        try
        {
            var ages = DatasetAges.Of(dir, Sources, new DateOnly(2026, 12, 31));

            // Tables without a source_id column, and sources.csv itself, are left out; the rest in file-name order.
            Assert.Equal(["a.csv", "b.csv"], ages.Select(a => a.Table));
            var b = ages[1];
            Assert.Equal((3, 2), (b.Rows, b.RowsWithSource));
            Assert.Equal(["new", "old"], b.SourceIds);
            Assert.Equal((new DateOnly(2020, 6, 30), new DateOnly(2025, 12, 31)), (b.OldestSource!.Value, b.NewestSource!.Value));
            // 2025-12-31 → 2026-12-31 is 365 days: 365 / 365.25 = 0.99932 years.
            Assert.Equal(365 / 365.25, b.NewestAgeYears!.Value, 12);
            // 2020-06-30 → 2026-12-31: 184 days to 2020-12-31, then 2021–2026 = 5 × 365 + 366 (2024) = 2,191; 2,375 in all.
            Assert.Equal(2375 / 365.25, b.OldestAgeYears!.Value, 12);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_table_citing_no_source_has_no_age()
    {
        var dir = Folder(("a.csv", "id,source_id\n1,\n"));
        try
        {
            var age = Assert.Single(DatasetAges.Of(dir, Sources, new DateOnly(2026, 1, 1)));
            Assert.Equal((1, 0), (age.Rows, age.RowsWithSource));
            Assert.Null(age.NewestSource);
            Assert.Null(age.NewestAgeYears);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_source_id_is_a_fault_at_its_line_and_column()
    {
        var dir = Folder(("a.csv", "id,note,source_id\n1,x,new\n2,y,missing\n"));
        try
        {
            var ex = Assert.Throws<DataValidationException>(() => DatasetAges.Of(dir, Sources, new DateOnly(2026, 1, 1)));
            var error = TempDataSet.SingleFault(ex.Errors, Path.Combine(dir, "a.csv"), 3, 3);
            Assert.EndsWith("expected a source_id of sources.csv, found 'missing'.", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_folder_throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => DatasetAges.Of("no-such-folder", Sources, new DateOnly(2026, 1, 1)));
    }
}
