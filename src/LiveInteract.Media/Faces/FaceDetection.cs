using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>One face found by <see cref="BlazeFaceDetector"/> in one frame, in frame pixels.</summary>
/// <param name="Score">Model confidence, 0..1 (sigmoid of the logit).</param>
/// <param name="Box">Axis-aligned face box (forehead to chin, cheek to cheek).</param>
/// <param name="Keypoints">Eyes, nose, mouth and ears.</param>
public readonly record struct FaceDetection(float Score, Rect2f Box, FaceKeypoints Keypoints)
{
    /// <summary>Intersection over union of two boxes.</summary>
    public static double Iou(Rect2f a, Rect2f b)
    {
        var x1 = Math.Max(a.X, b.X);
        var y1 = Math.Max(a.Y, b.Y);
        var x2 = Math.Min(a.X + a.Width, b.X + b.Width);
        var y2 = Math.Min(a.Y + a.Height, b.Y + b.Height);
        if (x2 <= x1 || y2 <= y1)
        {
            return 0;
        }

        double inter = (x2 - x1) * (y2 - y1);
        double union = (a.Width * a.Height) + (b.Width * b.Height) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
