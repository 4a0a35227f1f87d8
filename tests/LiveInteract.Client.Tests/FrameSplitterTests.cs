using System.Diagnostics;
using LiveInteract.Cli.Video;

namespace LiveInteract.Client.Tests;

/// <summary>
/// The CLI's frame source on a real video (opencv-doc's vtest.avi): ffmpeg's MJPEG output split into JPEGs
/// that a real decoder (ffprobe) accepts, one per video frame. The ingest endpoint is not on this branch,
/// so <c>host</c> itself is tested only for its failure report (CliTests).
/// </summary>
public sealed class FrameSplitterTests
{
    public const string VideoPath = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

    [Fact]
    public async Task Every_frame_of_a_real_video_comes_out_as_one_valid_jpeg()
    {
        var frames = new List<byte[]>();
        await foreach (var frame in new FfmpegFrameSource(VideoPath).ReadFramesAsync()) frames.Add(frame);

        var probe = await Run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", VideoPath);
        Assert.Equal(int.Parse(probe.Trim()), frames.Count); // 795: none lost, none split or merged
        Assert.All(frames, f =>
        {
            Assert.Equal([0xFF, 0xD8], f[..2]);
            Assert.Equal([0xFF, 0xD9], f[^2..]);
        });
        foreach (var index in new[] { 0, frames.Count / 2, frames.Count - 1 })
        {
            var path = Path.Combine(Path.GetTempPath(), $"li-frame-{Guid.NewGuid():N}.jpg");
            await File.WriteAllBytesAsync(path, frames[index]);
            try
            {
                var decoded = await Run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", path);
                Assert.Equal("mjpeg,768,576", decoded.Trim());
            }
            finally { File.Delete(path); }
        }
        Assert.NotEqual(frames[0], frames[frames.Count / 2]); // the people in the video move
    }

    [Fact]
    public async Task The_fps_option_resamples_the_video()
    {
        var source = new FfmpegFrameSource(VideoPath) { Fps = 2 };
        var count = 0;
        await foreach (var _ in source.ReadFramesAsync()) count++;
        // 795 frames at 10 fps = 79.5 s; at 2 fps that is about 159 frames.
        Assert.InRange(count, 155, 162);
    }

    [Fact]
    public async Task Frames_split_across_reads_at_any_byte_come_out_whole()
    {
        var frames = new List<byte[]>();
        await foreach (var frame in new FfmpegFrameSource(VideoPath) { Fps = 1 }.ReadFramesAsync()) frames.Add(frame);
        var joined = frames.Take(5).SelectMany(f => f).ToArray();
        // Garbage before the first frame (a pipe joined mid-stream) is skipped.
        var stream = new TricklingStream([0x00, 0xFF, 0x12, .. joined], seed: 7);

        var split = new List<byte[]>();
        await foreach (var frame in JpegFrameSplitter.ReadFramesAsync(stream)) split.Add(frame);

        Assert.Equal(frames.Take(5), split);
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_frame_is_an_error_not_a_broken_frame()
    {
        byte[] truncated = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A];
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in JpegFrameSplitter.ReadFramesAsync(new MemoryStream(truncated))) { }
        });
        Assert.Contains("ended inside a JPEG", error.Message);
    }

    [Fact]
    public async Task A_missing_video_file_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(async () =>
        {
            await foreach (var _ in new FfmpegFrameSource("/no/such/video.avi").ReadFramesAsync()) { }
        });
        Assert.Contains("/no/such/video.avi", error.Message);
    }

    private static async Task<string> Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }

    /// <summary>Returns 1 to 13 bytes per read, so JPEG markers land on every possible read boundary.</summary>
    private sealed class TricklingStream(byte[] data, int seed) : MemoryStream(data)
    {
        private readonly Random _random = new(seed);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, _random.Next(1, 14))], cancellationToken);
    }
}
