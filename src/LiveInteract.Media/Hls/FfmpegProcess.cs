using System.Diagnostics;

namespace LiveInteract.Media.Hls;

/// <summary>
/// One running ffmpeg: its stdin for frames and the tail of its stderr for error reports. stderr is drained
/// continuously, because a child that fills its stderr pipe blocks and would stall the whole stream.
/// </summary>
internal sealed class FfmpegProcess : IDisposable
{
    private const int StderrLinesKept = 8;

    private readonly Process _process;
    private readonly Queue<string> _stderr = new();
    private readonly Lock _gate = new();

    private FfmpegProcess(Process process)
    {
        _process = process;
    }

    /// <summary>ffmpeg's stdin; available once started.</summary>
    public Stream Input { get; private set; } = Stream.Null;

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Starts ffmpeg; throws (e.g. <see cref="System.ComponentModel.Win32Exception"/>) when it cannot be run.</summary>
    public static FfmpegProcess Start(string path, IReadOnlyList<string> arguments, Action<FfmpegProcess> onExit)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var wrapper = new FfmpegProcess(process);
        process.ErrorDataReceived += (_, e) => wrapper.Remember(e.Data);
        // ffmpeg writes its output to files; stdout is redirected and drained only so that nothing it might print
        // there can fill a pipe and block it.
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => onExit(wrapper);
        process.Start();
        wrapper.Input = process.StandardInput.BaseStream;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return wrapper;
    }

    public int? ExitCode
    {
        get
        {
            try
            {
                return _process.HasExited ? _process.ExitCode : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>The exit code once ffmpeg has exited, waiting up to <paramref name="wait"/> for it; null if it still runs.</summary>
    public async Task<int?> ExitCodeWithin(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Still running (or already disposed): ExitCode says what is known.
        }

        return ExitCode;
    }

    public string? LastStderrLine
    {
        get
        {
            lock (_gate)
            {
                return _stderr.Count == 0 ? null : _stderr.Last();
            }
        }
    }

    /// <summary>Closes stdin so ffmpeg finishes the last segment and exits; kills it if it takes too long.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            Input.Dispose();
        }
        catch (IOException)
        {
            // Broken pipe: ffmpeg is already gone.
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited between the check and the signal.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_gate)
        {
            _stderr.Enqueue(line.Trim());
            while (_stderr.Count > StderrLinesKept)
            {
                _stderr.Dequeue();
            }
        }
    }
}
