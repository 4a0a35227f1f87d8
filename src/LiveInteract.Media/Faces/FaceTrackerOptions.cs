namespace LiveInteract.Media.Faces;

/// <summary>Settings for <see cref="FaceTracker"/>. The defaults suit a phone or webcam selfie stream at 15-30 fps.</summary>
/// <param name="ModelDirectory">Folder with the BlazeFace ONNX files; null is <see cref="FaceModelFiles.DefaultDirectory"/>.</param>
/// <param name="DetectEveryNFrames">Run the detector on one frame in N; the tracker carries the faces in between.</param>
/// <param name="FullScanEvery">While faces are tracked, detection passes look only at a square around each face
/// (<see cref="RoiScale"/> times its size, which the 128 px model sees large and sharp); every this-many passes the
/// whole frame is scanned as well to find newcomers. 1 scans the whole frame on every pass.</param>
/// <param name="SmallFaceScanEvery">While no face is tracked and the close-face model finds none, the 256 px model (small,
/// distant faces, about 5 times the cost) scans the whole frame on one pass in this many. 0 never runs it.</param>
/// <param name="RoiScale">Side of the square searched around a tracked face, in face sizes.</param>
/// <param name="MaxMissedDetections">A track survives this many detection passes in a row without a matching face.</param>
/// <param name="MinCutoff">One-Euro filter cut-off at rest, in cycles per detection pass: lower is steadier on a still face.</param>
/// <param name="Beta">One-Euro speed coefficient (per face width per pass): higher follows a moving face with less lag.</param>
/// <param name="MatchIou">Minimum intersection-over-union for a detection to continue an existing track.</param>
/// <param name="MaxFaces">At most this many faces are tracked (most confident first); bounds per-frame filter work.</param>
/// <param name="MinScore">Model confidence for a new face.</param>
/// <param name="TrackScore">Model confidence that keeps a tracked face (lower than <see cref="MinScore"/>: hysteresis, so a
/// face half turned away does not blink).</param>
/// <param name="SteadyDetectEveryNFrames">On a steady face (see <paramref name="SteadyMove"/>) the detection interval grows by
/// <see cref="DetectEveryNFrames"/> after each steady pass, up to this many frames; the first pass that sees a face move,
/// miss, drop under <see cref="MinScore"/> or a new face brings it back to <see cref="DetectEveryNFrames"/>. Equal to
/// <see cref="DetectEveryNFrames"/>: a fixed interval.</param>
/// <param name="SteadyMove">A pass counts as steady when every tracked face was found within this many face widths of
/// its smoothed centre (with at least <see cref="MinScore"/>).</param>
/// <param name="SearchOffThread">A detection pass's inferences run on the thread pool (one at a time per tracker) on the
/// model input the frame thread prepared, and their faces are folded in on the next frame, carried one frame ahead at the
/// face's speed: no frame waits for an inference (~2 ms, close to a whole 640x480 frame's work), a stream's first frame
/// included (its faces come from the second). The CPU time is the same, spent on another thread. Off: every inference
/// runs on the frame's own thread and its faces are used on that frame (one still photograph).</param>
public sealed record FaceTrackerOptions(
    string? ModelDirectory = null,
    int DetectEveryNFrames = 3,
    int FullScanEvery = 4,
    int SmallFaceScanEvery = 2,
    double RoiScale = 2.0,
    int MaxMissedDetections = 2,
    double MinCutoff = 0.1,
    double Beta = 4,
    double MatchIou = 0.3,
    int MaxFaces = 4,
    float MinScore = 0.6f,
    float TrackScore = 0.5f,
    int SteadyDetectEveryNFrames = 9,
    double SteadyMove = 0.03,
    bool SearchOffThread = true)
{
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DetectEveryNFrames, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxMissedDetections);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFaces, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(FullScanEvery, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(SmallFaceScanEvery);
        ArgumentOutOfRangeException.ThrowIfLessThan(RoiScale, 1.2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinCutoff);
        ArgumentOutOfRangeException.ThrowIfNegative(Beta);
        ArgumentOutOfRangeException.ThrowIfLessThan(SteadyDetectEveryNFrames, DetectEveryNFrames);
        ArgumentOutOfRangeException.ThrowIfNegative(SteadyMove);
        if (MatchIou is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MatchIou), MatchIou, "MatchIou must be in [0, 1).");
        }

        if (MinScore is <= 0 or >= 1 || TrackScore is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinScore), "Scores must be in (0, 1).");
        }
    }
}
