using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;

namespace RiskToolkit.Reporting.Html;

/// <summary>One input file named in a provenance stamp, with its SHA-256 digest.</summary>
/// <param name="Name">The name shown in the stamp, usually the file name without its folder.</param>
/// <param name="Sha256">The SHA-256 digest of the file's bytes, 64 lower-case hexadecimal digits.</param>
public sealed record InputFileHash(string Name, string Sha256)
{
    /// <summary>Hashes a file's bytes.</summary>
    /// <param name="path">The file to hash.</param>
    /// <param name="name">The name to show; defaults to the file name without its folder, so no machine path leaks into a report.</param>
    /// <returns>The name and digest.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static InputFileHash FromFile(string path, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        var digest = SHA256.HashData(stream);
        return new InputFileHash(name ?? Path.GetFileName(path), Convert.ToHexStringLower(digest));
    }

    /// <summary>
    /// Hashes every file in <paramref name="directory"/> and its subfolders (a data folder holds datasets such as
    /// <c>synthetic/</c> in subfolders), named by the path relative to the folder with <c>/</c> separators, so no machine
    /// path leaks into a report, and sorted by that name in ordinal order. An empty folder gives an empty list.
    /// </summary>
    /// <param name="directory">The folder, for example a dataset folder holding the CSV tables and datapackage.json.</param>
    /// <returns>The names and digests.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">A file may not be read.</exception>
    public static IReadOnlyList<InputFileHash> FromFolder(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => FromFile(f.Path, f.Name))
            .ToArray();
    }
}

/// <summary>
/// Where a generated page came from: toolkit version and commit, the time it was made (UTC), the SHA-256 of every input
/// file, and the random seed when one was used.
/// </summary>
/// <param name="ToolkitVersion">The toolkit version, for example <c>0.1.0</c>.</param>
/// <param name="Commit">The source commit the toolkit was built from, or <c>unknown</c>.</param>
/// <param name="GeneratedUtc">When the page was generated, in UTC.</param>
/// <param name="Inputs">The input files and their digests, in the order given.</param>
/// <param name="Seed">The random seed of a stochastic analysis, or <see langword="null"/> when none was used.</param>
public sealed record Provenance(
    string ToolkitVersion,
    string Commit,
    DateTimeOffset GeneratedUtc,
    IReadOnlyList<InputFileHash> Inputs,
    long? Seed = null)
{
    /// <summary>
    /// Builds a stamp from this assembly's <see cref="AssemblyInformationalVersionAttribute"/> (<c>version+commit</c>),
    /// the current time of <paramref name="time"/>, and the digests of <paramref name="inputFiles"/>.
    /// </summary>
    /// <param name="time">The clock; pass <see cref="TimeProvider.System"/> outside tests.</param>
    /// <param name="inputFiles">Files whose SHA-256 digests go into the stamp, shown by file name.</param>
    /// <param name="seed">The random seed, if the analysis used one.</param>
    /// <returns>The stamp.</returns>
    /// <exception cref="FileNotFoundException">An input file does not exist.</exception>
    public static Provenance Create(TimeProvider time, IEnumerable<string> inputFiles, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(inputFiles);
        var (version, commit) = ToolkitVersionInfo();
        var inputs = inputFiles.Select(path => InputFileHash.FromFile(path)).ToArray();
        return new Provenance(version, commit, time.GetUtcNow().ToUniversalTime(), inputs, seed);
    }

    /// <summary>
    /// The toolkit version and commit from the informational version (<c>0.1.0+0123abc…</c>); the commit is
    /// <c>unknown</c> when the build recorded none.
    /// </summary>
    /// <returns>The version and the commit.</returns>
    public static (string Version, string Commit) ToolkitVersionInfo()
    {
        var informational = typeof(Provenance).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? (informational, "unknown")
            : (informational[..plus], informational[(plus + 1)..]);
    }

    /// <summary>The generation time as ISO 8601 UTC, for example <c>2025-10-20T07:55:00Z</c>.</summary>
    public string GeneratedUtcText => GeneratedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
