using Xunit;

namespace RiskToolkit.Tests.Data;

/// <summary>
/// Locates the optional shared datasets: the folder named by the environment variable
/// <c>RISKTOOLKIT_SHARED</c>, or <c>../shared</c> beside the checkout.
/// </summary>
internal static class SharedDatasets
{
    /// <summary>The Kashaf et al. (IMC 2020) data folder, or null when it is absent.</summary>
    public static string? Kashaf { get; } = Find(Path.Combine("datasets", "kashaf-imc2020"), Path.Combine("dns", "data", "DNSconcAll"));

    /// <summary>Why <see cref="Kashaf"/> is null, for a skipped test.</summary>
    public static string KashafAbsent =>
        $"the Kashaf et al. data were not found at '{Path.Combine(SharedRoot, "datasets", "kashaf-imc2020")}' "
        + "(set RISKTOOLKIT_SHARED to the folder holding datasets/kashaf-imc2020); the committed counts cannot be recomputed";

    private static string SharedRoot =>
        Environment.GetEnvironmentVariable("RISKTOOLKIT_SHARED") is { Length: > 0 } shared
            ? Path.GetFullPath(shared)
            : Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared"));

    private static string? Find(string folder, string probe)
    {
        string directory = Path.Combine(SharedRoot, folder);
        return File.Exists(Path.Combine(directory, probe)) ? directory : null;
    }
}

/// <summary>A fact that is skipped, saying why, when the Kashaf et al. data are not on this machine.</summary>
public sealed class KashafDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <see cref="SharedDatasets.Kashaf"/> is absent.</summary>
    public KashafDataFactAttribute()
    {
        if (SharedDatasets.Kashaf is null)
        {
            Skip = SharedDatasets.KashafAbsent;
        }
    }
}
