using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// A BGRA sticker warped by an affine map and drawn over a BGR frame in one pass: each frame pixel of the target
/// rectangle samples the sticker (bilinear) and is blended at once, so no warped BGRA image is written and read back.
/// The sampling is OpenCV's <c>warpAffine</c> (linear, constant 0 border) to the bit: the same inverted map, the same
/// fixed-point coordinates (1/32 pixel, <c>AB_BITS</c> 10 with its rounding delta), the same weights
/// ((32 - fx)(32 - fy) and so on, out of 1024, rounded), and a neighbour outside the sticker counts as transparent
/// black; the blend is <see cref="PixelBlend.Over(Mat, Mat, Point)"/>'s. So the pixels are those of
/// <c>Cv2.WarpAffine</c> into a buffer followed by <see cref="PixelBlend.Over(Mat, Mat, Point)"/> (tests compare them).
/// The sticker is read from a copy with a one-pixel transparent border (<see cref="Pad"/>), so a sample's four
/// neighbours never need a bounds test. The vector path (AVX-512 BW, 16 pixels a step) gathers the four neighbours,
/// weighs them with byte and word multiply-adds, and skips steps that fall outside the sticker or are all transparent.
/// </summary>
internal static class WarpBlend
{
    private const int Pixels = 16;

    // warpAffine's fixed point: map coordinates in 1/1024 (AB_BITS), sample positions in 1/32 (INTER_BITS).
    private const int AbScale = 1 << 10;
    private const int RoundDelta = AbScale / 32 / 2;

    public static bool Supported => Avx512BW.IsSupported && OverBlendVector.Supported;

    /// <summary>The sticker level with a one-pixel transparent border on every side (continuous, for <see cref="Over"/>).</summary>
    public static Mat Pad(Mat bgra)
    {
        var padded = new Mat();
        Cv2.CopyMakeBorder(bgra, padded, 1, 1, 1, 1, BorderTypes.Constant, Scalar.All(0));
        return padded;
    }

    /// <summary>
    /// Draws the sticker <paramref name="padded"/> (a <see cref="Pad"/>ded BGRA level) over <paramref name="bgr"/> inside
    /// <paramref name="target"/> (within the frame), as <c>Cv2.WarpAffine(level, buffer, map, target.Size, Linear,
    /// Constant, 0)</c> followed by <see cref="PixelBlend.Over(Mat, Mat, Point)"/> at <paramref name="target"/>'s
    /// top-left would: <paramref name="map"/> (6 numbers, row-major) takes level pixels to pixels of the target rectangle.
    /// </summary>
    public static void Over(Mat bgr, Mat padded, ReadOnlySpan<double> map, Rect target) =>
        Over(bgr, padded, map, target, Supported);

    /// <summary><see cref="Over(Mat, Mat, ReadOnlySpan{double}, Rect)"/>, on the vector path only when <paramref name="vectorised"/> (tests compare both).</summary>
    public static unsafe void Over(Mat bgr, Mat padded, ReadOnlySpan<double> map, Rect target, bool vectorised)
    {
        if (target.Width <= 0 || target.Height <= 0)
        {
            return;
        }

        // warpAffine inverts the map the same way (imgwarp.cpp), so the samples land on the same fixed-point places.
        var (m0, m1, m2, m3, m4, m5) = (map[0], map[1], map[2], map[3], map[4], map[5]);
        var det = (m0 * m4) - (m1 * m3);
        det = det != 0 ? 1.0 / det : 0;
        var (a11, a22) = (m4 * det, m0 * det);
        m0 = a11;
        m1 *= -det;
        m3 *= -det;
        m4 = a22;
        var b1 = (-m0 * m2) - (m1 * m5);
        var b2 = (-m3 * m2) - (m4 * m5);
        (m2, m5) = (b1, b2);

        var width = target.Width;
        var dx = width <= 2048 ? stackalloc int[width] : new int[width];
        var dy = width <= 2048 ? stackalloc int[width] : new int[width];
        for (var x = 0; x < width; x++)
        {
            dx[x] = (int)Math.Round(m0 * x * AbScale);
            dy[x] = (int)Math.Round(m3 * x * AbScale);
        }

        var levelWidth = padded.Width - 2;
        var levelHeight = padded.Height - 2;
        var stride = padded.Width;
        var source = (byte*)padded.Data.ToPointer();
        var useVector = vectorised && Supported;
        fixed (int* px = dx, py = dy)
        {
            for (var row = 0; row < target.Height; row++)
            {
                var x0 = (int)Math.Round(((m1 * row) + m2) * AbScale) + RoundDelta;
                var y0 = (int)Math.Round(((m4 * row) + m5) * AbScale) + RoundDelta;
                var d = (byte*)bgr.Ptr(target.Y + row, target.X).ToPointer();
                var col = useVector ? VectorRowPairs(d, source, stride, levelWidth, levelHeight, px, py, x0, y0, width) : 0;
                for (; col < width; col++)
                {
                    var sx = (x0 + px[col]) >> 5;
                    var sy = (y0 + py[col]) >> 5;
                    var (ix, iy) = (sx >> 5, sy >> 5);
                    if (ix < -1 || ix >= levelWidth || iy < -1 || iy >= levelHeight)
                    {
                        continue;
                    }

                    var (fx, fy) = (sx & 31, sy & 31);
                    var p = source + ((((iy + 1) * stride) + ix + 1) * 4);
                    var q = p + (stride * 4);
                    var a = Channel(p, q, fx, fy, 3);
                    if (a != 0)
                    {
                        PixelBlend.OverPixel(d + (col * 3), Channel(p, q, fx, fy, 0), Channel(p, q, fx, fy, 1), Channel(p, q, fx, fy, 2), a);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whole steps of one row while a step's 64-byte frame reads stay inside the target row; returns the column where the
    /// scalar loop takes over. Each pixel's left and right neighbours are read as one 8-byte pair (half the gathered
    /// elements of four single-pixel gathers; gathers cost by the element). The pairs' bytes are interleaved (left, right
    /// per channel) for the byte multiply-add, and the results put back in pixel order at the end.
    /// </summary>
    private static unsafe int VectorRowPairs(byte* d, byte* source, int stride, int levelWidth, int levelHeight, int* px, int* py, int x0, int y0, int width)
    {
        var lowX = Vector512.Create(-1);
        var highX = Vector512.Create(levelWidth);
        var highY = Vector512.Create(levelHeight);
        var x0v = Vector512.Create(x0);
        var y0v = Vector512.Create(y0);
        var low5 = Vector512.Create(31);
        var stridev = Vector512.Create(stride);
        var round = Vector512.Create(512);
        var alpha = Vector512.Create(unchecked((long)0xFF000000FF000000));
        var top = (long*)source;
        var bottom = (long*)(source + (stride * 4));
        var col = 0;
        for (; col + 22 <= width; col += Pixels)
        {
            var sx = Vector512.ShiftRightArithmetic(x0v + Vector512.Load(px + col), 5);
            var sy = Vector512.ShiftRightArithmetic(y0v + Vector512.Load(py + col), 5);
            var ix = Vector512.ShiftRightArithmetic(sx, 5);
            var iy = Vector512.ShiftRightArithmetic(sy, 5);
            var valid = Vector512.GreaterThanOrEqual(ix, lowX) & Vector512.LessThan(ix, highX)
                & Vector512.GreaterThanOrEqual(iy, lowX) & Vector512.LessThan(iy, highY);
            if (valid == Vector512<int>.Zero)
            {
                continue;
            }

            // Pixels 0-7 and 8-15, one (left, right) pair per 8 bytes, top and bottom rows.
            var index = ((iy + Vector512<int>.One) * stridev) + ix + Vector512<int>.One;
            var (top0, top1) = (Pairs(top, index.GetLower(), valid.GetLower()), Pairs(top, index.GetUpper(), valid.GetUpper()));
            var (bottom0, bottom1) = (Pairs(bottom, index.GetLower(), valid.GetLower()), Pairs(bottom, index.GetUpper(), valid.GetUpper()));
            if (((top0 | top1 | bottom0 | bottom1) & alpha) == Vector512<long>.Zero)
            {
                continue;
            }

            // Across: (left, right) byte pairs per channel times (32 - fx, fx): a word per channel, 4 per pixel.
            var fx = sx & low5;
            var wx = (Vector512.Create(32) - fx) | Vector512.ShiftLeft(fx, 8);
            var (wx0, wx1) = (Spread(wx.GetLower()), Spread(wx.GetUpper()));
            var topWords0 = Avx512BW.MultiplyAddAdjacent(Avx512BW.Shuffle(top0.AsByte(), PairOfChannel), wx0);
            var topWords1 = Avx512BW.MultiplyAddAdjacent(Avx512BW.Shuffle(top1.AsByte(), PairOfChannel), wx1);
            var bottomWords0 = Avx512BW.MultiplyAddAdjacent(Avx512BW.Shuffle(bottom0.AsByte(), PairOfChannel), wx0);
            var bottomWords1 = Avx512BW.MultiplyAddAdjacent(Avx512BW.Shuffle(bottom1.AsByte(), PairOfChannel), wx1);

            // Down: (top, bottom) word pairs times (32 - fy, fy). A 128-bit lane holds two pixels: its low words' pairs
            // are the even pixel's channels, its high words' the odd one's.
            var fy = sy & low5;
            var wy = (Vector512.Create(32) - fy) | Vector512.ShiftLeft(fy, 16);
            var words0 = Down(topWords0, bottomWords0, Avx512F.PermuteVar16x32(wy, EvenPixel), Avx512F.PermuteVar16x32(wy, OddPixel), round);
            var words1 = Down(topWords1, bottomWords1, Avx512F.PermuteVar16x32(wy, EvenPixel + Vector512.Create(8)), Avx512F.PermuteVar16x32(wy, OddPixel + Vector512.Create(8)), round);

            // Lane l of the pack holds pixels 2l, 2l + 1 then 8 + 2l, 9 + 2l: the 8-byte pairs back in pixel order.
            var packed = Avx512BW.PackUnsignedSaturate(words0, words1).AsInt64();
            OverBlendVector.Step(d + (col * 3), Avx512F.PermuteVar8x64(packed, PixelOrder).AsByte());
        }

        return col;
    }

    // Within each 8 bytes (left BGRA, right BGRA): left B, right B, left G, right G, and so on.
    private static readonly Vector512<byte> PairOfChannel = BytePattern.Of(j => (j & ~7) + ((j & 7) >> 1) + ((j & 1) * 4));
    private static readonly Vector512<int> EvenPixel = Vector512.Create(0, 0, 0, 0, 2, 2, 2, 2, 4, 4, 4, 4, 6, 6, 6, 6);
    private static readonly Vector512<int> OddPixel = Vector512.Create(1, 1, 1, 1, 3, 3, 3, 3, 5, 5, 5, 5, 7, 7, 7, 7);
    private static readonly Vector512<long> PixelOrder = Vector512.Create(0L, 2, 4, 6, 1, 3, 5, 7);

    /// <summary>Eight (left, right) pixel pairs at <paramref name="source"/> + <paramref name="index"/> pixels, 0 where <paramref name="valid"/> is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<long> Pairs(long* source, Vector256<int> index, Vector256<int> valid) => Vector512.Create(
        Avx2.GatherMaskVector256(Vector256<long>.Zero, source, index.GetLower(), Avx2.ConvertToVector256Int64(valid.GetLower()), 4),
        Avx2.GatherMaskVector256(Vector256<long>.Zero, source, index.GetUpper(), Avx2.ConvertToVector256Int64(valid.GetUpper()), 4));

    /// <summary>Eight pixels' 16-bit weight pairs (low byte, high byte) repeated over their four channels, 8 bytes a pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<sbyte> Spread(Vector256<int> weights)
    {
        var w = Avx512F.ConvertToVector512Int64(weights);
        w |= Vector512.ShiftLeft(w, 16);
        return (w | Vector512.ShiftLeft(w, 32)).AsSByte();
    }

    /// <summary>The rounded vertical blend of eight pixels' channel words, back as words in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Down(Vector512<short> top, Vector512<short> bottom, Vector512<int> evenWeights, Vector512<int> oddWeights, Vector512<int> round)
    {
        var even = Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(top, bottom), evenWeights.AsInt16());
        var odd = Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(top, bottom), oddWeights.AsInt16());
        return Avx512BW.PackSignedSaturate(Vector512.ShiftRightArithmetic(even + round, 10), Vector512.ShiftRightArithmetic(odd + round, 10));
    }

    /// <summary>Channel <paramref name="k"/> of the bilinear sample between the pixel pairs at <paramref name="p"/> (top) and <paramref name="q"/> (bottom).</summary>
    private static unsafe int Channel(byte* p, byte* q, int fx, int fy, int k) =>
        ((((p[k] * (32 - fx)) + (p[k + 4] * fx)) * (32 - fy)) + (((q[k] * (32 - fx)) + (q[k + 4] * fx)) * fy) + 512) >> 10;
}
