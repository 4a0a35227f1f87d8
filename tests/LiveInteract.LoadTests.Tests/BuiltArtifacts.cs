namespace LiveInteract.LoadTests.Tests;

/// <summary>Paths of the server and tool dlls built with this test project (same configuration).</summary>
internal static class BuiltArtifacts
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string RepoRoot { get; } = FindRoot();

    public static string ServerDll => Path.Combine(RepoRoot, "src/LiveInteract.Server/bin", Configuration, "net10.0/LiveInteract.Server.dll");

    /// <summary>The tool's own output folder, where its runtimeconfig lets `dotnet liveinteract-load.dll` start the baseline.</summary>
    public static string ToolDll => Path.Combine(RepoRoot, "loadtests/LiveInteract.LoadTests/bin", Configuration, "net10.0/liveinteract-load.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveInteract.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("tests must run inside the repository");
    }
}
