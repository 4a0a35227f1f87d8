using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LiveInteract.Testing;

/// <summary>Debian's redis-server (scripts/setup.sh) on a free loopback port, no persistence, killed at the end.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = Ports.Free();
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=3000";

    /// <summary>Starts redis-server and returns once it accepts connections.</summary>
    public async Task Start()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (run scripts/setup.sh)");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        await Eventually.Succeeds(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}");
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
        }, $"redis-server to listen on port {Port}", TimeSpan.FromSeconds(10));
    }

    /// <summary>Stops Redis abruptly (SIGKILL); <see cref="Start"/> brings an empty one back on the same port.</summary>
    public async Task Kill()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Freezes Redis (SIGSTOP): connections stay open but nothing answers, as in a network partition. Data is kept.</summary>
    public Task Pause() => Signal("STOP");

    public Task Resume() => Signal("CONT");

    private async Task Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null && !_process.HasExited) await Resume();
        await Kill();
    }
}
