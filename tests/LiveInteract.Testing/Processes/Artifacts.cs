namespace LiveInteract.Testing;

/// <summary>
/// Build outputs the tests run as processes, found beside the running test assembly: the same configuration and target
/// framework (tests/X/bin/&lt;Configuration&gt;/&lt;tfm&gt; -> src/Y/bin/&lt;Configuration&gt;/&lt;tfm&gt;).
/// The test project references the project (ReferenceOutputAssembly="false" where only the build is needed).
/// </summary>
public static class Artifacts
{
    private static readonly DirectoryInfo Here = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static string RepoRoot { get; } = FindRoot();
    public static string Configuration => Here.Parent!.Name;
    public static string TargetFramework => Here.Name;

    public static string ServerDll => Built("src/LiveInteract.Server", "LiveInteract.Server.dll");
    public static string CliDll => Built("clients/dotnet/LiveInteract.Cli", "liveinteract.dll");
    public static string LoadToolDll => Built("loadtests/LiveInteract.LoadTests", "liveinteract-load.dll");

    /// <summary>The dll <paramref name="dll"/> in the build output of the project folder <paramref name="project"/>.</summary>
    public static string Built(string project, string dll)
    {
        var path = Path.Combine(RepoRoot, project, "bin", Configuration, TargetFramework, dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"build {project} first (-c {Configuration})", path);
    }

    private static string FindRoot()
    {
        var dir = Here;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveInteract.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"no LiveInteract.sln above {Here.FullName}: tests run inside the repository");
    }
}
