using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskToolkit.Data;

/// <summary>
/// The one spelling of a time that the data files accept: ISO 8601 in UTC to the second with a <c>Z</c>,
/// <c>2025-10-20T06:48:00Z</c>. Offsets (<c>+02:00</c>, even <c>+00:00</c>) and times without a zone are
/// rejected, so a local time can never be read as UTC by mistake.
/// </summary>
internal static partial class UtcTime
{
    /// <summary>What a valid value looks like, for messages.</summary>
    public const string Expectation = "a UTC time yyyy-MM-ddTHH:mm:ssZ";

    /// <summary>Parses <paramref name="text"/>; returns null when valid, else the fault (without the found value).</summary>
    /// <param name="text">The value as written.</param>
    /// <param name="time">The time with offset zero when valid, else default.</param>
    public static string? Parse(string text, out DateTimeOffset time)
    {
        time = default;
        if (!Syntax().IsMatch(text))
        {
            return Zoned().IsMatch(text)
                ? $"expected {Expectation} (convert local times and offsets to UTC and end with Z)"
                : $"expected {Expectation}";
        }

        if (!DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime utc))
        {
            return $"expected {Expectation} (no such date or time)";
        }

        time = new DateTimeOffset(utc, TimeSpan.Zero);
        return null;
    }

    /// <summary>Formats a UTC time the way <see cref="Parse"/> reads it.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\z", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    // A date and time with an offset or without any zone: the common way a local time gets in.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([+-][0-9]{2}:?[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Zoned();
}
