using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// Per-pixel blends over small regions (a sticker, a face). OpenCV has no single call for "BGRA over BGR",
/// and composing one from Split/Multiply/Add allocates several full-size temporaries per frame; a pointer
/// walk over the region allocates nothing.
/// </summary>
internal static class PixelBlend
{
    /// <summary>Draws <paramref name="bgra"/> over <paramref name="bgr"/> with its top-left at <paramref name="at"/>, clipped to the frame.</summary>
    public static unsafe void Over(Mat bgr, Mat bgra, Point at)
    {
        var target = new Rect(at.X, at.Y, bgra.Width, bgra.Height) & new Rect(0, 0, bgr.Width, bgr.Height);
        if (target.Width <= 0 || target.Height <= 0)
        {
            return;
        }

        var srcX = target.X - at.X;
        var srcY = target.Y - at.Y;
        for (var row = 0; row < target.Height; row++)
        {
            var d = (byte*)bgr.Ptr(target.Y + row, target.X).ToPointer();
            var s = (byte*)bgra.Ptr(srcY + row, srcX).ToPointer();
            for (var col = 0; col < target.Width; col++, d += 3, s += 4)
            {
                int a = s[3];
                if (a == 0)
                {
                    continue;
                }

                if (a == 255)
                {
                    d[0] = s[0];
                    d[1] = s[1];
                    d[2] = s[2];
                    continue;
                }

                var inv = 255 - a;
                d[0] = (byte)(((s[0] * a) + (d[0] * inv) + 127) / 255);
                d[1] = (byte)(((s[1] * a) + (d[1] * inv) + 127) / 255);
                d[2] = (byte)(((s[2] * a) + (d[2] * inv) + 127) / 255);
            }
        }
    }

    /// <summary>
    /// <paramref name="dst"/> moves toward <paramref name="src"/> by <paramref name="mask"/>/255 * <paramref name="strength"/>.
    /// All three have the same size; <paramref name="dst"/> may be a region of a larger frame.
    /// With <paramref name="edgeThreshold"/> above 0, the weight fades to zero as the two pixels differ by up to that
    /// much: small differences (skin texture) are blended, large ones (the edges of eyes and lips) are kept.
    /// </summary>
    public static unsafe void Masked(Mat dst, Mat src, Mat mask, double strength, int edgeThreshold = 0)
    {
        // Fixed point throughout (weights in 0..256, shifts instead of divisions): this runs per pixel of every face.
        var k = (int)Math.Round(Math.Clamp(strength, 0, 1) * 256);
        Span<int> edgeFactor = stackalloc int[256];
        for (var diff = 0; diff < 256; diff++)
        {
            edgeFactor[diff] = edgeThreshold <= 0 ? 256 : Math.Max(0, (edgeThreshold - diff) * 256 / edgeThreshold);
        }

        var height = dst.Height;
        var width = dst.Width;
        for (var row = 0; row < height; row++)
        {
            var d = (byte*)dst.Ptr(row).ToPointer();
            var s = (byte*)src.Ptr(row).ToPointer();
            var m = (byte*)mask.Ptr(row).ToPointer();
            for (var col = 0; col < width; col++, d += 3, s += 3)
            {
                // 0..255 mask to 0..256 weight, so a full mask copies src exactly (a mosaic block stays one colour).
                var w = ((m[col] + (m[col] >> 7)) * k) >> 8;
                if (w == 0)
                {
                    continue;
                }

                int d0 = s[0] - d[0], d1 = s[1] - d[1], d2 = s[2] - d[2];
                var diff = Math.Max(Math.Abs(d0), Math.Max(Math.Abs(d1), Math.Abs(d2)));
                w = (w * edgeFactor[diff]) >> 8;
                if (w == 0)
                {
                    continue;
                }

                d[0] = (byte)(d[0] + ((d0 * w) >> 8));
                d[1] = (byte)(d[1] + ((d1 * w) >> 8));
                d[2] = (byte)(d[2] + ((d2 * w) >> 8));
            }
        }
    }
}
