using System.Collections.Immutable;
using System.Globalization;

namespace RiskToolkit.Data;

/// <summary>A provider label of a Kashaf et al. file and the number of distinct sites that use it.</summary>
/// <param name="Provider">The label as counted: as published for DNS and CA files, lower-cased for the CDN file.</param>
/// <param name="Sites">Distinct sites (domains) using the provider, ≥ 1; a site on several lines counts once.</param>
/// <param name="Spellings">The published spellings merged into <paramref name="Provider"/>, sorted ordinally (more than one only for CDN labels that differ in case).</param>
public sealed record ProviderSiteCount(string Provider, int Sites, IReadOnlyList<string> Spellings);

/// <summary>
/// Distinct sites per provider counted from one file of the Kashaf et al. (IMC 2020) data, largest
/// first. Shares derived from it are <see cref="ProviderSiteCount.Sites"/> ÷ <see cref="ProviderSites"/>:
/// a site that uses several providers counts once for each.
/// </summary>
/// <param name="File">Path of the file as given.</param>
/// <param name="Lines">Data lines read (blank lines at the end of the file are not lines).</param>
/// <param name="Sites">Distinct sites (domains) named anywhere in the file, with or without a provider.</param>
/// <param name="SitesWithoutProvider">Distinct sites marked as using no provider (label <c>none</c> in the CDN file); 0 for the DNS and CA files, which list only sites with a provider.</param>
/// <param name="NonAsciiLines">Lines holding characters outside ASCII (valid UTF-8, read as published; in the CA file, CA names in Cyrillic, Portuguese, Turkish and French spelling).</param>
/// <param name="Providers">Providers sorted by <see cref="ProviderSiteCount.Sites"/> descending, then label ordinally.</param>
public sealed record KashafSiteCounts(
    string File,
    int Lines,
    int Sites,
    int SitesWithoutProvider,
    int NonAsciiLines,
    IReadOnlyList<ProviderSiteCount> Providers)
{
    /// <summary>Σ <see cref="ProviderSiteCount.Sites"/> over all providers: the denominator of site shares (a site with k providers counts k times).</summary>
    public long ProviderSites => Providers.Sum(p => (long)p.Sites);

    /// <summary>The distinct sites of <paramref name="provider"/> (a label as counted), or <see langword="null"/> when the file does not name it.</summary>
    /// <param name="provider">Label as in <see cref="ProviderSiteCount.Provider"/>.</param>
    /// <returns>A count ≥ 1, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    public int? SitesOf(string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return Providers.FirstOrDefault(p => p.Provider == provider)?.Sites;
    }
}

/// <summary>
/// Reads the per-provider site lists published with A. Kashaf, V. Sekar and Y. Agarwal, "Analyzing
/// Third Party Service Dependencies in Modern Web Services: Have We Learned from the Mirai-Dyn
/// Incident?", ACM IMC 2020, DOI 10.1145/3419394.3423664 (repository
/// AqsaKashaf/Analyzing-Third-party-Dependencies), and counts distinct sites per provider.
/// </summary>
/// <remarks>
/// <para>
/// The files have no header. <c>cdn/data/CDNCurrent</c> and <c>cert/data/CACurrent</c> hold one line
/// per (site, provider): <c>rank,domain,label</c>. <c>dns/data/DNSconcAll</c> holds one line per
/// provider: <c>label,rank-domain:rank-domain:…</c>. A site is a domain; its Alexa rank must be the same
/// wherever it appears. Domains and labels are compared ordinally as published, except CDN labels,
/// which the file spells inconsistently ("akamai" and "Akamai"): they are lower-cased (invariant
/// culture) and the spellings kept in <see cref="ProviderSiteCount.Spellings"/>. The CDN label
/// <c>none</c> marks a site without a CDN and is not a provider.
/// </para>
/// <para>
/// Reading is strict. Bytes must be UTF-8 (checked on the raw bytes as <see cref="MarketDataReader"/>
/// does: decoders silently turn bad bytes into U+FFFD); a byte order mark is skipped; lines end at LF,
/// CRLF or CR; blank lines at the end of a file hold no line, elsewhere they are faults. The "odd bytes"
/// the data's description warns of are multi-byte UTF-8 characters in 81 CA names of
/// <c>CACurrent</c> (e.g. RU-Center's Cyrillic legal name, Portuguese and Turkish company names):
/// valid text, read as published and counted in <see cref="KashafSiteCounts.NonAsciiLines"/>. A rank is
/// ASCII digits with value 1 to 2,147,483,647; a domain or label is non-empty and holds no white space
/// or control character.
/// </para>
/// <para>
/// Faults are <see cref="DataError"/>s <c>file:line:column: expected …</c>: line is 1-based; column is
/// the 1-based field (rank 1, domain 2, label 3; in the DNS file the label is field 1 and the k-th
/// rank-domain entry is field k + 1), or the byte position for bytes that are not UTF-8, or 0 for a
/// whole line or file. Every fault is collected before one <see cref="DataValidationException"/> is
/// thrown.
/// </para>
/// <para>R equivalent: none; in R this is <c>readr::read_csv</c> followed by <c>dplyr::n_distinct</c> per label.</para>
/// </remarks>
public static class KashafImc2020
{
    /// <summary>The CDN label that marks a site without a CDN.</summary>
    public const string NoCdnLabel = "none";

    /// <summary>Counts distinct sites per DNS provider in <c>dns/data/DNSconcAll</c> (<c>label,rank-domain:rank-domain:…</c>).</summary>
    /// <param name="path">Path of the file; faults name it as given.</param>
    /// <returns>The counts; <see cref="KashafSiteCounts.SitesWithoutProvider"/> is 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DataValidationException">The file is missing, empty or not UTF-8, or a line breaks the format (including a label on two lines, an empty entry, or a site with two ranks).</exception>
    public static KashafSiteCounts ReadDnsConcentration(string path) =>
        Read(path, "label,rank-domain:rank-domain:...", static (reader, line, text) => reader.DnsLine(line, text));

    /// <summary>Counts distinct sites per CDN in <c>cdn/data/CDNCurrent</c> (<c>rank,domain,cdn</c>), labels lower-cased, <c>none</c> counted apart.</summary>
    /// <param name="path">Path of the file; faults name it as given.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DataValidationException">The file is missing, empty or not UTF-8, or a line breaks the format (including a site with two ranks).</exception>
    public static KashafSiteCounts ReadCdnCurrent(string path) =>
        Read(path, "rank,domain,cdn", static (reader, line, text) => reader.SiteLine(line, text, foldCase: true));

    /// <summary>Counts distinct sites per certificate authority in <c>cert/data/CACurrent</c> (<c>rank,domain,CA</c>); repeated (site, CA) lines count once.</summary>
    /// <param name="path">Path of the file; faults name it as given.</param>
    /// <returns>The counts; <see cref="KashafSiteCounts.SitesWithoutProvider"/> is 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DataValidationException">The file is missing, empty or not UTF-8, or a line breaks the format (including a site with two ranks).</exception>
    public static KashafSiteCounts ReadCaCurrent(string path) =>
        Read(path, "rank,domain,CA", static (reader, line, text) => reader.SiteLine(line, text, foldCase: false));

    private static KashafSiteCounts Read(string path, string format, Action<Reader, int, string> readLine)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new DataValidationException([new DataError(path, 0, 0, $"missing file: expected lines '{format}'")]);
        }

        byte[] bytes = File.ReadAllBytes(path);
        int bom = bytes.AsSpan().StartsWith(CsvTable.Utf8Bom) ? CsvTable.Utf8Bom.Length : 0;
        if (bytes.Length == bom)
        {
            throw new DataValidationException([new DataError(path, 0, 0, $"empty file: expected lines '{format}'")]);
        }

        var errors = new List<DataError>();
        CsvTable.CheckUtf8(path, bytes, bom, errors);
        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        var reader = new Reader(path, format, errors);
        string text = CsvTable.StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        List<string> lines = SplitLines(text);
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        for (int i = 0; i < lines.Count; i++)
        {
            int line = i + 1;
            if (lines[i].Length == 0)
            {
                errors.Add(new DataError(path, line, 0, $"blank line: expected '{format}'"));
                continue;
            }

            if (lines[i].Any(c => c > '\u007F'))
            {
                reader.NonAsciiLines++;
            }

            readLine(reader, line, lines[i]);
        }

        if (lines.Count == 0)
        {
            errors.Add(new DataError(path, 0, 0, $"empty file: expected lines '{format}', found only blank lines"));
        }

        if (errors.Count > 0)
        {
            throw new DataValidationException(errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToArray());
        }

        return reader.Result(lines.Count);
    }

    /// <summary>Splits at LF, CRLF and CR, as <see cref="CsvTable.CheckUtf8"/> counts lines.</summary>
    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text[start..]);
        return lines;
    }

    /// <summary>State of one read: sites per provider, each site's rank and first line, and the faults.</summary>
    private sealed class Reader(string path, string format, List<DataError> errors)
    {
        private readonly Dictionary<string, HashSet<string>> sitesByProvider = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SortedSet<string>> spellings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Rank, int Line)> siteRanks = new(StringComparer.Ordinal);
        private readonly HashSet<string> sitesWithoutProvider = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> providerLines = new(StringComparer.Ordinal);

        public int NonAsciiLines { get; set; }

        /// <summary>A <c>rank,domain,label</c> line of the CDN or CA file.</summary>
        public void SiteLine(int line, string text, bool foldCase)
        {
            string[] fields = text.Split(',');
            if (fields.Length != 3)
            {
                string detail = fields.Length > 3 ? $"first surplus field '{CsvTable.Show(fields[3])}'" : "line ends early";
                Fault(line, Math.Min(fields.Length + 1, 4), $"expected 3 fields '{format}', found {fields.Length} ({detail})");
                return;
            }

            string? label = Label(line, 3, fields[2]);
            if (!Site(line, 1, 2, string.Empty, fields[0], fields[1], out string? domain) || label is null)
            {
                return;
            }

            if (foldCase)
            {
                string folded = label.ToLowerInvariant();
                if (folded == NoCdnLabel)
                {
                    sitesWithoutProvider.Add(domain);
                    return;
                }

                Add(folded, label, domain);
            }
            else
            {
                Add(label, label, domain);
            }
        }

        /// <summary>A <c>label,rank-domain:rank-domain:…</c> line of the DNS file.</summary>
        public void DnsLine(int line, string text)
        {
            int comma = text.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                Fault(line, 2, $"line ends early: expected '{format}', found no ',' after the label '{CsvTable.Show(text)}'");
                return;
            }

            string? label = Label(line, 1, text[..comma]);
            if (label is null)
            {
                return;
            }

            if (!providerLines.TryAdd(label, line))
            {
                Fault(line, 1, $"duplicate provider '{CsvTable.Show(label)}': expected one line per provider, already on line {providerLines[label]}");
                return;
            }

            string[] entries = text[(comma + 1)..].Split(':');
            for (int k = 0; k < entries.Length; k++)
            {
                int column = k + 2;
                string entry = entries[k];
                int dash = entry.IndexOf('-', StringComparison.Ordinal);
                if (dash < 0)
                {
                    Fault(line, column, $"expected an entry 'rank-domain', found '{CsvTable.Show(entry)}'");
                    continue;
                }

                if (Site(line, column, column, "entry 'rank-domain': ", entry[..dash], entry[(dash + 1)..], out string? domain))
                {
                    Add(label, label, domain);
                }
            }
        }

        public KashafSiteCounts Result(int lines)
        {
            var providers = sitesByProvider
                .Select(p => new ProviderSiteCount(p.Key, p.Value.Count, spellings[p.Key].ToImmutableArray()))
                .OrderByDescending(p => p.Sites)
                .ThenBy(p => p.Provider, StringComparer.Ordinal)
                .ToImmutableArray();
            return new KashafSiteCounts(path, lines, siteRanks.Count, sitesWithoutProvider.Count, NonAsciiLines, providers);
        }

        private void Add(string provider, string spelling, string domain)
        {
            if (!sitesByProvider.TryGetValue(provider, out HashSet<string>? sites))
            {
                sites = new HashSet<string>(StringComparer.Ordinal);
                sitesByProvider.Add(provider, sites);
                spellings.Add(provider, new SortedSet<string>(StringComparer.Ordinal));
            }

            sites.Add(domain);
            spellings[provider].Add(spelling);
        }

        /// <summary>Checks a rank and a domain, and that the domain keeps one rank; <paramref name="what"/> prefixes the messages.</summary>
        private bool Site(int line, int rankColumn, int domainColumn, string what, string rankText, string domainText, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? domain)
        {
            domain = null;
            if (rankText.Length == 0 || !rankText.All(char.IsAsciiDigit)
                || !int.TryParse(rankText, NumberStyles.None, CultureInfo.InvariantCulture, out int rank) || rank < 1)
            {
                Fault(line, rankColumn, $"{what}expected a rank, an integer between 1 and 2147483647, found '{CsvTable.Show(rankText)}'");
                return false;
            }

            if (!IsToken(domainText))
            {
                Fault(line, domainColumn, $"{what}expected a domain without white space or control characters, found '{CsvTable.Show(domainText)}'");
                return false;
            }

            if (siteRanks.TryGetValue(domainText, out var first))
            {
                if (first.Rank != rank)
                {
                    Fault(line, rankColumn, $"{what}site '{CsvTable.Show(domainText)}' has two ranks: expected {first.Rank} as on line {first.Line}, found {rank}");
                    return false;
                }
            }
            else
            {
                siteRanks.Add(domainText, (rank, line));
            }

            domain = domainText;
            return true;
        }

        private string? Label(int line, int column, string text)
        {
            if (!IsToken(text))
            {
                Fault(line, column, $"expected a provider label without white space or control characters, found '{CsvTable.Show(text)}'");
                return null;
            }

            return text;
        }

        private static bool IsToken(string text) => text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

        private void Fault(int line, int column, string message) => errors.Add(new DataError(path, line, column, message));
    }
}
