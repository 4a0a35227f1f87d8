using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>Measurements used to assert what a filter did to which pixels.</summary>
internal static class PixelMath
{
    /// <summary>Number of pixels in <paramref name="region"/> where any channel differs.</summary>
    public static int ChangedPixels(Mat a, Mat b, Rect region)
    {
        using var ra = new Mat(a, region);
        using var rb = new Mat(b, region);
        using var diff = new Mat();
        Cv2.Absdiff(ra, rb, diff);
        using var ones = new Mat(1, 3, MatType.CV_32FC1, Scalar.All(1));
        using var sum = new Mat();
        Cv2.Transform(diff, sum, ones);
        return Cv2.CountNonZero(sum);
    }

    /// <summary>Changed pixels in the whole frame outside <paramref name="keepOut"/>.</summary>
    public static int ChangedOutside(Mat a, Mat b, Rect keepOut)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        using var ones = new Mat(1, 3, MatType.CV_32FC1, Scalar.All(1));
        using var grey = new Mat();
        Cv2.Transform(diff, grey, ones);
        var clipped = keepOut & new Rect(0, 0, a.Width, a.Height);
        if (clipped.Width > 0 && clipped.Height > 0)
        {
            using var hole = new Mat(grey, clipped);
            hole.SetTo(Scalar.All(0));
        }

        return Cv2.CountNonZero(grey);
    }

    /// <summary>Mean absolute difference per channel value over <paramref name="region"/>.</summary>
    public static double MeanAbsDiff(Mat a, Mat b, Rect region)
    {
        using var ra = new Mat(a, region);
        using var rb = new Mat(b, region);
        using var diff = new Mat();
        Cv2.Absdiff(ra, rb, diff);
        var m = Cv2.Mean(diff);
        return (m.Val0 + m.Val1 + m.Val2) / 3;
    }

    /// <summary>Variance of the Laplacian of the grey image: a measure of fine detail (sharpness).</summary>
    public static double Sharpness(Mat bgr, Rect region)
    {
        using var roi = new Mat(bgr, region);
        using var grey = new Mat();
        Cv2.CvtColor(roi, grey, ColorConversionCodes.BGR2GRAY);
        using var lap = new Mat();
        Cv2.Laplacian(grey, lap, MatType.CV_64F);
        Cv2.MeanStdDev(lap, out _, out var std);
        return std.Val0 * std.Val0;
    }

    /// <summary>Mean B, G, R over the frame.</summary>
    public static (double B, double G, double R) MeanBgr(Mat bgr)
    {
        var m = Cv2.Mean(bgr);
        return (m.Val0, m.Val1, m.Val2);
    }
}
