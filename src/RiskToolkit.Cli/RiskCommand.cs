using System.CommandLine;
using RiskToolkit.Cli.Commands;
using RiskToolkit.Cli.Notebooks;

namespace RiskToolkit.Cli;

/// <summary>The <c>risk</c> root command and its subcommands.</summary>
public static class RiskCommand
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when the input is bad or an analysis fails on it.</summary>
    public const int Failed = 1;

    /// <summary>Exit code when the command line itself is wrong (unknown command or option, missing or invalid value).</summary>
    public const int Usage = 2;

    /// <summary>
    /// Parses and runs a command line. A malformed command line gives one line per error on
    /// <paramref name="error"/> and exit code <see cref="Usage"/>, not the whole help text.
    /// </summary>
    /// <param name="args">The arguments after <c>risk</c>.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <returns>The exit code: <see cref="Ok"/>, <see cref="Failed"/> or <see cref="Usage"/>.</returns>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var result = Create().Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors)
            {
                error.WriteLine($"risk: {string.Join(' ', e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}");
            }

            error.WriteLine("Run 'risk --help' (or 'risk COMMAND --help') for usage.");
            return Task.FromResult(Usage);
        }

        return result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Builds the root command with every subcommand; <c>--version</c> prints the toolkit version and commit.</summary>
    /// <returns>The root command, ready to parse and invoke.</returns>
    public static RootCommand Create() =>
        new("RiskToolkit: concentration, single points of failure and outage impact of digital infrastructure.")
        {
            ValidateCommand.Create(),
            ConcentrationCommand.Create(),
            SpofCommand.Create(),
            ImportCommand.Create(),
            SynthCommand.Create(),
            ImpactCommand.Create(),
            ReportCommand.Create(),
            NotebookCommand.Create(),
        };

    /// <summary>
    /// Runs a command body and turns bad input (validation faults, missing files, arguments the
    /// analysis rejects) into a one-line message on stderr and exit code 1, never a stack trace.
    /// </summary>
    /// <param name="result">The parse result whose invocation configuration holds stdout and stderr.</param>
    /// <param name="body">The command body; returns its exit code.</param>
    /// <returns>The body's exit code, or <see cref="Failed"/>.</returns>
    internal static int Guarded(ParseResult result, Func<TextWriter, int> body)
    {
        var error = result.InvocationConfiguration.Error;
        try
        {
            return body(result.InvocationConfiguration.Output);
        }
        catch (Exception ex) when (IsInputFault(ex))
        {
            error.WriteLine(UserMessage(ex));
            return Failed;
        }
    }

    /// <summary>
    /// The message of an exception as a user should read it: an <see cref="ArgumentException"/>'s
    /// message without the " (Parameter 'name')" suffix .NET appends, which names a C# parameter the
    /// user never typed.
    /// </summary>
    /// <param name="ex">The exception.</param>
    /// <returns>Its message, without the parameter suffix and on one line.</returns>
    internal static string UserMessage(Exception ex)
    {
        if (ex is not ArgumentException { ParamName: { Length: > 0 } name } argument)
        {
            return ex.Message;
        }

        // The suffix is rebuilt from the runtime itself (an empty message with the same parameter name), so
        // it matches in any UI culture; an ArgumentOutOfRangeException puts its actual value after it.
        var suffix = new ArgumentException(string.Empty, name).Message;
        var message = argument.Message;
        var at = message.LastIndexOf(suffix, StringComparison.Ordinal);
        var bare = at < 0 ? message : message.Remove(at, suffix.Length);
        return string.Join(' ', bare.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static bool IsInputFault(Exception ex) =>
        ex is Data.DataValidationException or IOException or UnauthorizedAccessException or ArgumentException;

    /// <summary>An integer option in [min, max]; anything else is a parse error (exit 2), never an exception.</summary>
    internal static int Integer(System.CommandLine.Parsing.ArgumentResult result, string name, int min, int max)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            result.AddError($"{name} must be an integer from {min.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} to {max.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}, found '{text}'.");
            return min;
        }

        return value;
    }

    /// <summary><c>--trials N</c>: Monte Carlo trials of an event, and simulated years; 2 to 10,000,000, default 10,000.</summary>
    /// <returns>The option.</returns>
    internal static Option<int> TrialsOption() => new("--trials")
    {
        Description = "Monte Carlo trials of the event, and simulated years (2 to 10,000,000).",
        DefaultValueFactory = _ => 10_000,
        CustomParser = r => Integer(r, "--trials", 2, 10_000_000),
    };

    /// <summary><c>--seed S</c>: the seed of the random streams, a whole number from 0 to <paramref name="max"/>; default 42.</summary>
    /// <param name="max">The largest seed the command accepts.</param>
    /// <returns>The option.</returns>
    internal static Option<ulong> SeedOption(ulong max) => new("--seed")
    {
        Description = $"Seed of the random streams, 0 to {max}; the same seed gives the same output.",
        DefaultValueFactory = _ => 42,
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : string.Empty;
            if (ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong value) && value <= max)
            {
                return value;
            }

            r.AddError($"--seed: expected a whole number from 0 to {max}, found '{text}'.");
            return 0;
        },
    };
}
