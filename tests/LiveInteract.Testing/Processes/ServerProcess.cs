using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LiveInteract.Testing;

/// <summary>
/// The LiveInteract server's own build as a child process (<c>dotnet LiveInteract.Server.dll</c>) on a free loopback
/// port, with a temp data folder; returns once <c>/healthz</c> answers. <see cref="Kill"/> is SIGKILL (state in memory
/// lost), <see cref="Stop"/> SIGTERM (graceful). Disposal kills it and removes the data folder.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private bool _disposed;

    private ServerProcess(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public int ProcessId => _process.Id;
    public bool Exited => _disposed || _process.HasExited;
    /// <summary>Everything the process wrote (stdout and stderr), for failure messages.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>
    /// Starts the server with <paramref name="settings"/> as environment variables (<c>Section__Key</c>) over the
    /// defaults: free silo and gateway ports, a temp data folder, warnings-only logging.
    /// </summary>
    public static async Task<ServerProcess> Start(IReadOnlyDictionary<string, string>? settings = null, int? httpPort = null)
    {
        var http = httpPort ?? Ports.Free();
        var data = Path.Combine(Path.GetTempPath(), $"li-process-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Artifacts.ServerDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{http}");
        var env = start.Environment;
        env["LiveInteract__DataDirectory"] = data;
        env["LiveInteract__SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        env["LiveInteract__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) env[key] = value;
        start.WorkingDirectory = Path.GetDirectoryName(Artifacts.ServerDll)!;
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{http}/"), env["LiveInteract__DataDirectory"]!);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.Until(async () =>
            {
                if (server.Exited) throw new InvalidOperationException($"the server exited during start:\n{server.Log}");
                try
                {
                    return (await client.GetAsync(new Uri(server.BaseAddress, "healthz"))).IsSuccessStatusCode;
                }
                catch (HttpRequestException) { return false; }
                catch (TaskCanceledException) { return false; }
            }, $"the server at {server.BaseAddress} to become healthy", StartTimeout, () => server.Log);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
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
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } // exited meanwhile
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await Kill();
        _disposed = true;
        _process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
    }
}
