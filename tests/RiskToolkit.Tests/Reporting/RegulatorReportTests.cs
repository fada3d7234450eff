using System.Text.RegularExpressions;
using RiskToolkit.Reporting;
using RiskToolkit.Reporting.Html;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

public sealed class RegulatorReportTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>";
    private const string HostileService = "</script><script>alert(2)</script>";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static RegulatorReportOptions Options(string data) => new()
    {
        DataDirectory = data,
        ScenarioFile = Path.Combine(data, "scenarios", "aws-us-east-1-2025-10-20.json"),
        Trials = 500,
        Seed = 42,
    };

    private static string Render(string data) => OfflineHtml.Render(RegulatorReport.Build(Options(data), new FixedTime(Now)));

    private static int Charts(string html) => Regex.Matches(html, @"var renderPlotly_\w+ = function").Count;

    /// A copy of the bundled data in which AWS's provider and node names and one service's name are markup.
    private static DirectoryInfo HostileCopy()
    {
        var work = Directory.CreateTempSubdirectory("risk-report-");
        foreach (var file in Directory.GetFiles(RepoPaths.Data, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(work.FullName, Path.GetRelativePath(RepoPaths.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        foreach (var (file, from, to) in new[]
        {
            ("providers.csv", ",Amazon Web Services,", $",{Hostile},"),
            ("nodes.csv", ",Amazon Web Services,", $",{Hostile},"),
            ("services.csv", ",Snapchat,", $",{HostileService},"),
        })
        {
            var path = Path.Combine(work.FullName, file);
            var text = File.ReadAllText(path);
            Assert.Contains(from, text);
            File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        }

        return work;
    }

    [Fact]
    public void Report_leads_with_key_figures_then_the_three_questions_method_limitations_and_sources()
    {
        var html = Render(RepoPaths.Data);

        string[] headings =
        [
            "<h2>Key figures</h2>",
            "<h2>1. How concentrated is each market?</h2>",
            "<h2>2. Which single failures take which services down?</h2>",
            "<h2>3. What does the outage cost?</h2>",
            "<h2>Method</h2>",
            "<h2>Assumptions and limitations</h2>",
            "<h2>Sources</h2>",
            "<h2>Provenance</h2>",
        ];
        var positions = headings.Select(h => html.IndexOf(h, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(12, Charts(html));
    }

    [Fact]
    public void Every_chart_and_table_offers_its_data_as_csv()
    {
        var html = Render(RepoPaths.Data);

        // 12 charts each with its data, plus the key figures, the market table, the cut sets, the loss by service, the
        // dataset ages, the assumptions and the sources.
        Assert.Equal(12 + 7, Regex.Matches(html, "class=\"csv-download\"").Count);
        Assert.Contains("download=\"key-figures.csv\" href=\"data:text/csv;charset=utf-8;base64,", html);
    }

    [Fact]
    public void Key_figures_match_the_bundled_case()
    {
        var html = Render(RepoPaths.Data);

        // The case model (data/nodes.csv, requirements.csv): every one of the 36 named services requires the region, and
        // the region needs DynamoDB, its endpoint record, the DNS automation and planner, Route 53 and the provider, so
        // 7 of the 21 nodes each take all 36 down.
        Assert.Contains("<td>7 of 21 nodes</td>", html);
        // Deterministic direct loss: 36 services at the $300,000 ITIC default for 2 h 52 min (06:48 to 09:40 UTC):
        // 36 × 300,000 × 2.8667 h = $30.96 M, less the recovered share 0.3 → 36 × 300,000 × 2.8667 × 0.7 = $21.67 M.
        Assert.Contains("<td>$21.7 M</td>", html);
        // An outage of 2.87 h never passes the 8 h waiting period, so insurance pays nothing.
        Assert.Contains("<td>$0</td>", html);
    }

    [Fact]
    public void Dataset_ages_are_counted_from_the_report_date()
    {
        var html = Render(RepoPaths.Data);

        // sector_parameters.csv cites only itic-2024 (2024-03-15): 2026-11-30 is 990 days later, 990 / 365.25 = 2.71 years.
        Assert.Matches(new Regex("<td>sector_parameters.csv</td><td>20</td><td>20</td><td>1</td><td>2024-03-15</td><td>2024-03-15</td><td>2.7</td>"), html);
    }

    [Fact]
    public void Same_seed_gives_the_same_page()
    {
        Assert.Equal(Render(RepoPaths.Data), Render(RepoPaths.Data));
    }

    [Fact]
    public void Provenance_names_the_seed_and_hashes_every_data_file()
    {
        var html = Render(RepoPaths.Data);

        Assert.Contains("<dt>Random seed</dt><dd>42</dd>", html);
        foreach (var file in Directory.GetFiles(RepoPaths.Data, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(RepoPaths.Data, file).Replace(Path.DirectorySeparatorChar, '/');
            Assert.Contains($"<code>{name}</code> <code class=\"sha256\">{InputFileHash.FromFile(file).Sha256}</code>", html);
        }
    }

    [Fact]
    public void Dataset_text_is_escaped_everywhere()
    {
        var work = HostileCopy();
        try
        {
            var html = Render(work.FullName);

            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("alert(2)</script>", html, StringComparison.Ordinal);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void Folder_without_market_tables_says_so_instead_of_failing()
    {
        var work = HostileCopy();
        try
        {
            File.Delete(Path.Combine(work.FullName, "markets.csv"));
            File.Delete(Path.Combine(work.FullName, "market_shares.csv"));
            var html = Render(work.FullName);

            Assert.Contains("The data folder has no market tables (markets.csv, market_shares.csv)", html);
            Assert.Equal(9, Charts(html));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void Out_of_range_options_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RegulatorReport.Build(Options(RepoPaths.Data) with { Trials = 1 }, new FixedTime(Now)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegulatorReport.Build(Options(RepoPaths.Data) with { MaxOrder = 4 }, new FixedTime(Now)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegulatorReport.Build(Options(RepoPaths.Data) with { Seed = -1 }, new FixedTime(Now)));
        Assert.Throws<FileNotFoundException>(() => RegulatorReport.Build(Options(RepoPaths.Data) with { ScenarioFile = "absent.json" }, new FixedTime(Now)));
        Assert.Throws<DirectoryNotFoundException>(() => RegulatorReport.Build(Options("absent-folder"), new FixedTime(Now)));
    }

    [ChromiumFact]
    public void In_a_browser_offline_every_chart_is_drawn_no_request_is_sent_and_hostile_names_stay_text()
    {
        var work = HostileCopy();
        try
        {
            var html = Render(work.FullName);
            var file = Path.Combine(work.FullName, "report.html");
            File.WriteAllText(file, html);

            var (dom, requests) = Chromium.Load(file);

            var charts = Charts(html);
            Assert.Equal(12, charts);
            // Every chart's container holds a drawn .main-svg (cartesian charts two plus a hover layer).
            var containers = dom.Split("class=\"plot-container plotly\"")[1..];
            Assert.Equal(charts, containers.Length);
            Assert.All(containers, c => Assert.Contains("class=\"main-svg\"", c, StringComparison.Ordinal));
            Assert.Empty(requests);
            // The names are in the DOM as text, never as elements (an alert would have stalled the page).
            Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", dom);
            Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;", dom);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [ChromiumFact]
    public void The_request_check_sees_a_page_that_fetches()
    {
        var work = Directory.CreateTempSubdirectory("risk-request-");
        try
        {
            // Port 9 (discard) on the loopback: the request is started, then refused; nothing leaves the machine.
            var file = Path.Combine(work.FullName, "fetches.html");
            File.WriteAllText(file, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>");

            var (_, requests) = Chromium.Load(file);

            Assert.Contains("http://127.0.0.1:9/x.png", requests);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
