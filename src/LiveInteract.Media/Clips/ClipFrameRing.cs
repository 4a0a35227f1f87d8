using OpenCvSharp;

namespace LiveInteract.Media.Clips;

/// <summary>
/// The last <see cref="ClipOptions.MaxSeconds"/> of a room's filtered video at <see cref="ClipOptions.Fps"/>, shrunk and
/// JPEG-encoded: a fixed-size ring, so memory is bounded (150 frames of ~10 KB by default) whatever the stream does.
/// The pipeline thread offers every frame; frames are kept on a steady clock (one per 1/Fps of capture time), so a
/// 30 fps stream and a 12 fps one both give clips at the same rate. Thread-safe: clips are read from request threads.
/// </summary>
public sealed class ClipFrameRing : IDisposable
{
    private readonly ClipOptions _options;
    private readonly ClipFrame?[] _frames;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly Mat _small = new();
    private int _next;
    private int _count;
    private DateTimeOffset? _due;

    public ClipFrameRing(ClipOptions? options = null)
    {
        _options = options ?? new ClipOptions();
        _options.Validate();
        _frames = new ClipFrame?[_options.Capacity];
        _interval = TimeSpan.FromSeconds(1.0 / _options.Fps);
    }

    /// <summary>Frames held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Keeps <paramref name="bgr"/> if a frame is due at <paramref name="capturedAt"/>; called by the pipeline thread only.</summary>
    public bool Offer(Mat bgr, DateTimeOffset capturedAt)
    {
        // Half an interval of slack: a 15 fps stream still yields 10 kept frames a second, not 7.5.
        if (_due is { } due && capturedAt < due - (_interval / 2))
        {
            return false;
        }

        // The first frame, or behind by more than an interval (a pause): restart the clock from this frame.
        _due = _due is not { } last || capturedAt - last > _interval ? capturedAt + _interval : last + _interval;
        var scale = Math.Min(1.0, (double)_options.Width / bgr.Width);
        var size = new Size(Math.Max(2, (int)Math.Round(bgr.Width * scale) & ~1), Math.Max(2, (int)Math.Round(bgr.Height * scale) & ~1));
        Cv2.Resize(bgr, _small, size, 0, 0, InterpolationFlags.Area);
        Cv2.ImEncode(".jpg", _small, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, _options.JpegQuality));
        var frame = new ClipFrame(capturedAt, jpeg, size.Width, size.Height);
        lock (_gate)
        {
            _frames[_next] = frame;
            _next = (_next + 1) % _frames.Length;
            _count = Math.Min(_count + 1, _frames.Length);
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _small.Dispose();

    /// <summary>
    /// The kept frames of the newest <paramref name="seconds"/> of capture time (those less than that before the newest
    /// frame), oldest first: at most seconds x Fps of them, fewer when the stream gave fewer frames in that time. A clip
    /// of 3 seconds covers 3 seconds whatever the stream's rate, not the last 30 frames however old.
    /// </summary>
    public IReadOnlyList<ClipFrame> Last(int seconds)
    {
        lock (_gate)
        {
            var most = Math.Min(_count, seconds * _options.Fps);
            var take = 0;
            while (take < most && Back(0).CapturedAt - Back(take).CapturedAt < TimeSpan.FromSeconds(seconds))
            {
                take++;
            }

            var result = new ClipFrame[take];
            for (var i = 0; i < take; i++)
            {
                result[i] = Back(take - 1 - i);
            }

            return result;
        }
    }

    /// <summary>The kept frame <paramref name="back"/> places before the newest (0: the newest); under the gate.</summary>
    private ClipFrame Back(int back) => _frames[(_next - 1 - back + _frames.Length) % _frames.Length]!;
}
