using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// Follows faces across a stream with BlazeFace keypoints. Every <see cref="FaceTrackerOptions.DetectEveryNFrames"/>
/// frames (longer, up to <see cref="FaceTrackerOptions.SteadyDetectEveryNFrames"/>, while every face holds still) it
/// runs a detection pass: normally the 128 px close-face model on a square around each tracked face (as MediaPipe
/// tracks a face from its last region: the face fills the model's input, so its keypoints are sharp); every
/// <see cref="FaceTrackerOptions.FullScanEvery"/> passes, right after a tracked face was missed, and whenever nothing is
/// tracked, the same model also scans the whole frame for newcomers. A pass runs at most one inference per frame: its
/// whole-frame scan and square searches are spread over consecutive frames, so no frame pays for two. While
/// <see cref="FaceTrackerOptions.SearchOffThread"/> is on, the frame thread only prepares a search's model input, from a
/// stream's first frame on and whether faces are tracked or not; the inference runs on the thread pool and its faces are folded in on the next frame, one frame ahead of
/// where that search saw them, so no frame pays for an inference at all. When a pass finds nothing and nothing is
/// tracked, the 256 px model looks for small, distant faces on a copy of the next frame on the thread pool (one scan at
/// a time); what it finds starts tracks on a later frame. Between passes, moving faces are
/// carried forward at their smoothed speed. One instance per stream; <see cref="Update"/> is not thread-safe.
/// </summary>
public sealed class FaceTracker : IDisposable
{
    private readonly BlazeFaceDetector _front;
    private readonly BlazeFaceDetector? _back;
    private readonly FaceTrackSet _tracks;
    private readonly FaceTrackerOptions _options;

    // The pass under way: what is left to search (null = the whole frame, else a track id), what it found so far.
    private readonly Queue<int?> _jobs = new();
    private readonly List<FaceDetection> _found = [];
    private bool _passIsFull;
    private int _passFrames;

    // The search whose inference runs on the thread pool (null when none).
    private HandedOffSearch? _search;

    private readonly Mat _smallFrame = new();
    private Task<List<FaceDetection>>? _smallScan;
    private bool _smallScanDue;
    private Size _smallScanSize;

    private long _pass;
    private long _emptyPasses;
    private int _interval;
    private int _framesToPass;
    private int _sinceDetection;
    private Size _lastSize;
    private bool _disposed;

    /// <summary>Creates a tracker and loads its models (checked against their pinned checksums).</summary>
    public FaceTracker(FaceTrackerOptions? options = null)
    {
        _options = options ?? new FaceTrackerOptions();
        _options.Validate();
        _front = new BlazeFaceDetector(FaceModelFiles.FrontModel, _options.ModelDirectory);
        _back = _options.SmallFaceScanEvery > 0 ? new BlazeFaceDetector(FaceModelFiles.BackModel, _options.ModelDirectory) : null;
        _tracks = new FaceTrackSet(_options);
        _interval = _options.DetectEveryNFrames;
    }

    /// <summary>True when the last call to <see cref="Update"/> ran the detector (one step of a detection pass).</summary>
    public bool LastUpdateDetected { get; private set; }

    /// <summary>True when the last call to <see cref="Update"/> scanned the whole frame (not just around known faces).</summary>
    public bool LastUpdateScannedFullFrame { get; private set; }

    /// <summary>True when the last call to <see cref="Update"/> handed a small-face (256 px) scan to the thread pool.</summary>
    public bool LastUpdateStartedSmallFaceScan { get; private set; }

    /// <summary>True when the last call to <see cref="Update"/> started tracks from a finished small-face scan.</summary>
    public bool LastUpdateTookSmallFaces { get; private set; }

    /// <summary>Frames from one detection pass to the next as of now (grows on a steady face).</summary>
    public int DetectionInterval => _interval;

    /// <summary>
    /// 128 px detector inferences run so far, on the calling thread or handed off (the small-face scans are not among
    /// them).
    /// </summary>
    public long Detections { get; private set; }

    /// <summary>Of <see cref="Detections"/>, those that ran on the thread pool instead of the calling thread.</summary>
    public long OffThreadDetections { get; private set; }

    /// <summary>The small-face scan in flight or finished but not yet taken (null when none).</summary>
    internal Task? SmallFaceScan => _smallScan;

    /// <summary>The search handed to the thread pool and not yet folded in (null when none).</summary>
    internal Task? SearchInFlight => _search?.Faces;

    /// <summary>The managed thread the last search handed off ran on (0 before the first).</summary>
    internal int SearchThread { get; private set; }

    /// <summary>The managed thread the last small-face scan ran on (0 before the first).</summary>
    internal int SmallFaceScanThread { get; private set; }

    /// <summary>Advances one frame and returns the faces to draw on it.</summary>
    public IReadOnlyList<TrackedFace> Update(Mat bgr)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var size = new Size(bgr.Width, bgr.Height);
        if (size != _lastSize)
        {
            // Positions from a different resolution mean nothing here; start over and detect at once.
            AbandonSearch();
            _tracks.Clear();
            _jobs.Clear();
            _found.Clear();
            _pass = 0;
            _framesToPass = 0;
            _smallScanDue = false;
            _interval = _options.DetectEveryNFrames;
            _lastSize = size;
        }

        LastUpdateDetected = false;
        LastUpdateScannedFullFrame = false;
        LastUpdateStartedSmallFaceScan = false;
        LastUpdateTookSmallFaces = TakeSmallFaces(size);
        if (_smallScanDue)
        {
            // Due since the last pass found nothing: started a frame later, so the frame whose pass ran (preparing its input,
            // or running it inline with SearchOffThread off) does not also pay for copying the frame and handing the scan off.
            _smallScanDue = false;
            if (_tracks.Faces.Count == 0)
            {
                StartSmallFaceScan(bgr);
            }
        }

        if (FoldSearch() && _jobs.Count == 0)
        {
            // The pass's last search, run off the thread on the frame before this one, is in: the faces it saw are a frame old.
            _passFrames++;
            FinishPass();
            _sinceDetection = 1;
            return _tracks.FacesAhead(1.0 / _interval);
        }

        if (_jobs.Count == 0)
        {
            if (_framesToPass > 0)
            {
                _framesToPass--;
                _sinceDetection++;
                return _tracks.FacesAhead((double)_sinceDetection / _interval);
            }

            StartPass();
        }

        _passFrames++;
        RunOneSearch(bgr);
        if (_jobs.Count > 0 || _search is not null)
        {
            _sinceDetection++;
            return _tracks.FacesAhead((double)_sinceDetection / _interval);
        }

        FinishPass();
        return _tracks.Faces;
    }

    private void StartPass()
    {
        var known = _tracks.Faces;

        // A face missed near its last place has moved fast or gone: look everywhere at once rather than waiting
        // for the next scheduled full scan.
        _passIsFull = known.Count == 0 || known.Any(f => f.MissedDetections > 0) || _pass % _options.FullScanEvery == 0;

        _pass++;
        _passFrames = 0;
        _found.Clear();
        if (_passIsFull)
        {
            _jobs.Enqueue(null);
        }

        foreach (var face in known)
        {
            _jobs.Enqueue(face.Id);
        }
    }

    /// <summary>Runs the pass's next search (at most one inference), then drops the searches that became needless.</summary>
    private void RunOneSearch(Mat bgr)
    {
        SkipAnswered();
        if (!_jobs.TryDequeue(out var job))
        {
            return;
        }

        LastUpdateDetected = true;
        LastUpdateScannedFullFrame = job is null;
        Detections++;

        // A tracked face is searched in a square around where the last pass saw it, where even a distant face fills the
        // model's input.
        var box = job is { } id ? _tracks.Faces.First(f => f.Id == id).Box : default;
        var input = _front.Prepare(bgr, job is null ? null : Roi(box));
        var minScore = job is null ? _options.MinScore : _options.TrackScore;
        // Every search is handed off, a stream's first too: a face gets its sticker a frame after the frame its search
        // looked at (on a stream's first frame, from the second), and no frame pays for an inference (~2 ms, at 640x480
        // as much as the median frame's whole work: the first frame's inline scan was the one frame left over 2x it).
        if (_options.SearchOffThread)
        {
            OffThreadDetections++;
            var front = _front;
            _search = new HandedOffSearch(job, box, Task.Run(() =>
            {
                SearchThread = Environment.CurrentManagedThreadId;
                return front.Infer(input, minScore);
            }));
            return;
        }

        Fold(job, box, _front.Infer(input, minScore));
        SkipAnswered();
    }

    /// <summary>Adds what a search found to the pass: a whole-frame scan's faces, or the face a square search found again.</summary>
    private void Fold(int? job, Rect box, List<FaceDetection> faces)
    {
        if (job is null)
        {
            _found.AddRange(faces);
            return;
        }

        var best = BestNear(faces, box);
        if (best is { } hit && !_found.Any(f => FaceDetection.Iou(f.Box, hit.Box) > 0.5))
        {
            _found.Add(hit);
        }
    }

    /// <summary>
    /// Folds in the search handed to the thread pool on the previous frame, waiting for it if it is still running (it has
    /// had a frame's time; a failure fails this frame, as on the frame's own thread). False when none was in flight.
    /// </summary>
    private bool FoldSearch()
    {
        if (_search is not { } search)
        {
            return false;
        }

        _search = null;

        // Waited for through its handle: a plain Wait on a search the pool has not started yet would run it inline,
        // on this thread, which is what handing it off avoids.
        if (!search.Faces.IsCompleted)
        {
            ((IAsyncResult)search.Faces).AsyncWaitHandle.WaitOne();
        }

        Fold(search.Job, search.Box, search.Faces.GetAwaiter().GetResult());
        SkipAnswered();
        return true;
    }

    /// <summary>Waits for a search in flight and drops its faces (the frame size changed, or the tracker is going).</summary>
    private void AbandonSearch()
    {
        if (_search is not { } search)
        {
            return;
        }

        _search = null;
        try
        {
            search.Faces.Wait();
        }
        catch (AggregateException)
        {
            // Its faces are not wanted any more.
        }
    }

    /// <summary>A tracked face the whole-frame scan already saw, or one gone since the pass began, needs no square search.</summary>
    private void SkipAnswered()
    {
        while (_jobs.TryPeek(out var job) && job is { } id)
        {
            var face = _tracks.Faces.FirstOrDefault(f => f.Id == id);
            if (face.Id == id && !_found.Any(f => FaceDetection.Iou(f.Box, ToRect2f(face.Box)) >= _options.MatchIou))
            {
                return;
            }

            _jobs.Dequeue();
        }
    }

    private void FinishPass()
    {
        var wasEmpty = _tracks.Faces.Count == 0;
        _tracks.Observe(_found, _passIsFull);
        _sinceDetection = 0;
        if (_found.Count > 0)
        {
            _emptyPasses = 0;
        }
        else if (wasEmpty && _back is not null && _emptyPasses++ % _options.SmallFaceScanEvery == 0)
        {
            _smallScanDue = true;
        }

        // A steady face is looked at less and less often; anything else brings the normal rate back at once.
        _interval = _tracks.Steady
            ? Math.Min(_options.SteadyDetectEveryNFrames, _interval + _options.DetectEveryNFrames)
            : _options.DetectEveryNFrames;

        // The next pass starts an interval after this one started, whatever frames its searches were spread over.
        _framesToPass = Math.Max(0, _interval - _passFrames);
    }

    /// <summary>
    /// Hands the 256 px scan (~8 ms, 5 times a 128 px pass) to the thread pool on a copy of the frame, unless one is still
    /// running: the frame is not held up, and at most one scan per tracker is ever in flight.
    /// </summary>
    private void StartSmallFaceScan(Mat bgr)
    {
        if (_smallScan is not null || _back is null)
        {
            return;
        }

        bgr.CopyTo(_smallFrame);
        _smallScanSize = new Size(bgr.Width, bgr.Height);
        var back = _back;
        var frame = _smallFrame;
        var minScore = _options.MinScore;
        _smallScan = Task.Run(() =>
        {
            SmallFaceScanThread = Environment.CurrentManagedThreadId;
            return back.Detect(frame, null, minScore);
        });
        LastUpdateStartedSmallFaceScan = true;
    }

    /// <summary>
    /// Starts tracks from a finished small-face scan when nothing is tracked yet and the frame size is the one it scanned
    /// (a face found meanwhile by the 128 px model has its track already). A scan that failed fails this frame, as a
    /// detection on the frame's own thread would.
    /// </summary>
    private bool TakeSmallFaces(Size size)
    {
        if (_smallScan is not { IsCompleted: true } scan)
        {
            return false;
        }

        _smallScan = null;
        var faces = scan.GetAwaiter().GetResult();
        if (faces.Count == 0 || size != _smallScanSize || _tracks.Faces.Count > 0)
        {
            return false;
        }

        _emptyPasses = 0;
        _tracks.Observe(faces, wholeFrame: true);
        return true;
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

    /// <summary>Stops a small-face scan in flight (ONNX Runtime's terminate flag), waits for it, and frees the models.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AbandonSearch();
        if (_smallScan is { } scan)
        {
            _back?.Cancel();
            try
            {
                scan.Wait();
            }
            catch (AggregateException)
            {
                // A cancelled or failed scan: its faces are not wanted any more.
            }
        }

        _front.Dispose();
        _back?.Dispose();
        _smallFrame.Dispose();
    }

    /// <summary>A square search (<paramref name="Job"/>: a track id) or whole-frame scan (null) whose inference runs on the thread pool.</summary>
    private sealed record HandedOffSearch(int? Job, Rect Box, Task<List<FaceDetection>> Faces);
}
