using LiveInteract.Media.Clips;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

public sealed class ClipFrameRingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_ten_downscaled_frames_a_second_of_a_faster_stream_and_no_more_than_its_capacity()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var ring = new ClipFrameRing(new ClipOptions(Fps: 10, Width: 200, MaxSeconds: 4));

        // 25 fps for 6 s.
        var kept = 0;
        for (var i = 0; i < 150; i++)
        {
            kept += ring.Offer(photo, Start.AddMilliseconds(i * 40)) ? 1 : 0;
        }

        Assert.InRange(kept, 59, 61);
        Assert.Equal(40, ring.Count);
        var last3 = ring.Last(3);
        Assert.Equal(30, last3.Count);
        Assert.Equal(200, last3[0].Width);
        Assert.True(last3.Zip(last3.Skip(1)).All(p => p.Second.CapturedAt > p.First.CapturedAt), "oldest first");
        Assert.Equal(Start.AddMilliseconds(149 * 40), last3[^1].CapturedAt, TimeSpan.FromMilliseconds(80));
    }

    [Fact]
    public void The_last_seconds_of_a_slower_stream_are_those_seconds_not_the_last_frames_however_old()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var ring = new ClipFrameRing(new ClipOptions(Fps: 10, Width: 200, MaxSeconds: 15));

        // 6.4 fps (a busy pipeline) for 10 s, then a 2 s pause, then 1 s at 25 fps.
        var at = Start;
        for (var i = 0; i < 64; i++, at = at.AddMilliseconds(156))
        {
            Assert.True(ring.Offer(photo, at), "each frame of a stream slower than 10 fps is kept");
        }

        var last3 = ring.Last(3);
        Assert.Equal(20, last3.Count);
        Assert.True(last3[^1].CapturedAt - last3[0].CapturedAt < TimeSpan.FromSeconds(3));

        at = at.AddSeconds(2);
        for (var i = 0; i < 25; i++, at = at.AddMilliseconds(40))
        {
            ring.Offer(photo, at);
        }

        // Only the second after the pause and the frames just before it: nothing from more than 3 s back.
        var afterPause = ring.Last(3);
        Assert.InRange(afterPause.Count, 10, 12);
        Assert.True(afterPause[^1].CapturedAt - afterPause[0].CapturedAt < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void A_gif_of_kept_frames_has_one_image_per_frame_and_their_timing()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var ring = new ClipFrameRing();
        for (var i = 0; i < 40; i++)
        {
            ring.Offer(photo, Start.AddMilliseconds(i * 100));
        }

        var gif = AnimatedClipEncoder.EncodeGif(ring.Last(3));

        using var image = SixLabors.ImageSharp.Image.Load(gif);
        Assert.Equal(30, image.Frames.Count);
        Assert.Equal(320, image.Width);
        Assert.Equal(10, image.Frames[5].Metadata.GetFormatMetadata(SixLabors.ImageSharp.Formats.Gif.GifFormat.Instance).FrameDelay);
    }
}
