using System.Runtime.CompilerServices;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// A destination moves toward a source by a mask byte / 255 * the strength, and with an edge threshold above 0 the weight
/// fades to zero as the two pixels differ by up to that much: small differences (skin texture) are blended, large ones
/// (the edges of eyes and lips) are kept. Immutable once built (a filter keeps one), and per row, so a whole region
/// (<see cref="Apply"/>: blur, pixelate) and rows a filter computes one at a time (<see cref="BeautyFilter"/>) share the
/// same arithmetic and vector path. OpenCV has no single call for it, and composing one from Split/Multiply/Add
/// allocates several full-size temporaries per frame.
/// </summary>
internal sealed class MaskedBlend
{
    private readonly int _k;
    private readonly bool _useEdge;
    private readonly byte[] _edgeFactor = new byte[256];
    private readonly MaskedBlendVector _vector;
    private readonly bool _useVector;

    /// <param name="strength">How far a full mask moves the destination toward the source (0-1).</param>
    /// <param name="edgeThreshold">The difference at which a pixel is left alone; 0 blends every difference.</param>
    /// <param name="vectorised">False keeps to the scalar loop (tests compare both paths).</param>
    public MaskedBlend(double strength, int edgeThreshold, bool vectorised = true)
    {
        // Fixed point throughout (weights in 0..256, shifts instead of divisions): this runs per pixel of every face.
        // A 0..255 mask becomes a 0..256 weight, so a full mask copies src exactly (a mosaic block stays one colour).
        _k = (int)Math.Round(Math.Clamp(strength, 0, 1) * 256);
        _useEdge = edgeThreshold > 0;
        for (var diff = 0; diff < 256; diff++)
        {
            // Out of 256, capped at 255 so it fits a byte for the vector path's table: only a difference of 0 would
            // reach 256, and then source and destination are equal and any weight gives the same pixel.
            _edgeFactor[diff] = _useEdge ? (byte)Math.Clamp((edgeThreshold - diff) * 256 / edgeThreshold, 0, 255) : (byte)255;
        }

        _useVector = vectorised && MaskedBlendVector.Supported(edgeThreshold);
        _vector = _useVector ? new MaskedBlendVector(_k, _useEdge ? _edgeFactor.AsSpan(0, 64) : default) : default;
    }

    /// <summary>
    /// Blends all of <paramref name="dst"/> (which may be a region of a larger frame) toward <paramref name="src"/>
    /// through <paramref name="mask"/>, all three the same size.
    /// </summary>
    public unsafe void Apply(Mat dst, Mat src, Mat mask)
    {
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
                Row((byte*)dst.Ptr(row).ToPointer(), (byte*)src.Ptr(row).ToPointer(), m, col, maskRow.LastIndexOfAnyExcept((byte)0) + 1, width);
            }
        }
    }

    /// <summary>
    /// Blends the BGR pixels <paramref name="col"/> to <paramref name="end"/> of one row: <paramref name="d"/>,
    /// <paramref name="s"/> and <paramref name="m"/> point at the row's first pixel, and reads stay within
    /// <paramref name="width"/> pixels of it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Row(byte* d, byte* s, byte* m, int col, int end, int width)
    {
        if (_useVector)
        {
            col = _vector.Row(d, s, m, col, end, width);
        }

        for (d += col * 3, s += col * 3; col < end; col++, d += 3, s += 3)
        {
            var w = ((m[col] + (m[col] >> 7)) * _k) >> 8;
            if (w == 0)
            {
                continue;
            }

            if (_useEdge)
            {
                var diff = Math.Max(Math.Abs(s[0] - d[0]), Math.Max(Math.Abs(s[1] - d[1]), Math.Abs(s[2] - d[2])));
                w = (w * _edgeFactor[diff]) >> 8;
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
