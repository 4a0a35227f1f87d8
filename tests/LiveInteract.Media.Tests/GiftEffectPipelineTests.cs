using LiveInteract.Media.Effects;
using LiveInteract.Media.Pipeline;
using Microsoft.Extensions.Time.Testing;
using OpenCvSharp;
using static LiveInteract.Media.Tests.PortraitFixture;

namespace LiveInteract.Media.Tests;

/// <summary>A gift effect drawn by the pipeline itself, on a real photograph, on a fake clock.</summary>
public sealed class GiftEffectPipelineTests
{
    private static readonly byte[] Portrait = TestData.LoadBytes(TestData.Portrait);

    private static async Task<Mat> NextFrame(RoomPipeline pipeline, long after)
    {
        Assert.True(pipeline.Submit(Portrait).Accepted);
        var frame = await pipeline.WaitForFrameAsync(after).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(frame);
        return Cv2.ImDecode(frame.Jpeg.Span, ImreadModes.Color);
    }

    [Fact]
    public async Task A_sticker_effect_covers_the_face_for_its_seconds_then_the_frame_is_as_before()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var pipeline = new RoomPipeline("fx-1", new RoomPipelineOptions(Time: clock));
        var face = new Rect(130, 110, 150, 150); // the portrait's face (TestData.PortraitFaceCentre lies inside)

        using var before = await NextFrame(pipeline, 0);
        Assert.Equal(EffectOffer.Started, pipeline.TriggerEffect("c1", "rose", "Rose", "Ann", Spec("sticker", ("asset", "glasses")), 5));
        // The effect's first frame starts the face search (handed off); the face it finds wears the glasses from the next.
        using var searching = await NextFrame(pipeline, 1);
        using var during = await NextFrame(pipeline, 2);
        clock.Advance(TimeSpan.FromSeconds(5));
        using var after = await NextFrame(pipeline, 3);

        var changed = PixelMath.ChangedPixels(before, during, face);
        Assert.True(changed > face.Width * face.Height / 20, $"the glasses changed only {changed} face pixels");
        Assert.True(PixelMath.ChangedPixels(before, after, face) < changed / 20, "the effect is over after its seconds");
        Assert.Null(pipeline.Effects.Current());
    }

    [Fact]
    public async Task An_overlay_effect_naming_the_sender_is_drawn_without_face_tracking()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var pipeline = new RoomPipeline("fx-2", new RoomPipelineOptions(Time: clock));
        using var before = await NextFrame(pipeline, 0);
        pipeline.TriggerEffect("c1", "rose", "Rose", "Ann", GiftEffectFilter.Validate(Spec("overlay", ("position", "bottom"))), 3);
        using var during = await NextFrame(pipeline, 1);

        var bottom = new Rect(0, before.Height * 3 / 4, before.Width, before.Height / 4);
        var top = new Rect(0, 0, before.Width, before.Height / 4);
        Assert.True(PixelMath.ChangedPixels(before, during, bottom) > 2000);
        Assert.True(PixelMath.ChangedPixels(before, during, top) < 200);
    }
}
