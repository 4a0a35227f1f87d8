using LiveInteract.Media.Filters;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// The computed soft ellipse is the mask OpenCV draws and blurs: a filled ellipse (drawn at 8x and shrunk, for its
/// sub-pixel edge) blurred by a Gaussian of the feather, compared on every pixel, upright and turned.
/// </summary>
public sealed class SoftEllipseTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(-35)]
    [InlineData(90)]
    public void The_mask_is_a_filled_ellipse_blurred_by_the_feather(double degrees)
    {
        var size = new Size(180, 200);
        var centre = new Point2f(93.3f, 97.6f);
        var axes = new Size2f(58f, 77f);
        const double feather = 180 / 16.0;
        using var expected = Reference(size, centre, axes, degrees, feather);

        var ellipse = new SoftEllipse(centre, axes, degrees, feather);
        using var mask = new Mat(size, MatType.CV_8UC1, Scalar.All(0));
        var row = new byte[size.Width + SoftEllipse.RowPadding];
        for (var y = 0; y < size.Height; y++)
        {
            Array.Clear(row);
            var (start, end) = ellipse.FillRow(y, row, size.Width);
            for (var x = 0; x < size.Width; x++)
            {
                var reference = expected.At<byte>(y, x);
                if (x < start || x >= end)
                {
                    // Outside the span the mask is zero: nowhere the reference has more than a trace.
                    Assert.True(reference <= 2, $"({x}, {y}) is outside the span {start}-{end} but the reference is {reference}");
                }
                else
                {
                    mask.Set(y, x, row[x]);
                }
            }
        }

        var whole = new Rect(0, 0, size.Width, size.Height);
        using var diff = new Mat();
        Cv2.Absdiff(expected, mask, diff);
        Cv2.MinMaxLoc(diff, out _, out double largest);
        var mean = Cv2.Mean(diff).Val0;
        Assert.True(mean < 1.0, $"mean difference {mean:F2}");
        Assert.True(largest <= 6, $"largest difference {largest}");
        Assert.Equal(255, mask.At<byte>((int)centre.Y, (int)centre.X));
        Assert.True(Cv2.CountNonZero(mask) > whole.Width * whole.Height / 3);
    }

    [Fact]
    public void A_row_that_misses_the_ellipse_is_empty()
    {
        var ellipse = new SoftEllipse(new Point2f(50, 50), new Size2f(20, 30), 0, 4);
        var row = new byte[100 + SoftEllipse.RowPadding];
        Assert.Equal((0, 0), ellipse.FillRow(50 + 55, row, 100));
        Assert.NotEqual((0, 0), ellipse.FillRow(50 + 30 + 8, row, 100));
        Assert.Throws<ArgumentException>(() => ellipse.FillRow(50, new byte[100], 100));
    }

    private static Mat Reference(Size size, Point2f centre, Size2f axes, double degrees, double feather)
    {
        const int k = 8;
        using var big = new Mat(new Size(size.Width * k, size.Height * k), MatType.CV_8UC1, Scalar.All(0));
        // Pixel i's centre is at i, so in the 8x drawing it is at 8i + 3.5.
        var bigCentre = new Point2f((centre.X * k) + ((k - 1) / 2f), (centre.Y * k) + ((k - 1) / 2f));
        Cv2.Ellipse(big, new RotatedRect(bigCentre, new Size2f(axes.Width * 2 * k, axes.Height * 2 * k), (float)degrees), Scalar.All(255), -1);
        var mask = new Mat();
        Cv2.Resize(big, mask, size, 0, 0, InterpolationFlags.Area);
        Cv2.GaussianBlur(mask, mask, new Size(0, 0), feather, feather, BorderTypes.Constant);
        return mask;
    }
}
