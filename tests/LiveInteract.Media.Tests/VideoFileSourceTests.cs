using System.Diagnostics;
using LiveInteract.Media.Admission;
using LiveInteract.Media.Sources;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

public sealed class VideoFileSourceTests
{
    [Fact]
    public void Yields_jpeg_frames_the_inspector_accepts_at_the_requested_size()
    {
        using var source = new VideoFileSource(TestData.Vtest, new VideoFileSourceOptions(Width: 640, Height: 480));

        var jpeg = source.ReadJpeg();

        Assert.NotNull(jpeg);
        var verdict = FrameInspector.Inspect(jpeg);
        Assert.True(verdict.Accepted);
        Assert.Equal((640, 480), (verdict.Width, verdict.Height));
        Assert.Equal(10, source.Fps, 1);
    }

    [Fact]
    public void Loops_at_the_end_of_the_file()
    {
        using var source = new VideoFileSource(TestData.Megamind, new VideoFileSourceOptions(Width: 160, Height: 120));
        using var frame = new Mat();
        using var first = new Mat();
        source.ReadFrame(first);

        // 270 frames in the clip: reading 300 passes the end and starts again.
        for (var i = 1; i < 300; i++)
        {
            Assert.True(source.ReadFrame(frame), $"frame {i}");
        }

        Assert.Equal(new Size(160, 120), frame.Size());
    }

    [Fact]
    public void Without_looping_it_ends()
    {
        using var source = new VideoFileSource(TestData.Megamind, new VideoFileSourceOptions(Width: 160, Height: 120, Loop: false));
        var count = 0;
        while (source.ReadJpeg() is not null)
        {
            count++;
        }

        Assert.InRange(count, 260, 280);
    }

    [Fact]
    public async Task Paces_frames_at_the_requested_rate()
    {
        using var source = new VideoFileSource(TestData.Vtest, new VideoFileSourceOptions(Fps: 50, Width: 320, Height: 240));
        var clock = Stopwatch.StartNew();
        var count = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await foreach (var jpeg in source.ReadFramesAsync(cts.Token))
        {
            Assert.NotEmpty(jpeg);
            if (++count == 26)
            {
                break;
            }
        }

        // 26 frames at 50 fps: the last is due 500 ms after the first.
        Assert.True(clock.ElapsedMilliseconds >= 480, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new VideoFileSource("/nope/video.avi"));

        Assert.Contains("/nope/video.avi", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_video_cannot_be_opened()
    {
        Assert.Throws<InvalidDataException>(() => new VideoFileSource("/usr/share/doc/opencv-doc/examples/data/alphabet_36.txt"));
    }

    [Fact]
    public void The_sample_video_is_found()
    {
        Assert.Equal(TestData.Megamind, VideoFileSource.FindSampleVideo());
    }
}
