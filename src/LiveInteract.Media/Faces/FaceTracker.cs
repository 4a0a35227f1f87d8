using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// Follows faces across a stream: runs <see cref="FaceDetector"/> every
/// <see cref="FaceTrackerOptions.DetectEveryNFrames"/> frames and carries the smoothed boxes in between.
/// One instance per stream; not thread-safe.
/// </summary>
public sealed class FaceTracker : IDisposable
{
    private readonly FaceDetector _detector;
    private readonly FaceTrackSet _tracks;
    private readonly FaceTrackerOptions _options;
    private long _frame;
    private Size _lastSize;

    /// <summary>Creates a tracker and loads its cascade.</summary>
    public FaceTracker(FaceTrackerOptions? options = null)
    {
        _options = options ?? new FaceTrackerOptions();
        _detector = new FaceDetector(_options);
        _tracks = new FaceTrackSet(_options);
    }

    /// <summary>True when the last call to <see cref="Update"/> ran the detector.</summary>
    public bool LastUpdateDetected { get; private set; }

    /// <summary>Advances one frame and returns the faces to draw on it.</summary>
    public IReadOnlyList<TrackedFace> Update(Mat bgr)
    {
        var size = new Size(bgr.Width, bgr.Height);
        if (size != _lastSize)
        {
            // Boxes from a different resolution mean nothing here; start over and detect at once.
            _tracks.Clear();
            _frame = 0;
            _lastSize = size;
        }

        LastUpdateDetected = _frame % _options.DetectEveryNFrames == 0;
        _frame++;
        if (LastUpdateDetected)
        {
            _tracks.Observe(_detector.Detect(bgr));
        }

        return _tracks.Faces;
    }

    /// <inheritdoc />
    public void Dispose() => _detector.Dispose();
}
