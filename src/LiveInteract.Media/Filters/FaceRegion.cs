using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>Geometry shared by the face-region filters.</summary>
internal static class FaceRegion
{
    /// <summary>
    /// <paramref name="face"/> grown by <paramref name="padding"/> of its size on every side (hair and jaw
    /// lie just outside a cascade box), clipped to the frame. Empty when the face is off-frame.
    /// </summary>
    public static Rect Expand(Rect face, double padding, Size frame)
    {
        var dx = (int)Math.Round(face.Width * padding);
        var dy = (int)Math.Round(face.Height * padding);
        var grown = new Rect(face.X - dx, face.Y - dy, face.Width + (2 * dx), face.Height + (2 * dy));
        var clipped = grown & new Rect(0, 0, frame.Width, frame.Height);
        return clipped.Width > 1 && clipped.Height > 1 ? clipped : default;
    }
}
