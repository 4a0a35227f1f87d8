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

    /// <summary>A 0/255 mask of the pixels where <paramref name="a"/> and <paramref name="b"/> differ by more than <paramref name="threshold"/> in some channel.</summary>
    public static Mat ChangedMask(Mat a, Mat b, int threshold = 0)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        var channels = diff.Split();
        var mask = new Mat();
        Cv2.Max(channels[0], channels[1], mask);
        Cv2.Max(mask, channels[2], mask);
        foreach (var c in channels)
        {
            c.Dispose();
        }

        Cv2.Threshold(mask, mask, threshold, 255, ThresholdTypes.Binary);
        return mask;
    }

    /// <summary>
    /// Orientation in degrees of the long axis of the white pixels in <paramref name="mask"/> (from their second moments),
    /// in image coordinates: positive is clockwise on screen. For a drawn pair of glasses: the angle of its bar.
    /// </summary>
    public static double LongAxisDegrees(Mat mask)
    {
        var m = Cv2.Moments(mask, binaryImage: true);
        return 0.5 * Math.Atan2(2 * m.Mu11, m.Mu20 - m.Mu02) * 180 / Math.PI;
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
