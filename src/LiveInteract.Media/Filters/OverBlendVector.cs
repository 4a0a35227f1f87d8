using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveInteract.Media.Filters;

/// <summary>
/// The vector path of <see cref="PixelBlend.Over(OpenCvSharp.Mat, OpenCvSharp.Mat, OpenCvSharp.Point)"/> with AVX-512
/// VBMI: 16 BGRA sticker pixels over 16 BGR frame pixels per step. One byte permute (<c>vpermb</c>) packs the sticker's
/// colours into the frame's 3-byte layout and another spreads each alpha over its three channels. The arithmetic is the
/// scalar loop's, (s * a + d * (255 - a) + 127) / 255, which also gives d for a = 0 and s for a = 255; the division is
/// (y + 1 + (y >> 8)) >> 8, exact for every y it can meet (up to 255 * 255 + 127), so both paths give the same bytes.
/// </summary>
internal static class OverBlendVector
{
    private const int Pixels = 16;
    private const int Bytes = 3 * Pixels;

    private static readonly Vector512<byte> ColourOfByte = BytePattern.Of(j => j < Bytes ? (4 * (j / 3)) + (j % 3) : 0);
    private static readonly Vector512<byte> AlphaOfByte = BytePattern.Of(j => j < Bytes ? (4 * (j / 3)) + 3 : 0);

    // The 16 bytes after the 48 written are the next pixels': they are stored back as they were loaded.
    private static readonly Vector512<byte> Written = BytePattern.Of(j => j < Bytes ? 0xFF : 0);

    public static bool Supported => Avx512Vbmi.IsSupported;

    /// <summary>Blends whole steps of one row while a step's 64-byte reads stay inside it; returns the column where the scalar loop takes over.</summary>
    public static unsafe int Row(byte* d, byte* s, int width)
    {
        var col = 0;
        for (; col + 22 <= width; col += Pixels)
        {
            Step(d + (col * 3), Vector512.Load(s + (col * 4)));
        }

        return col;
    }

    /// <summary>
    /// Blends 16 BGRA pixels <paramref name="sv"/> over the 16 BGR pixels at <paramref name="at"/>, whose 64-byte read
    /// must stay inside the row (the 16 bytes after the 48 blended are written back as they were).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Step(byte* at, Vector512<byte> sv)
    {
        var max = Vector512.Create((ushort)255);
        var half = Vector512.Create((ushort)127);
        var one = Vector512.Create((ushort)1);
        var dv = Vector512.Load(at);
        var colour = Avx512Vbmi.PermuteVar64x8(sv, ColourOfByte);
        var alpha = Avx512Vbmi.PermuteVar64x8(sv, AlphaOfByte);
        var (aLo, aHi) = Vector512.Widen(alpha);
        var (cLo, cHi) = Vector512.Widen(colour);
        var (dLo, dHi) = Vector512.Widen(dv);
        var lo = (cLo * aLo) + (dLo * (max - aLo)) + half;
        var hi = (cHi * aHi) + (dHi * (max - aHi)) + half;
        lo = Vector512.ShiftRightLogical(lo + one + Vector512.ShiftRightLogical(lo, 8), 8);
        hi = Vector512.ShiftRightLogical(hi + one + Vector512.ShiftRightLogical(hi, 8), 8);
        Vector512.ConditionalSelect(Written, Vector512.Narrow(lo, hi), dv).Store(at);
    }
}
