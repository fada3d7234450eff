using System.Globalization;
using System.Text;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Data;

/// <summary>
/// Writes <see cref="DependencyData"/> as the five CSV tables of a data folder (sources, providers,
/// nodes, services, requirements), in the layout <see cref="DependencyDataReader"/> reads.
/// </summary>
public static class DependencyDataWriter
{
    /// <summary>
    /// Writes the tables into <paramref name="directory"/> (created when missing), replacing files of the
    /// same names. Each file is written to a temporary file first and then moved into place, so a reader
    /// never sees half a file. UTF-8 without BOM, LF, RFC 4180 quoting, numbers in invariant culture
    /// (round-trip precision), empty cells for null.
    /// </summary>
    /// <param name="data">The tables.</param>
    /// <param name="directory">Destination folder.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="IOException">When a file cannot be written; the temporary file is removed.</exception>
    public static void Write(DependencyData data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        WriteTable(directory, MarketTables.Sources, data.Sources, s => [s.SourceId, s.Publisher, s.Title, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Url, s.Licence, s.Reliability]);
        WriteTable(directory, MarketTables.Providers, data.Providers, p => [p.ProviderId, p.Name, p.Parent, p.Layer, p.HqCountry]);
        WriteTable(directory, DependencyTables.Nodes, data.Nodes, n => [n.NodeId, n.Kind.ToString().ToLowerInvariant(), n.Name, n.ProviderId, n.Layer, n.Region, n.SourceId, n.Note]);
        WriteTable(directory, DependencyTables.Services, data.Services, s =>
        [
            s.ServiceId, s.Name, s.Operator, s.Sector, s.Country, Integer(s.Users), Number(s.AnnualRevenueUsd), Number(s.Criticality), Integer(s.Rank), s.SourceId, s.Note,
        ]);
        WriteTable(directory, DependencyTables.Requirements, data.Requirements, r => [r.DependentId, r.Layer, r.GroupId, r.TargetId, r.SourceId, r.Note]);
    }

    private static string? Integer(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    internal static void WriteTable<T>(string directory, TableSpec spec, IReadOnlyList<T> rows, Func<T, string?[]> cells)
    {
        ArgumentNullException.ThrowIfNull(rows, spec.Name);
        var line = new StringBuilder();
        IEnumerable<string> Lines()
        {
            foreach (T row in rows)
            {
                line.Clear();
                string?[] values = cells(row);
                for (int i = 0; i < values.Length; i++)
                {
                    if (i > 0)
                    {
                        line.Append(',');
                    }

                    Append(line, values[i]);
                }

                yield return line.ToString();
            }
        }

        CsvFile.Write(Path.Join(directory, spec.FileName), spec.Header, Lines());
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote, CR or LF, doubling inner quotes.</summary>
    private static void Append(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
