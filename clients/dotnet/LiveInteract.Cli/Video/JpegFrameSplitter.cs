using System.Buffers;
using System.Runtime.CompilerServices;

namespace LiveInteract.Cli.Video;

/// <summary>
/// Splits a byte stream of concatenated JPEGs (ffmpeg's <c>-f image2pipe -vcodec mjpeg</c>) into frames.
/// A frame runs from SOI (FF D8) to the first EOI (FF D9): inside a JPEG's entropy-coded data every FF is
/// followed by 00 or a restart marker, so FF D9 cannot occur before the real end. (Embedded EXIF thumbnails
/// would break that; ffmpeg's MJPEG encoder writes none.) Markers split across reads are handled.
/// </summary>
internal static class JpegFrameSplitter
{
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;

    public static async IAsyncEnumerable<byte[]> ReadFramesAsync(
        Stream stream, int maxFrameBytes = DefaultMaxFrameBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var frame = new ArrayBufferWriter<byte>(256 * 1024);
        var inFrame = false;
        var previous = -1; // last byte seen, to find a marker split across two reads
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    var b = chunk[i];
                    if (!inFrame)
                    {
                        if (previous == 0xFF && b == 0xD8)
                        {
                            inFrame = true;
                            frame.Clear();
                            frame.Write([(byte)0xFF]);
                            start = i;
                        }
                    }
                    else if (previous == 0xFF && b == 0xD9)
                    {
                        frame.Write(chunk.AsSpan(start, i + 1 - start));
                        if (frame.WrittenCount > maxFrameBytes) throw TooLarge(maxFrameBytes);
                        inFrame = false;
                        previous = -1;
                        yield return frame.WrittenSpan.ToArray();
                        continue;
                    }
                    previous = b;
                }
                if (inFrame)
                {
                    frame.Write(chunk.AsSpan(start, read - start));
                    if (frame.WrittenCount > maxFrameBytes) throw TooLarge(maxFrameBytes);
                }
            }
            if (inFrame) throw new InvalidDataException($"the stream ended inside a JPEG ({frame.WrittenCount} bytes without an end marker)");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static InvalidDataException TooLarge(int max) => new($"a JPEG frame is larger than {max} bytes");
}
