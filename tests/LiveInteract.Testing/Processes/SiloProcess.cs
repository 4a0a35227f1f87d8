using System.Globalization;

namespace LiveInteract.Testing;

/// <summary>
/// One silo of a real cluster: a <see cref="ServerProcess"/> in the Cluster profile on a <see cref="RedisServer"/>.
/// Message limits are raised (the Benchmark environment): these processes serve recovery tests and benches.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string SigningKey = "cluster-tests-signing-key-0123456789abcdef";
    private readonly ServerProcess _server;

    private SiloProcess(ServerProcess server, int siloPort)
    {
        _server = server;
        SiloPort = siloPort;
    }

    public Uri BaseAddress => _server.BaseAddress;
    /// <summary>The Orleans silo port: how <c>/ops/rooms/{id}/placement</c> names this process.</summary>
    public int SiloPort { get; }
    public bool Exited => _server.Exited;
    public string Log => _server.Log;

    public static async Task<SiloProcess> Start(RedisServer redis, string clusterId, int? httpPort = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var siloPort = Ports.Free();
        var settings = new Dictionary<string, string>
        {
            ["LiveInteract__Profile"] = "Cluster",
            ["LiveInteract__Redis"] = redis.ConnectionString,
            ["LiveInteract__ClusterId"] = clusterId,
            ["LiveInteract__ServiceId"] = clusterId,
            ["LiveInteract__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Auth__SigningKey"] = SigningKey,
            ["Auth__GuestTokens"] = "true",
            ["Relays__ResubscribeInterval"] = "00:00:03",
            // Large enough that the tests can read every comment back from the replay buffer.
            ["Rooms__ReplayBufferSize"] = "20000",
            ["Operations__Diagnostics"] = "true", // the tests ask which silo holds a room grain
            // These processes measure recovery, not abuse limits: the Benchmark environment (appsettings.Benchmark.json
            // beside the server) raises every message limit.
            ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) settings[key] = value;
        var server = await ServerProcess.Start(settings, httpPort);
        return new SiloProcess(server, siloPort);
    }

    /// <inheritdoc cref="ServerProcess.Stop"/>
    public Task Stop() => _server.Stop();

    /// <inheritdoc cref="ServerProcess.Kill"/>
    public Task Kill() => _server.Kill();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
