using System.Text;

namespace RiskToolkit.Tests.Data;

/// <summary>
/// A small valid set of the five market tables written to a fresh temporary directory, with any file
/// replaced or removed, so each test can break exactly one thing at a known line and column.
/// </summary>
internal sealed class TempDataSet : IDisposable
{
    // Line numbers below are relied on by the tests; the header is line 1.
    public const string Sources =
        "source_id,publisher,title,date,url,licence,reliability\n"
        + "src-a,Synergy Research Group,Cloud market Q2 2025,2025-07-31,https://example.org/a,publisher's copyright,A\n"
        + "src-b,W3Techs,\"Usage of CDNs, 2025\",2025-01-15,https://example.org/b,CC BY 4.0,B\n";

    public const string Providers =
        "provider_id,name,parent,layer,hq_country\n"
        + "amazon,Amazon,,cloud,US\n"
        + "aws,Amazon Web Services,amazon,cloud,US\n"
        + "msft,Microsoft,,cloud,US\n"
        + "cloudflare,Cloudflare,,cdn,\n";

    public const string Markets =
        "market_id,name,layer,geography,measure,definition,share_tolerance\n"
        + "cloud,Cloud infrastructure,cloud,global,revenue,\"IaaS, PaaS and hosted private cloud\",0.02\n"
        + "cdn,CDN usage,cdn,global,sites,Share of the top ten million sites,0\n";

    public const string SharesHeader = "market_id,period,provider_id,share,revenue_usd,count,share_low,share_high,source_id,note\n";

    public const string Shares =
        SharesHeader
        + "cloud,2025Q2,aws,0.30,,,,,src-a,\n"               // line 2
        + "cloud,2025Q2,msft,0.20,,,,,src-a,\n"              // line 3
        + "cloud,2025Q2,other,0.50,,,,,src-a,\n"             // line 4
        + "cloud,2025Q1,aws,,1.07e11,,,,src-a,\n"            // line 5
        + "cdn,2025Q2,cloudflare,,,1200,,,src-b,\n"          // line 6
        + "cdn,2025Q1,cloudflare,,,,0.3,0.4,src-b,30-40%\n"; // line 7

    public const string Sizes =
        "market_id,period,total_usd,source_id\n"
        + "cloud,2025Q2,99000000000,src-a\n"
        + "cloud,2025Q1,330e9,src-a\n";

    private TempDataSet(string directory) => Directory = directory;

    /// <summary>The directory, as passed to the reader (so faults name files under it).</summary>
    public string Directory { get; }

    /// <summary>The path a fault names for <paramref name="file"/>.</summary>
    public string PathOf(string file) => Path.Join(Directory, file);

    /// <summary>Asserts that <paramref name="errors"/> holds one fault, at exactly path:line:column, and returns it.</summary>
    public static RiskToolkit.Data.DataError SingleFault(IReadOnlyList<RiskToolkit.Data.DataError> errors, string path, int line, int column)
    {
        RiskToolkit.Data.DataError error = Xunit.Assert.Single(errors);
        Xunit.Assert.Equal((path, line, column), (error.File, error.Line, error.Column));
        Xunit.Assert.StartsWith($"{path}:{line}:{column}: ", error.ToString(), StringComparison.Ordinal);
        return error;
    }

    /// <summary>The table text with <paramref name="oldText"/> (which must occur) replaced.</summary>
    public static string Replace(string table, string oldText, string newText)
    {
        Xunit.Assert.Contains(oldText, table);
        return table.Replace(oldText, newText, StringComparison.Ordinal);
    }

    /// <summary>Writes the valid set with the given files replaced (null content removes a file).</summary>
    public static TempDataSet Create(params (string File, string? Text)[] overrides) =>
        CreateBytes(overrides.Select(o => (o.File, o.Text is null ? null : Encoding.UTF8.GetBytes(o.Text))).ToArray());

    /// <summary>Writes the valid set with the given files replaced by raw bytes (null removes a file).</summary>
    public static TempDataSet CreateBytes(params (string File, byte[]? Bytes)[] overrides)
    {
        string directory = Path.Join(Path.GetTempPath(), "risktoolkit-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var files = new Dictionary<string, byte[]?>
        {
            ["sources.csv"] = Encoding.UTF8.GetBytes(Sources),
            ["providers.csv"] = Encoding.UTF8.GetBytes(Providers),
            ["markets.csv"] = Encoding.UTF8.GetBytes(Markets),
            ["market_shares.csv"] = Encoding.UTF8.GetBytes(Shares),
            ["market_sizes.csv"] = Encoding.UTF8.GetBytes(Sizes),
        };
        foreach (var (file, bytes) in overrides)
        {
            files[file] = bytes;
        }

        foreach (var (file, bytes) in files)
        {
            if (bytes is not null)
            {
                File.WriteAllBytes(Path.Join(directory, file), bytes);
            }
        }

        return new TempDataSet(directory);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
