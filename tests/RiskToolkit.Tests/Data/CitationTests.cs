using System.Text.RegularExpressions;
using Xunit;

namespace RiskToolkit.Tests.Data;

/// <summary>CITATION.cff and LICENSE at the repository root agree with the build and with each other.</summary>
public class CitationTests
{
    private static string Root(string file) => File.ReadAllText(Path.Combine(RepoPaths.Root, file));

    private static string Field(string text, string pattern)
    {
        Match match = Regex.Match(text, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"pattern {pattern} not found");
        return match.Groups[1].Value;
    }

    [Fact]
    public void Citation_version_is_the_build_version()
    {
        string version = Field(Root("Directory.Build.props"), @"<Version>([^<]+)</Version>");

        Assert.Equal(version, Field(Root("CITATION.cff"), @"^version:\s*(\S+)\s*$"));
    }

    [Fact]
    public void Citation_names_the_mit_licence_the_release_date_and_the_kashaf_paper()
    {
        string cff = Root("CITATION.cff");

        Assert.Equal("1.2.0", Field(cff, @"^cff-version:\s*(\S+)\s*$"));
        Assert.Equal("RiskToolkit", Field(cff, @"^title:\s*(\S+)\s*$"));
        Assert.Equal("MIT", Field(cff, @"^license:\s*(\S+)\s*$"));
        Assert.Equal("2026-11-30", Field(cff, @"^date-released:\s*(\S+)\s*$"));
        Assert.Equal("10.1145/3419394.3423664", Field(cff, @"^\s+doi:\s*(\S+)\s*$"));
    }

    [Fact]
    public void Licence_is_mit_for_the_contributors()
    {
        string licence = Root("LICENSE");

        Assert.StartsWith("MIT License", licence, StringComparison.Ordinal);
        Assert.Contains("Copyright (c) 2026 RiskToolkit contributors", licence, StringComparison.Ordinal);
    }
}
