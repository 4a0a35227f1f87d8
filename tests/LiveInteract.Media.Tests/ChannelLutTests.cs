using LiveInteract.Media.Filters;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// The looks' curves on real photographs: the vector path (AVX-512 VBMI where the CPU has it) gives exactly what a
/// byte-by-byte lookup of the curve gives, and exactly what the looks produced before, with <c>Cv2.LUT</c>.
/// </summary>
public sealed class ChannelLutTests
{
    public static TheoryData<string, int> Looks => new()
    {
        { "warm", 100 },
        { "warm", 37 },
        { "cool", 100 },
        { "vintage", 80 },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public void A_whole_photograph_matches_a_byte_by_byte_lookup_and_Cv2_LUT(string look, int percent)
    {
        using var photo = TestData.Load(TestData.TallPortrait);
        var lut = LookTables.Get(look, percent).Lut!;

        using var fast = photo.Clone();
        lut.Apply(fast);
        using var opencv = photo.Clone();
        Cv2.LUT(opencv, lut.Table, opencv);
        using var reference = ByteByByte(photo, lut);

        Assert.True(fast.IsContinuous());
        Assert.Equal(0, PixelMath.ChangedPixels(reference, fast, Whole(photo)));
        Assert.Equal(0, PixelMath.ChangedPixels(opencv, fast, Whole(photo)));
        Assert.True(PixelMath.ChangedPixels(photo, fast, Whole(photo)) > photo.Width * photo.Height / 2, "the look changed most pixels");
    }

    [Fact]
    public void A_region_with_an_odd_width_is_changed_inside_only()
    {
        // A region's rows are not contiguous in memory, and 3 x 301 bytes is not a whole number of 192-byte blocks:
        // both the row-by-row walk and the byte-by-byte tail run.
        using var photo = TestData.Load(TestData.Portrait);
        var lut = LookTables.Get("warm", 100).Lut!;
        var region = new Rect(17, 23, 301, 211);

        using var result = photo.Clone();
        using (var roi = new Mat(result, region))
        {
            Assert.False(roi.IsContinuous());
            lut.Apply(roi);
        }

        using var expected = photo.Clone();
        using (var roi = new Mat(expected, region))
        {
            Cv2.LUT(roi, lut.Table, roi);
        }

        Assert.Equal(0, PixelMath.ChangedPixels(expected, result, Whole(photo)));
        Assert.Equal(0, PixelMath.ChangedOutside(photo, result, region));
    }

    [Fact]
    public void Both_paths_agree_on_every_byte_value_in_every_channel()
    {
        // 256 x 3 pixels holding every value in every channel, at every phase of the channel pattern.
        using var ramp = new Mat(3, 256, MatType.CV_8UC3);
        for (var row = 0; row < 3; row++)
        {
            for (var v = 0; v < 256; v++)
            {
                ramp.Set(row, v, new Vec3b((byte)v, (byte)((v + (85 * row)) % 256), (byte)(255 - v)));
            }
        }

        var lut = LookTables.Get("vintage", 100).Lut!;
        using var vector = ramp.Clone();
        lut.Apply(vector, vectorised: true);
        using var scalar = ramp.Clone();
        lut.Apply(scalar, vectorised: false);
        using var reference = ByteByByte(ramp, lut);

        Assert.Equal(0, PixelMath.ChangedPixels(reference, vector, Whole(ramp)));
        Assert.Equal(0, PixelMath.ChangedPixels(reference, scalar, Whole(ramp)));
    }

    private static Rect Whole(Mat m) => new(0, 0, m.Width, m.Height);

    /// <summary>The curve applied one byte at a time, read back from the table the LUT was built from.</summary>
    private static Mat ByteByByte(Mat bgr, ChannelLut lut)
    {
        var result = bgr.Clone();
        var (rows, cols) = (result.Rows, result.Cols);
        for (var row = 0; row < rows; row++)
        {
            for (var col = 0; col < cols; col++)
            {
                var p = result.At<Vec3b>(row, col);
                var b = lut.Table.At<Vec3b>(0, p.Item0).Item0;
                var g = lut.Table.At<Vec3b>(0, p.Item1).Item1;
                var r = lut.Table.At<Vec3b>(0, p.Item2).Item2;
                result.Set(row, col, new Vec3b(b, g, r));
            }
        }

        return result;
    }
}
