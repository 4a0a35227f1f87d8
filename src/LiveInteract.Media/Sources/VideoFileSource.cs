using System.Diagnostics;
using System.Runtime.CompilerServices;
using OpenCvSharp;

namespace LiveInteract.Media.Sources;

/// <summary>
/// Plays a video file as a camera would: JPEG frames at a steady rate, looping. The server's demo room and the
/// CLI use it to stream real video without a camera. One reader at a time; not thread-safe.
/// </summary>
public sealed class VideoFileSource : IDisposable
{
    private readonly string _path;
    private readonly VideoFileSourceOptions _options;
    private readonly Mat _raw = new();
    private readonly Mat _sized = new();
    private VideoCapture _capture;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> if it cannot be read.</summary>
    public VideoFileSource(string path, VideoFileSourceOptions? options = null)
    {
        _path = File.Exists(path) ? path : throw new FileNotFoundException($"Video not found: {path}", path);
        _options = options ?? new VideoFileSourceOptions();
        if (_options.JpegQuality is < 1 or > 100 || _options.Fps is <= 0 or > 120 || _options.Width < 0 || _options.Height < 0
            || (_options.Width == 0) != (_options.Height == 0))
        {
            throw new ArgumentException("Invalid video source options.", nameof(options));
        }

        _capture = Open(path);
        var fileFps = _capture.Fps;
        Fps = _options.Fps ?? (fileFps is > 0 and < 120 ? fileFps : 25);
        Width = _options.Width > 0 ? _options.Width : _capture.FrameWidth;
        Height = _options.Height > 0 ? _options.Height : _capture.FrameHeight;
    }

    /// <summary>Videos from Debian's opencv-doc package, in order of preference for a demo (Megamind has a face).</summary>
    public static IReadOnlyList<string> SampleVideos { get; } =
    [
        "/usr/share/doc/opencv-doc/examples/data/Megamind.avi",
        "/usr/share/doc/opencv-doc/examples/data/vtest.avi",
    ];

    /// <summary>The first of <see cref="SampleVideos"/> that exists, or null.</summary>
    public static string? FindSampleVideo() => SampleVideos.FirstOrDefault(File.Exists);

    /// <summary>Frames per second that <see cref="ReadFramesAsync"/> yields.</summary>
    public double Fps { get; }

    /// <summary>Output frame width.</summary>
    public int Width { get; }

    /// <summary>Output frame height.</summary>
    public int Height { get; }

    /// <summary>
    /// The next frame as BGR into <paramref name="bgr"/>, looping at the end when <see cref="VideoFileSourceOptions.Loop"/>.
    /// Returns false at the end of a non-looping file.
    /// </summary>
    public bool ReadFrame(Mat bgr)
    {
        if (!_capture.Read(_raw) || _raw.Empty())
        {
            if (!_options.Loop)
            {
                return false;
            }

            // Seeking to 0 is unreliable for some containers; reopening always works.
            _capture.Dispose();
            _capture = Open(_path);
            if (!_capture.Read(_raw) || _raw.Empty())
            {
                throw new InvalidDataException($"Video has no readable frames: {_path}");
            }
        }

        if (_raw.Width == Width && _raw.Height == Height)
        {
            _raw.CopyTo(bgr);
        }
        else
        {
            Cv2.Resize(_raw, bgr, new Size(Width, Height), 0, 0, InterpolationFlags.Area);
        }

        return true;
    }

    /// <summary>The next frame JPEG-encoded, unpaced; null at the end of a non-looping file.</summary>
    public byte[]? ReadJpeg()
    {
        if (!ReadFrame(_sized))
        {
            return null;
        }

        Cv2.ImEncode(".jpg", _sized, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, _options.JpegQuality));
        return jpeg;
    }

    /// <summary>JPEG frames paced at <see cref="Fps"/> until cancelled (or the end of a non-looping file).</summary>
    public async IAsyncEnumerable<byte[]> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var interval = TimeSpan.FromSeconds(1 / Fps);
        var start = Stopwatch.GetTimestamp();
        for (long n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            // Pace against the start time, not the previous frame, so encode time does not accumulate as drift.
            var due = (interval * n) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }

            var jpeg = ReadJpeg();
            if (jpeg is null)
            {
                yield break;
            }

            yield return jpeg;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _capture.Dispose();
        _raw.Dispose();
        _sized.Dispose();
    }

    private static VideoCapture Open(string path)
    {
        var capture = new VideoCapture(path);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new InvalidDataException($"Cannot open video: {path}");
        }

        return capture;
    }
}
