using BenchmarkDotNet.Attributes;
using RiskToolkit.Data;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Benchmarks;

/// Reading and validating the dependency tables of a 1M-service synthetic population (about 4.5 M
/// requirement rows), written once to a temporary folder.
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private string directory = null!;

    [Params(1_000_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), $"risk-bench-{Services}-{Population.Seed}");
        if (!File.Exists(Path.Combine(directory, "requirements.csv")))
        {
            DependencyDataWriter.Write(Population.Generate(Services), directory);
        }
    }

    [Benchmark]
    public DependencyData Load() => DependencyDataReader.Load(directory);
}
