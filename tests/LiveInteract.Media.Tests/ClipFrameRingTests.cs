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
