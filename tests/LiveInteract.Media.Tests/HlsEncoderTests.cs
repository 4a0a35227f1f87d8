using System.Diagnostics;
using LiveInteract.Media.Hls;
using LiveInteract.Media.Sources;
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
        await using var encoder = new HlsEncoder(new HlsOptions(_dir, FfmpegPath: script, RestartDelayMs: 200));
        using var frame = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(90));

        encoder.TryWriteFrame(frame);
        var failed = await WaitForAsync(encoder, s => s.Status == HlsStatus.Failed);
        Assert.Matches("exit(ed with)? code 3|stdin broke", failed.LastError);

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
}
