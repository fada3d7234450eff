namespace RiskToolkit.Tests;

/// Locates the checkout (the folder holding RiskToolkit.sln) and the optional shared datasets.
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Data => Path.Combine(Root, "data");

    public static string Notebooks => Path.Combine(Root, "notebooks");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RiskToolkit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RiskToolkit.sln not found above {AppContext.BaseDirectory}.");
    }
}
