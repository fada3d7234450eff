using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using RiskToolkit.Impact;

namespace RiskToolkit.Data;

/// <summary>
/// Reads and validates the input-output table of a data folder: <c>io_sectors.csv</c> and
/// <c>io_coefficients.csv</c>, with the <c>sources.csv</c> they cite (schemas in
/// <c>data/datapackage.json</c> and data/README.md).
/// </summary>
/// <remarks>
/// CSV rules and fault locations are those of <see cref="MarketDataReader"/>: every fault is
/// <c>file:line:column: message</c> with the 1-based physical line and field position. Checks beyond the
/// cell types (numbers finite, coefficients ≥ 0, outputs &gt; 0): sector ids unique; every row of
/// <c>io_sectors.csv</c> has the same year and source_id, and source_id names a row of sources.csv; each
/// NAICS code is one of those <c>services.sector</c> accepts and belongs to one sector only; the header of
/// <c>io_coefficients.csv</c> is <c>sector</c> followed by the sector ids in the order of
/// <c>io_sectors.csv</c>, and its rows follow the same order, one per sector; every column sum of A is
/// below 1 (A is productive), reported at the column's header cell. When <c>io_sectors.csv</c> cannot give
/// the sector ids, the coefficient file is checked against its own header.
/// </remarks>
public static class IoTableReader
{
    /// <summary>Whether <paramref name="directory"/> holds either input-output file.</summary>
    /// <param name="directory">A data folder.</param>
    /// <returns>True when io_sectors.csv or io_coefficients.csv exists there.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    public static bool HasIoTables(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return File.Exists(Path.Join(directory, IoTables.Sectors.FileName))
            || File.Exists(Path.Join(directory, IoTables.Coefficients([]).FileName));
    }

    /// <summary>Reads and validates the input-output table of <paramref name="dataDirectory"/>.</summary>
    /// <param name="dataDirectory">Folder holding sources.csv, io_sectors.csv and io_coefficients.csv, e.g. <c>data</c>.</param>
    /// <returns>The table: sectors in file order, A, outputs in USD per year, year and source.</returns>
    /// <exception cref="ArgumentException">When <paramref name="dataDirectory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="dataDirectory"/> does not exist.</exception>
    /// <exception cref="DataValidationException">When any fault is found; it lists every fault.</exception>
    public static IoTable Load(string dataDirectory)
    {
        var (tables, errors) = ReadDirectory(dataDirectory);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        List<CsvRow> sectors = tables.Sectors.Rows;
        int n = sectors.Count;
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => tables.Coefficients.Rows[i].Get<double>(sectors[j].Get<string>("sector_id")));
        return new IoTable(
            sectors.Select(r => r.Get<string>("sector_id")).ToArray(),
            sectors.Select(r => r.Get<string>("name")).ToArray(),
            sectors.Select(r => (IReadOnlyList<string>)r.Get<string>("naics").Split(';')).ToArray(),
            a,
            sectors.Select(r => r.Get<double>("total_output_usd")).ToArray(),
            checked((int)sectors[0].Get<long>("year")),
            sectors[0].Get<string>("source_id"));
    }

    /// <summary>Runs the checks of <see cref="Load"/> and returns the faults instead of throwing.</summary>
    /// <param name="dataDirectory">The data folder.</param>
    /// <returns>Every fault, ordered by file (sources, io_sectors, io_coefficients), line and column; empty when the table is valid.</returns>
    /// <exception cref="ArgumentException">When <paramref name="dataDirectory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="dataDirectory"/> does not exist.</exception>
    public static IReadOnlyList<DataError> Validate(string dataDirectory) => ReadDirectory(dataDirectory).Errors;

    private sealed record Tables(CsvTable Sources, CsvTable Sectors, CsvTable Coefficients);

    private static (Tables Tables, IReadOnlyList<DataError> Errors) ReadDirectory(string directory)
    {
        var errors = new List<DataError>();
        CsvTable[] first = MarketChecks.ReadFolder(directory, [MarketTables.Sources, IoTables.Sectors], errors);
        CsvTable sources = first[0];
        CsvTable sectors = first[1];
        int idField = sectors.Spec.IndexOf("sector_id");
        bool sectorsKnown = sectors.IsRead && !sectors.HasOmittedRows && sectors.Rows.All(r => r.Valid[idField]);
        string[] ids = sectorsKnown
            ? sectors.Rows.Select(r => r.Get<string>("sector_id")).Distinct(StringComparer.Ordinal).ToArray()
            : HeaderSectors(Path.Join(directory, IoTables.Coefficients([]).FileName));
        TableSpec spec = IoTables.Coefficients(ids);
        CsvTable coefficients = CsvTable.Read(Path.Join(directory, spec.FileName), spec, errors);
        MarketChecks.PrimaryKey(coefficients, errors);

        SameOnEveryRow(sectors, "year", errors);
        SameOnEveryRow(sectors, "source_id", errors);
        Naics(sectors, errors);
        if (sectorsKnown)
        {
            RowOrder(coefficients, sectors, ids, errors);
        }

        ColumnSums(coefficients, errors);
        CsvTable[] all = [sources, sectors, coefficients];
        return (new Tables(sources, sectors, coefficients), MarketChecks.Sorted(errors, all));
    }

    /// <summary>The sector ids named by the header of the coefficient file (after its first column), or none.</summary>
    private static string[] HeaderSectors(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        string? header = File.ReadLines(file).FirstOrDefault();
        return header is null ? [] : header.TrimStart('\uFEFF').Split(',').Skip(1).Where(h => h.Length > 0 && h != IoTables.SectorColumn).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every row has the value of the first row that has a valid one.</summary>
    private static void SameOnEveryRow(CsvTable table, string name, List<DataError> errors)
    {
        int field = table.Spec.IndexOf(name);
        (object Value, int Line)? first = null;
        foreach (CsvRow row in table.Rows)
        {
            if (!row.Valid[field] || row.Values[field] is not object value)
            {
                continue;
            }

            if (first is null)
            {
                first = (value, row.Line);
            }
            else if (!Equals(first.Value.Value, value))
            {
                errors.Add(table.Fault(
                    row.Line,
                    field,
                    $"column '{name}': mixed values: expected '{Text(first.Value.Value)}' as on line {first.Value.Line} (one table has one {name}), found '{Text(value)}'"));
            }
        }
    }

    /// <summary>Each NAICS code is one services.sector accepts and is claimed by one sector only.</summary>
    private static void Naics(CsvTable sectors, List<DataError> errors)
    {
        int field = sectors.Spec.IndexOf("naics");
        int idField = sectors.Spec.IndexOf("sector_id");
        var owner = new Dictionary<string, (string Sector, int Line)>(StringComparer.Ordinal);
        foreach (CsvRow row in sectors.Rows)
        {
            if (row.Text(field) is not string list)
            {
                continue;
            }

            string sector = row.Text(idField) ?? "?";
            foreach (string code in list.Split(';'))
            {
                if (!DependencyTables.NaicsSectors.Contains(code, StringComparer.Ordinal))
                {
                    errors.Add(sectors.Fault(
                        row.Line,
                        field,
                        $"column 'naics': unknown NAICS code '{CsvTable.Show(code)}': expected NAICS 2022 sectors as services.sector writes them ({string.Join(", ", DependencyTables.NaicsSectors)})"));
                }
                else if (owner.TryGetValue(code, out var claimed))
                {
                    errors.Add(sectors.Fault(
                        row.Line,
                        field,
                        $"column 'naics': NAICS code '{code}' claimed twice: already given to sector '{CsvTable.Show(claimed.Sector)}' on line {claimed.Line}"));
                }
                else
                {
                    owner.Add(code, (sector, row.Line));
                }
            }
        }
    }

    /// <summary>The coefficient rows name the sectors of io_sectors.csv, one each, in its order.</summary>
    private static void RowOrder(CsvTable coefficients, CsvTable sectors, string[] ids, List<DataError> errors)
    {
        if (!coefficients.IsRead || coefficients.HasOmittedRows || coefficients.Columns[0] == 0)
        {
            return;
        }

        List<CsvRow> rows = coefficients.Rows;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Text(0) is not string found)
            {
                continue;
            }

            if (i >= ids.Length)
            {
                errors.Add(coefficients.Fault(
                    rows[i].Line,
                    0,
                    $"column '{IoTables.SectorColumn}': extra row: {sectors.Spec.FileName} lists {ids.Length} sectors, found a row for '{CsvTable.Show(found)}'"));
            }
            else if (found != ids[i])
            {
                errors.Add(coefficients.Fault(
                    rows[i].Line,
                    0,
                    $"column '{IoTables.SectorColumn}': sector order: expected '{ids[i]}' (row {i + 1} of {sectors.Spec.FileName}), found '{CsvTable.Show(found)}'"));
            }
        }

        if (rows.Count < ids.Length)
        {
            errors.Add(new DataError(
                coefficients.File,
                0,
                0,
                $"missing rows: expected one row per sector of {sectors.Spec.FileName} ({ids.Length}), found {rows.Count}; first missing '{ids[rows.Count]}'"));
        }
    }

    /// <summary>Every column sum of A is below 1, checked when every cell of the table was read.</summary>
    private static void ColumnSums(CsvTable coefficients, List<DataError> errors)
    {
        if (!coefficients.IsRead || coefficients.HasOmittedRows || coefficients.Columns.Any(c => c == 0) || coefficients.Rows.Any(r => r.Valid.Contains(false)))
        {
            return;
        }

        for (int f = 1; f < coefficients.Spec.Fields.Count; f++)
        {
            double sum = coefficients.Rows.Sum(r => (double)r.Values[f]!);
            if (sum >= 1)
            {
                string name = coefficients.Spec.Fields[f].Name;
                errors.Add(coefficients.Fault(
                    1,
                    f,
                    $"column '{name}': not productive: the column sum of A is {sum.ToString("R", CultureInfo.InvariantCulture)}, expected below 1 (a sector must buy less than a dollar of inputs from the table per dollar of output)"));
            }
        }
    }

    private static string Text(object value) => value switch
    {
        string s => CsvTable.Show(s),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
