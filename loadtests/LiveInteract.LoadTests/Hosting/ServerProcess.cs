using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LiveInteract.LoadTests.Hosting;

/// <summary>
/// A server under test as a child process on free loopback ports, killed (with its temp data folder removed) at the end.
/// LiveInteract runs from its built dll with the abuse limits raised (a load test measures fan-out, not the limits);
/// the baseline runs from any host executable whose entry point honours <see cref="Baseline.BaselineServer.ServeArgument"/>.
/// Shared with bench/LiveInteract.Rooms.Bench.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _dataDirectory;

    private ServerProcess(Process process, string baseUrl, bool isLiveInteract, string? dataDirectory, string gcMode)
    {
        GcMode = gcMode;
        _process = process;
        BaseUrl = baseUrl;
        IsLiveInteract = isLiveInteract;
        _dataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }

    /// <summary>The service API key of every server this process starts (random per run of the tool).</summary>
    public static string ServiceApiKey { get; } = $"load-{Guid.NewGuid():N}";
    public bool IsLiveInteract { get; }
    public string GcMode { get; }
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the server dll. <paramref name="gc"/>: "workstation" (default), "server" (Server GC without DATAS) or "datas" (Server GC with dynamic adaptation).
    /// <paramref name="cpus"/>: the only CPUs the server may run on (<c>--server-cpus</c>); null: any.
    /// </summary>
    public static Task<ServerProcess> StartLiveInteract(string serverDll, string gc = "workstation", CpuSet? cpus = null)
    {
        if (!File.Exists(serverDll)) throw new FileNotFoundException($"Build the server first: dotnet build src/LiveInteract.Server -c Release ({serverDll} missing)", serverDll);
        var url = $"http://127.0.0.1:{FreePort()}";
        var data = Path.Combine(Path.GetTempPath(), $"li-load-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["LiveInteract__DataDirectory"] = data;
        start.Environment["LiveInteract__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["LiveInteract__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The Benchmark environment raises every abuse limit (appsettings.Benchmark.json beside the server).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        // GET /ops/memory: managed bytes after a full GC, read before and after the viewers.
        start.Environment["Operations__Diagnostics"] = "true";
        // The abuse presets read GET /api/service/risk with this key.
        start.Environment["ServiceApi__Keys__0__Name"] = "load";
        start.Environment["ServiceApi__Keys__0__Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ServiceApiKey)));
        start.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(serverDll))!;
        return Launch(start, url, isLiveInteract: true, data, gc, cpus);
    }

    public static Task<ServerProcess> StartBaseline(string hostDll, string gc = "workstation", CpuSet? cpus = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add(Baseline.BaselineServer.ServeArgument);
        start.ArgumentList.Add(url);
        return Launch(start, url, isLiveInteract: false, dataDirectory: null, gc, cpus);
    }

    /// <summary>CPU time the server process has used so far (user + system), or null once it has exited.</summary>
    public TimeSpan? ProcessorTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>Resident memory of the server process in bytes (Linux /proc), or null where it cannot be read.</summary>
    public long? ResidentBytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is null) return null;
        var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
    }

    private static async Task<ServerProcess> Launch(ProcessStartInfo start, string url, bool isLiveInteract, string? dataDirectory, string gc, CpuSet? cpus)
    {
        // Both share the machine with the generator: workstation GC by default keeps the server's memory comparable
        // between runs; --server-gc picks another mode for the memory measurements.
        start.Environment["DOTNET_gcServer"] = gc == "workstation" ? "0" : "1";
        start.Environment["DOTNET_GCDynamicAdaptationMode"] = gc == "datas" ? "1" : "0";
        cpus?.LaunchOn(start);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, url, isLiveInteract, dataDirectory, gc);
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited) break;
            try
            {
                if ((await http.GetAsync(new Uri($"{url}/healthz"))).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"the server at {url} did not become healthy");
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (_dataDirectory is not null) try { Directory.Delete(_dataDirectory, true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
