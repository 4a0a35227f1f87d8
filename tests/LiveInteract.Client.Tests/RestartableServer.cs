using System.Net;

namespace LiveInteract.Client.Tests;

/// <summary>
/// A LiveServer that can be stopped and started again as a new process-like instance on the same data folder
/// and the same Kestrel port: a server restart with the Local profile, as clients see it.
/// </summary>
public sealed class RestartableServer : IAsyncDisposable
{
    private readonly int _port = Ports.Free();

    public RestartableServer() => DataDirectory = Path.Combine(Path.GetTempPath(), $"li-client-{Guid.NewGuid():N}");

    public string DataDirectory { get; }

    public LiveServer? Current { get; private set; }

    public LiveServer Server => Current ?? throw new InvalidOperationException("the server is stopped");

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    public LiveServer Start()
    {
        if (Current is not null) throw new InvalidOperationException("already running");
        // Reconnect tests send comments in bursts; they test delivery, not abuse limits.
        var server = new LiveServer(DataDirectory, LiveServer.Unthrottled());
        server.UseKestrel(k => k.Listen(IPAddress.Loopback, _port));
        Current = server.Start();
        if (server.BaseAddress.Port != _port) throw new InvalidOperationException($"server listens on {server.BaseAddress}, not port {_port}");
        return Current;
    }

    public async Task StopAsync()
    {
        if (Current is null) return;
        await Current.DisposeAsync();
        Current = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        LiveServer.DeleteData(DataDirectory);
    }
}
