using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// Follows faces across a stream with BlazeFace keypoints. On one frame in <see cref="FaceTrackerOptions.DetectEveryNFrames"/>
/// it runs a detection pass: normally the 128 px close-face model on a square around each tracked face (as MediaPipe
/// tracks a face from its last region: the face fills the model's input, so its keypoints are sharp); every
/// <see cref="FaceTrackerOptions.FullScanEvery"/> passes, right after a tracked face was missed, and whenever nothing is
/// tracked, the same model also scans the whole frame for newcomers; when that finds nothing at all, the 256 px model
/// looks for small, distant faces. Between passes, moving faces are carried forward at their smoothed speed.
/// One instance per stream; not thread-safe.
/// </summary>
public sealed class FaceTracker : IDisposable
{
    private readonly BlazeFaceDetector _front;
    private readonly BlazeFaceDetector? _back;
    private readonly FaceTrackSet _tracks;
    private readonly FaceTrackerOptions _options;
    private long _frame;
    private long _pass;
    private long _emptyPasses;
    private int _sinceDetection;
    private Size _lastSize;

    /// <summary>Creates a tracker and loads its models (checked against their pinned checksums).</summary>
    public FaceTracker(FaceTrackerOptions? options = null)
    {
        _options = options ?? new FaceTrackerOptions();
        _options.Validate();
        _front = new BlazeFaceDetector(FaceModelFiles.FrontModel, _options.ModelDirectory);
        _back = _options.SmallFaceScanEvery > 0 ? new BlazeFaceDetector(FaceModelFiles.BackModel, _options.ModelDirectory) : null;
        _tracks = new FaceTrackSet(_options);
    }

    /// <summary>True when the last call to <see cref="Update"/> ran the detector.</summary>
    public bool LastUpdateDetected { get; private set; }

    /// <summary>True when the last call to <see cref="Update"/> scanned the whole frame (not just around known faces).</summary>
    public bool LastUpdateScannedFullFrame { get; private set; }

    /// <summary>True when the last call to <see cref="Update"/> ran the small-face (256 px) model.</summary>
    public bool LastUpdateScannedSmallFaces { get; private set; }

    /// <summary>Advances one frame and returns the faces to draw on it.</summary>
    public IReadOnlyList<TrackedFace> Update(Mat bgr)
    {
        var size = new Size(bgr.Width, bgr.Height);
        if (size != _lastSize)
        {
            // Positions from a different resolution mean nothing here; start over and detect at once.
            _tracks.Clear();
            _frame = 0;
            _pass = 0;
            _lastSize = size;
        }

        LastUpdateDetected = _frame % _options.DetectEveryNFrames == 0;
        LastUpdateScannedFullFrame = false;
        LastUpdateScannedSmallFaces = false;
        _frame++;
        if (!LastUpdateDetected)
        {
            _sinceDetection++;
            return _tracks.FacesAhead((double)_sinceDetection / _options.DetectEveryNFrames);
        }

        _sinceDetection = 0;
        var known = _tracks.Faces;

        // A face missed near its last place has moved fast or gone: look everywhere at once rather than waiting
        // for the next scheduled full scan.
        var full = known.Count == 0 || known.Any(f => f.MissedDetections > 0) || _pass % _options.FullScanEvery == 0;
        _pass++;
        LastUpdateScannedFullFrame = full;
        var found = full ? _front.Detect(bgr, null, _options.MinScore) : [];
        foreach (var face in known)
        {
            // Each tracked face the whole-frame scan did not see (or every face, on a pass that did not scan) is looked
            // for in a square around it, where even a distant face fills the model's input.
            if (found.Any(f => FaceDetection.Iou(f.Box, ToRect2f(face.Box)) >= _options.MatchIou))
            {
                continue;
            }

            var best = BestNear(_front.Detect(bgr, Roi(face.Box), _options.TrackScore), face.Box);
            if (best is { } hit && !found.Any(f => FaceDetection.Iou(f.Box, hit.Box) > 0.5))
            {
                found.Add(hit);
            }
        }

        if (found.Count == 0 && known.Count == 0 && _back is not null && _emptyPasses++ % _options.SmallFaceScanEvery == 0)
        {
            LastUpdateScannedSmallFaces = true;
            found = _back.Detect(bgr, null, _options.MinScore);
        }

        if (found.Count > 0)
        {
            _emptyPasses = 0;
        }

        _tracks.Observe(found, full);
        return _tracks.Faces;
    }

    private Rect Roi(Rect box)
    {
        var side = Math.Max(box.Width, box.Height) * _options.RoiScale;
        var cx = box.X + (box.Width / 2.0);
        var cy = box.Y + (box.Height / 2.0);
        return new Rect((int)Math.Round(cx - (side / 2)), (int)Math.Round(cy - (side / 2)), (int)Math.Round(side), (int)Math.Round(side));
    }

    private static FaceDetection? BestNear(List<FaceDetection> candidates, Rect box)
    {
        FaceDetection? best = null;
        var bestIou = 0.0;
        foreach (var c in candidates)
        {
            var iou = FaceDetection.Iou(c.Box, ToRect2f(box));
            if (iou > bestIou)
            {
                (best, bestIou) = (c, iou);
            }
        }

        return best;
    }

    private static Rect2f ToRect2f(Rect r) => new(r.X, r.Y, r.Width, r.Height);

    /// <inheritdoc />
    public void Dispose()
    {
        _front.Dispose();
        _back?.Dispose();
    }
}
