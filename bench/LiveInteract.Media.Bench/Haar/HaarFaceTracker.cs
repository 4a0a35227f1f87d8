// The Haar-cascade tracker the BlazeFace tracker replaced (issue 20), kept only as the baseline the bench compares against.
using OpenCvSharp;

using LiveInteract.Media.Faces;

namespace LiveInteract.Media.Bench.Haar;

/// <summary>
/// Follows faces across a stream: runs <see cref="HaarFaceDetector"/> every
/// <see cref="HaarTrackerOptions.DetectEveryNFrames"/> frames and carries the smoothed boxes in between.
/// While faces are tracked, most detection passes search only around them; a full-frame scan runs every
/// <see cref="HaarTrackerOptions.FullScanEvery"/> passes (and whenever nothing is tracked or a tracked face was
/// just missed) to find newcomers and faces that moved.
/// One instance per stream; not thread-safe.
/// </summary>
public sealed class HaarFaceTracker : IDisposable
{
    private readonly HaarFaceDetector _detector;
    private readonly HaarTrackSet _tracks;
    private readonly HaarTrackerOptions _options;
    private long _frame;
    private long _pass;
    private Size _lastSize;

    /// <summary>Creates a tracker and loads its cascade.</summary>
    public HaarFaceTracker(HaarTrackerOptions? options = null)
    {
        _options = options ?? new HaarTrackerOptions();
        _detector = new HaarFaceDetector(_options);
        _tracks = new HaarTrackSet(_options);
    }

    /// <summary>True when the last call to <see cref="Update"/> ran the detector.</summary>
    public bool LastUpdateDetected { get; private set; }

    /// <summary>True when the last call to <see cref="Update"/> scanned the whole frame (not just near known faces).</summary>
    public bool LastUpdateScannedFullFrame { get; private set; }

    /// <summary>Advances one frame and returns the faces to draw on it.</summary>
    public IReadOnlyList<TrackedFace> Update(Mat bgr)
    {
        var size = new Size(bgr.Width, bgr.Height);
        if (size != _lastSize)
        {
            // Boxes from a different resolution mean nothing here; start over and detect at once.
            _tracks.Clear();
            _frame = 0;
            _pass = 0;
            _lastSize = size;
        }

        LastUpdateDetected = _frame % _options.DetectEveryNFrames == 0;
        LastUpdateScannedFullFrame = false;
        _frame++;
        if (LastUpdateDetected)
        {
            var known = _tracks.Faces;
            // A face missed near its last place has moved fast or gone: look everywhere at once rather than
            // waiting for the next scheduled full scan.
            LastUpdateScannedFullFrame = known.Count == 0 || known.Any(f => f.MissedDetections > 0) || _pass % _options.FullScanEvery == 0;
            _pass++;
            var found = LastUpdateScannedFullFrame ? _detector.Detect(bgr) : _detector.DetectNear(bgr, known.Select(f => f.Box));
            _tracks.Observe(found, LastUpdateScannedFullFrame);
        }

        return _tracks.Faces;
    }

    /// <inheritdoc />
    public void Dispose() => _detector.Dispose();
}
