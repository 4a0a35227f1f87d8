using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LiveInteract.Cluster.Tests.Operator;

/// <summary>
/// A shell script started the way a user starts it in a terminal, in its own process group (<c>setsid</c>), so that
/// <see cref="Interrupt"/> is what Ctrl-C does: SIGINT to the whole group (the script, <c>dotnet run</c>, the server,
/// its ffmpeg children).
/// </summary>
public sealed class ScriptProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ScriptProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Log { get { lock (_log) return _log.ToString(); } }
    public bool Exited => _process.HasExited;

    public static ScriptProcess Start(string workingDirectory, string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return new ScriptProcess(Process.Start(start)!);
    }

    /// <summary>Ctrl-C: SIGINT to the process group; SIGKILL to the group if it has not exited within <paramref name="grace"/>.</summary>
    public async Task Interrupt(TimeSpan grace)
    {
        if (_process.HasExited) return;
        await SignalGroup("INT");
        try { await _process.WaitForExitAsync().WaitAsync(grace); }
        catch (TimeoutException) { await SignalGroup("KILL"); await _process.WaitForExitAsync(); }
    }

    private async Task SignalGroup(string signal)
    {
        // setsid started from a non-leader execs in place, so the script's pid is its process group id.
        using var kill = Process.Start("kill", ["-" + signal, "--", "-" + _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>
    /// Waits up to <paramref name="grace"/> for every process of the group to be gone (the server and its ffmpeg
    /// children finish their shutdown after the script itself returned). Returns the ones still alive, empty when none:
    /// a leftover server or ffmpeg would keep ports and files.
    /// </summary>
    public async Task<string> LeftoverAfter(TimeSpan grace)
    {
        var alive = "";
        try { await Eventually.Until(async () => (alive = await GroupMembers()).Length == 0, "the script's processes to exit", grace); }
        catch (TimeoutException) { }
        return alive;
    }

    private async Task<string> GroupMembers()
    {
        using var ps = Process.Start(new ProcessStartInfo("pgrep", ["-a", "-g", _process.Id.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true })!;
        var output = (await ps.StandardOutput.ReadToEndAsync()).Trim();
        await ps.WaitForExitAsync();
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        await Interrupt(TimeSpan.FromSeconds(20));
        _process.Dispose();
    }
}
