using LiveInteract.Media.Faces;
using LiveInteract.Media.Filters;
using OpenCvSharp;
using static LiveInteract.Media.Tests.PortraitFixture;

namespace LiveInteract.Media.Tests;

/// <summary>Stickers and face regions follow the keypoints: placed on the eyes, turned with the head, one per face.</summary>
public sealed class StickerGeometryTests
{
    [Fact]
    public void Glasses_on_a_photograph_turned_20_degrees_are_turned_about_20_degrees()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var turned = TestData.Rotated(photo, 20);

        var upright = DrawnAngle(photo, out _);
        var tilted = DrawnAngle(turned, out var face);

        // Measured from the drawn sticker's pixels, not from the tracker: the glasses' bar turned with the photo
        // (counter-clockwise on screen is negative in image coordinates).
        Assert.InRange(upright, -4, 4);
        Assert.InRange(tilted - upright, -25, -15);
        Assert.InRange(face.RollDegrees, -26, -14);
    }

    [Fact]
    public void Glasses_sit_on_the_eyes_and_scale_with_the_eye_distance()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var tracker = TestData.StillTracker();
        var face = Assert.Single(tracker.Update(photo));
        using var result = photo.Clone();
        FilterChain.Parse([Spec("sticker", ("asset", "glasses"))]).Apply(result, [face]);

        using var mask = PixelMath.ChangedMask(photo, result);
        var m = Cv2.Moments(mask, binaryImage: true);
        var centre = new Point2f((float)(m.M10 / m.M00), (float)(m.M01 / m.M00));
        var eyes = TestData.PortraitEyes;
        var eyeMid = new Point2f((eyes.Right.X + eyes.Left.X) / 2, (eyes.Right.Y + eyes.Left.Y) / 2);
        var eyeDistance = TestData.Distance(eyes.Right, eyes.Left);
        Assert.True(TestData.Distance(centre, eyeMid) < 0.2 * eyeDistance, $"glasses centred at {centre}, eyes at {eyeMid}");

        var width = Cv2.BoundingRect(mask).Width;
        Assert.InRange(width / eyeDistance, 1.8, 2.4);
    }

    [Fact]
    public void Two_faces_get_two_stickers()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var pair = new Mat();
        Cv2.HConcat([photo, photo], pair);
        using var tracker = TestData.StillTracker();
        var faces = tracker.Update(pair);
        Assert.Equal(2, faces.Count);

        using var result = pair.Clone();
        FilterChain.Parse([Spec("sticker", ("asset", "glasses"))]).Apply(result, faces);

        // One pair of glasses on each half, on that half's eyes.
        using var mask = PixelMath.ChangedMask(pair, result);
        foreach (var offset in new[] { 0, photo.Width })
        {
            var eyes = new Rect(offset + 140, 140, 140, 60);
            Assert.True(PixelMath.ChangedPixels(pair, result, eyes) > eyes.Width * eyes.Height / 3, $"no glasses on the face at x={offset}");
        }

        Cv2.FindContours(mask, out var blobs, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        Assert.Equal(2, blobs.Count(b => Cv2.ContourArea(b) > 500));
    }

    [Fact]
    public void A_crown_sits_above_the_head_of_a_turned_face_along_its_own_axis()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var turned = TestData.Rotated(photo, 20);
        using var tracker = TestData.StillTracker();
        var face = Assert.Single(tracker.Update(turned));
        using var result = turned.Clone();
        FilterChain.Parse([Spec("sticker", ("asset", "crown"))]).Apply(result, [face]);

        using var mask = PixelMath.ChangedMask(turned, result);
        var m = Cv2.Moments(mask, binaryImage: true);
        var crown = new Point2f((float)(m.M10 / m.M00), (float)(m.M01 / m.M00));
        var eyes = face.Keypoints!.Value.EyeCentre;

        // The head is turned counter-clockwise, so "up the face" points up and to the left of the screen.
        Assert.True(crown.Y < eyes.Y - 40, $"crown at {crown}, eyes at {eyes}");
        Assert.True(crown.X < eyes.X - 10, $"crown at {crown} should lean left of the eyes at {eyes}");
    }

    [Fact]
    public void The_blur_region_turns_with_the_head_and_has_a_soft_edge()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var turned = TestData.Rotated(photo, 30);
        using var tracker = TestData.StillTracker();
        var face = Assert.Single(tracker.Update(turned));
        using var result = turned.Clone();
        FilterChain.Parse([Spec("blur", ("padding", "0.15"))]).Apply(result, [face]);

        // The turned region's bounding box has corners the turned region does not cover: they stay untouched.
        var region = face.Region(0.15);
        var bounds = FaceRegion.Bounds(region, turned.Size());
        var corner = new Rect(bounds.X, bounds.Y, bounds.Width / 8, bounds.Height / 8);
        Assert.Equal(0, PixelMath.ChangedPixels(turned, result, corner));
        Assert.True(PixelMath.Sharpness(result, face.Box) < PixelMath.Sharpness(turned, face.Box) * 0.15);

        // Across the edge the mask fades over several pixels instead of stepping from 255 to 0.
        using var mask = new Mat();
        FaceRegion.SoftMask(mask, bounds, region, 0.12);
        var row = mask.Height / 2;
        var partial = Enumerable.Range(0, mask.Width).Count(x => mask.At<byte>(row, x) is > 10 and < 245);
        Assert.True(partial >= 6, $"only {partial} partly blended pixels across the row");
        Assert.Equal(255, mask.At<byte>(row, mask.Width / 2));
    }

    private static double DrawnAngle(Mat photo, out TrackedFace face)
    {
        using var tracker = TestData.StillTracker();
        face = Assert.Single(tracker.Update(photo));
        using var result = photo.Clone();
        FilterChain.Parse([Spec("sticker", ("asset", "glasses"))]).Apply(result, [face]);
        using var mask = PixelMath.ChangedMask(photo, result);
        return PixelMath.LongAxisDegrees(mask);
    }
}
