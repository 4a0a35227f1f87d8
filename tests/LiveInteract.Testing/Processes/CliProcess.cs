using System.Diagnostics;
using System.Text;

namespace LiveInteract.Testing;

/// <summary>
/// A real command-line tool as a child process (<c>dotnet tool.dll …</c>): the <c>liveinteract</c> CLI unless another
/// built dll is named (the load tool); the test project references the tool so it is built.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly Task _stdout;
    private readonly Task _stderr;

    private CliProcess(string dll, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        _dll = dll;
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("LIVEINTERACT_TOKEN");
        _process = Process.Start(start)!;
        _stdout = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line) lock (_lines) _lines.Add(line);
        });
        _stderr = Task.Run(async () => { var all = await _process.StandardError.ReadToEndAsync(); lock (_errors) _errors.Append(all); });
    }

    /// <summary>The CLI's own build output (same configuration as the tests).</summary>
    public static string DllPath => Artifacts.CliDll;

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public string Errors
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    public static CliProcess Start(params string[] args) => new(DllPath, args);

    /// <summary>Runs the CLI to the end; returns the exit code (the process is killed after <paramref name="timeoutMs"/>).</summary>
    public static Task<(int ExitCode, IReadOnlyList<string> Lines, string Errors)> RunAsync(int timeoutMs, params string[] args) =>
        RunDllAsync(DllPath, timeoutMs, args);

    /// <summary>Runs the tool built as <paramref name="dll"/> to the end, like <see cref="RunAsync"/>.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines, string Errors)> RunDllAsync(string dll, int timeoutMs, params string[] args)
    {
        await using var cli = new CliProcess(dll, args);
        var code = await cli.WaitForExitAsync(timeoutMs);
        return (code, cli.Lines, cli.Errors);
    }

    public async Task<int> WaitForExitAsync(int timeoutMs = 60_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Path.GetFileName(_dll)} did not exit within {timeoutMs} ms; {Output()}");
        }
        await Task.WhenAll(_stdout, _stderr);
        return _process.ExitCode;
    }

    /// <summary>Waits for a stdout line matching <paramref name="match"/>; fails at once if the CLI exits first.</summary>
    public async Task<string> WaitForLine(Func<string, bool> match, string what, int timeoutMs = 30_000)
    {
        string? line = null;
        await Eventually.Until(() =>
        {
            line = Lines.FirstOrDefault(match);
            if (line is null && _process.HasExited) throw new InvalidOperationException($"liveinteract exited before {what}; {Output()}");
            return line is not null;
        }, $"{what} from liveinteract", TimeSpan.FromMilliseconds(timeoutMs), Output);
        return line!;
    }

    private string Output() => $"stdout: {string.Join('\n', Lines)}; stderr: {Errors}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
