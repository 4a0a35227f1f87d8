using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// Geometry shared by the face-region filters: the face's box grown by a padding and turned with the head
/// (<see cref="TrackedFace.Region"/>), the frame rectangle around it, and a mask of it with a soft edge.
/// </summary>
internal static class FaceRegion
{
    // Masks are drawn this wide and stretched: a wide Gaussian at full size would cost more than the effect.
    private const int MaskWidth = 48;

    /// <summary>The bounding rectangle of <paramref name="region"/>, clipped to the frame; empty when off-frame.</summary>
    public static Rect Bounds(RotatedRect region, Size frame)
    {
        var clipped = region.BoundingRect() & new Rect(0, 0, frame.Width, frame.Height);
        return clipped.Width > 1 && clipped.Height > 1 ? clipped : default;
    }

    /// <summary>The frame rectangle a face filter with <paramref name="padding"/> may change for <paramref name="face"/>.</summary>
    public static Rect Bounds(TrackedFace face, double padding, Size frame) => Bounds(face.Region(padding), frame);

    /// <summary>
    /// Fills <paramref name="mask"/> (resized to <paramref name="bounds"/>) with 255 inside <paramref name="region"/>
    /// fading to 0 over <paramref name="feather"/> (a fraction of the region's width) just inside its edge: a turned
    /// rectangle, or with <paramref name="ellipse"/> the ellipse inscribed in it.
    /// </summary>
    public static void SoftMask(Mat mask, Rect bounds, RotatedRect region, double feather, bool ellipse = false)
    {
        var scale = Math.Min(1.0, (double)MaskWidth / bounds.Width);
        var small = new Size(Math.Max(4, (int)Math.Round(bounds.Width * scale)), Math.Max(4, (int)Math.Round(bounds.Height * scale)));
        var blurSigma = Math.Max(0.5, region.Size.Width * feather * scale / 3);
        var inset = (float)(region.Size.Width * feather / 2);

        using var m = new Mat(small, MatType.CV_8UC1, Scalar.All(0));
        var centre = new Point2f((float)((region.Center.X - bounds.X) * scale), (float)((region.Center.Y - bounds.Y) * scale));
        var size = new Size2f(
            (float)(Math.Max(1, region.Size.Width - (2 * inset)) * scale),
            (float)(Math.Max(1, region.Size.Height - (2 * inset)) * scale));
        var core = new RotatedRect(centre, size, region.Angle);
        if (ellipse)
        {
            Cv2.Ellipse(m, core, Scalar.All(255), -1, LineTypes.AntiAlias);
        }
        else
        {
            var corners = core.Points().Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))).ToArray();
            Cv2.FillConvexPoly(m, corners, Scalar.All(255), LineTypes.AntiAlias);
        }

        Cv2.GaussianBlur(m, m, new Size(0, 0), blurSigma);
        Cv2.Resize(m, mask, bounds.Size, 0, 0, InterpolationFlags.Linear);
    }
}
