using LiveInteract.Media.Filters;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// The masked blend the face filters share, on a real photograph: the vector path (AVX-512 VBMI where the CPU has it),
/// the scalar path and the blend as first written (per pixel, signed arithmetic, edge factor out of 256) give the same
/// bytes, with and without the beauty filter's edge threshold.
/// </summary>
public sealed class PixelBlendTests
{
    [Theory]
    [InlineData(0.6, 31)]
    [InlineData(1.0, 40)]
    [InlineData(0.25, 18)]
    [InlineData(1.0, 0)]
    [InlineData(0.5, 0)]
    public void Vector_scalar_and_the_first_blend_agree_byte_for_byte(double strength, int edgeThreshold)
    {
        using var photo = TestData.Load(TestData.TallPortrait);
        var region = new Rect(181, 171, 333, 389);
        using var roi = new Mat(photo, region);
        using var soft = new Mat();
        Cv2.GaussianBlur(roi, soft, new Size(0, 0), 3);
        using var mask = new Mat(region.Size, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Ellipse(mask, new Point(166, 194), new Size(130, 160), 15, 0, 360, Scalar.All(255), -1);
        Cv2.GaussianBlur(mask, mask, new Size(0, 0), 12);

        using var vector = photo.Clone();
        using (var target = new Mat(vector, region))
        {
            new MaskedBlend(strength, edgeThreshold, vectorised: true).Apply(target, soft, mask);
        }

        using var scalar = photo.Clone();
        using (var target = new Mat(scalar, region))
        {
            new MaskedBlend(strength, edgeThreshold, vectorised: false).Apply(target, soft, mask);
        }

        using var first = photo.Clone();
        using (var target = new Mat(first, region))
        {
            FirstBlend(target, soft, mask, strength, edgeThreshold);
        }

        var whole = new Rect(0, 0, photo.Width, photo.Height);
        Assert.True(PixelMath.ChangedPixels(photo, first, whole) > region.Width * region.Height / 4, "the blend changed the face");
        Assert.Equal(0, PixelMath.ChangedPixels(first, scalar, whole));
        Assert.Equal(0, PixelMath.ChangedPixels(first, vector, whole));
    }

    [Theory]
    [InlineData("glasses", 40, 60)]
    [InlineData("crown", -50, 30)]
    [InlineData("ears", 300, -20)]
    public void A_sticker_over_a_photograph_is_the_same_on_both_paths(string asset, int x, int y)
    {
        // Lens tint (alpha 190), highlights (150), opaque frames and clear corners; the last two cases hang over the
        // photograph's edges, so the drawing is clipped on the left and on the right.
        using var photo = TestData.Load(TestData.Portrait);
        var sticker = Stickers.StickerLibrary.Get(asset).Bgra;

        using var vector = photo.Clone();
        PixelBlend.Over(vector, sticker, new Point(x, y), vectorised: true);
        using var scalar = photo.Clone();
        PixelBlend.Over(scalar, sticker, new Point(x, y), vectorised: false);

        var whole = new Rect(0, 0, photo.Width, photo.Height);
        Assert.True(PixelMath.ChangedPixels(photo, scalar, whole) > 5000, "the sticker was drawn");
        Assert.Equal(0, PixelMath.ChangedPixels(scalar, vector, whole));
    }

    /// <summary>The blend as it was before the vector path: the reference the two paths are held to.</summary>
    private static void FirstBlend(Mat dst, Mat src, Mat mask, double strength, int edgeThreshold)
    {
        var k = (int)Math.Round(Math.Clamp(strength, 0, 1) * 256);
        var (rows, cols) = (dst.Rows, dst.Cols);
        for (var row = 0; row < rows; row++)
        {
            for (var col = 0; col < cols; col++)
            {
                var m = mask.At<byte>(row, col);
                var w = ((m + (m >> 7)) * k) >> 8;
                var d = dst.At<Vec3b>(row, col);
                var s = src.At<Vec3b>(row, col);
                int d0 = s.Item0 - d.Item0, d1 = s.Item1 - d.Item1, d2 = s.Item2 - d.Item2;
                var diff = Math.Max(Math.Abs(d0), Math.Max(Math.Abs(d1), Math.Abs(d2)));
                var edge = edgeThreshold <= 0 ? 256 : Math.Max(0, (edgeThreshold - diff) * 256 / edgeThreshold);
                w = (w * edge) >> 8;
                dst.Set(row, col, new Vec3b((byte)(d.Item0 + ((d0 * w) >> 8)), (byte)(d.Item1 + ((d1 * w) >> 8)), (byte)(d.Item2 + ((d2 * w) >> 8))));
            }
        }
    }
}
