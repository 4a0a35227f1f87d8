using LiveInteract.Media.Filters;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// The row-at-a-time bilinear resize gives OpenCV's <see cref="InterpolationFlags.Linear"/> resize to within a level
/// (8-bit weights where OpenCV keeps 11), for grows and shrinks by under 2 of a real photograph's face, and its vector
/// and scalar paths give the same bytes.
/// </summary>
public sealed class BilinearRowsTests
{
    public static TheoryData<int, int, int, int> Sizes => new()
    {
        { 128, 140, 150, 165 },   // beauty's grow back from work size
        { 128, 140, 301, 333 },   // a larger face's grow
        { 150, 165, 128, 140 },   // beauty's shrink to work size
        { 255, 256, 128, 128 },   // a shrink by just under 2 (the detector's square)
        { 256, 200, 128, 100 },   // by exactly 2
        { 97, 61, 97, 61 },       // the same size
        { 40, 30, 128, 128 },     // a small face grown to the detector's input
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_resize_gives_opencvs_bilinear_pixels_to_within_a_level(int fromWidth, int fromHeight, int toWidth, int toHeight)
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var face = new Mat(photo, new Rect(120, 90, fromWidth, fromHeight));
        using var expected = new Mat();
        Cv2.Resize(face, expected, new Size(toWidth, toHeight), 0, 0, InterpolationFlags.Linear);

        foreach (var vectorised in new[] { false, true })
        {
            using var resized = new Mat();
            BilinearRows.Resize(face, resized, new Size(toWidth, toHeight), vectorised);
            Assert.Equal(new Size(toWidth, toHeight), resized.Size());
            using var diff = new Mat();
            Cv2.Absdiff(expected, resized, diff);
            Cv2.MinMaxLoc(diff.Reshape(1), out _, out double largest);
            Assert.True(largest <= 1, $"{(vectorised ? "vector" : "scalar")}: a pixel differs from OpenCV's by {largest}");
            // Rounding apart (0.16-0.21 on a grow; 0.35 by exactly 2, where OpenCV takes its area path's single rounding).
            Assert.InRange(PixelMath.MeanAbsDiff(expected, resized, new Rect(0, 0, toWidth, toHeight)), 0, 0.4);
        }

        using var scalar = new Mat();
        using var vector = new Mat();
        BilinearRows.Resize(face, scalar, new Size(toWidth, toHeight), vectorised: false);
        BilinearRows.Resize(face, vector, new Size(toWidth, toHeight), vectorised: true);
        Assert.Equal(0, PixelMath.ChangedPixels(scalar, vector, new Rect(0, 0, toWidth, toHeight)));
    }

    [Fact]
    public unsafe void A_span_of_a_row_is_the_same_span_of_the_whole_row()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var face = new Mat(photo, new Rect(150, 100, 128, 140));
        var target = new Size(211, 230);
        var rows = new BilinearRows(face, target);
        var whole = new byte[(target.Width * 3) + BilinearRows.TargetPadding];
        var span = new byte[whole.Length];
        var scratch = new byte[(face.Width * 3) + BilinearRows.ScratchPadding];
        fixed (byte* w = whole, s = span, t = scratch)
        {
            foreach (var (y, col, end) in new[] { (0, 37, 90), (101, 0, 1), (229, 150, 211), (57, 16, 32) })
            {
                rows.Row(y, w, t, 0, target.Width);
                rows.Row(y, s, t, col, end);
                Assert.Equal(whole.AsSpan(col * 3, (end - col) * 3).ToArray(), span.AsSpan(col * 3, (end - col) * 3).ToArray());
            }
        }
    }
}
