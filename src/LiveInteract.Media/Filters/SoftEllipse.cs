using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// A filled, turned ellipse with a Gaussian-soft edge, computed per pixel instead of drawn and blurred: the mask a face
/// filter blends through, one row at a time. Each pixel's signed distance to the edge is estimated from the ellipse's
/// radius function d (1 on the edge) as (1 - d) / |grad d|, exact for a circle and within a few per cent near the edge
/// of a face-shaped ellipse; the edge profile is a straight edge blurred by a Gaussian of <c>feather</c> pixels (the
/// normal CDF, by an algebraic sigmoid within 0.5 % of it). Along a row, d squared and |grad d| squared times it are
/// quadratics in the column, so a pixel costs a few multiply-adds and reciprocal square roots, and the row's span where
/// the mask is not zero is a quadratic's roots. Drawing the ellipse small, blurring it and stretching it back (what
/// beauty did before) cost three OpenCV calls and two full-size images per face, more than the blend that reads it.
/// </summary>
internal readonly struct SoftEllipse
{
    /// <summary>Bytes a row buffer for <see cref="FillRow"/> needs beyond the row's width (whole steps of 32 are written).</summary>
    public const int RowPadding = 32;

    // y = A t + B t^3 in 0.5 (1 + y / sqrt(1 + y^2)) follows the normal CDF of t within 0.0046 over [-5, 5].
    private const float SigmoidLinear = 0.77f;
    private const float SigmoidCubic = 0.18f;

    // Where the profile is under half a level: 4 feathers outside the edge.
    private const float Reach = 4;

    private readonly float _cx;
    private readonly float _cy;
    private readonly float _sin;
    private readonly float _cos;
    private readonly float _invA2;
    private readonly float _invB2;
    private readonly float _invA4;
    private readonly float _invB4;
    private readonly float _invFeather;
    private readonly float _curvatureScale;
    private readonly float _maxBend;
    private readonly float _outer2;

    /// <param name="centre">The centre, in the row buffer's pixel coordinates (pixel i's centre at i).</param>
    /// <param name="semiAxes">The half width and half height before turning.</param>
    /// <param name="degrees">The turn, as <see cref="Cv2.Ellipse(InputOutputArray, Point, Size, double, double, double, Scalar, int, LineTypes, int)"/> takes it (clockwise on screen).</param>
    /// <param name="feather">The Gaussian's standard deviation in pixels.</param>
    public SoftEllipse(Point2f centre, Size2f semiAxes, double degrees, double feather)
    {
        var a = Math.Max(0.5, semiAxes.Width);
        var b = Math.Max(0.5, semiAxes.Height);
        feather = Math.Max(0.25, feather);
        _cx = centre.X;
        _cy = centre.Y;
        _cos = (float)Math.Cos(degrees * Math.PI / 180);
        _sin = (float)Math.Sin(degrees * Math.PI / 180);
        _invA2 = (float)(1 / (a * a));
        _invB2 = (float)(1 / (b * b));
        _invA4 = _invA2 * _invA2;
        _invB4 = _invB2 * _invB2;
        _invFeather = (float)(1 / feather);
        // A blurred convex shape is under half at its edge: the level set through a pixel (an ellipse d times the size)
        // has curvature k = d^2 / (a^2 b^2 g^1.5), and to first order the half-way line moves in by feather^2 k / 2, so
        // t (in feathers) drops by feather k / 2. Capped at the drawn edge's sharpest bend: near the centre the level
        // sets shrink to a point and the first-order term means nothing (the mask is full there anyway).
        _curvatureScale = (float)(feather / (2 * a * a * b * b));
        _maxBend = (float)(feather * Math.Max(a / (b * b), b / (a * a)) / 2);
        // |grad d| is at most 1 / the shorter semi-axis, so beyond this radius the pixel is Reach feathers out or more.
        var outer = 1 + (Reach * feather / Math.Min(a, b));
        _outer2 = (float)(outer * outer);
    }

    /// <summary>
    /// Writes row <paramref name="y"/>'s mask (0-255) into <paramref name="row"/> (pixel i at index i, room for
    /// <paramref name="width"/> + <see cref="RowPadding"/>) over the span it returns, where it is not zero; the span is
    /// empty (<c>Start == End</c>) when the row misses the ellipse. Bytes outside the span are not written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int Start, int End) FillRow(int y, Span<byte> row, int width)
    {
        if (row.Length < width + RowPadding)
        {
            throw new ArgumentException($"The row needs {width + RowPadding} bytes.", nameof(row));
        }

        // In the turned frame u = dx cos + dy sin, v = dy cos - dx sin, so d^2 = u^2/a^2 + v^2/b^2 is q2 dx^2 + q1 dx + q0,
        // and likewise g = u^2/a^4 + v^2/b^4 (|grad d|^2 = g / d^2).
        var dy = y - _cy;
        var (q2, q1, q0) = Quadratic(dy, _invA2, _invB2);
        var (g2, g1, g0) = Quadratic(dy, _invA4, _invB4);
        var discriminant = (q1 * q1) - (4 * q2 * (q0 - _outer2));
        if (discriminant <= 0)
        {
            return (0, 0);
        }

        var root = MathF.Sqrt(discriminant);
        var start = Math.Max(0, (int)MathF.Ceiling(_cx + ((-q1 - root) / (2 * q2))));
        var end = Math.Min(width, (int)MathF.Floor(_cx + ((-q1 + root) / (2 * q2))) + 1);
        if (start >= end)
        {
            return (0, 0);
        }

        ref var first = ref MemoryMarshal.GetReference(row);
        var rowTerms = new RowTerms(q2, q1, q0, g2, g1, g0, _invFeather, _curvatureScale, _maxBend);
        for (var x = start; x < end; x += 32)
        {
            var dx = x - _cx;
            var words = Vector512.Narrow(rowTerms.Mask(dx), rowTerms.Mask(dx + 16));
            Vector256.Narrow(words.GetLower(), words.GetUpper()).StoreUnsafe(ref first, (nuint)x);
        }

        return (start, end);
    }

    private (float X2, float X1, float X0) Quadratic(float dy, float invA, float invB) =>
        ((_cos * _cos * invA) + (_sin * _sin * invB),
         2 * dy * _cos * _sin * (invA - invB),
         dy * dy * ((_sin * _sin * invA) + (_cos * _cos * invB)));

    private readonly record struct RowTerms(float Q2, float Q1, float Q0, float G2, float G1, float G0, float InvFeather, float CurvatureScale, float MaxBend)
    {
        private static readonly Vector512<float> Lanes = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

        /// <summary>The mask of the 16 pixels from <paramref name="dx"/> columns right of the centre.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<uint> Mask(float dx)
        {
            var x = Lanes + Vector512.Create(dx);
            var q = Vector512.Max((((x * Q2) + Vector512.Create(Q1)) * x) + Vector512.Create(Q0), Vector512.Create(1e-6f));
            var g = Vector512.Max((((x * G2) + Vector512.Create(G1)) * x) + Vector512.Create(G0), Vector512.Create(1e-12f));
            // t: feathers inside the edge, (1 - d) / (|grad d| feather) = (d - d^2) / (sqrt(g) feather), clamped where
            // the profile is flat (the clamp also settles the centre, where both are 0).
            var d = q * ReciprocalSqrt(q);
            var rg = ReciprocalSqrt(g);
            var bend = Vector512.Min(q * rg * rg * rg * CurvatureScale, Vector512.Create(MaxBend));
            var t = ((d - q) * rg * InvFeather) - bend;
            t = Vector512.Min(Vector512.Max(t, Vector512.Create(-6f)), Vector512.Create(6f));
            var s = (t * SigmoidLinear) + (t * t * t * SigmoidCubic);
            var mask = (Vector512.Create(127.5f) * (Vector512<float>.One + (s * ReciprocalSqrt(Vector512<float>.One + (s * s))))) + Vector512.Create(0.5f);
            return Vector512.ConvertToInt32(mask).AsUInt32();
        }

        // The approximate reciprocal (14 bits) is plenty for a mask of 8 bits.
        private static Vector512<float> ReciprocalSqrt(Vector512<float> v) =>
            Avx512F.IsSupported ? Avx512F.ReciprocalSqrt14(v) : Vector512<float>.One / Vector512.Sqrt(v);
    }
}
