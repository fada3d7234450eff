using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;

namespace RiskToolkit.Data;

/// <summary>One data row of a <see cref="CsvTable"/>: typed cell values, indexed like <see cref="TableSpec.Fields"/>.</summary>
internal sealed class CsvRow
{
    /// <summary>Creates an empty row of a table of <paramref name="spec"/>.</summary>
    public CsvRow(int line, TableSpec spec)
    {
        Line = line;
        Spec = spec;
        Values = new object?[spec.Fields.Count];
        Valid = new bool[spec.Fields.Count];
    }

    /// <summary>1-based physical line where the row starts.</summary>
    public int Line { get; }

    /// <summary>The table's specification, which gives the meaning of each index of <see cref="Values"/>.</summary>
    public TableSpec Spec { get; }

    /// <summary>Cell values: <see cref="string"/>, <see cref="double"/>, <see cref="long"/>, <see cref="DateOnly"/>, <see cref="DateTimeOffset"/> (UTC), or null for an empty optional cell.</summary>
    public object?[] Values { get; }

    /// <summary>Whether each cell was present and valid (false for faulty cells and missing columns).</summary>
    public bool[] Valid { get; }

    /// <summary>
    /// The value of the field named <paramref name="name"/>, located through <see cref="Spec"/> so that
    /// callers never depend on column positions. Use a nullable <typeparamref name="T"/> for optional fields.
    /// </summary>
    /// <exception cref="ArgumentException">When the table has no such field.</exception>
    /// <exception cref="InvalidCastException">When the value is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(string name) => (T)Values[Spec.IndexOf(name)]!;

    /// <summary>The string in field <paramref name="field"/> when it is valid and not empty, else null.</summary>
    public string? Text(int field) => Valid[field] ? Values[field] as string : null;

    /// <summary>The number in field <paramref name="field"/> when it is valid and not empty, else null.</summary>
    public double? Number(int field) => Valid[field] ? Values[field] as double? : null;

    /// <summary>The integer in field <paramref name="field"/> when it is valid and not empty, else null.</summary>
    public long? Integer(int field) => Valid[field] ? Values[field] as long? : null;
}

/// <summary>
/// A CSV file read against a <see cref="TableSpec"/>: strict UTF-8 check of the raw bytes, RFC 4180 quoting,
/// header and field-count checks, and per-cell type and constraint checks. Every fault becomes a
/// <see cref="DataError"/>; nothing is dropped, clamped or defaulted.
/// </summary>
internal sealed partial class CsvTable
{
    private CsvTable(TableSpec spec, string file)
    {
        Spec = spec;
        File = file;
        Columns = new int[spec.Fields.Count];
    }

    /// <summary>The table's specification.</summary>
    public TableSpec Spec { get; }

    /// <summary>Path of the file as reported in faults.</summary>
    public string File { get; }

    /// <summary>
    /// Whether the file was found and decoded and its header parsed, so its rows can be trusted as a
    /// reference target (even with a faulty header, present columns are read by name).
    /// </summary>
    public bool IsRead { get; private set; }

    /// <summary>
    /// Whether some data rows were left out of <see cref="Rows"/> because of a structural fault (broken
    /// quoting, wrong number of fields, blank line), so the table's keys may be incomplete.
    /// </summary>
    public bool HasOmittedRows { get; private set; }

    /// <summary>1-based column of each spec field in the file, or 0 when the column is missing.</summary>
    public int[] Columns { get; }

    /// <summary>Data rows in file order (rows with a wrong field count or broken quoting are omitted; they have faults).</summary>
    public List<CsvRow> Rows { get; } = [];

    /// <summary>Builds a fault at <paramref name="line"/> and the file column of spec field <paramref name="field"/>.</summary>
    public DataError Fault(int line, int field, string message) => new(File, line, Columns[field], message);

    /// <summary>
    /// Reads <paramref name="file"/> against <paramref name="spec"/>, appending every fault to <paramref name="errors"/>.
    /// </summary>
    public static CsvTable Read(string file, TableSpec spec, List<DataError> errors)
    {
        var table = new CsvTable(spec, file);
        if (System.IO.Directory.Exists(file))
        {
            errors.Add(new DataError(file, 0, 0, $"is a folder: expected the CSV file of the table '{spec.Name}' with header '{spec.Header}'"));
            return table;
        }

        if (!System.IO.File.Exists(file))
        {
            errors.Add(new DataError(file, 0, 0, $"missing file: expected the table '{spec.Name}' with header '{spec.Header}'"));
            return table;
        }

        return FromBytes(file, System.IO.File.ReadAllBytes(file), spec, errors);
    }

    /// <summary>
    /// Reads the raw <paramref name="bytes"/> of <paramref name="file"/> against <paramref name="spec"/>,
    /// appending every fault to <paramref name="errors"/>.
    /// </summary>
    public static CsvTable FromBytes(string file, ReadOnlySpan<byte> bytes, TableSpec spec, List<DataError> errors)
    {
        var table = new CsvTable(spec, file);
        ReadOnlySpan<byte> content = bytes;
        int bom = content.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        if (content.Length - bom == 0)
        {
            errors.Add(new DataError(file, 0, 0, $"empty file: expected at least the header '{spec.Header}'"));
            return table;
        }

        int before = errors.Count;
        CheckUtf8(file, content, bom, errors);
        if (errors.Count > before)
        {
            return table;
        }

        string text = StrictUtf8.GetString(content[bom..]);
        try
        {
            table.Parse(text, errors);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The parser should not throw on any text, but a fault must never surface as a crash.
            errors.Add(new DataError(file, 0, 0, $"unreadable CSV: {ex.Message}"));
        }

        return table;
    }

    /// <summary>The UTF-8 byte order mark.</summary>
    internal static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>A UTF-8 decoder that throws on invalid bytes instead of replacing them.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reports the first invalid UTF-8 sequence of every line, at its 1-based line and 1-based byte
    /// column (the byte order mark counts as three bytes of line 1). Decoders replace such bytes with
    /// U+FFFD silently, so the raw bytes are checked here. Lines end at LF, CR or CRLF, as in the parser.
    /// </summary>
    internal static void CheckUtf8(string file, ReadOnlySpan<byte> bytes, int start, List<DataError> errors)
    {
        int line = 1;
        int lineStart = 0;
        int reportedLine = 0;
        int i = start;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b == (byte)'\n' || b == (byte)'\r')
            {
                i += b == (byte)'\r' && i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n' ? 2 : 1;
                line++;
                lineStart = i;
                continue;
            }

            if (b < 0x80)
            {
                i++;
                continue;
            }

            var status = Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                if (reportedLine != line)
                {
                    errors.Add(new DataError(
                        file,
                        line,
                        i - lineStart + 1,
                        $"invalid UTF-8: expected UTF-8 text, found byte 0x{b:X2} (save the file as UTF-8)"));
                    reportedLine = line;
                }

                consumed = Math.Max(consumed, 1);
            }

            i += consumed;
        }
    }

    private void Parse(string text, List<DataError> errors)
    {
        // Quotes are checked and unescaped here (Unescape = false) because Sep accepts malformed
        // quoting silently, e.g. a stray quote inside an unquoted field swallows the rest of the line.
        using SepReader reader = Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            Unescape = false,
            DisableColCountCheck = true,
            DisableFastFloat = true,
        }).FromText(text);

        int headerCount = -1;
        // Blank lines are faults between rows, but editors often leave some at the end of a file,
        // where they hold no row: only those followed by a row are reported.
        var blankLines = new List<int>();
        foreach (SepReader.Row row in reader)
        {
            if (headerCount < 0)
            {
                // Sep reports LineNumberFrom = 2 for the first row when HasHeader is false; it starts line 1.
                string[]? names = ReadCells(row, 1, errors);
                if (names is null)
                {
                    return;
                }

                headerCount = names.Length;
                CheckHeader(names, errors);
                IsRead = true;
                continue;
            }

            if (row.ColCount == 1 && row[0].Span.Length == 0 && headerCount > 1)
            {
                blankLines.Add(row.LineNumberFrom);
                continue;
            }

            foreach (int blank in blankLines)
            {
                errors.Add(new DataError(File, blank, 0, $"blank line: expected {headerCount} fields"));
                HasOmittedRows = true;
            }

            blankLines.Clear();
            ReadRow(row, headerCount, errors);
        }

        if (headerRows.Count > 0)
        {
            // One fault for a header that lost or gained a column, not one per row that is right.
            errors.Add(new DataError(
                File,
                1,
                0,
                $"header has {headerCount} fields but {headerRows.Count} data row(s) (lines {headerRows[0]}–{headerRows[^1]}) have the {Spec.Fields.Count} fields of '{Spec.Header}': fix the header; those rows were not checked further"));
        }
    }

    // Lines of rows whose field count matches the spec although the faulty header's does not.
    private readonly List<int> headerRows = [];

    // Whether the header names every required column once and nothing else; a header that may lack
    // only columns that may be absent is complete, and a longer row then has a surplus field.
    private bool headerComplete;

    /// <summary>Unescapes every field of <paramref name="row"/>, or reports the first quoting fault and returns null.</summary>
    private string[]? ReadCells(SepReader.Row row, int line, List<DataError> errors)
    {
        var cells = new string[row.ColCount];
        for (int i = 0; i < cells.Length; i++)
        {
            string? fault = Unescape(row[i].Span, out cells[i]);
            if (fault is not null)
            {
                string name = i < Spec.Fields.Count ? $"column '{Spec.Fields[i].Name}': " : string.Empty;
                errors.Add(new DataError(File, line, i + 1, name + fault));
                return null;
            }
        }

        return cells;
    }

    /// <summary>RFC 4180 field: plain text without quotes, or wholly quoted with inner quotes doubled.</summary>
    private static string? Unescape(ReadOnlySpan<char> raw, out string value)
    {
        value = string.Empty;
        if (raw.Length == 0 || raw[0] != '"')
        {
            if (raw.IndexOf('"') >= 0)
            {
                return $"malformed quoting: expected a quote only around a whole field, found '{Show(raw.ToString())}'";
            }

            value = raw.ToString();
            return null;
        }

        var builder = new StringBuilder(raw.Length);
        int i = 1;
        while (i < raw.Length)
        {
            char c = raw[i];
            if (c != '"')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 < raw.Length && raw[i + 1] == '"')
            {
                builder.Append('"');
                i += 2;
                continue;
            }

            if (i == raw.Length - 1)
            {
                value = builder.ToString();
                return null;
            }

            return $"malformed quoting: expected a separator or line end after the closing quote, found '{Show(raw[(i + 1)..].ToString())}'";
        }

        return "malformed quoting: expected a closing quote, found the end of the file";
    }

    private void CheckHeader(string[] names, List<DataError> errors)
    {
        int before = errors.Count;
        var fields = Spec.Fields;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (seen.TryGetValue(name, out int first))
            {
                errors.Add(new DataError(File, 1, i + 1, $"duplicate column '{Show(name)}': already at column {first + 1}"));
                continue;
            }

            seen.Add(name, i);
            int expected = IndexOfField(name);
            if (expected < 0)
            {
                string hint = i < fields.Count && !names.Contains(fields[i].Name)
                    ? $" (expected '{fields[i].Name}' here)"
                    : string.Empty;
                errors.Add(new DataError(File, 1, i + 1, $"extra column '{Show(name)}'{hint}: expected the header '{Spec.Header}'"));
            }
            else
            {
                Columns[expected] = i + 1;
            }
        }

        for (int f = 0; f < fields.Count; f++)
        {
            if (Columns[f] == 0 && !fields[f].MayBeAbsent)
            {
                errors.Add(new DataError(File, 1, Math.Min(f + 1, names.Length + 1), $"missing column '{fields[f].Name}': expected the header '{Spec.Header}'"));
            }
        }

        // With the right set of names, the order must still match the spec; a column that may be
        // absent and is absent takes no place in it.
        var present = fields.Where((_, f) => Columns[f] != 0).ToList();
        if (names.Length == present.Count && fields.All(f => f.MayBeAbsent || seen.ContainsKey(f.Name)))
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] != present[i].Name)
                {
                    string header = string.Join(",", present.Select(f => f.Name));
                    errors.Add(new DataError(File, 1, i + 1, $"column order: expected '{present[i].Name}', found '{Show(names[i])}' (header must be '{header}')"));
                    break;
                }
            }
        }

        headerComplete = errors.Count == before;
    }

    private int IndexOfField(string name)
    {
        for (int f = 0; f < Spec.Fields.Count; f++)
        {
            if (Spec.Fields[f].Name == name)
            {
                return f;
            }
        }

        return -1;
    }

    private void ReadRow(SepReader.Row sepRow, int headerCount, List<DataError> errors)
    {
        int line = sepRow.LineNumberFrom;
        string[]? cells = ReadCells(sepRow, line, errors);
        if (cells is null)
        {
            HasOmittedRows = true;
            return;
        }

        if (!headerComplete && cells.Length != headerCount && cells.Length == Spec.Fields.Count)
        {
            headerRows.Add(line);
            HasOmittedRows = true;
            return;
        }

        if (cells.Length != headerCount)
        {
            int column = cells.Length > headerCount ? headerCount + 1 : cells.Length + 1;
            string detail = cells.Length > headerCount ? $"first surplus field '{Show(cells[headerCount])}'" : "row ends early";
            errors.Add(new DataError(File, line, column, $"wrong number of fields: expected {headerCount}, found {cells.Length} ({detail})"));
            HasOmittedRows = true;
            return;
        }

        var row = new CsvRow(line, Spec);
        for (int f = 0; f < Spec.Fields.Count; f++)
        {
            if (Columns[f] == 0)
            {
                // A column that may be absent holds no value in any row; any other missing column has its fault.
                row.Valid[f] = Spec.Fields[f].MayBeAbsent;
                continue;
            }

            string? fault = ParseCell(Spec.Fields[f], cells[Columns[f] - 1], out row.Values[f]);
            if (fault is null)
            {
                row.Valid[f] = true;
            }
            else
            {
                errors.Add(new DataError(File, line, Columns[f], $"column '{Spec.Fields[f].Name}': {fault}"));
            }
        }

        Rows.Add(row);
    }

    /// <summary>Parses one cell against its field spec; returns the fault message, or null when valid.</summary>
    internal static string? ParseCell(FieldSpec field, string cell, out object? value)
    {
        value = null;
        if (cell.Length == 0)
        {
            return field.Required ? $"missing required value: expected {field.Expectation}, found an empty cell" : null;
        }

        string found = $"found '{Show(cell)}'";
        switch (field.Type)
        {
            case FieldType.String:
                if (field.Required && string.IsNullOrWhiteSpace(cell))
                {
                    return $"missing required value: expected {field.Expectation}, found only white space";
                }

                if (field.Enum is not null && !field.Enum.Contains(cell, StringComparer.Ordinal))
                {
                    return $"unknown value: expected {field.Expectation}, {found}";
                }

                if (!field.MatchesPattern(cell))
                {
                    return $"expected {field.Expectation}, {found}";
                }

                value = cell;
                return null;

            case FieldType.Number:
                if (!NumberSyntax().IsMatch(cell))
                {
                    return NonFinite().IsMatch(cell.Trim())
                        ? $"expected {field.Expectation}, {found} (NaN and infinities are not allowed)"
                        : $"expected {field.Expectation}, {found} (invariant culture: '.' as decimal point, no thousands separators)";
                }

                double number = double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    return $"expected {field.Expectation}, {found} (out of the range of a double)";
                }

                if (!InRange(field, number))
                {
                    return $"expected {field.Expectation}, {found}";
                }

                value = number;
                return null;

            case FieldType.Integer:
                if (!IntegerSyntax().IsMatch(cell) || !long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                {
                    return $"expected {field.Expectation}, {found}";
                }

                if (!InRange(field, integer))
                {
                    return $"expected {field.Expectation}, {found}";
                }

                value = integer;
                return null;

            case FieldType.Date:
                if (!DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
                {
                    return $"expected {field.Expectation}, {found}";
                }

                value = date;
                return null;

            case FieldType.DateTime:
                if (UtcTime.Parse(cell, out DateTimeOffset time) is string timeFault)
                {
                    return $"{timeFault}, {found}";
                }

                value = time;
                return null;

            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, "Unknown field type.");
        }
    }

    internal static bool InRange(FieldSpec field, double x) =>
        (field.Minimum is not double min || x >= min)
        && (field.Maximum is not double max || x <= max)
        && (field.ExclusiveMinimum is not double emin || x > emin)
        && (field.ExclusiveMaximum is not double emax || x < emax);

    /// <summary>Quotes a found value for a message: control characters escaped, long values cut at 60 characters.</summary>
    internal static string Show(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, 64));
        foreach (char c in value)
        {
            if (builder.Length >= 60)
            {
                builder.Append("...");
                break;
            }

            builder.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Decimal number, invariant culture: optional sign, digits with an optional '.' fraction, optional exponent.</summary>
    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    internal static partial Regex NumberSyntax();

    [GeneratedRegex(@"^[+-]?[0-9]+\z", RegexOptions.CultureInvariant)]
    internal static partial Regex IntegerSyntax();

    /// <summary>Spellings of NaN and infinity that some parsers accept, for a clearer message.</summary>
    [GeneratedRegex(@"^[+-]?(nan|inf|infinity|∞)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonFinite();
}
