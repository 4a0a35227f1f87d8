using OpenCvSharp;

namespace LiveInteract.Media.Hls;

/// <summary>
/// Fits a frame into a fixed output size without distortion: scaled to fit, centred, black bars around.
/// An HLS stream's size cannot change mid-stream, but a phone can rotate or a client can change resolution.
/// </summary>
internal static class Letterbox
{
    public static void Fit(Mat src, Mat dst, Size target)
    {
        if (src.Width == target.Width && src.Height == target.Height)
        {
            src.CopyTo(dst);
            return;
        }

        dst.Create(target, MatType.CV_8UC3);
        var scale = Math.Min((double)target.Width / src.Width, (double)target.Height / src.Height);
        var fitted = new Size(
            Math.Clamp((int)Math.Round(src.Width * scale), 1, target.Width),
            Math.Clamp((int)Math.Round(src.Height * scale), 1, target.Height));
        var at = new Rect((target.Width - fitted.Width) / 2, (target.Height - fitted.Height) / 2, fitted.Width, fitted.Height);
        if (fitted != target)
        {
            dst.SetTo(Scalar.Black);
        }

        using var inner = new Mat(dst, at);
        Cv2.Resize(src, inner, fitted, 0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
    }
}
