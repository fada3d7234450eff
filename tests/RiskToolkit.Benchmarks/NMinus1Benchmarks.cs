using BenchmarkDotNet.Attributes;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Benchmarks;

/// N-1 over synthetic populations (4 layers per service): compiling the model, then the analysis.
[MemoryDiagnoser]
public class NMinus1Benchmarks
{
    private DependencyData data = null!;
    private DependencyModel model = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        data = Population.Generate(Services);
        model = DependencyModel.Build(data);
    }

    [Benchmark]
    public DependencyModel Build() => DependencyModel.Build(data);

    [Benchmark]
    public ContingencyReport NMinus1() => ContingencyAnalysis.NMinus1(model);
}
