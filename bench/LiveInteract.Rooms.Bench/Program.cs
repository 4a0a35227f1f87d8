using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using LiveInteract.Rooms.Bench;

// Usage: dotnet run -c Release --project bench/LiveInteract.Rooms.Bench -- [--viewers 1000] [--rate 100] [--seconds 30] [--rounds 2]
//        (internal) --serve-baseline <url>
if (args.Length == 2 && args[0] == "--serve-baseline")
{
    await BaselineServer.Run(args[1]);
    return 0;
}

var viewers = Arg("--viewers", 1000);
var rate = Arg("--rate", 100);
var seconds = Arg("--seconds", 30);
var rounds = Arg("--rounds", 2);
var root = FindRepoRoot();
var serverDll = Path.Combine(root, "src/LiveInteract.Server/bin/Release/net10.0/LiveInteract.Server.dll");
if (!File.Exists(serverDll))
{
    Console.Error.WriteLine($"Build the server first: dotnet build src/LiveInteract.Server -c Release ({serverDll} missing)");
    return 2;
}

Console.WriteLine($"fan-out bench: {viewers} viewers, one room, {rate} comments/s for {seconds} s, {rounds} round(s) per target, {Environment.ProcessorCount} cores");
var results = new List<FanoutResult>();
for (var round = 1; round <= rounds; round++)
{
    foreach (var target in new[] { "baseline", "liveinteract" })
    {
        await using var server = await ServerProcess.Start(target, serverDll);
        var result = await FanoutRun.Execute(target, server.BaseUrl, viewers, rate, TimeSpan.FromSeconds(seconds), server.IsLiveInteract);
        results.Add(result);
        Console.WriteLine(result.ToLine());
    }
}
Console.WriteLine();
Console.WriteLine(FanoutResult.MarkdownTable(results));
return results.Any(r => r.Lost > 0) ? 1 : 0;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveInteract.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}

/// <summary>A server under test as a child process on free loopback ports, killed at the end.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _dataDirectory;

    private ServerProcess(Process process, string baseUrl, bool isLiveInteract, string? dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        IsLiveInteract = isLiveInteract;
        _dataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }
    public bool IsLiveInteract { get; }

    public static async Task<ServerProcess> Start(string target, string serverDll)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string? data = null;
        if (target == "liveinteract")
        {
            data = Path.Combine(Path.GetTempPath(), $"li-bench-{Guid.NewGuid():N}");
            start.ArgumentList.Add(serverDll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
            start.Environment["LiveInteract__DataDirectory"] = data;
            start.Environment["LiveInteract__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
            start.Environment["LiveInteract__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            // The bench measures fan-out, not abuse limits: give its sender connections room.
            foreach (var kind in new[] { "Comments", "Other" })
                foreach (var key in new[] { "PerSecond", "Burst", "UserPerSecond", "UserBurst" })
                    start.Environment[$"Abuse__{kind}__{key}"] = "100000";
        }
        else
        {
            start.ArgumentList.Add(typeof(BaselineServer).Assembly.Location);
            start.ArgumentList.Add("--serve-baseline");
            start.ArgumentList.Add(url);
        }
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try { if ((await http.GetAsync($"{url}/healthz")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        return new ServerProcess(process, url, target == "liveinteract", data);
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
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
