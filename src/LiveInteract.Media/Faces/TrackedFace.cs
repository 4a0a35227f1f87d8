using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// A face the tracker is following, in full-frame pixel coordinates.
/// <paramref name="Id"/> stays the same while the track lives, so effects can stay attached to one person.
/// <paramref name="MissedDetections"/> counts detection passes in a row that did not see this face.
/// <paramref name="Keypoints"/> are the smoothed eyes, nose, mouth and ears; null only for a face given as a bare box
/// (then filters treat it as upright, with eyes where they usually are in a face box).
/// </summary>
public readonly record struct TrackedFace(int Id, Rect Box, int MissedDetections, FaceKeypoints? Keypoints = null)
{
    /// <summary>Head roll in degrees from the eye line (0 when upright or unknown); positive turns clockwise on screen.</summary>
    public double RollDegrees => Keypoints?.RollDegrees ?? 0;

    /// <summary>The eyes: from the keypoints, or estimated from the box (at 40% of its height, 45% of its width apart).</summary>
    public (Point2f Right, Point2f Left) Eyes => Keypoints is { } k
        ? (k.RightEye, k.LeftEye)
        : (new Point2f(Box.X + (Box.Width * 0.275f), Box.Y + (Box.Height * 0.4f)),
           new Point2f(Box.X + (Box.Width * 0.725f), Box.Y + (Box.Height * 0.4f)));

    /// <summary>
    /// The face's box turned with the head: centred on the box, <paramref name="padding"/> of its size added on each
    /// side, rotated by <see cref="RollDegrees"/>. Beauty, blur and pixelate work inside it.
    /// </summary>
    public RotatedRect Region(double padding)
    {
        var grow = (float)(1 + (2 * padding));
        return new RotatedRect(
            new Point2f(Box.X + (Box.Width / 2f), Box.Y + (Box.Height / 2f)),
            new Size2f(Box.Width * grow, Box.Height * grow),
            (float)RollDegrees);
    }
}
