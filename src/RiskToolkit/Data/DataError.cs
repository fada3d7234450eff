namespace RiskToolkit.Data;

/// <summary>
/// One fault found in an input file, located by file, line and column.
/// </summary>
/// <param name="File">Path of the file as given by the caller.</param>
/// <param name="Line">1-based physical line number in the file (a quoted field with line breaks spans several); 0 when the fault concerns the whole file.</param>
/// <param name="Column">1-based column number: the field's position in the CSV row (in a Kashaf et al. DNS list the label is field 1 and the k-th rank-domain entry field k + 1), or for bytes that are not UTF-8 the byte position within the line (the byte order mark counts as three bytes of line 1); 0 when the fault concerns a whole line or file.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record DataError(string File, int Line, int Column, string Message)
{
    /// <summary>Formats the fault as <c>file:line:column: message</c>, the form compilers use.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>
/// Thrown when input data fails validation. <see cref="Exception.Message"/> holds every fault, one
/// <c>file:line:column: message</c> line each.
/// </summary>
public sealed class DataValidationException : Exception
{
    /// <summary>Creates the exception from one or more faults.</summary>
    /// <param name="errors">The faults; at least one.</param>
    /// <exception cref="ArgumentException">When <paramref name="errors"/> is empty.</exception>
    public DataValidationException(IReadOnlyList<DataError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>The faults, in the order they were found.</summary>
    public IReadOnlyList<DataError> Errors { get; }

    private static string Format(IReadOnlyList<DataError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        return string.Join(Environment.NewLine, errors);
    }
}
