using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// One cascade classifier working on a small grey copy of the frame. Not thread-safe: OpenCV's
/// CascadeClassifier keeps scratch state, so each pipeline owns its own detector.
/// </summary>
public sealed class FaceDetector : IDisposable
{
    private readonly CascadeClassifier _cascade;
    private readonly FaceTrackerOptions _options;
    private readonly Mat _small = new();
    private readonly Mat _grey = new();

    /// <summary>Loads the cascade named by <paramref name="options"/>.</summary>
    public FaceDetector(FaceTrackerOptions options)
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

    /// <summary>Detected faces in <paramref name="bgr"/>, in full-frame coordinates, largest first.</summary>
    public Rect[] Detect(Mat bgr)
    {
        var scale = Math.Min(1.0, (double)_options.DetectionWidth / bgr.Width);
        Cv2.Resize(bgr, _small, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        Cv2.CvtColor(_small, _grey, ColorConversionCodes.BGR2GRAY);
        Cv2.EqualizeHist(_grey, _grey);

        // The cascade's own window is 20-24 px, so the floor is whichever is larger: that or the configured fraction.
        var minSide = Math.Max(20, (int)(_options.MinFaceFraction * _grey.Width));
        var found = _cascade.DetectMultiScale(
            _grey, _options.ScaleFactor, _options.MinNeighbors, HaarDetectionTypes.ScaleImage, new Size(minSide, minSide));

        var frame = new Rect(0, 0, bgr.Width, bgr.Height);
        return found
            .Select(r => new Rect(
                (int)Math.Round(r.X / scale), (int)Math.Round(r.Y / scale),
                (int)Math.Round(r.Width / scale), (int)Math.Round(r.Height / scale)) & frame)
            .OrderByDescending(r => r.Width * r.Height)
            .Take(_options.MaxFaces)
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
