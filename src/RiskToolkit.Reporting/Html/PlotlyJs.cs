using Plotly.NET;

namespace RiskToolkit.Reporting.Html;

/// <summary>The plotly.js bundle that Plotly.NET embeds, ready to inline in a <c>&lt;script&gt;</c> element.</summary>
public static class PlotlyJs
{
    /// <summary>The manifest resource name of the bundle inside the Plotly.NET assembly.</summary>
    public const string ResourceName = "Plotly.NET.plotly-2.28.0.min.js";

    /// <summary>The plotly.js version of the bundle.</summary>
    public const string Version = "2.28.0";

    private static readonly Lazy<string> Script = new(Load);

    /// <summary>
    /// The minified bundle with every <c>&lt;/script</c> (any case) written as <c>&lt;\/script</c>, so it cannot end the
    /// enclosing element early.
    /// </summary>
    /// <exception cref="InvalidOperationException">The Plotly.NET assembly does not carry the bundle.</exception>
    public static string InlineScript => Script.Value;

    private static string Load()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The Plotly.NET assembly has no resource '{ResourceName}'.");
        using var reader = new StreamReader(stream);
        return EscapeForScriptElement(reader.ReadToEnd());
    }

    /// <summary>Writes every <c>&lt;/script</c> (any case) in <paramref name="javascript"/> as <c>&lt;\/script</c>.</summary>
    /// <param name="javascript">JavaScript source.</param>
    /// <returns>The source, safe inside a <c>&lt;script&gt;</c> element.</returns>
    public static string EscapeForScriptElement(string javascript)
    {
        ArgumentNullException.ThrowIfNull(javascript);
        return System.Text.RegularExpressions.Regex.Replace(
            javascript,
            "</(?=script)",
            "<\\/",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}
