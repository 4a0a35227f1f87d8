using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveInteract.Media.Filters;

/// <summary>
/// The vector path of <see cref="MaskedBlend"/>
/// with AVX-512 VBMI: 21 BGR pixels (63 of a register's 64 bytes) per step, with the same integer arithmetic as the
/// scalar loop, so both give the same bytes. VBMI's byte permute (<c>vpermb</c>) does what interleaved BGR otherwise
/// makes slow: it spreads each pixel's mask byte over its three channel bytes, brings a pixel's other two channels
/// beside each channel for the per-pixel largest difference, and looks up the edge factor (a 64-entry byte table:
/// the beauty filter's edge threshold is under 64, so a larger difference always weighs 0). Weights and products
/// are 16-bit; the blend is written as (d * (256 - w) + s * w) / 256, which stays within 16 bits for w up to 256.
/// </summary>
internal readonly record struct MaskedBlendVector
{
    private const int Pixels = 21;

    private static readonly Vector512<byte> NextChannel = BytePattern.Of(j => (3 * (j / 3)) + ((j + 1) % 3));
    private static readonly Vector512<byte> OtherChannel = BytePattern.Of(j => (3 * (j / 3)) + ((j + 2) % 3));

    // Byte j takes the mask of pixel j / 3; the unused 64th byte takes a lane of the zero upper half, so its weight is 0
    // and it is written back unchanged.
    private static readonly Vector512<byte> PixelOfByte = BytePattern.Of(j => j < 3 * Pixels ? j / 3 : 63);

    private readonly int _k;
    private readonly bool _useEdge;
    private readonly Vector512<byte> _edgeFactor;

    /// <param name="k">The strength as a weight out of 256.</param>
    /// <param name="edgeFactor">Edge factors for differences 0-63 (empty when the blend has no edge threshold).</param>
    public MaskedBlendVector(int k, ReadOnlySpan<byte> edgeFactor)
    {
        _k = k;
        _useEdge = !edgeFactor.IsEmpty;
        _edgeFactor = _useEdge ? Vector512.Create(edgeFactor) : default;
    }

    /// <summary>True when this CPU runs the vector path for a blend with <paramref name="edgeThreshold"/>.</summary>
    public static bool Supported(int edgeThreshold) => Avx512Vbmi.IsSupported && edgeThreshold < 64;

    /// <summary>
    /// Blends whole steps of <see cref="Pixels"/> pixels of one row from <paramref name="col"/> towards
    /// <paramref name="end"/> while a step's reads stay inside the row (<paramref name="width"/> pixels); returns the
    /// column where the scalar loop takes over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe int Row(byte* d, byte* s, byte* m, int col, int end, int width)
    {
        var k = Vector512.Create((ushort)_k);
        var full = Vector512.Create((ushort)256);
        var max = Vector512.Create((byte)63);
        for (; col + Pixels <= end && col + 32 <= width; col += Pixels)
        {
            var at = d + (col * 3);
            var dv = Vector512.Load(at);
            var sv = Vector512.Load(s + (col * 3));
            var mv = Avx512Vbmi.PermuteVar64x8(Vector256.Load(m + col).ToVector512(), PixelOfByte);
            var (wLo, wHi) = Vector512.Widen(mv);
            wLo += Vector512.ShiftRightLogical(wLo, 7);
            wHi += Vector512.ShiftRightLogical(wHi, 7);
            if (_k < 256)
            {
                // Up to 256 x 255: within 16 bits.
                wLo = Vector512.ShiftRightLogical(wLo * k, 8);
                wHi = Vector512.ShiftRightLogical(wHi * k, 8);
            }

            if (_useEdge)
            {
                var diff = Vector512.Max(dv, sv) - Vector512.Min(dv, sv);
                var largest = Vector512.Max(diff, Vector512.Max(Avx512Vbmi.PermuteVar64x8(diff, NextChannel), Avx512Vbmi.PermuteVar64x8(diff, OtherChannel)));
                var (eLo, eHi) = Vector512.Widen(Avx512Vbmi.PermuteVar64x8(_edgeFactor, Vector512.Min(largest, max)));
                wLo = Vector512.ShiftRightLogical(wLo * eLo, 8);
                wHi = Vector512.ShiftRightLogical(wHi * eHi, 8);
            }

            var (dLo, dHi) = Vector512.Widen(dv);
            var (sLo, sHi) = Vector512.Widen(sv);
            var lo = Vector512.ShiftRightLogical((dLo * (full - wLo)) + (sLo * wLo), 8);
            var hi = Vector512.ShiftRightLogical((dHi * (full - wHi)) + (sHi * wHi), 8);
            Vector512.Narrow(lo, hi).Store(at);
        }

        return col;
    }
}
