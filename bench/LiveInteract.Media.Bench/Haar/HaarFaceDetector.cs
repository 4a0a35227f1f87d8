// The Haar-cascade tracker the BlazeFace tracker replaced (issue 20), kept only as the baseline the bench compares against.
using OpenCvSharp;

using LiveInteract.Media.Faces;

namespace LiveInteract.Media.Bench.Haar;

/// <summary>
/// One cascade classifier working on a small grey copy of the frame. Not thread-safe: OpenCV's
/// CascadeClassifier keeps scratch state, so each pipeline owns its own detector.
/// </summary>
public sealed class HaarFaceDetector : IDisposable
{
    private readonly CascadeClassifier _cascade;
    private readonly HaarTrackerOptions _options;
    private readonly Mat _small = new();
    private readonly Mat _grey = new();

    /// <summary>Loads the cascade named by <paramref name="options"/>.</summary>
    public HaarFaceDetector(HaarTrackerOptions options)
    {
        options.Validate();
        _options = options;
        var path = options.ResolveCascadePath();
        _cascade = new CascadeClassifier(path);
        if (_cascade.Empty())
        {
            _cascade.Dispose();
            throw new InvalidDataException($"Not a usable cascade file: {path}");
        }
    }

    // Near a known face, the region is shrunk so the face is about this wide: big enough for the cascade's
    // 20-24 px window with margin, small enough that the scan costs a fraction of a full-frame one.
    private const int NearFaceWidth = 48;

    /// <summary>Detected faces anywhere in <paramref name="bgr"/>, in full-frame coordinates, largest first.</summary>
    public Rect[] Detect(Mat bgr)
    {
        var frame = new Rect(0, 0, bgr.Width, bgr.Height);
        var scale = Math.Min(1.0, (double)_options.DetectionWidth / bgr.Width);

        // The cascade's own window is 20-24 px, so the floor is whichever is larger: that or the configured fraction.
        var minSide = Math.Max(20, (int)(_options.MinFaceFraction * bgr.Width * scale));
        return DetectIn(bgr, frame, scale, minSide, 0)
            .OrderByDescending(r => r.Width * r.Height)
            .Take(_options.MaxFaces)
            .ToArray();
    }

    /// <summary>
    /// Detected faces close to the <paramref name="known"/> boxes only, in full-frame coordinates. Each box is
    /// searched in a window 1.6 times its size for a face 0.75 to 1.4 times as wide: a face moves and turns only so
    /// much between detection passes a tenth of a second apart. About a fifteenth of the cost of <see cref="Detect"/>;
    /// finds no newcomers.
    /// </summary>
    public Rect[] DetectNear(Mat bgr, IEnumerable<Rect> known)
    {
        var frame = new Rect(0, 0, bgr.Width, bgr.Height);
        var found = new List<Rect>();
        foreach (var box in known)
        {
            var growX = (int)(box.Width * 0.3);
            var growY = (int)(box.Height * 0.3);
            var region = new Rect(box.X - growX, box.Y - growY, box.Width + (2 * growX), box.Height + (2 * growY)) & frame;
            if (region.Width < 24 || region.Height < 24)
            {
                continue;
            }

            var scale = Math.Min(1.0, (double)NearFaceWidth / box.Width);
            var expected = box.Width * scale;
            var minSide = Math.Max(20, (int)(expected * 0.75));
            var maxSide = Math.Min((int)(Math.Min(region.Width, region.Height) * scale), (int)Math.Ceiling(expected * 1.4));
            foreach (var face in DetectIn(bgr, region, scale, minSide, maxSide))
            {
                // Windows of neighbouring faces overlap; keep one box per face.
                if (!found.Any(f => HaarTrackSet.Iou(f, face) > 0.5))
                {
                    found.Add(face);
                }
            }
        }

        return found.ToArray();
    }

    private Rect[] DetectIn(Mat bgr, Rect region, double scale, int minSide, int maxSide)
    {
        using (var roi = new Mat(bgr, region))
        {
            Cv2.Resize(roi, _small, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        }

        Cv2.CvtColor(_small, _grey, ColorConversionCodes.BGR2GRAY);
        Cv2.EqualizeHist(_grey, _grey);
        if (maxSide > 0 && maxSide < minSide)
        {
            return [];
        }

        var found = _cascade.DetectMultiScale(
            _grey,
            _options.ScaleFactor,
            _options.MinNeighbors,
            HaarDetectionTypes.ScaleImage,
            new Size(minSide, minSide),
            maxSide > 0 ? new Size(maxSide, maxSide) : null);

        var frame = new Rect(0, 0, bgr.Width, bgr.Height);
        return found
            .Select(r => new Rect(
                region.X + (int)Math.Round(r.X / scale),
                region.Y + (int)Math.Round(r.Y / scale),
                (int)Math.Round(r.Width / scale),
                (int)Math.Round(r.Height / scale)) & frame)
            .ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cascade.Dispose();
        _small.Dispose();
        _grey.Dispose();
    }
}
