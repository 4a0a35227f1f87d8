using LiveInteract.Media.Faces;
using LiveInteract.Media.Filters;
using LiveInteract.Media.Stickers;
using OpenCvSharp;
using static LiveInteract.Media.Tests.PortraitFixture;

namespace LiveInteract.Media.Tests;

/// <summary>
/// The cheaper paths of the face filters on a large face (the tall portrait's face is about 370 px, so beauty shrinks it
/// in two steps and a sticker is warped from a pre-shrunk level): the look stays what it was.
/// </summary>
public sealed class LargeFaceFilterTests
{
    [Fact]
    public void The_two_step_shrink_averages_the_same_pixels_as_one_area_resize()
    {
        using var photo = TestData.Load(TestData.TallPortrait);
        var region = new Rect(100, 200, 445, 470);
        var block = AreaShrink.BlockSide(region.Size, 128);
        Assert.Equal(3, block);
        region = AreaShrink.Trim(region, block);
        Assert.Equal(new Size(444, 468), region.Size);

        using var roi = new Mat(photo, region);
        using var twoSteps = new Mat();
        using var blocks = new Mat();
        AreaShrink.To(roi, twoSteps, new Size(128, 134), block, blocks);
        using var oneStep = new Mat();
        Cv2.Resize(roi, oneStep, new Size(128, 134), 0, 0, InterpolationFlags.Area);

        var whole = new Rect(0, 0, 128, 134);
        Assert.InRange(PixelMath.MeanAbsDiff(oneStep, twoSteps, whole), 0, 1.5);
        using var far = PixelMath.ChangedMask(oneStep, twoSteps, threshold: 12);
        Assert.True(Cv2.CountNonZero(far) < whole.Width * whole.Height / 100, $"{Cv2.CountNonZero(far)} pixels differ by more than 12");
    }

    [Fact]
    public void Beauty_smooths_a_large_face_and_leaves_the_background_untouched()
    {
        using var photo = TestData.Load(TestData.TallPortrait);
        using var tracker = TestData.StillTracker();
        var faces = tracker.Update(photo);
        var face = Assert.Single(faces).Box;
        Assert.True(AreaShrink.BlockSide(FaceRegion.Bounds(faces[0], 0.1, photo.Size()).Size, 128) > 1, "the face is large enough for the block step");

        using var result = photo.Clone();
        FilterChain.Parse([Spec("beauty", ("strength", "1"))]).Apply(result, faces);

        var cheek = new Rect(face.X + (face.Width / 4), face.Y + (face.Height / 4), face.Width / 2, face.Height / 2);
        var before = PixelMath.Sharpness(photo, cheek);
        var after = PixelMath.Sharpness(result, cheek);
        Assert.True(after < before * 0.8, $"fine detail {before:F0} -> {after:F0}");
        Assert.InRange(PixelMath.MeanAbsDiff(photo, result, cheek), 0.5, 12);
        Assert.Equal(0, PixelMath.ChangedOutside(photo, result, FaceRegion.Bounds(faces[0], 0.1, photo.Size())));
    }

    [Theory]
    [InlineData("glasses", 0)]
    [InlineData("crown", 0)]
    [InlineData("glasses", 20)]
    [InlineData("crown", 20)]
    public void A_sticker_warped_from_a_level_looks_like_one_resized_from_the_drawing(string asset, double degrees)
    {
        using var upright = TestData.Load(TestData.Portrait);
        using var photo = TestData.Rotated(upright, degrees);
        using var tracker = TestData.StillTracker();
        var faces = tracker.Update(photo);
        var face = Assert.Single(faces);

        using var result = photo.Clone();
        FilterChain.Parse([Spec("sticker", ("asset", asset))]).Apply(result, faces);

        // What the filter drew before the levels: an area resize of the full drawing, then the placement's warp.
        var sticker = StickerLibrary.Get(asset);
        var place = sticker.Placement.Place(face, new Size(sticker.Bgra.Width, sticker.Bgra.Height), 1.0)!.Value;
        Assert.True(sticker.LevelFor(place.Size.Width).Width < sticker.Bgra.Width, "drawn from a pre-shrunk level");
        using var scaled = new Mat();
        Cv2.Resize(sticker.Bgra, scaled, place.Size, 0, 0, InterpolationFlags.Area);
        using var map = new Mat(2, 3, MatType.CV_64FC1);
        for (var i = 0; i < 6; i++)
        {
            map.Set(i / 3, i % 3, place.Map[i]);
        }

        using var canvas = new Mat();
        Cv2.WarpAffine(scaled, canvas, map, photo.Size(), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        using var expected = photo.Clone();
        PixelBlend.Over(expected, canvas, new Point(0, 0));

        var bounds = StickerPlacement.Bounds(place.Size, place.Map) & new Rect(0, 0, photo.Width, photo.Height);
        Assert.InRange(PixelMath.MeanAbsDiff(expected, result, bounds), 0, 3);
        using var drawn = PixelMath.ChangedMask(photo, result, threshold: 30);
        using var drawnBefore = PixelMath.ChangedMask(photo, expected, threshold: 30);
        using var both = new Mat();
        Cv2.BitwiseAnd(drawn, drawnBefore, both);
        using var either = new Mat();
        Cv2.BitwiseOr(drawn, drawnBefore, either);
        var overlap = (double)Cv2.CountNonZero(both) / Cv2.CountNonZero(either);
        Assert.True(overlap > 0.9, $"the drawn pixels overlap {overlap:P0}");
    }
}
