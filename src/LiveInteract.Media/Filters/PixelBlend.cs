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
        Masked(dst, src, mask, strength, edgeThreshold, vectorised: true);

    /// <summary><see cref="Masked(Mat, Mat, Mat, double, int)"/>, on the vector path only when <paramref name="vectorised"/> (tests compare both).</summary>
    public static unsafe void Masked(Mat dst, Mat src, Mat mask, double strength, int edgeThreshold, bool vectorised)
    {
        var blend = new MaskedBlend(strength, edgeThreshold, vectorised);
        var height = dst.Height;
        var width = dst.Width;
        for (var row = 0; row < height; row++)
        {
            // Only the row's span where the mask is on: a face mask is an ellipse or a turned box, so its bounding
            // rectangle's corners and the rows above and below it are skipped by a vector scan, not pixel by pixel.
            var m = (byte*)mask.Ptr(row).ToPointer();
            var maskRow = new ReadOnlySpan<byte>(m, width);
            var col = maskRow.IndexOfAnyExcept((byte)0);
            if (col >= 0)
            {
                blend.Row((byte*)dst.Ptr(row).ToPointer(), (byte*)src.Ptr(row).ToPointer(), m, col, maskRow.LastIndexOfAnyExcept((byte)0) + 1, width);
            }
        }
    }
}
