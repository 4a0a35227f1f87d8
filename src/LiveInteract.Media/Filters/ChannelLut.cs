using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// A 256-entry curve per channel (B, G, R) applied in place to an 8-bit BGR frame: the same result as
/// <c>Cv2.LUT</c> with a 3-channel table. <c>Cv2.LUT</c> looks each byte up on its own (1.4 ms for a 720p frame here);
/// where the CPU has AVX-512 VBMI, 64 bytes are looked up at once: a 128-entry table fits two registers and
/// <c>vpermi2b</c> indexes them by each byte's low 7 bits, so a 256-entry curve is two of those and a select on the
/// top bit. The three channels interleave with a period of 3 bytes and a register holds 64, so each register takes
/// all three curves and keeps each byte's own by a pattern mask, which repeats every 3 registers. Bit-exact with
/// <c>Cv2.LUT</c>, which remains the path on CPUs without VBMI.
/// </summary>
internal sealed class ChannelLut
{
    private const int Block = 3 * 64;

    private readonly byte[] _tables;
    private readonly Vector512<byte>[] _quarters;
    private readonly Vector512<byte>[] _patterns;

    /// <param name="interleaved">256 x 3 bytes: entry v of channel c at <c>v * 3 + c</c> (OpenCV's layout).</param>
    public ChannelLut(byte[] interleaved)
    {
        if (interleaved.Length != 256 * 3)
        {
            throw new ArgumentException("A channel LUT has 256 entries of 3 bytes.", nameof(interleaved));
        }

        _tables = (byte[])interleaved.Clone();
        Table = new Mat(1, 256, MatType.CV_8UC3);
        Marshal.Copy(_tables, 0, Table.Data, _tables.Length);

        // Channel c's curve as four 64-entry quarters, at [c * 4 + q].
        _quarters = new Vector512<byte>[12];
        var quarter = new byte[64];
        for (var c = 0; c < 3; c++)
        {
            for (var q = 0; q < 4; q++)
            {
                for (var i = 0; i < 64; i++)
                {
                    quarter[i] = _tables[(((q * 64) + i) * 3) + c];
                }

                _quarters[(c * 4) + q] = Vector512.Create(quarter);
            }
        }

        // For the k-th register of a 192-byte block: 0xFF on the blue bytes ([k * 2]) and on the green bytes ([k * 2 + 1]).
        _patterns = new Vector512<byte>[6];
        for (var k = 0; k < 3; k++)
        {
            for (var channel = 0; channel < 2; channel++)
            {
                var (register, c) = (k, channel);
                _patterns[(k * 2) + channel] = BytePattern.Of(i => ((register * 64) + i) % 3 == c ? 0xFF : 0);
            }
        }
    }

    /// <summary>The table as a 1x256 3-channel Mat, the form <c>Cv2.LUT</c> takes.</summary>
    public Mat Table { get; }

    /// <summary>True when <see cref="Apply"/> runs the vector path on this CPU.</summary>
    public static bool Vectorised => Avx512Vbmi.IsSupported;

    /// <summary>Maps every byte of <paramref name="bgr"/> (8-bit, 3 channels; may be a region) through its channel's curve.</summary>
    public void Apply(Mat bgr) => Apply(bgr, Vectorised);

    /// <summary><see cref="Apply(Mat)"/>, on the vector path only when <paramref name="vectorised"/> (tests compare both).</summary>
    public unsafe void Apply(Mat bgr, bool vectorised)
    {
        if (bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException("A channel LUT applies to 8-bit BGR.", nameof(bgr));
        }

        if (!vectorised || !Avx512Vbmi.IsSupported)
        {
            Cv2.LUT(bgr, Table, bgr);
            return;
        }

        if (bgr.IsContinuous())
        {
            ApplyVbmi((byte*)bgr.Data, (long)bgr.Rows * bgr.Cols * 3);
            return;
        }

        var (rows, bytes) = (bgr.Rows, (long)bgr.Cols * 3);
        for (var row = 0; row < rows; row++)
        {
            ApplyVbmi((byte*)bgr.Ptr(row), bytes);
        }
    }

    /// <summary>In place over <paramref name="length"/> bytes starting on a blue byte; <paramref name="length"/> is a multiple of 3.</summary>
    private unsafe void ApplyVbmi(byte* p, long length)
    {
        var q = _quarters;
        var (b0, b1, b2, b3) = (q[0], q[1], q[2], q[3]);
        var (g0, g1, g2, g3) = (q[4], q[5], q[6], q[7]);
        var (r0, r1, r2, r3) = (q[8], q[9], q[10], q[11]);
        var m = _patterns;
        var i = 0L;
        for (; i + Block <= length; i += Block)
        {
            for (var k = 0; k < 3; k++)
            {
                var at = p + i + (k * 64);
                var v = Vector512.Load(at);
                var high = Vector512.LessThan(v.AsSByte(), Vector512<sbyte>.Zero).AsByte();
                var blue = Lookup(v, high, b0, b1, b2, b3);
                var green = Lookup(v, high, g0, g1, g2, g3);
                var red = Lookup(v, high, r0, r1, r2, r3);
                Vector512.ConditionalSelect(m[k * 2], blue, Vector512.ConditionalSelect(m[(k * 2) + 1], green, red)).Store(at);
            }
        }

        var t = _tables;
        for (; i < length; i += 3)
        {
            p[i] = t[p[i] * 3];
            p[i + 1] = t[(p[i + 1] * 3) + 1];
            p[i + 2] = t[(p[i + 2] * 3) + 2];
        }
    }

    // Entries 0-127 sit in (t0, t1) and 128-255 in (t2, t3); vpermi2b reads the low 7 bits, the top bit picks the pair.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Lookup(Vector512<byte> v, Vector512<byte> high, Vector512<byte> t0, Vector512<byte> t1, Vector512<byte> t2, Vector512<byte> t3) =>
        Vector512.ConditionalSelect(high, Avx512Vbmi.PermuteVar64x8x2(t2, v, t3), Avx512Vbmi.PermuteVar64x8x2(t0, v, t1));
}
