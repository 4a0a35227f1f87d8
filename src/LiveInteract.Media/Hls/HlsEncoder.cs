using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using OpenCvSharp;

namespace LiveInteract.Media.Hls;

/// <summary>
/// Feeds processed frames to an ffmpeg child process that writes a live H.264 HLS stream.
/// <para>
/// <see cref="TryWriteFrame"/> never blocks: it copies the frame into a single pending slot (replacing, and
/// counting as dropped, a frame ffmpeg has not taken yet) and returns. A background writer owns ffmpeg: it
/// starts it on the first frame, writes with a timeout, and on any failure (ffmpeg missing, exited, broken
/// pipe, stalled) logs it, reports it in <see cref="Stats"/>, and tries again after a delay. Nothing here
/// throws into the caller.
/// </para>
/// </summary>
public sealed class HlsEncoder : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ExitAfterBrokenPipe = TimeSpan.FromMilliseconds(500);

    // ffmpeg's exit code when SIGINT or SIGTERM stopped it. At shutdown the terminal or the service manager signals
    // the server's whole process group, ffmpeg included, so ffmpeg often stops before the server stops it itself (by
    // closing its stdin, see DisposeAsync): the normal stop, not a fault. Any other exit is one.
    private const int StoppedBySignal = 255;

    private readonly HlsOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _frameReady = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _fitGate = new();
    private readonly Mat _fitted = new();
    private readonly Task _writer;

    private byte[]? _pending;
    private bool _pendingFull;
    private byte[]? _writing;
    private int _width;
    private int _height;

    private FfmpegProcess? _ffmpeg;
    private bool _ffmpegTookAFrame;
    private HlsStatus _status = HlsStatus.NotStarted;
    private string? _lastError;
    private long _framesWritten;
    private long _framesDropped;
    private int _starts;
    private long _restartNotBefore;
    private int _disposed;

    /// <summary>Creates the encoder; ffmpeg starts with the first frame.</summary>
    public HlsEncoder(HlsOptions options, ILogger? logger = null)
    {
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _width = options.Width & ~1;
        _height = options.Height & ~1;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Current health, safe to call from any thread.</summary>
    public HlsStats Stats
    {
        get
        {
            lock (_gate)
            {
                return new HlsStats(
                    _status, _framesWritten, _framesDropped, _starts, _width, _height, _options.PlaylistPath, _lastError);
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="bgr"/> (8-bit BGR, any size: it is letterboxed to the stream size) for encoding.
    /// Returns false when the frame was not queued (stopped, or waiting out a restart delay after a failure).
    /// </summary>
    public bool TryWriteFrame(Mat bgr)
    {
        if (Volatile.Read(ref _disposed) != 0 || bgr.Empty())
        {
            return false;
        }

        lock (_gate)
        {
            if (_status == HlsStatus.Failed && Environment.TickCount64 < _restartNotBefore)
            {
                _framesDropped++;
                return false;
            }

            if (_width == 0)
            {
                // x264 with 4:2:0 chroma needs even sides.
                _width = Math.Max(2, bgr.Width & ~1);
                _height = Math.Max(2, bgr.Height & ~1);
            }
        }

        lock (_fitGate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return false;
            }

            Letterbox.Fit(bgr, _fitted, new Size(_width, _height));
            var bytes = _width * _height * 3;
            lock (_gate)
            {
                if (_pendingFull)
                {
                    _framesDropped++;
                }

                _pending ??= new byte[bytes];
                Marshal.Copy(_fitted.Data, _pending, 0, bytes);
                if (!_pendingFull)
                {
                    _pendingFull = true;
                    _frameReady.Release();
                }
            }
        }

        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _writer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        var ffmpeg = _ffmpeg;
        _ffmpeg = null;
        if (ffmpeg is not null)
        {
            await ffmpeg.StopAsync(StopGrace).ConfigureAwait(false);
            ffmpeg.Dispose();
        }

        lock (_gate)
        {
            _status = HlsStatus.Stopped;
        }

        lock (_fitGate)
        {
            _fitted.Dispose();
        }

        _frameReady.Dispose();
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _frameReady.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_gate)
            {
                (_pending, _writing) = (_writing, _pending);
                _pendingFull = false;
            }

            if (_writing is null)
            {
                continue;
            }

            if (_ffmpeg is { HasExited: true } exited)
            {
                Abandon(exited);
            }

            var ffmpeg = _ffmpeg ?? TryStart();
            if (ffmpeg is null)
            {
                CountDrop();
                continue;
            }

            await WriteAsync(ffmpeg, _writing, token).ConfigureAwait(false);
        }
    }

    private FfmpegProcess? TryStart()
    {
        lock (_gate)
        {
            if (_status == HlsStatus.Failed && Environment.TickCount64 < _restartNotBefore)
            {
                return null;
            }
        }

        try
        {
            PrepareDirectory();
            var arguments = FfmpegArguments.For(_options, _width, _height);
            var ffmpeg = FfmpegProcess.Start(_options.FfmpegPath, arguments, OnExited);
            _ffmpeg = ffmpeg;
            _ffmpegTookAFrame = false;
            lock (_gate)
            {
                _status = HlsStatus.Running;
                _starts++;
            }

            _logger.LogInformation(
                "HLS: started ffmpeg for {Width}x{Height}@{Fps} into {Directory}", _width, _height, _options.Fps, _options.OutputDirectory);
            return ffmpeg;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Fail($"cannot start ffmpeg '{_options.FfmpegPath}': {ex.Message}", ex);
            return null;
        }
    }

    private async Task WriteAsync(FfmpegProcess ffmpeg, byte[] frame, CancellationToken token)
    {
        try
        {
            var timeoutMs = _ffmpegTookAFrame ? _options.WriteTimeoutMs : Math.Max(_options.WriteTimeoutMs, _options.StartTimeoutMs);
            var write = ffmpeg.Input.WriteAsync(frame, token).AsTask();
            var finished = await Task.WhenAny(write, Task.Delay(timeoutMs, token)).ConfigureAwait(false);
            if (finished != write)
            {
                token.ThrowIfCancellationRequested();
                Fail($"ffmpeg did not take a frame within {timeoutMs} ms; restarting it", null);
                Abandon(ffmpeg);
                CountDrop();
                await IgnoreFailure(write).ConfigureAwait(false);
                return;
            }

            await write.ConfigureAwait(false);
            await ffmpeg.Input.FlushAsync(token).ConfigureAwait(false);
            _ffmpegTookAFrame = true;
            lock (_gate)
            {
                _framesWritten++;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            CountDrop();
        }
        catch (IOException ex)
        {
            // The pipe broke because ffmpeg is going: its exit code says whether it was stopped or failed.
            var exit = await ffmpeg.ExitCodeWithin(ExitAfterBrokenPipe).ConfigureAwait(false);
            var detail = ffmpeg.LastStderrLine;
            if (exit == StoppedBySignal)
            {
                Fail($"ffmpeg was stopped by a signal (exit code {StoppedBySignal}); its stdin closed", null, LogLevel.Information);
            }
            else
            {
                Fail(
                    $"ffmpeg stdin broke ({ex.Message})" + (exit is null ? string.Empty : $"; exit code {exit}") + (detail is null ? string.Empty : $": {detail}"),
                    ex);
            }

            Abandon(ffmpeg);
            CountDrop();
        }
        catch (ObjectDisposedException ex)
        {
            Fail("ffmpeg stdin was closed", ex);
            Abandon(ffmpeg);
            CountDrop();
        }
    }

    private static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The process was killed under this write; its failure is already reported.
        }
    }

    private void OnExited(FfmpegProcess ffmpeg)
    {
        // Exits of a process already abandoned (killed after a stall) or stopped on purpose are not news.
        if (Volatile.Read(ref _disposed) != 0 || !ReferenceEquals(_ffmpeg, ffmpeg))
        {
            return;
        }

        var exit = ffmpeg.ExitCode;
        if (exit == StoppedBySignal)
        {
            Fail($"ffmpeg was stopped by a signal (exit code {StoppedBySignal})", null, LogLevel.Information);
            return;
        }

        var detail = ffmpeg.LastStderrLine;
        Fail($"ffmpeg exited with code {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}" + (detail is null ? string.Empty : $": {detail}"), null);
    }

    private void Abandon(FfmpegProcess ffmpeg)
    {
        if (ReferenceEquals(_ffmpeg, ffmpeg))
        {
            _ffmpeg = null;
        }

        ffmpeg.Dispose();
    }

    /// <summary>Records the failure (restart after the delay) and logs it: at Warning unless it is an expected stop.</summary>
    private void Fail(string message, Exception? ex, LogLevel level = LogLevel.Warning)
    {
        lock (_gate)
        {
            if (_status == HlsStatus.Stopped)
            {
                return;
            }

            _status = HlsStatus.Failed;
            _lastError = message;
            _restartNotBefore = Environment.TickCount64 + _options.RestartDelayMs;
        }

        _logger.Log(level, ex, "HLS: {Message}", message);
    }

    private void CountDrop()
    {
        lock (_gate)
        {
            _framesDropped++;
        }
    }

    private void PrepareDirectory()
    {
        Directory.CreateDirectory(_options.OutputDirectory);
        if (_starts > 0)
        {
            return;
        }

        // Leftovers from an earlier stream of this room would be served as if they were live.
        foreach (var file in Directory.EnumerateFiles(_options.OutputDirectory))
        {
            var extension = Path.GetExtension(file);
            if (extension is ".ts" or ".m3u8" or ".tmp")
            {
                File.Delete(file);
            }
        }
    }
}
