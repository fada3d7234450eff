using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Cli.Commands;

/// <summary>
/// <c>risk synth --services N --seed S --out DIR [--calibration DIR]</c>: a synthetic population of
/// services with cloud, DNS, CDN and CA dependencies, calibrated to the bundled market shares, written
/// as a dependency data folder (sources, providers, nodes, services, requirements) with a
/// <c>calibration.csv</c> that gives every parameter and its source. A model, not data: every row cites
/// the source <c>synthetic</c>.
/// </summary>
public static class SynthCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var services = new Option<int>("--services")
        {
            Description = $"Number of services, 1 to {SyntheticOptions.MaxServices:N0}.",
            Required = true,
            CustomParser = r => RiskCommand.Integer(r, "--services", 1, SyntheticOptions.MaxServices),
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed (integer >= 0); the same seed and size give the same files.",
            Required = true,
            CustomParser = r => RiskCommand.Integer(r, "--seed", 0, int.MaxValue),
        };
        var output = new Option<string>("--out") { Description = "Folder to write (created when missing; files of the same names are replaced).", Required = true };
        var calibration = new Option<string>("--calibration") { Description = "Data folder with the market tables that calibrate the population.", DefaultValueFactory = _ => "data" };
        var command = new Command("synth", "Synthetic population of services (cloud region, DNS, CDN, CA) calibrated to the bundled shares; a model, not data.")
        {
            services, seed, output, calibration,
        };
        command.SetAction(result => RiskCommand.Guarded(result, stdout =>
        {
            var options = new SyntheticOptions(result.GetValue(services), result.GetValue(seed));
            string directory = result.GetRequiredValue(output);
            string calibrationDir = result.GetRequiredValue(calibration);
            if (!Directory.Exists(calibrationDir))
            {
                result.InvocationConfiguration.Error.WriteLine($"{calibrationDir}: no such folder: --calibration names the data folder whose market tables calibrate the population (default 'data', the bundled folder, relative to the current folder: run from the repository root or pass --calibration).");
                return RiskCommand.Failed;
            }

            MarketData market = MarketDataReader.Load(calibrationDir);
            IReadOnlyList<SyntheticParameter> parameters = SyntheticPopulation.CalibrationTable(options, market);
            DependencyData data = SyntheticPopulation.Generate(options, market);
            DependencyDataWriter.Write(data, directory);
            WriteCalibration(parameters, Path.Join(directory, "calibration.csv"));
            stdout.WriteLine($"{directory}: {data.Services.Count} synthetic services, {data.Nodes.Count} nodes, {data.Requirements.Count} requirements (seed {options.Seed}).");
            return RiskCommand.Ok;
        }));
        return command;
    }

    private static void WriteCalibration(IReadOnlyList<SyntheticParameter> rows, string path)
    {
        var text = new StringBuilder("parameter,value,source\n");
        foreach (SyntheticParameter p in rows)
        {
            text.Append(Cell(p.Parameter)).Append(',').Append(Cell(p.Value)).Append(',').Append(Cell(p.Source)).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        static string Cell(string value) =>
            value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
