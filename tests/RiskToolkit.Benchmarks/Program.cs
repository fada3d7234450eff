using System.Diagnostics;
using BenchmarkDotNet.Running;
using RiskToolkit.Benchmarks;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;

// `peak N [DIR]`: one pass of generate (or load DIR), build and N-1 with timings, for /usr/bin/time -v.
// `mc SERVICES TRIALS`: Monte Carlo throughput, serial then parallel, in service-trials per second.
// Anything else goes to BenchmarkDotNet (e.g. `--filter '*' --job short`).
if (args.Length >= 2 && args[0] == "peak")
{
    int services = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    var clock = Stopwatch.StartNew();
    DependencyData data;
    if (args.Length >= 3)
    {
        if (!File.Exists(Path.Combine(args[2], "requirements.csv")))
        {
            DependencyDataWriter.Write(Population.Generate(services), args[2]);
            Console.WriteLine($"written {args[2]} in {clock.Elapsed.TotalSeconds:F2} s");
            clock.Restart();
        }

        data = DependencyDataReader.Load(args[2]);
        Console.WriteLine($"load {data.Requirements.Count:N0} requirement rows: {clock.Elapsed.TotalSeconds:F2} s");
    }
    else
    {
        data = Population.Generate(services);
        Console.WriteLine($"generate {services:N0} services, {data.Requirements.Count:N0} requirement rows: {clock.Elapsed.TotalSeconds:F2} s");
    }

    clock.Restart();
    var model = DependencyModel.Build(data);
    Console.WriteLine($"build: {clock.Elapsed.TotalSeconds:F2} s ({model.Nodes.Count} nodes, {model.GroupCount:N0} groups)");
    clock.Restart();
    var report = ContingencyAnalysis.NMinus1(model);
    Console.WriteLine($"N-1: {clock.Elapsed.TotalSeconds:F2} s ({report.Contingencies.Count} contingencies; worst {report.Contingencies[0].NodeId} fails {report.Contingencies[0].ServicesFailed:N0})");
    Console.WriteLine($"managed heap after: {GC.GetTotalMemory(false) / (1 << 20):N0} MiB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
    return 0;
}

if (args.Length == 3 && args[0] == "mc")
{
    int services = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    int trials = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    (var model, var scenario) = MonteCarloBenchmarks.Build(services);
    RiskToolkit.Impact.MonteCarloLoss.Simulate(model, scenario, MonteCarloBenchmarks.Sectors, 2 * RiskToolkit.Impact.MonteCarloLoss.BlockSize, 1); // warm-up
    foreach (bool parallel in new[] { false, true })
    {
        var clock = Stopwatch.StartNew();
        var d = RiskToolkit.Impact.MonteCarloLoss.Simulate(model, scenario, MonteCarloBenchmarks.Sectors, trials, 42, parallel);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{(parallel ? "parallel" : "serial  ")}: {services:N0} services × {trials:N0} trials in {seconds:F2} s = {(double)services * trials / seconds / 1e6:F1} M service-trials/s (mean {d.GroundUp.Mean:E4} USD)");
    }

    Console.WriteLine($"cores: {Environment.ProcessorCount}");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(NMinus1Benchmarks).Assembly).Run(args);
return 0;
