using System.Runtime.CompilerServices;
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
    public static void Over(Mat bgr, Mat bgra, Point at) => Over(bgr, bgra, at, OverBlendVector.Supported);

    /// <summary><see cref="Over(Mat, Mat, Point)"/>, on the vector path only when <paramref name="vectorised"/> (tests compare both).</summary>
    public static unsafe void Over(Mat bgr, Mat bgra, Point at, bool vectorised)
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
            var col = vectorised && OverBlendVector.Supported ? OverBlendVector.Row(d, s, target.Width) : 0;
            for (d += col * 3, s += col * 4; col < target.Width; col++, d += 3, s += 4)
            {
                OverPixel(d, s[0], s[1], s[2], s[3]);
            }
        }
    }

    /// <summary>One BGRA pixel (<paramref name="b"/>, <paramref name="g"/>, <paramref name="r"/>, <paramref name="a"/>) over the BGR pixel at <paramref name="d"/>, rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void OverPixel(byte* d, int b, int g, int r, int a)
    {
        if (a == 0)
        {
            return;
        }

        if (a == 255)
        {
            (d[0], d[1], d[2]) = ((byte)b, (byte)g, (byte)r);
            return;
        }

        var inv = 255 - a;
        d[0] = (byte)(((b * a) + (d[0] * inv) + 127) / 255);
        d[1] = (byte)(((g * a) + (d[1] * inv) + 127) / 255);
        d[2] = (byte)(((r * a) + (d[2] * inv) + 127) / 255);
    }

    /// <summary>
    /// <paramref name="dst"/> moves toward <paramref name="src"/> by <paramref name="mask"/>/255 * <paramref name="strength"/>.
    /// All three have the same size; <paramref name="dst"/> may be a region of a larger frame.
    /// With <paramref name="edgeThreshold"/> above 0, the weight fades to zero as the two pixels differ by up to that
    /// much: small differences (skin texture) are blended, large ones (the edges of eyes and lips) are kept.
    /// </summary>
    public static void Masked(Mat dst, Mat src, Mat mask, double strength, int edgeThreshold = 0) =>
        Masked(dst, src, mask, strength, edgeThreshold, MaskedBlendVector.Supported(edgeThreshold));

    /// <summary><see cref="Masked(Mat, Mat, Mat, double, int)"/>, on the vector path only when <paramref name="vectorised"/> (tests compare both).</summary>
    public static unsafe void Masked(Mat dst, Mat src, Mat mask, double strength, int edgeThreshold, bool vectorised)
    {
        // Fixed point throughout (weights in 0..256, shifts instead of divisions): this runs per pixel of every face.
        // A 0..255 mask becomes a 0..256 weight, so a full mask copies src exactly (a mosaic block stays one colour).
        var k = (int)Math.Round(Math.Clamp(strength, 0, 1) * 256);
        var useEdge = edgeThreshold > 0;
        Span<byte> edgeFactor = stackalloc byte[256];
        for (var diff = 0; diff < 256; diff++)
        {
            // Out of 256, capped at 255 so it fits a byte for the vector path's table: only a difference of 0 would
            // reach 256, and then source and destination are equal and any weight gives the same pixel.
            edgeFactor[diff] = useEdge ? (byte)Math.Clamp((edgeThreshold - diff) * 256 / edgeThreshold, 0, 255) : (byte)255;
        }

        var useVector = vectorised && MaskedBlendVector.Supported(edgeThreshold);
        var vector = useVector ? new MaskedBlendVector(k, useEdge ? edgeFactor[..64] : default) : default;
        var height = dst.Height;
        var width = dst.Width;
        for (var row = 0; row < height; row++)
        {
            // Only the row's span where the mask is on: a face mask is an ellipse or a turned box, so its bounding
            // rectangle's corners and the rows above and below it are skipped by a vector scan, not pixel by pixel.
            var m = (byte*)mask.Ptr(row).ToPointer();
            var maskRow = new ReadOnlySpan<byte>(m, width);
            var col = maskRow.IndexOfAnyExcept((byte)0);
            if (col < 0)
            {
                continue;
            }

            var end = maskRow.LastIndexOfAnyExcept((byte)0) + 1;
            var d = (byte*)dst.Ptr(row).ToPointer();
            var s = (byte*)src.Ptr(row).ToPointer();
            if (useVector)
            {
                col = vector.Row(d, s, m, col, end, width);
            }

            for (d += col * 3, s += col * 3; col < end; col++, d += 3, s += 3)
            {
                var w = ((m[col] + (m[col] >> 7)) * k) >> 8;
                if (w == 0)
                {
                    continue;
                }

                if (useEdge)
                {
                    var diff = Math.Max(Math.Abs(s[0] - d[0]), Math.Max(Math.Abs(s[1] - d[1]), Math.Abs(s[2] - d[2])));
                    w = (w * edgeFactor[diff]) >> 8;
                    if (w == 0)
                    {
                        continue;
                    }
                }

                // d + (s - d) * w / 256, rounded down, written so every term stays positive (the vector path's form).
                var keep = 256 - w;
                d[0] = (byte)(((d[0] * keep) + (s[0] * w)) >> 8);
                d[1] = (byte)(((d[1] * keep) + (s[1] * w)) >> 8);
                d[2] = (byte)(((d[2] * keep) + (s[2] * w)) >> 8);
            }
        }
    }
}
