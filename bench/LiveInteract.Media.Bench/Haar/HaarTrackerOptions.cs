// The Haar-cascade tracker the BlazeFace tracker replaced (issue 20), kept only as the baseline the bench compares against.
using LiveInteract.Media.Faces;

namespace LiveInteract.Media.Bench.Haar;

/// <summary>Settings for <see cref="HaarFaceTracker"/>. The defaults suit a phone or webcam selfie stream at 15-30 fps.</summary>
/// <param name="CascadePath">Haar or LBP cascade XML; null picks the first of <see cref="DefaultCascadePaths"/> that exists.</param>
/// <param name="DetectEveryNFrames">Run the (expensive) detector on one frame in N; the tracker carries boxes in between.</param>
/// <param name="DetectionWidth">Frames are scaled down to this width (grey) before a full-frame scan; smaller is faster but misses small faces.</param>
/// <param name="MinFaceFraction">A full-frame scan ignores faces narrower than this fraction of the frame width (selfie faces are 20-50%).</param>
/// <param name="FullScanEvery">While faces are tracked, detection passes look only near them (cheap); every this-many passes
/// the whole frame is scanned again to find newcomers. 1 scans the whole frame on every pass.</param>
/// <param name="MaxMissedDetections">A track survives this many detection passes in a row without a matching face.</param>
/// <param name="Smoothing">Weight of the newest detection in the exponential smoothing of a box (0..1]; lower is steadier.</param>
/// <param name="MatchIou">Minimum intersection-over-union for a detection to continue an existing track.</param>
/// <param name="MaxFaces">At most this many faces are tracked (largest first); bounds per-frame filter work.</param>
/// <param name="ScaleFactor">Cascade pyramid step.</param>
/// <param name="MinNeighbors">Cascade neighbour threshold; higher gives fewer false positives.</param>
public sealed record HaarTrackerOptions(
    string? CascadePath = null,
    int DetectEveryNFrames = 3,
    int DetectionWidth = 320,
    double MinFaceFraction = 0.08,
    int FullScanEvery = 8,
    int MaxMissedDetections = 3,
    double Smoothing = 0.5,
    double MatchIou = 0.3,
    int MaxFaces = 4,
    double ScaleFactor = 1.1,
    int MinNeighbors = 4)
{
    /// <summary>Where Debian's opencv-data package puts the frontal-face cascades, in order of preference.</summary>
    public static IReadOnlyList<string> DefaultCascadePaths { get; } =
    [
        "/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml",
        "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml",
        "/usr/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml",
        "/usr/share/opencv/haarcascades/haarcascade_frontalface_alt2.xml",
        "/usr/local/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml",
    ];

    /// <summary>The cascade file that will be loaded; throws <see cref="FileNotFoundException"/> when none exists.</summary>
    public string ResolveCascadePath()
    {
        if (CascadePath is not null)
        {
            return File.Exists(CascadePath)
                ? CascadePath
                : throw new FileNotFoundException($"Face cascade not found: {CascadePath}", CascadePath);
        }

        return DefaultCascadePaths.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                "No frontal-face cascade found; install Debian's opencv-data or set HaarTrackerOptions.CascadePath.");
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DetectEveryNFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(DetectionWidth, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxMissedDetections);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFaces, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(FullScanEvery, 1);
        if (MinFaceFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinFaceFraction), MinFaceFraction, "MinFaceFraction must be in (0, 1).");
        }
        if (Smoothing is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "Smoothing must be in (0, 1].");
        }

        if (MatchIou is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MatchIou), MatchIou, "MatchIou must be in [0, 1).");
        }
    }
}
