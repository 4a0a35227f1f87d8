using System.Runtime.CompilerServices;
using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// A bilinear resize of a BGR image one target row at a time, so a filter can blend each row of a grown image as it is
/// made instead of writing the whole image and reading it back (<see cref="BeautyFilter"/>), and a shrink by under 2
/// costs a fraction of OpenCV's (whose generic resize spends ~30 us setting up a 150 px face). The sample positions are
/// OpenCV's (<see cref="InterpolationFlags.Linear"/>: pixel centres aligned, edges clamped) with 8-bit weights, within a
/// level of <see cref="Cv2.Resize(InputArray, OutputArray, Size, double, double, InterpolationFlags)"/>. A row's vertical
/// blend runs first (one row of the source); then, with AVX-512 VBMI, up to 16 target pixels per step gather their left
/// and right neighbours from one 64-byte load with a byte permute whose indices depend only on the column, so they are
/// worked out once per resize, not per row. The per-row loops here and in the rest of beauty's row pass are compiled
/// optimised on their first call (<see cref="MethodImplOptions.AggressiveOptimization"/>): left to tiered compilation,
/// a process's first room ran them unoptimised, several times slower, for its first ten frames or so.
/// </summary>
internal sealed class BilinearRows
{
    /// <summary>Bytes a target row buffer needs beyond its width's pixels (whole steps are written).</summary>
    public const int TargetPadding = 64;

    /// <summary>Bytes the scratch row needs beyond the source's width's pixels (whole steps are read).</summary>
    public const int ScratchPadding = 64;

    private const int MaxStepPixels = 16;

    private readonly unsafe byte* _pixels;
    private readonly long _stride;
    private readonly Size _source;
    private readonly Size _target;
    private readonly int[] _left;
    private readonly int[] _rightDelta;
    private readonly ushort[] _weight;
    private readonly Step[]? _steps;
    private readonly int[]? _stepOf;

    /// <param name="image">The BGR source; it must outlive this.</param>
    /// <param name="target">The size to resize to.</param>
    /// <param name="vectorised">False keeps to the scalar loop (tests compare both paths).</param>
    public unsafe BilinearRows(Mat image, Size target, bool vectorised = true)
    {
        var source = image.Size();
        if (image.Type() != MatType.CV_8UC3 || source.Width < 1 || source.Height < 1 || target.Width < 1 || target.Height < 1)
        {
            throw new ArgumentException($"A resize from {source} ({image.Type()}) to {target} is not one of BGR pixels.");
        }

        // Rows are addressed from the data pointer: Mat.Ptr is a native call, and a resize asks for two rows per target row.
        _pixels = (byte*)image.DataPointer;
        _stride = image.Step();
        _source = source;
        _target = target;
        _left = new int[target.Width];
        _rightDelta = new int[target.Width];
        _weight = new ushort[target.Width];
        for (var x = 0; x < target.Width; x++)
        {
            var (x0, w) = Sample(x, source.Width, target.Width);
            _left[x] = x0 * 3;
            _rightDelta[x] = x0 + 1 < source.Width ? 3 : 0;
            _weight[x] = (ushort)w;
        }

        if (vectorised && Avx512Vbmi.IsSupported)
        {
            (_steps, _stepOf) = BuildSteps();
        }
    }

    /// <summary>Resizes all of <paramref name="source"/> into <paramref name="target"/> at <paramref name="size"/>.</summary>
    public static unsafe void Resize(Mat source, Mat target, Size size, bool vectorised = true)
    {
        target.Create(size, MatType.CV_8UC3);
        var rows = new BilinearRows(source, size, vectorised);
        var rowBytes = size.Width * 3;
        var pool = ArrayPool<byte>.Shared;
        var row = pool.Rent(rowBytes + TargetPadding);
        var scratch = pool.Rent((source.Width * 3) + ScratchPadding);
        try
        {
            var into = (byte*)target.DataPointer;
            var stride = target.Step();
            fixed (byte* r = row, s = scratch)
            {
                for (var y = 0; y < size.Height; y++)
                {
                    rows.Row(y, r, s, 0, size.Width);
                    Buffer.MemoryCopy(r, into + (y * stride), rowBytes, rowBytes);
                }
            }
        }
        finally
        {
            pool.Return(row);
            pool.Return(scratch);
        }
    }

    /// <summary>
    /// Writes target row <paramref name="y"/>'s pixels <paramref name="col"/> to <paramref name="end"/> (at least; whole
    /// steps around them) into <paramref name="target"/>, a row of the target's width plus <see cref="TargetPadding"/>;
    /// <paramref name="scratch"/> holds the source's width plus <see cref="ScratchPadding"/> bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Row(int y, byte* target, byte* scratch, int col, int end)
    {
        var (y0, wy) = Sample(y, _source.Height, _target.Height);
        var y1 = Math.Min(y0 + 1, _source.Height - 1);
        BlendRows(_pixels + (y0 * _stride), _pixels + (y1 * _stride), scratch, _source.Width * 3, wy);

        if (_steps is not null)
        {
            var full = Vector512.Create((ushort)256);
            var half = Vector512.Create((ushort)128);
            for (var k = _stepOf![col]; k < _steps.Length && _steps[k].First < end; k++)
            {
                ref readonly var step = ref _steps[k];
                var from = Vector512.Load(scratch + step.Offset);
                var (leftLo, leftHi) = Vector512.Widen(Avx512Vbmi.PermuteVar64x8(from, step.Left));
                var (rightLo, rightHi) = Vector512.Widen(Avx512Vbmi.PermuteVar64x8(from, step.Right));
                var lo = Vector512.ShiftRightLogical((leftLo * (full - step.WeightLo)) + (rightLo * step.WeightLo) + half, 8);
                var hi = Vector512.ShiftRightLogical((leftHi * (full - step.WeightHi)) + (rightHi * step.WeightHi) + half, 8);
                Vector512.Narrow(lo, hi).Store(target + (step.First * 3));
            }

            return;
        }

        for (var x = col; x < end; x++)
        {
            var l = scratch + _left[x];
            var r = l + _rightDelta[x];
            var w = _weight[x];
            var keep = 256 - w;
            var t = target + (x * 3);
            t[0] = (byte)(((l[0] * keep) + (r[0] * w) + 128) >> 8);
            t[1] = (byte)(((l[1] * keep) + (r[1] * w) + 128) >> 8);
            t[2] = (byte)(((l[2] * keep) + (r[2] * w) + 128) >> 8);
        }
    }

    /// <summary>
    /// The vector steps: runs of up to 16 target pixels whose left and right neighbours lie within 64 bytes of the run's
    /// first left neighbour (16 on a grow, about 10 on a shrink by 2), each with its permute indices and weights.
    /// </summary>
    private (Step[] Steps, int[] StepOf) BuildSteps()
    {
        var steps = new List<Step>();
        var stepOf = new int[_target.Width];
        Span<byte> left = stackalloc byte[64];
        Span<byte> right = stackalloc byte[64];
        Span<ushort> weight = stackalloc ushort[64];
        for (var first = 0; first < _target.Width;)
        {
            var offset = _left[first];
            var count = 0;
            while (count < MaxStepPixels && first + count < _target.Width && _left[first + count] - offset + _rightDelta[first + count] + 2 < 64)
            {
                count++;
            }

            left.Clear();
            right.Clear();
            weight.Clear();
            for (var j = 0; j < count * 3; j++)
            {
                var p = first + (j / 3);
                left[j] = (byte)(_left[p] - offset + (j % 3));
                right[j] = (byte)(left[j] + _rightDelta[p]);
                weight[j] = _weight[p];
            }

            stepOf.AsSpan(first, count).Fill(steps.Count);
            steps.Add(new Step(
                first,
                offset,
                Vector512.Create((ReadOnlySpan<byte>)left),
                Vector512.Create((ReadOnlySpan<byte>)right),
                Vector512.Create((ReadOnlySpan<ushort>)weight[..32]),
                Vector512.Create((ReadOnlySpan<ushort>)weight[32..])));
            first += count;
        }

        return (steps.ToArray(), stepOf);
    }

    /// <summary>OpenCV's bilinear sample of target index <paramref name="i"/>: the lower source index and the upper one's weight out of 256.</summary>
    private static (int Index, int Weight) Sample(int i, int source, int target)
    {
        var f = ((i + 0.5) * source / target) - 0.5;
        var index = (int)Math.Floor(f);
        var weight = (int)Math.Round((f - index) * 256);
        if (index < 0)
        {
            return (0, 0);
        }

        if (index >= source - 1)
        {
            return (source - 1, 0);
        }

        return weight == 256 ? (index + 1, 0) : (index, weight);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void BlendRows(byte* a, byte* b, byte* into, int bytes, int weight)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var w = Vector256.Create((ushort)weight);
            var keep = Vector256.Create((ushort)(256 - weight));
            var half = Vector256.Create((ushort)128);
            for (; i + 32 <= bytes; i += 32)
            {
                var (aLo, aHi) = Vector256.Widen(Vector256.Load(a + i));
                var (bLo, bHi) = Vector256.Widen(Vector256.Load(b + i));
                var lo = Vector256.ShiftRightLogical((aLo * keep) + (bLo * w) + half, 8);
                var hi = Vector256.ShiftRightLogical((aHi * keep) + (bHi * w) + half, 8);
                Vector256.Narrow(lo, hi).Store(into + i);
            }
        }

        for (; i < bytes; i++)
        {
            into[i] = (byte)(((a[i] * (256 - weight)) + (b[i] * weight) + 128) >> 8);
        }
    }

    private readonly record struct Step(int First, int Offset, Vector512<byte> Left, Vector512<byte> Right, Vector512<ushort> WeightLo, Vector512<ushort> WeightHi);
}
