namespace LiveInteract.Server.Tests;

/// <summary>The checkout's root (the folder with LiveInteract.sln), for tests that read sources and docs.</summary>
internal static class RepositoryRoot
{
    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LiveInteract.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("LiveInteract.sln not found above " + AppContext.BaseDirectory);
    }
}
