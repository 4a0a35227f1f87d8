using System.Diagnostics;
using LiveInteract.Media.Hls;
using LiveInteract.Media.Sources;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

// ffmpeg stand-ins are shell scripts; the media stack targets Linux (OpenCvSharp's linux-x64 runtime) anyway.
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HlsEncoderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "li-media-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Real_video_becomes_a_live_h264_playlist_at_the_streams_size()
    {
        // Megamind is 720x528; the stream is fixed at 640x360, so frames are letterboxed into it.
        var encoder = new HlsEncoder(new HlsOptions(_dir, Width: 640, Height: 360, Fps: 24, SegmentSeconds: 1, PlaylistSize: 4));
        using var source = new VideoFileSource(TestData.Megamind);
        using var frame = new Mat();
        var playlist = Path.Combine(_dir, HlsOptions.PlaylistFileName);
        var clock = Stopwatch.StartNew();
        var sawLivePlaylist = false;
        // At least 5 s of video at its real pace, and on until the first playlist shows up and a second of frames has
        // gone through while frames still flow (ffmpeg starts slower when other work loads both cores), within 30 s.
        for (var i = 0; i < 24 * 5 || ((!sawLivePlaylist || encoder.Stats.FramesWritten <= 24) && i < 24 * 30); i++)
        {
            source.ReadFrame(frame);
            Assert.True(encoder.TryWriteFrame(frame), encoder.Stats.ToString());
            sawLivePlaylist |= File.Exists(playlist);
            var due = TimeSpan.FromSeconds((i + 1) / 24.0) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due); // feeds the encoder at the video's real 24 fps: the scenario, not a wait for a result
            }
        }

        var running = encoder.Stats;
        await encoder.DisposeAsync();

        Assert.Equal(HlsStatus.Running, running.Status);
        Assert.True(sawLivePlaylist, "no playlist appeared while streaming");
        Assert.True(running.FramesWritten > 24, $"only {running.FramesWritten} frames written");
        Assert.Equal((640, 360), (running.Width, running.Height));
        Assert.Equal(HlsStatus.Stopped, encoder.Stats.Status);

        var text = await File.ReadAllTextAsync(playlist);
        Assert.Contains("#EXT-X-INDEPENDENT-SEGMENTS", text, StringComparison.Ordinal);
        var segments = text.Split('\n').Where(l => l.EndsWith(".ts", StringComparison.Ordinal)).ToList();
        Assert.True(segments.Count >= 2, text);
        Assert.True(segments.Count <= 4, text);

        // MPEG-TS lists the stream once per program and once on its own; every line must agree.
        var probe = Probe(Path.Combine(_dir, segments[0])).Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct();
        Assert.Equal(["h264,640,360"], probe);
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_reported_without_throwing()
    {
        await using var encoder = new HlsEncoder(new HlsOptions(_dir, FfmpegPath: "/nonexistent/ffmpeg", RestartDelayMs: 60_000));
        using var frame = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(90));

        encoder.TryWriteFrame(frame);
        var stats = await WaitForAsync(encoder, s => s.Status == HlsStatus.Failed);

        Assert.Contains("cannot start ffmpeg '/nonexistent/ffmpeg'", stats.LastError, StringComparison.Ordinal);
        Assert.Equal(0, stats.Starts);

        // While waiting out the restart delay, frames are refused cheaply.
        Assert.False(encoder.TryWriteFrame(frame));
        Assert.True(encoder.Stats.FramesDropped >= 2);
    }

    [Fact]
    public async Task An_ffmpeg_that_exits_at_once_is_reported_and_restarted_after_the_delay()
    {
        var script = Script("exit 3");
        var log = new RecordingLogger();
        await using var encoder = new HlsEncoder(new HlsOptions(_dir, FfmpegPath: script, RestartDelayMs: 200), log);
        using var frame = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(90));

        encoder.TryWriteFrame(frame);
        var failed = await WaitForAsync(encoder, s => s.Status == HlsStatus.Failed);
        Assert.Matches("exit(ed with)? code 3|stdin broke", failed.LastError);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning); // an unexpected exit is a fault

        // Frames keep coming, as from a camera; one written after the restart delay starts ffmpeg again.
        await Eventually.Until(() =>
        {
            encoder.TryWriteFrame(frame);
            return encoder.Stats.Starts >= 2;
        }, "ffmpeg to be restarted", TimeSpan.FromSeconds(10), () => encoder.Stats.ToString());
    }

    [Fact]
    public async Task An_ffmpeg_that_stops_reading_never_blocks_the_caller()
    {
        // Starts, ignores its input and hangs: the pipe fills and writes stall.
        var script = Script("sleep 30");
        await using var encoder = new HlsEncoder(new HlsOptions(_dir, FfmpegPath: script, WriteTimeoutMs: 300, RestartDelayMs: 60_000, StartTimeoutMs: 300));
        using var frame = new Mat(360, 640, MatType.CV_8UC3, Scalar.All(90));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            encoder.TryWriteFrame(frame);
        }

        Assert.True(clock.ElapsedMilliseconds < 2000, $"30 writes took {clock.ElapsedMilliseconds} ms");
        var stats = await WaitForAsync(encoder, s => s.Status == HlsStatus.Failed);
        Assert.Contains("did not take a frame within 300 ms", stats.LastError, StringComparison.Ordinal);
        Assert.True(stats.FramesDropped > 0);
    }

    [Fact]
    public async Task An_ffmpeg_stopped_by_sigterm_is_logged_as_a_stop_not_as_a_warning()
    {
        // As at shutdown: the service manager's SIGTERM reaches ffmpeg (in the server's process group) before the
        // server stops it. Real ffmpeg, started through a wrapper that tells its pid.
        Directory.CreateDirectory(_dir);
        var pidFile = Path.Combine(_dir, "ffmpeg.pid");
        var script = Script($"echo $$ > '{pidFile}'\nexec ffmpeg \"$@\"");
        var log = new RecordingLogger();
        await using var encoder = new HlsEncoder(new HlsOptions(_dir, FfmpegPath: script, RestartDelayMs: 60_000), log);
        using var frame = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(90));
        await Eventually.Until(() =>
        {
            encoder.TryWriteFrame(frame);
            return encoder.Stats.FramesWritten > 0 && File.Exists(pidFile);
        }, "ffmpeg to take frames", TimeSpan.FromSeconds(20), () => encoder.Stats.ToString());

        using (var kill = Process.Start("kill", ["-TERM", File.ReadAllText(pidFile).Trim()])!)
        {
            await kill.WaitForExitAsync();
        }

        // Frames keep coming (ffmpeg reads its input to notice the signal; the next write finds the pipe closed).
        var stopped = await Eventually.Value(() =>
        {
            encoder.TryWriteFrame(frame);
            return encoder.Stats;
        }, s => s.Status == HlsStatus.Failed, "the encoder to notice ffmpeg stopped", TimeSpan.FromSeconds(10));
        Assert.Contains("stopped by a signal (exit code 255)", stopped.LastError, StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("stopped by a signal", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static Task<HlsStats> WaitForAsync(HlsEncoder encoder, Func<HlsStats, bool> condition) =>
        Eventually.Value(() => encoder.Stats, condition, "the encoder's status", TimeSpan.FromSeconds(10));

    private string Script(string body)
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "fake-ffmpeg.sh");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static string Probe(string segment)
    {
        var info = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", segment })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    /// <summary>What the encoder logged, level and message.</summary>
    private sealed class RecordingLogger : ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
