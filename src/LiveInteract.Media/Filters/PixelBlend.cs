using System.Runtime.CompilerServices;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// A sticker's blend, BGRA over BGR, over its small region. OpenCV has no single call for it, and composing one from
/// Split/Multiply/Add allocates several full-size temporaries per frame; a pointer walk over the region allocates
/// nothing. (The masked face blend is <see cref="MaskedBlend"/>.)
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
}
