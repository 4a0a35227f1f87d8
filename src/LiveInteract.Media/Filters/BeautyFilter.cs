using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// <c>beauty</c>: skin smoothing on the face regions only. A bilateral filter (which blurs skin texture but keeps
/// edges such as eyes and lips) runs on a copy of each face shrunk to <see cref="WorkWidth"/> pixels, so the cost
/// does not grow with the camera resolution. The result is blended back through a feathered ellipse (no visible box
/// edge, turned with the head), and only where it differs little from the original: the shrink-and-grow softens eyes and lips too, and
/// those large differences are left out of the blend so features stay sharp while skin texture is smoothed.
/// Full-frame edge-preserving filters cost tens of ms at 720p and were ruled out.
/// </summary>
internal sealed class BeautyFilter(double strength) : IFrameFilter
{
    private const int WorkWidth = 128;

    // The feathered mask is drawn tiny and stretched: a wide Gaussian at work size alone cost more than the smoothing.
    private const int MaskWidth = 32;
    private const double Padding = 0.1;

    public string Kind => FilterKinds.Beauty;

    public bool NeedsFaces => true;

    public double Strength { get; } = strength;

    /// <summary>
    /// How the face's shrink does its last, fractional step (under 2x after the whole blocks): bilinear, a vectorised
    /// pass at a fraction of the area resize's cost that a bilateral-smoothed result cannot tell apart (tests compare
    /// the two looks with <see cref="InterpolationFlags.Area"/> here).
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
        using var smoothFull = new Mat();
        using var maskSmall = new Mat();
        using var mask = new Mat();
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
            AreaShrink.To(roi, small, workSize, block, blocks, ShrinkFraction);

            // Stronger settings widen the colour range treated as "the same skin"; edges stay above it.
            Cv2.BilateralFilter(small, smooth, 5, 20 + (50 * Strength), 4);
            Cv2.Resize(smooth, smoothFull, region.Size, 0, 0, InterpolationFlags.Linear);

            var maskSize = new Size(MaskWidth, Math.Max(8, MaskWidth * region.Height / region.Width));
            maskSmall.Create(maskSize, MatType.CV_8UC1);
            maskSmall.SetTo(Scalar.All(0));
            // The skin ellipse turns with the head: centred on the face, its axes along the face's own axes.
            var k = (double)maskSize.Width / region.Width;
            var centre = new Point((int)Math.Round((turned.Center.X - region.X) * k), (int)Math.Round((turned.Center.Y - region.Y) * k));
            var axes = new Size((int)(turned.Size.Width * k * 0.40), (int)(turned.Size.Height * k * 0.46));
            Cv2.Ellipse(maskSmall, centre, axes, face.RollDegrees, 0, 360, Scalar.All(255), -1);
            Cv2.GaussianBlur(maskSmall, maskSmall, new Size(0, 0), MaskWidth / 16.0);
            Cv2.Resize(maskSmall, mask, region.Size, 0, 0, InterpolationFlags.Linear);

            PixelBlend.Masked(roi, smoothFull, mask, Strength, edgeThreshold: (int)(18 + (22 * Strength)));
        }
    }
}
