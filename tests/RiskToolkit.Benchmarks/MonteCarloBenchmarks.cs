using BenchmarkDotNet.Attributes;
using RiskToolkit.Dependencies;
using RiskToolkit.Impact;

namespace RiskToolkit.Benchmarks;

/// Monte Carlo throughput in service-trial evaluations: the DESIGN's reference model (lognormal duration
/// per trial, Beta loss fraction per service-trial) over services that all fail with one region for 24 h.
[MemoryDiagnoser]
public class MonteCarloBenchmarks
{
    public const int Trials = 1_000;

    private DependencyModel model = null!;
    private OutageScenario scenario = null!;

    [Params(10_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup() => (model, scenario) = Build(Services);

    [Benchmark(Description = "serial, 1,000 trials")]
    public LossDistribution Serial() => MonteCarloLoss.Simulate(model, scenario, Sectors, Trials, 42, parallel: false);

    [Benchmark(Description = "parallel, 1,000 trials")]
    public LossDistribution Parallel() => MonteCarloLoss.Simulate(model, scenario, Sectors, Trials, 42, parallel: true);

    /// Five sectors with the bundled defaults' shape: loss fraction 0.3, recovery 0.3.
    public static readonly SectorParameters[] Sectors =
        new[] { "11", "31-33", "51", "52", "62" }.Select(s => new SectorParameters(s, s, 300_000, 0.3, 0.3, 0, null, "bench", null)).ToArray();

    /// N services, half with a known revenue, each requiring region r; r fails for 24 h.
    public static (DependencyModel Model, OutageScenario Scenario) Build(int services)
    {
        var start = new DateTimeOffset(2025, 10, 20, 0, 0, 0, TimeSpan.Zero);
        var data = new DependencyData(
            [],
            [],
            [new DependencyNode("r", NodeKind.Region, "region") { Layer = "cloud" }],
            Enumerable.Range(0, services).Select(i => new DependentService($"s{i}", $"s{i}")
            {
                Sector = Sectors[i % Sectors.Length].Sector,
                Country = "US",
                AnnualRevenueUsd = i % 2 == 0 ? 1e9 + i : null,
            }).ToArray(),
            Enumerable.Range(0, services).Select(i => new Requirement($"s{i}", "cloud", "cloud", "r")).ToArray());
        var scenario = new OutageScenario(
            "bench",
            "Region down 24 h",
            null,
            [new NodeFailure("r", start, start.AddHours(24), null, null)],
            RecoveryLags.None,
            ScenarioFilters.None,
            new InsuranceTerms(8, 0, null, 0.3),
            new LossUncertainty(0.25, 20, 0),
            new EventFrequency(0.1, null, null),
            []);
        return (DependencyModel.Build(data), scenario);
    }
}
