using RiskToolkit.Data;
using RiskToolkit.Dependencies;

namespace RiskToolkit.Benchmarks;

/// Synthetic populations for the benchmarks, calibrated to the repository's bundled data.
internal static class Population
{
    public const int Seed = 42;

    private static MarketData? calibration;

    public static MarketData Calibration => calibration ??= MarketDataReader.Load(Path.Combine(RepoRoot(), "data"));

    public static DependencyData Generate(int services) =>
        SyntheticPopulation.Generate(new SyntheticOptions(services, Seed), Calibration);

    /// The folder holding RiskToolkit.sln, found upwards from the running assembly (BenchmarkDotNet
    /// builds its runner below the project's bin folder).
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RiskToolkit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("RiskToolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
