using System.Globalization;
using System.Text;
using LiveInteract.Media.Bench.Haar;
using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Bench;

/// <summary>
/// Detection quality on real footage, BlazeFace tracker vs the Haar tracker it replaced, on the same frames: frames
/// with a sticker (at least one tracked face), frames where only one of them has a face, and sticker jitter: how far
/// the glasses' anchor moves between consecutive frames of one track (BlazeFace: the eye midpoint; Haar: where its
/// glasses went, 40% down the box's centre line).
/// </summary>
internal static class TrackerQuality
{
    private const string Data = "/usr/share/doc/opencv-doc/examples/data/";

    /// <summary>A head-and-shoulders photograph (434x434, face about 180 px).</summary>
    public const string Portrait = "/usr/share/doc/opencv-doc/opencv4/html/227943776_1.jpg";

    /// <summary>The quality table over the sample footage (deterministic: the same in every round).</summary>
    public static string Table()
    {
        var report = new StringBuilder();
        report.AppendLine("### Detection quality (same frames, BlazeFace tracker vs the Haar tracker it replaced)");
        report.AppendLine();
        report.AppendLine("| footage | frames | frames with a sticker, BlazeFace | frames with a sticker, Haar | only BlazeFace | only Haar | anchor move px/frame, BlazeFace (median / p90) | anchor move px/frame, Haar (median / p90) |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, frames) in new (string, Func<List<Mat>>)[]
        {
            ("Megamind.avi (720x528, all 270 frames)", () => Video(Data + "Megamind.avi", 270)),
            ("vtest.avi (768x576, first 300 frames)", () => Video(Data + "vtest.avi", 300)),
            ("still face: portrait photo, fresh noise + JPEG per frame (90 frames)", () => StillFace(Portrait, 90)),
        })
        {
            var list = frames();
            Report(report, label, list);
            list.ForEach(m => m.Dispose());
        }

        return report.ToString();
    }

    public static void Report(StringBuilder report, string label, IReadOnlyList<Mat> frames)
    {
        using var blaze = new FaceTracker();
        using var haar = new HaarFaceTracker(new HaarTrackerOptions());
        int blazeFrames = 0, haarFrames = 0, onlyBlaze = 0, onlyHaar = 0;
        var blazeMoves = new List<double>();
        var haarMoves = new List<double>();
        (int Id, Point2f At)? lastBlaze = null, lastHaar = null;
        foreach (var frame in frames)
        {
            var b = blaze.Update(frame);
            var h = haar.Update(frame);
            blazeFrames += b.Count > 0 ? 1 : 0;
            haarFrames += h.Count > 0 ? 1 : 0;
            onlyBlaze += b.Count > 0 && h.Count == 0 ? 1 : 0;
            onlyHaar += h.Count > 0 && b.Count == 0 ? 1 : 0;
            lastBlaze = Step(b, f => f.Keypoints!.Value.EyeCentre, lastBlaze, blazeMoves);
            lastHaar = Step(h, f => new Point2f(f.Box.X + (f.Box.Width / 2f), f.Box.Y + (f.Box.Height * 0.4f)), lastHaar, haarMoves);
        }

        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {label} | {frames.Count} | {blazeFrames} | {haarFrames} | {onlyBlaze} | {onlyHaar} | {Median(blazeMoves):F2} / {P90(blazeMoves):F2} | {Median(haarMoves):F2} / {P90(haarMoves):F2} |");
    }

    /// <summary>A still face: one photograph with fresh sensor noise and JPEG compression on every frame.</summary>
    public static List<Mat> StillFace(string photo, int count)
    {
        using var source = Cv2.ImRead(photo);
        return StillFace(source, count);
    }

    /// <summary><paramref name="source"/> with fresh sensor noise and JPEG compression on every frame.</summary>
    public static List<Mat> StillFace(Mat source, int count)
    {
        // Randn draws from OpenCV's global generator: start it from its initial state, so the same frames come out
        // whatever ran before in the process (the quality table and the bench rounds both make still faces).
        Cv2.SetTheRNG(0xffffffff);
        var rng = new Random(7);
        var frames = new List<Mat>();
        using var noise = new Mat(source.Size(), MatType.CV_16SC3);
        for (var i = 0; i < count; i++)
        {
            Cv2.Randn(noise, Scalar.All(0), Scalar.All(4 + (rng.NextDouble() * 0.1)));
            using var noisy = new Mat();
            source.ConvertTo(noisy, MatType.CV_16SC3);
            Cv2.Add(noisy, noise, noisy);
            noisy.ConvertTo(noisy, MatType.CV_8UC3);
            Cv2.ImEncode(".jpg", noisy, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
            frames.Add(Cv2.ImDecode(jpeg, ImreadModes.Color));
        }

        return frames;
    }

    public static List<Mat> Video(string path, int count)
    {
        using var capture = new VideoCapture(path);
        var frames = new List<Mat>();
        var m = new Mat();
        while (frames.Count < count && capture.Read(m) && !m.Empty())
        {
            frames.Add(m.Clone());
        }

        m.Dispose();
        return frames;
    }

    private static (int Id, Point2f At)? Step(IReadOnlyList<TrackedFace> faces, Func<TrackedFace, Point2f> anchor, (int Id, Point2f At)? last, List<double> moves)
    {
        if (faces.Count == 0)
        {
            return null;
        }

        var face = last is { } l && faces.Any(f => f.Id == l.Id) ? faces.First(f => f.Id == l.Id) : faces[0];
        var at = anchor(face);
        if (last is { } prev && prev.Id == face.Id)
        {
            moves.Add(Math.Sqrt(((at.X - prev.At.X) * (at.X - prev.At.X)) + ((at.Y - prev.At.Y) * (at.Y - prev.At.Y))));
        }

        return (face.Id, at);
    }

    private static double Median(List<double> v) => v.Count == 0 ? double.NaN : v.Order().ElementAt(v.Count / 2);

    private static double P90(List<double> v) => v.Count == 0 ? double.NaN : v.Order().ElementAt(Math.Min(v.Count - 1, (int)(v.Count * 0.9)));
}
