using System.Diagnostics;
using RiskToolkit.Cli;

namespace RiskToolkit.Tests.Cli;

/// Runs the `risk` command in-process (fast) or as a child process (to see what a user sees).
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) InProcess(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = RiskCommand.InvokeAsync(args, output, error).GetAwaiter().GetResult();
        return (exit, output.ToString(), error.ToString());
    }

    public static (int Exit, string Out, string Err) AsProcess(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "risk.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("risk did not exit within 2 minutes.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
