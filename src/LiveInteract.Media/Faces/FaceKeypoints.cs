using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// The six points BlazeFace finds on a face, in frame pixels. "Right" and "left" are the person's own sides, as
/// MediaPipe names them: the right eye appears on the left of an unmirrored image.
/// </summary>
public readonly record struct FaceKeypoints(
    Point2f RightEye,
    Point2f LeftEye,
    Point2f Nose,
    Point2f Mouth,
    Point2f RightEar,
    Point2f LeftEar)
{
    /// <summary>Number of points, in the order of the model's output (and of <see cref="ToArray"/>).</summary>
    public const int Count = 6;

    /// <summary>Midpoint between the eyes: where glasses sit.</summary>
    public Point2f EyeCentre => new((RightEye.X + LeftEye.X) / 2, (RightEye.Y + LeftEye.Y) / 2);

    /// <summary>Distance between the eye centres in pixels: the face's scale, whichever way it is turned.</summary>
    public double EyeDistance => Math.Sqrt(Sq(LeftEye.X - RightEye.X) + Sq(LeftEye.Y - RightEye.Y));

    /// <summary>
    /// Roll of the head in degrees, from the eye line (image y grows downwards, so a positive angle is a clockwise turn
    /// on screen). 0 for an upright face.
    /// </summary>
    public double RollDegrees => Math.Atan2(LeftEye.Y - RightEye.Y, LeftEye.X - RightEye.X) * 180 / Math.PI;

    /// <summary>The points in model order.</summary>
    public Point2f[] ToArray() => [RightEye, LeftEye, Nose, Mouth, RightEar, LeftEar];

    /// <summary>Points from an array in model order (length <see cref="Count"/>).</summary>
    public static FaceKeypoints FromArray(ReadOnlySpan<Point2f> p) => new(p[0], p[1], p[2], p[3], p[4], p[5]);

    private static double Sq(double v) => v * v;
}
