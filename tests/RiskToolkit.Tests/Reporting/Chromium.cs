using System.Diagnostics;
using Xunit;

namespace RiskToolkit.Tests.Reporting;

/// <summary>Headless Chromium, for tests that check what a browser makes of a page.</summary>
internal static class Chromium
{
    private static readonly Lazy<string?> Executable = new(Find);

    /// <summary>The Chromium executable on PATH, or <see langword="null"/> when there is none.</summary>
    public static string? Path => Executable.Value;

    /// <summary>
    /// Opens <paramref name="htmlFile"/> headless with a fresh profile, no background networking and every request sent
    /// to a closed local proxy port (networking off), lets scripts run for
    /// up to ten seconds of virtual time, and returns the serialised DOM.
    /// </summary>
    public static string DumpDom(string htmlFile) => Run(htmlFile, netLog: null);

    /// <summary>
    /// As <see cref="DumpDom"/>, and also records Chromium's network log, returning the URLs of every request the page
    /// itself started (the browser's own background requests, such as its component updater, are not the page's and
    /// are left out: they carry no <c>file://</c> network isolation key).
    /// </summary>
    public static (string Dom, IReadOnlyList<string> PageRequests) Load(string htmlFile)
    {
        var log = System.IO.Path.Combine(Directory.CreateTempSubdirectory("risk-netlog-").FullName, "netlog.json");
        try
        {
            var dom = Run(htmlFile, log);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(log));
            var startJob = json.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
            var requests = json.RootElement.GetProperty("events").EnumerateArray()
                .Where(e => e.GetProperty("type").GetInt32() == startJob && e.TryGetProperty("params", out _))
                .Select(e => e.GetProperty("params"))
                .Where(p => p.TryGetProperty("network_isolation_key", out var key) && key.GetString()!.StartsWith("file://", StringComparison.Ordinal))
                .Select(p => p.GetProperty("url").GetString()!)
                .ToList();
            return (dom, requests);
        }
        finally
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(log)!, recursive: true);
        }
    }

    private static string Run(string htmlFile, string? netLog)
    {
        var executable = Path ?? throw new InvalidOperationException("Chromium is not on PATH.");
        var profile = Directory.CreateTempSubdirectory("risk-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // Networking off: every request the page might start goes to a closed local port and fails.
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom",
            })
            {
                start.ArgumentList.Add(argument);
            }

            if (netLog is not null)
            {
                start.ArgumentList.Add($"--log-net-log={netLog}");
            }

            start.ArgumentList.Add(new Uri(System.IO.Path.GetFullPath(htmlFile)).AbsoluteUri);

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var dom = process.StandardOutput.ReadToEndAsync();

            // A script that opens a dialog (alert) stalls a headless page for ever: treat that as a failure.
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException("Chromium did not finish within 60 s; a script on the page may have opened a dialog.");
            }

            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {stderr.Result}");
            return dom.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string? Find()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => folders.Select(folder => System.IO.Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>A fact that needs headless Chromium; skipped, saying why, when no Chromium is on PATH.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "Chromium (chromium, chromium-browser or google-chrome) is not on PATH.";
        }
    }
}
