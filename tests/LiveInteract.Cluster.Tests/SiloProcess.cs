using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace LiveInteract.Cluster.Tests;

/// <summary>
/// One LiveInteract server process in the Cluster profile (the server's own build, started with `dotnet`),
/// on free loopback ports. <see cref="Kill"/> is SIGKILL: no graceful shutdown, in-memory state lost.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string SigningKey = "cluster-tests-signing-key-0123456789abcdef";
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, Uri baseAddress, int siloPort)
    {
        _process = process;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
        process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    /// <summary>The Orleans silo port: how <c>/ops/rooms/{id}/placement</c> names this process.</summary>
    public int SiloPort { get; }
    private bool _disposed;

    public bool Exited => _disposed || _process.HasExited;
    public string Log { get { lock (_log) return _log.ToString(); } }

    public static async Task<SiloProcess> Start(RedisServer redis, string clusterId, int? httpPort = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var http = httpPort ?? RedisServer.FreePort();
        var siloPort = RedisServer.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{http}");
        var env = start.Environment;
        env["LiveInteract__Profile"] = "Cluster";
        env["LiveInteract__Redis"] = redis.ConnectionString;
        env["LiveInteract__ClusterId"] = clusterId;
        env["LiveInteract__ServiceId"] = clusterId;
        env["LiveInteract__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        env["LiveInteract__GatewayPort"] = RedisServer.FreePort().ToString(CultureInfo.InvariantCulture);
        env["LiveInteract__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"li-silo-{Guid.NewGuid():N}");
        env["Auth__SigningKey"] = SigningKey;
        env["Auth__GuestTokens"] = "true";
        env["Relays__ResubscribeInterval"] = "00:00:03";
        // Large enough that the tests can read every comment back from the replay buffer.
        env["Rooms__ReplayBufferSize"] = "20000";
        env["Operations__Diagnostics"] = "true"; // the tests ask which silo holds a room grain
        env["Logging__LogLevel__Default"] = "Warning";
        // These tests measure recovery, not abuse limits: the Benchmark environment (appsettings.Benchmark.json beside
        // the server) raises every message limit.
        env["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) env[key] = value;
        start.WorkingDirectory = Path.GetDirectoryName(start.ArgumentList[0])!;
        var silo = new SiloProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{http}/"), siloPort);
        using var client = new HttpClient();
        // Generous: on a shared CI machine under heavy load a silo has been seen to need more than a minute to join.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (silo.Exited) throw new InvalidOperationException($"silo exited during start:\n{silo.Log}");
            try
            {
                if ((await client.GetAsync(new Uri(silo.BaseAddress, "healthz"))).IsSuccessStatusCode) return silo;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        // Do not leave the process behind when it never became healthy.
        var log = silo.Log;
        await silo.DisposeAsync();
        throw new TimeoutException($"silo did not become healthy:\n{log}");
    }

    /// <summary>SIGTERM and wait: the graceful shutdown a rolling restart does (grains write their state on the way out).</summary>
    public async Task Stop()
    {
        if (Exited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL.</summary>
    public async Task Kill()
    {
        if (Exited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await Kill();
        _disposed = true;
        _process.Dispose();
    }

    private static string ServerDll()
    {
        // tests/LiveInteract.Cluster.Tests/bin/<Configuration>/net10.0 -> src/LiveInteract.Server/bin/<Configuration>/net10.0
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LiveInteract.sln"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "LiveInteract.Server", "bin", configuration, here.Name, "LiveInteract.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the server first", dll);
    }
}
