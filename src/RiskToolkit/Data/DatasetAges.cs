using nietras.SeparatedValues;

namespace RiskToolkit.Data;

/// <summary>
/// How old the figures of one table are: the publication dates (from <c>sources.csv</c>) of the sources its rows cite.
/// </summary>
/// <param name="Table">The file name, for example <c>market_shares.csv</c>.</param>
/// <param name="Rows">Data rows in the file (header excluded).</param>
/// <param name="RowsWithSource">Rows whose <c>source_id</c> is not empty.</param>
/// <param name="SourceIds">The distinct source ids the rows cite, in ordinal order.</param>
/// <param name="OldestSource">The earliest date among those sources, or <see langword="null"/> when no row cites one.</param>
/// <param name="NewestSource">The latest date among those sources, or <see langword="null"/> when no row cites one.</param>
/// <param name="NewestAgeYears">Years (of 365.25 days) from <paramref name="NewestSource"/> to the reference date; ≥ 0 unless a
/// source is dated after it; <see langword="null"/> when no row cites a source.</param>
/// <param name="OldestAgeYears">Years from <paramref name="OldestSource"/> to the reference date, as above.</param>
public sealed record DatasetAge(
    string Table,
    int Rows,
    int RowsWithSource,
    IReadOnlyList<string> SourceIds,
    DateOnly? OldestSource,
    DateOnly? NewestSource,
    double? NewestAgeYears,
    double? OldestAgeYears);

/// <summary>The age of each table of a data folder, for the assumptions and limitations of a report.</summary>
public static class DatasetAges
{
    /// <summary>The column every sourced table of the data model carries (data/README.md).</summary>
    public const string SourceColumn = "source_id";

    /// <summary>
    /// For every <c>*.csv</c> directly in <paramref name="directory"/> that has a <see cref="SourceColumn"/> column
    /// (so not <c>sources.csv</c> itself, nor tables without one, such as the input-output coefficients), the dates of
    /// the sources its rows cite, in file-name order. The tables are expected to have passed their reader's validation
    /// (<c>risk validate</c>); this reads only the header and the source column.
    /// </summary>
    /// <param name="directory">The data folder.</param>
    /// <param name="sources">The rows of the folder's <c>sources.csv</c>.</param>
    /// <param name="asOf">The reference date, usually the report's date (UTC).</param>
    /// <returns>One row per sourced table.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="DataValidationException">A row cites a source id that <paramref name="sources"/> lacks; each fault
    /// names the file, line and column.</exception>
    public static IReadOnlyList<DatasetAge> Of(string directory, IReadOnlyList<Source> sources, DateOnly asOf)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(sources);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such folder.");
        }

        var dates = sources.ToDictionary(s => s.SourceId, s => s.Date, StringComparer.Ordinal);
        var errors = new List<DataError>();
        var result = new List<DatasetAge>();
        foreach (var path in Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            using SepReader reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableFastFloat = true }).FromFile(path);
            if (Path.GetFileName(path) == "sources.csv" || !reader.Header.TryIndexOf(SourceColumn, out int column))
            {
                continue;
            }

            string file = Path.GetFileName(path);
            int rows = 0, cited = 0;
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            DateOnly? oldest = null, newest = null;
            foreach (SepReader.Row row in reader)
            {
                rows++;
                string id = row[column].ToString().Trim();
                if (id.Length == 0)
                {
                    continue;
                }

                cited++;
                if (!dates.TryGetValue(id, out DateOnly date))
                {
                    errors.Add(new DataError(path, row.LineNumberFrom, column + 1, $"expected a source_id of sources.csv, found '{id}'."));
                    continue;
                }

                ids.Add(id);
                oldest = oldest is { } o && o <= date ? o : date;
                newest = newest is { } n && n >= date ? n : date;
            }

            result.Add(new DatasetAge(file, rows, cited, [.. ids], oldest, newest, Years(newest, asOf), Years(oldest, asOf)));
        }

        return errors.Count > 0 ? throw new DataValidationException(errors) : result;
    }

    /// <summary>Years of 365.25 days from <paramref name="date"/> to <paramref name="asOf"/>, or <see langword="null"/> for no date.</summary>
    /// <param name="date">The earlier date.</param>
    /// <param name="asOf">The reference date.</param>
    /// <returns>The difference in years.</returns>
    public static double? Years(DateOnly? date, DateOnly asOf) => date is { } d ? (asOf.DayNumber - d.DayNumber) / 365.25 : null;
}
