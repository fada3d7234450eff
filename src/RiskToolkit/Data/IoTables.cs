namespace RiskToolkit.Data;

/// <summary>
/// The input-output tables of a data folder (<c>io_sectors.csv</c>, <c>io_coefficients.csv</c>), as
/// described in <c>data/datapackage.json</c>. The columns of the coefficient table are the sector ids,
/// so its specification is built from them.
/// </summary>
internal static class IoTables
{
    /// <summary>Sector ids: a letter, then letters, digits, underscores or hyphens (they name CSV columns).</summary>
    public const string SectorIdPattern = "^[A-Za-z][A-Za-z0-9_-]*$";

    /// <summary>NAICS sector codes joined by <c>;</c>: <c>11</c>, <c>31-33</c>, <c>52;53</c>.</summary>
    public const string NaicsListPattern = "^[0-9]{2}(-[0-9]{2})?(;[0-9]{2}(-[0-9]{2})?)*$";

    /// <summary>Name of the first column of <c>io_coefficients.csv</c>.</summary>
    public const string SectorColumn = "sector";

    /// <summary><c>io_sectors.csv</c>.</summary>
    public static readonly TableSpec Sectors = new(
        "io_sectors",
        "io_sectors.csv",
        "Sectors of the input-output table, in the order of the rows and columns of io_coefficients.csv, with their total output and the NAICS 2022 sectors each covers. Every row has the same year and source; a NAICS code belongs to at most one sector.",
        [
            new("sector_id", FieldType.String, true, "Primary key, e.g. MFG; names a column of io_coefficients.csv.")
            {
                Pattern = SectorIdPattern,
                PatternHint = "a letter followed by letters, digits, '_' or '-'",
            },
            new("name", FieldType.String, true, "Display name."),
            new("naics", FieldType.String, true, "NAICS 2022 sectors the sector covers, as services.sector writes them, joined by ';' (e.g. 52;53).")
            {
                Pattern = NaicsListPattern,
                PatternHint = "NAICS sector codes joined by ';' such as 52;53",
            },
            new("total_output_usd", FieldType.Number, true, "Total industry output of the sector in the year, US dollars per year (not millions).")
            {
                Unit = "USD",
                ExclusiveMinimum = 0,
            },
            new("year", FieldType.Integer, true, "Year the table describes; the same on every row.")
            {
                Minimum = 1,
                Maximum = 9999,
            },
            new("source_id", FieldType.String, true, "Source of the figures, a key of sources; the same on every row."),
            new("note", FieldType.String, false, "Remarks."),
        ],
        ["sector_id"],
        [new("source_id", "sources", "source_id")]);

    /// <summary>
    /// <c>io_coefficients.csv</c> for the given sectors: the column <c>sector</c>, then one number column
    /// per sector id, in order.
    /// </summary>
    public static TableSpec Coefficients(IReadOnlyList<string> sectorIds) => new(
        "io_coefficients",
        "io_coefficients.csv",
        "Technical coefficients A of the input-output table: A[i, j] = input bought from sector i (row) per dollar of output of sector j (column). Rows and columns are the sectors of io_sectors.csv in its order; every entry is at least 0 and every column sum below 1.",
        [
            new(SectorColumn, FieldType.String, true, "The supplying sector, a key of io_sectors; the rows follow the order of io_sectors.csv."),
            .. sectorIds.Select(id => new FieldSpec(id, FieldType.Number, true, $"Input from the row's sector per dollar of output of sector {id}.")
            {
                Unit = "USD per USD",
                Minimum = 0,
            }),
        ],
        [SectorColumn],
        [new(SectorColumn, "io_sectors", "sector_id")]);
}
