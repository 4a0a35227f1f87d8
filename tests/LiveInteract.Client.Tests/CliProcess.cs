using System.Diagnostics;
using System.Text;

namespace LiveInteract.Client.Tests;

/// <summary>The real <c>liveinteract</c> CLI as a child process (<c>dotnet liveinteract.dll …</c>), built by the project reference.</summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly Task _stdout;
    private readonly Task _stderr;

    private CliProcess(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("LIVEINTERACT_TOKEN");
        _process = Process.Start(start)!;
        _stdout = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line) lock (_lines) _lines.Add(line);
        });
        _stderr = Task.Run(async () => { var all = await _process.StandardError.ReadToEndAsync(); lock (_errors) _errors.Append(all); });
    }

    /// <summary>The CLI's own build output, next to this test project's (same configuration).</summary>
    public static string DllPath { get; } = FindDll();

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public string Errors
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Runs to the end; returns the exit code (the process is killed after <paramref name="timeoutMs"/>).</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines, string Errors)> RunAsync(int timeoutMs, params string[] args)
    {
        await using var cli = Start(args);
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
            throw new TimeoutException($"liveinteract did not exit within {timeoutMs} ms; stdout: {string.Join('\n', Lines)}; stderr: {Errors}");
        }
        await Task.WhenAll(_stdout, _stderr);
        return _process.ExitCode;
    }

    public async Task<string> WaitForLine(Func<string, bool> match, string what, int timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var line = Lines.FirstOrDefault(match);
            if (line is not null) return line;
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"no {what} from liveinteract; stdout: {string.Join('\n', Lines)}; stderr: {Errors}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static string FindDll()
    {
        var here = AppContext.BaseDirectory; // tests/LiveInteract.Client.Tests/bin/<Configuration>/net10.0/
        var tfm = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!.Name;
        var root = tfm;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LiveInteract.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"no LiveInteract.sln above {here}");
        var dll = Path.Combine(root.FullName, "clients", "dotnet", "LiveInteract.Cli", "bin", configuration, tfm.Name, "liveinteract.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the CLI first (the test project references it)", dll);
    }
}
