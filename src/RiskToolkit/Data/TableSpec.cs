using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskToolkit.Data;

/// <summary>Table Schema field types used by the market tables.</summary>
internal enum FieldType
{
    /// <summary>Any text; the empty cell means "no value".</summary>
    String,

    /// <summary>A finite decimal number in invariant culture (<c>.</c> decimal point, no thousands separators, no NaN or infinities).</summary>
    Number,

    /// <summary>A whole number that fits in 64 bits.</summary>
    Integer,

    /// <summary>An ISO 8601 calendar date, <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>An ISO 8601 UTC time to the second, <c>yyyy-MM-ddTHH:mm:ssZ</c> (Table Schema <c>datetime</c>); see <see cref="UtcTime"/>.</summary>
    DateTime,
}

/// <summary>
/// One column of a table: name, type and constraints, mirrored one to one by a field of
/// <c>data/datapackage.json</c> (a test keeps the two equal).
/// </summary>
internal sealed record FieldSpec(string Name, FieldType Type, bool Required, string Description)
{
    /// <summary>
    /// Whether the column may be left out of the header altogether, as in files written before it was
    /// added; every row then has no value in it. Only optional (not <see cref="Required"/>) fields use it.
    /// </summary>
    public bool MayBeAbsent { get; init; }

    /// <summary>Unit of a numeric column (e.g. <c>USD</c>, <c>share</c>), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>Inclusive lower bound, or null.</summary>
    public double? Minimum { get; init; }

    /// <summary>Inclusive upper bound, or null.</summary>
    public double? Maximum { get; init; }

    /// <summary>Exclusive lower bound, or null.</summary>
    public double? ExclusiveMinimum { get; init; }

    /// <summary>Exclusive upper bound, or null.</summary>
    public double? ExclusiveMaximum { get; init; }

    /// <summary>Allowed values (case-sensitive), or null for any.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>Regular expression the whole value must match, or null.</summary>
    public string? Pattern { get; init; }

    /// <summary>What <see cref="Pattern"/> means in words, for messages.</summary>
    public string? PatternHint { get; init; }

    /// <summary>
    /// Whether <paramref name="value"/> matches <see cref="Pattern"/> as a whole (true when there is no pattern).
    /// ECMAScript semantics, so <c>\d</c> is <c>[0-9]</c> only, as in XML Schema and JSON Schema.
    /// </summary>
    public bool MatchesPattern(string value)
    {
        if (Pattern is null)
        {
            return true;
        }

        Match match = Regex.Match(value, Pattern, RegexOptions.ECMAScript);
        return match.Success && match.Index == 0 && match.Length == value.Length;
    }

    /// <summary>The expectation put into fault messages, e.g. <c>a number between 0 and 1</c>.</summary>
    public string Expectation
    {
        get
        {
            string what = Type switch
            {
                FieldType.Number => "a number",
                FieldType.Integer => "an integer",
                FieldType.Date => "a date yyyy-MM-dd",
                FieldType.DateTime => UtcTime.Expectation,
                _ => "a value",
            };
            if (Enum is not null)
            {
                return "one of " + string.Join(", ", Enum);
            }

            if (Pattern is not null)
            {
                return $"{PatternHint ?? "a value"} (pattern {Pattern})";
            }

            string? low = Minimum is double min ? ">= " + Format(min) : ExclusiveMinimum is double emin ? "> " + Format(emin) : null;
            string? high = Maximum is double max ? "<= " + Format(max) : ExclusiveMaximum is double emax ? "< " + Format(emax) : null;
            if (Minimum is double a && Maximum is double b)
            {
                return $"{what} between {Format(a)} and {Format(b)}";
            }

            return (low, high) switch
            {
                (null, null) => what,
                (not null, null) => $"{what} {low}",
                (null, not null) => $"{what} {high}",
                _ => $"{what} {low} and {high}",
            };
        }
    }

    /// <summary>Formats a bound in invariant culture.</summary>
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A single-column foreign key: <see cref="Field"/> refers to <see cref="TargetField"/> of <see cref="TargetTable"/>.</summary>
internal sealed record ForeignKeySpec(string Field, string TargetTable, string TargetField);

/// <summary>
/// One CSV table: resource name, file name, columns in file order, primary key and foreign keys.
/// </summary>
internal sealed record TableSpec(
    string Name,
    string FileName,
    string Description,
    IReadOnlyList<FieldSpec> Fields,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<ForeignKeySpec> ForeignKeys)
{
    /// <summary>0-based position of the field named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">When the table has no such field.</exception>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"Table '{Name}' has no field '{name}'.", nameof(name));
    }

    /// <summary>The expected header row with every column, comma-separated.</summary>
    public string Header => string.Join(",", Fields.Select(f => f.Name));

    /// <summary>The shortest header accepted: <see cref="Header"/> without the columns that <see cref="FieldSpec.MayBeAbsent"/>.</summary>
    public string MinimalHeader => string.Join(",", Fields.Where(f => !f.MayBeAbsent).Select(f => f.Name));
}
