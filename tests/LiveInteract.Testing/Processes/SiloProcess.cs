using System.Globalization;

namespace LiveInteract.Testing;

/// <summary>
/// One silo of a real cluster: a <see cref="ServerProcess"/> in the Cluster profile on a <see cref="RedisServer"/>.
/// Message limits are raised (the Benchmark environment): these processes serve recovery tests and benches.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string SigningKey = "cluster-tests-signing-key-0123456789abcdef";
    /// <summary>Rooms:IdKey, the same on every silo (as docker-compose.yml passes LIVEINTERACT_ROOM_ID_KEY to each).</summary>
    public const string RoomIdKey = "cluster-tests-room-id-key-fedcba9876543210";
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

    /// <param name="overrides">Settings applied after the defaults below; a null value removes that default.</param>
    public static async Task<SiloProcess> Start(
        RedisServer redis, string clusterId, int? httpPort = null, IReadOnlyDictionary<string, string?>? overrides = null)
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
            ["Rooms__IdKey"] = RoomIdKey,
            ["LiveInteract__Tls__CertificatePath"] = TestSiloCertificate.PfxPath, // TLS between silos is on in Cluster
            ["LiveInteract__Tls__CertificatePassword"] = TestSiloCertificate.Password,
            ["Auth__GuestTokens"] = "true", // off by default in Cluster; these tests sign in as guests
            ["Gifts__DemoTopUps"] = "true", // likewise: the gift tests buy coins with demo top-ups
            ["Relays__ResubscribeInterval"] = "00:00:03",
            // Large enough that the tests can read every comment back from the replay buffer.
            ["Rooms__ReplayBufferSize"] = "20000",
            ["Operations__Diagnostics"] = "true", // the tests ask which silo holds a room grain
            // These processes measure recovery, not abuse limits: the Benchmark environment (appsettings.Benchmark.json
            // beside the server) raises every message limit.
            ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null) settings.Remove(key);
            else settings[key] = value;
        }
        var server = await ServerProcess.Start(settings, httpPort);
        return new SiloProcess(server, siloPort);
    }

    /// <inheritdoc cref="ServerProcess.Stop"/>
    public Task Stop() => _server.Stop();

    /// <inheritdoc cref="ServerProcess.Kill"/>
    public Task Kill() => _server.Kill();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
