using System.Buffers;
using System.Runtime.CompilerServices;
using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// <c>beauty</c>: skin smoothing on the face regions only. Each face is shrunk to <see cref="WorkWidth"/> pixels and
/// blurred there (a 3 x 3 box: at this size it takes out skin texture, pores and noise, not features), so the cost does
/// not grow with the camera resolution. The blur is grown back and blended row by row through a soft ellipse that turns
/// with the head (no visible box edge), and only where it differs little from the original: the shrink and blur soften
/// eyes, brows and lips too, and those large differences are left out of the blend so features stay sharp while skin
/// is smoothed. The threshold does the edge-keeping a bilateral filter would: beauty used one (OpenCV's, at the same
/// work size) until measurements showed the box gives the same look (0.3-0.4 levels apart at the default strength,
/// where beauty moves a face by about one) at a fraction of the cost (docs/BENCHMARKS.md, BeautyLookTests). Full-frame edge-preserving filters cost tens of ms at 720p and were ruled out.
/// </summary>
internal sealed class BeautyFilter(double strength, bool vectorised = true) : IFrameFilter
{
    private const int WorkWidth = 128;
    private const double Padding = 0.1;

    private readonly MaskedBlend _blend = new(strength, edgeThreshold: (int)(18 + (22 * strength)), vectorised);

    public string Kind => FilterKinds.Beauty;

    public bool NeedsFaces => true;

    public double Strength { get; } = strength;

    /// <summary>
    /// How the face's shrink does its last, fractional step (under 2x after the whole blocks): bilinear
    /// (<see cref="BilinearRows"/>, a fraction of OpenCV's cost on a face-sized image), which the smoothed result cannot
    /// tell from an area resize (tests compare the two looks with <see cref="InterpolationFlags.Area"/> here). The face
    /// detector keeps OpenCV's bilinear resize: its 8-bit weights moved the model's answers on small and still faces.
    /// </summary>
    internal InterpolationFlags ShrinkFraction { get; init; } = InterpolationFlags.Linear;

    public static BeautyFilter Parse(OptionReader options) => new(options.Number("strength", 0.6, 0, 1));

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces, FilterStreamState? stream)
    {
        if (Strength <= 0)
        {
            return;
        }

        using var blocks = new Mat();
        using var small = new Mat();
        using var smooth = new Mat();
        foreach (var face in faces)
        {
            var turned = face.Region(Padding);
            var region = FaceRegion.Bounds(turned, bgr.Size());
            if (region.Width < 8 || region.Height < 8)
            {
                continue;
            }

            // The region is trimmed (by under a block's side on the right and bottom, where the skin mask is all but zero)
            // so the shrink's whole-block first step divides it.
            var block = AreaShrink.BlockSide(region.Size, WorkWidth);
            region = AreaShrink.Trim(region, block);
            using var roi = new Mat(bgr, region);
            var scale = Math.Min(1.0, (double)WorkWidth / region.Width);
            var workSize = new Size(Math.Max(8, (int)(region.Width * scale)), Math.Max(8, (int)(region.Height * scale)));
            var blocked = AreaShrink.Blocks(roi, block, blocks);
            if (ShrinkFraction == InterpolationFlags.Linear)
            {
                BilinearRows.Resize(blocked, small, workSize);
            }
            else
            {
                Cv2.Resize(blocked, small, workSize, 0, 0, ShrinkFraction);
            }

            Cv2.Blur(small, smooth, new Size(3, 3));

            // The skin ellipse turns with the head: centred on the face, its axes along the face's own axes.
            var skin = new SoftEllipse(
                new Point2f(turned.Center.X - region.X, turned.Center.Y - region.Y),
                new Size2f(turned.Size.Width * 0.40f, turned.Size.Height * 0.46f),
                face.RollDegrees,
                region.Width / 16.0);
            BlendRows(roi, smooth, skin);
        }
    }

    /// <summary>
    /// Each row of <paramref name="roi"/>: the skin mask's span, the smoothed face grown back over that span, the blend,
    /// all in row buffers (no full-size grown image or mask is written and read back).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void BlendRows(Mat roi, Mat smooth, SoftEllipse skin)
    {
        var width = roi.Width;
        var height = roi.Height;
        var grow = new BilinearRows(smooth, roi.Size(), vectorised);
        // Rows are addressed from the data pointer: Mat.Ptr is a native call per row.
        var pixels = (byte*)roi.DataPointer;
        var stride = roi.Step();
        var pool = ArrayPool<byte>.Shared;
        var mask = pool.Rent(width + SoftEllipse.RowPadding);
        var grown = pool.Rent((width * 3) + BilinearRows.TargetPadding);
        var scratch = pool.Rent((smooth.Width * 3) + BilinearRows.ScratchPadding);
        try
        {
            fixed (byte* m = mask, g = grown, s = scratch)
            {
                for (var y = 0; y < height; y++)
                {
                    var (col, end) = skin.FillRow(y, mask, width);
                    if (col == end)
                    {
                        continue;
                    }

                    grow.Row(y, g, s, col, end);
                    _blend.Row(pixels + (y * stride), g, m, col, end, width);
                }
            }
        }
        finally
        {
            pool.Return(mask);
            pool.Return(grown);
            pool.Return(scratch);
        }
    }
}
