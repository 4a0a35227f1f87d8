using LiveInteract.Media.Faces;
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

    /// <summary>
    /// Runs <paramref name="apply"/> on a view into <paramref name="bgr"/> of each face's <see cref="Expand">expanded</see>
    /// region (writes go to the frame), skipping regions under <paramref name="minSide"/> pixels on a side.
    /// </summary>
    public static void ForEach(Mat bgr, IReadOnlyList<TrackedFace> faces, double padding, int minSide, Action<Mat, Rect> apply)
    {
        foreach (var face in faces)
        {
            var region = Expand(face.Box, padding, bgr.Size());
            if (region.Width < minSide || region.Height < minSide)
            {
                continue;
            }

            using var roi = new Mat(bgr, region);
            apply(roi, region);
        }
    }
}
