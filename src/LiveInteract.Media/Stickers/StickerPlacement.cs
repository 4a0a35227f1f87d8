using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Stickers;

/// <summary>
/// Where a sticker sits on a face, in a frame that turns and scales with the head: the origin is the midpoint between the
/// eyes, the x axis runs along the eye line, the y axis down the face, and the unit is the distance between the eyes
/// (which, unlike a box, does not change when the face is partly covered and is what a pair of glasses must span).
/// </summary>
/// <param name="WidthInEyeDistances">Sticker width in eye distances.</param>
/// <param name="OffsetInEyeDistances">Where the sticker's anchor row sits, below (positive) or above (negative) the eyes.</param>
/// <param name="StickerAnchor">Which row of the sticker is pinned there (0 = its top, 0.5 = its middle, 1 = its bottom).</param>
internal sealed record StickerPlacement(double WidthInEyeDistances, double OffsetInEyeDistances, double StickerAnchor)
{
    /// <summary>
    /// The sticker's size in pixels for <paramref name="face"/>, and the affine map from that scaled sticker's pixels to
    /// frame pixels (a rotation by the head's roll about the anchor, then a move onto the face). Null for a face too
    /// small to draw on.
    /// </summary>
    public (Size Size, double[] Map)? Place(TrackedFace face, Size asset, double scale)
    {
        var (right, left) = face.Eyes;
        var dx = left.X - right.X;
        var dy = left.Y - right.Y;
        var eyeDistance = Math.Sqrt((dx * dx) + (dy * dy));
        if (eyeDistance < 2)
        {
            return null;
        }

        var width = Math.Max(2, (int)Math.Round(eyeDistance * WidthInEyeDistances * scale));
        var height = Math.Max(2, (int)Math.Round(width * (double)asset.Height / asset.Width));
        var (cos, sin) = (dx / eyeDistance, dy / eyeDistance);

        // The anchor's place on the face: down the face's own y axis (-sin, cos) from the eye midpoint.
        var offset = OffsetInEyeDistances * eyeDistance;
        var px = ((right.X + left.X) / 2.0) - (sin * offset);
        var py = ((right.Y + left.Y) / 2.0) + (cos * offset);

        // Sticker pixel (x, y) -> frame: rotate about the sticker's anchor, then move the anchor to (px, py).
        var ax = width / 2.0;
        var ay = height * StickerAnchor;
        double[] map = [cos, -sin, px - ((cos * ax) - (sin * ay)), sin, cos, py - ((sin * ax) + (cos * ay))];
        return (new Size(width, height), map);
    }

    /// <summary>The frame rectangle the placed sticker covers (its turned corners' bounding box), before clipping.</summary>
    public static Rect Bounds(Size size, double[] map)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (x, y) in new (double X, double Y)[] { (0, 0), (size.Width, 0), (0, size.Height), (size.Width, size.Height) })
        {
            var fx = (map[0] * x) + (map[1] * y) + map[2];
            var fy = (map[3] * x) + (map[4] * y) + map[5];
            (minX, maxX) = (Math.Min(minX, fx), Math.Max(maxX, fx));
            (minY, maxY) = (Math.Min(minY, fy), Math.Max(maxY, fy));
        }

        var left = (int)Math.Floor(minX);
        var top = (int)Math.Floor(minY);
        return new Rect(left, top, (int)Math.Ceiling(maxX) - left, (int)Math.Ceiling(maxY) - top);
    }
}
