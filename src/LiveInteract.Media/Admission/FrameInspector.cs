using System.Buffers.Binary;

namespace LiveInteract.Media.Admission;

/// <summary>
/// Reads a JPEG's marker segments up to the start of scan to learn its size without decoding a pixel,
/// and checks the bytes against <see cref="FrameLimits"/>. Cost is a walk over a few header segments,
/// so it is safe to run on every message on the receiving thread.
/// </summary>
public static class FrameInspector
{
    private const byte MarkerPrefix = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;

    /// <summary>Inspects <paramref name="jpeg"/> against <paramref name="limits"/> (or the defaults).</summary>
    public static FrameInspection Inspect(ReadOnlySpan<byte> jpeg, FrameLimits? limits = null)
    {
        limits ??= FrameLimits.Default;
        if (jpeg.IsEmpty)
        {
            return FrameInspection.Reject(FrameRejectReason.Empty);
        }

        if (jpeg.Length > limits.MaxBytes)
        {
            return FrameInspection.Reject(FrameRejectReason.TooLarge);
        }

        if (jpeg.Length < 2 || jpeg[0] != MarkerPrefix || jpeg[1] != StartOfImage)
        {
            return FrameInspection.Reject(FrameRejectReason.NotJpeg);
        }

        var header = ReadHeader(jpeg);
        if (header.Reason != FrameRejectReason.None)
        {
            return header;
        }

        // A frame cut short in its entropy-coded data still has intact headers; the missing end-of-image
        // marker is the cheap tell. Some encoders pad with zero bytes after it, which we allow.
        if (!EndsWithEndOfImage(jpeg))
        {
            return FrameInspection.Reject(FrameRejectReason.Truncated);
        }

        if (header.Width > limits.MaxWidth || header.Height > limits.MaxHeight
            || (long)header.Width * header.Height > limits.MaxPixels)
        {
            return new FrameInspection(FrameRejectReason.DimensionsTooLarge, header.Width, header.Height);
        }

        return header;
    }

    private static FrameInspection ReadHeader(ReadOnlySpan<byte> jpeg)
    {
        var width = 0;
        var height = 0;
        var pos = 2;
        while (true)
        {
            if (pos >= jpeg.Length)
            {
                return FrameInspection.Reject(FrameRejectReason.Truncated);
            }

            if (jpeg[pos] != MarkerPrefix)
            {
                return FrameInspection.Reject(FrameRejectReason.Corrupt);
            }

            // Any number of 0xFF fill bytes may precede a marker code.
            while (pos < jpeg.Length && jpeg[pos] == MarkerPrefix)
            {
                pos++;
            }

            if (pos >= jpeg.Length)
            {
                return FrameInspection.Reject(FrameRejectReason.Truncated);
            }

            var marker = jpeg[pos++];
            if (marker == 0x00 || marker == StartOfImage || marker == EndOfImage)
            {
                // A stuffed zero, a second SOI or an EOI before any scan cannot occur in a valid header.
                return FrameInspection.Reject(FrameRejectReason.Corrupt);
            }

            if (IsStandalone(marker))
            {
                continue;
            }

            if (pos + 2 > jpeg.Length)
            {
                return FrameInspection.Reject(FrameRejectReason.Truncated);
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(pos, 2));
            if (length < 2)
            {
                return FrameInspection.Reject(FrameRejectReason.Corrupt);
            }

            if (pos + length > jpeg.Length)
            {
                return FrameInspection.Reject(FrameRejectReason.Truncated);
            }

            var segment = jpeg.Slice(pos + 2, length - 2);
            if (IsStartOfFrame(marker))
            {
                // precision(1) height(2) width(2) components(1)
                if (segment.Length < 6 || width != 0)
                {
                    return FrameInspection.Reject(FrameRejectReason.Corrupt);
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(1, 2));
                width = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(3, 2));
                if (width == 0 || height == 0)
                {
                    // Height 0 means "defined later by a DNL marker": legal but never produced by cameras,
                    // and it would defeat the dimension check, so it is refused.
                    return FrameInspection.Reject(FrameRejectReason.Corrupt);
                }
            }
            else if (marker == StartOfScan)
            {
                return width == 0
                    ? FrameInspection.Reject(FrameRejectReason.Corrupt)
                    : new FrameInspection(FrameRejectReason.None, width, height);
            }

            pos += length;
        }
    }

    private static bool EndsWithEndOfImage(ReadOnlySpan<byte> jpeg)
    {
        var end = jpeg.Length;
        while (end > 0 && jpeg[end - 1] == 0x00)
        {
            end--;
        }

        return end >= 4 && jpeg[end - 2] == MarkerPrefix && jpeg[end - 1] == EndOfImage;
    }

    // RSTn and TEM carry no length field.
    private static bool IsStandalone(byte marker) => marker is (>= 0xD0 and <= 0xD7) or 0x01;

    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
}
