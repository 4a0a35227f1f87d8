using LiveInteract.Media.Filters;
using LiveInteract.Media.Stickers;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// The fused sticker draw (sample and blend in one pass) gives exactly the pixels of OpenCV's warp into a buffer followed
/// by the blend, on a real photograph, for turned, scaled, shrunk, upside-down and partly off-frame stickers, on its
/// vector and scalar paths.
/// </summary>
public sealed class WarpBlendTests
{
    public static TheoryData<string, double, double, int, int> Placements => new()
    {
        { "glasses", 0, 1.0, 200, 150 },
        { "glasses", 20, 0.73, 180, 160 },
        { "crown", -15, 1.37, 150, 60 },
        { "crown", 33, 0.55, 120, 200 },
        { "glasses", 7.5, 1.9, -60, 30 },     // off the left edge
        { "crown", -40, 1.2, 330, 330 },      // off the right and bottom edges
        { "crown", 180, 0.9, 300, 250 },      // upside down
    };

    [Theory]
    [MemberData(nameof(Placements))]
    public void The_fused_draw_gives_the_pixels_of_a_warp_then_blend(string asset, double degrees, double scale, int x, int y)
    {
        using var photo = Cv2.ImRead(TestData.Portrait);
        var level = StickerLibrary.Get(asset).LevelFor((int)(200 * scale));
        using var padded = WarpBlend.Pad(level);
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        var k = 200.0 * scale / level.Width;
        double[] map = [cos * k, -sin * k, x + 0.37, sin * k, cos * k, y - 0.61];

        // The old way: warp into the visible part of the placed sticker's bounds, then blend it there.
        var bounds = StickerPlacement.Bounds(new Size(level.Width, level.Height), map) & new Rect(0, 0, photo.Width, photo.Height);
        Assert.True(bounds.Width > 20 && bounds.Height > 20);
        double[] local = [map[0], map[1], map[2] - bounds.X, map[3], map[4], map[5] - bounds.Y];
        using var expected = photo.Clone();
        using (var m = new Mat(2, 3, MatType.CV_64FC1))
        using (var warped = new Mat())
        {
            for (var i = 0; i < 6; i++)
            {
                m.Set(i / 3, i % 3, local[i]);
            }

            Cv2.WarpAffine(level, warped, m, bounds.Size, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
            PixelBlend.Over(expected, warped, bounds.Location, vectorised: false);
        }

        foreach (var vectorised in new[] { false, true })
        {
            using var fused = photo.Clone();
            WarpBlend.Over(fused, padded, local, bounds, vectorised);
            Assert.True(PixelMath.ChangedPixels(photo, fused, bounds) > 500, "the sticker was drawn");
            Assert.Equal(0, PixelMath.ChangedPixels(photo, fused, new Rect(0, 0, photo.Width, photo.Height)) - PixelMath.ChangedPixels(photo, fused, bounds));
            Assert.Equal(0, PixelMath.ChangedPixels(expected, fused, bounds));
        }
    }
}
