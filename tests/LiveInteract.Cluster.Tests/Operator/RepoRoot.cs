namespace LiveInteract.Cluster.Tests.Operator;

/// <summary>The checkout the tests were built from (the folder holding LiveInteract.sln).</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "LiveInteract.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("LiveInteract.sln not found above " + AppContext.BaseDirectory);
    }
}
