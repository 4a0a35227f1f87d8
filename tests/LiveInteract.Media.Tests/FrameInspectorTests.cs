using System.Buffers.Binary;
using LiveInteract.Media.Admission;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

public sealed class FrameInspectorTests
{
    private static readonly byte[] Messi = TestData.LoadBytes(TestData.Messi);

    [Fact]
    public void A_real_photo_is_accepted_with_its_header_size()
    {
        var verdict = FrameInspector.Inspect(Messi);

        Assert.True(verdict.Accepted);
        Assert.Equal((548, 342), (verdict.Width, verdict.Height));
    }

    [Fact]
    public void A_progressive_jpeg_is_read_from_its_sof2_header()
    {
        using var photo = TestData.Load(TestData.Portrait);
        var progressive = TestData.Jpeg(photo, progressive: true);
        Assert.Contains(SofMarkers(progressive), m => m == 0xC2);

        var verdict = FrameInspector.Inspect(progressive);

        Assert.True(verdict.Accepted);
        Assert.Equal((434, 434), (verdict.Width, verdict.Height));
    }

    [Fact]
    public void Zero_padding_after_end_of_image_is_allowed()
    {
        var padded = Messi.Concat(new byte[16]).ToArray();

        Assert.True(FrameInspector.Inspect(padded).Accepted);
    }

    [Fact]
    public void Empty_message_is_rejected() =>
        Assert.Equal(FrameRejectReason.Empty, FrameInspector.Inspect([]).Reason);

    [Fact]
    public void Message_over_the_byte_cap_is_rejected()
    {
        var limits = new FrameLimits(MaxBytes: Messi.Length - 1);

        Assert.Equal(FrameRejectReason.TooLarge, FrameInspector.Inspect(Messi, limits).Reason);
        Assert.True(FrameInspector.Inspect(Messi, limits with { MaxBytes = Messi.Length }).Accepted);
    }

    [Fact]
    public void A_png_is_not_a_jpeg()
    {
        var png = File.ReadAllBytes("/usr/share/doc/opencv-doc/examples/data/pic1.png");

        Assert.Equal(FrameRejectReason.NotJpeg, FrameInspector.Inspect(png).Reason);
        Assert.Equal(FrameRejectReason.NotJpeg, FrameInspector.Inspect("hello"u8).Reason);
    }

    [Fact]
    public void A_frame_cut_in_its_image_data_is_truncated()
    {
        var half = Messi.AsSpan(0, Messi.Length / 2);

        Assert.Equal(FrameRejectReason.Truncated, FrameInspector.Inspect(half).Reason);
    }

    [Fact]
    public void A_frame_cut_in_its_headers_is_truncated()
    {
        Assert.Equal(FrameRejectReason.Truncated, FrameInspector.Inspect(Messi.AsSpan(0, 100)).Reason);
        Assert.Equal(FrameRejectReason.Truncated, FrameInspector.Inspect(Messi.AsSpan(0, 2)).Reason);
    }

    [Fact]
    public void Random_bytes_after_the_start_marker_are_corrupt()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0x12;
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;

        Assert.Equal(FrameRejectReason.Corrupt, FrameInspector.Inspect(bytes).Reason);
    }

    [Fact]
    public void A_scan_before_any_frame_header_is_corrupt()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x04, 0x00, 0x00, 0x01, 0x02, 0xFF, 0xD9];

        Assert.Equal(FrameRejectReason.Corrupt, FrameInspector.Inspect(bytes).Reason);
    }

    [Fact]
    public void A_header_claiming_60000_by_60000_is_rejected_without_decoding()
    {
        var crafted = WithHeaderSize(Messi, 60000, 60000);

        var verdict = FrameInspector.Inspect(crafted);

        Assert.Equal(FrameRejectReason.DimensionsTooLarge, verdict.Reason);
        Assert.Equal((60000, 60000), (verdict.Width, verdict.Height));
    }

    [Fact]
    public void Each_side_is_capped_even_when_the_pixel_count_fits()
    {
        var limits = new FrameLimits(MaxWidth: 1000, MaxHeight: 1000, MaxPixels: 10_000_000);

        Assert.Equal(FrameRejectReason.DimensionsTooLarge, FrameInspector.Inspect(WithHeaderSize(Messi, 4000, 100), limits).Reason);
        Assert.Equal(FrameRejectReason.DimensionsTooLarge, FrameInspector.Inspect(WithHeaderSize(Messi, 100, 4000), limits).Reason);
        Assert.True(FrameInspector.Inspect(WithHeaderSize(Messi, 1000, 1000), limits).Accepted);
    }

    [Fact]
    public void The_pixel_count_is_capped_even_when_each_side_fits()
    {
        var limits = new FrameLimits(MaxWidth: 2000, MaxHeight: 2000, MaxPixels: 1_000_000);

        Assert.Equal(FrameRejectReason.DimensionsTooLarge, FrameInspector.Inspect(WithHeaderSize(Messi, 1500, 1500), limits).Reason);
    }

    /// <summary>A copy of <paramref name="jpeg"/> whose SOF header claims another size.</summary>
    internal static byte[] WithHeaderSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        var sof = FindSegment(copy, m => m is 0xC0 or 0xC1 or 0xC2);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 5, 2), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 7, 2), (ushort)width);
        return copy;
    }

    /// <summary>Offset of the 0xFF of the first marker matching <paramref name="match"/>.</summary>
    internal static int FindSegment(byte[] jpeg, Func<byte, bool> match)
    {
        var pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            var marker = jpeg[pos + 1];
            if (match(marker))
            {
                return pos;
            }

            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2, 2));
        }

        throw new InvalidOperationException("marker not found");
    }

    private static IEnumerable<byte> SofMarkers(byte[] jpeg)
    {
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos + 1] != 0xDA)
        {
            yield return jpeg[pos + 1];
            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2, 2));
        }
    }
}
