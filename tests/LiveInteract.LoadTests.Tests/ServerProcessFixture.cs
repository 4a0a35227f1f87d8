using LiveInteract.LoadTests.Hosting;

namespace LiveInteract.LoadTests.Tests;

/// <summary>
/// One LiveInteract server process (raised abuse limits, temp data dir) shared by every preset run; each run makes its own rooms.
/// Started with the load tool's own launcher (the tool under test measures that process), on the toolkit's build paths.
/// </summary>
public sealed class ServerProcessFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public Uri Url => new(Server.BaseUrl + "/");

    public async Task InitializeAsync() => Server = await ServerProcess.StartLiveInteract(LiveInteract.Testing.Artifacts.ServerDll);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class LoadCollection : ICollectionFixture<ServerProcessFixture>
{
    public const string Name = "load server";
}
