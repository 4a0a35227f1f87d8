using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// Real photographs and videos from Debian's opencv-doc package (installed by scripts/setup.sh), with face
/// regions checked by eye on rendered detections.
/// </summary>
internal static class TestData
{
    private const string Examples = "/usr/share/doc/opencv-doc/examples/data";
    private const string DocImages = "/usr/share/doc/opencv-doc/opencv4/html";

    /// <summary>Lionel Messi mid-kick, 548x342, one small frontal face (about 45 px) near the top centre.</summary>
    public static string Messi => Require(Path.Combine(Examples, "messi5.jpg"));

    /// <summary>Head-and-shoulders portrait of a smiling man, 434x434, face about 180 px.</summary>
    public static string Portrait => Require(Path.Combine(DocImages, "227943776_1.jpg"));

    /// <summary>Portrait of a man with a goatee against green foliage, 584x824, face about 370 px.</summary>
    public static string TallPortrait => Require(Path.Combine(DocImages, "230501201_1.jpg"));

    /// <summary>A street scene with buildings and no faces, 868x600.</summary>
    public static string NoFaces => Require(Path.Combine(Examples, "building.jpg"));

    /// <summary>An animated film clip with a large frontal cartoon face, 720x528, 270 frames at 24 fps.</summary>
    public static string Megamind => Require(Path.Combine(Examples, "Megamind.avi"));

    /// <summary>Pedestrians filmed from above, 768x576, 795 frames at 10 fps.</summary>
    public static string Vtest => Require(Path.Combine(Examples, "vtest.avi"));

    // Verified regions (x, y, width, height) a detected face box's centre must fall in.
    public static readonly Rect MessiFaceCentre = new(230, 95, 35, 35);
    public static readonly Rect PortraitFaceCentre = new(180, 165, 45, 45);
    public static readonly Rect TallPortraitFaceCentre = new(280, 380, 70, 70);

    // Eye centres (the person's right eye, on the image's left, first), marked by eye on the photographs.
    public static readonly (Point2f Right, Point2f Left) PortraitEyes = (new(174, 168), new(240, 169));
    public static readonly (Point2f Right, Point2f Left) TallPortraitEyes = (new(238, 362), new(366, 356));

    /// <summary><paramref name="photo"/> turned <paramref name="degrees"/> counter-clockwise about its centre, edges replicated.</summary>
    public static Mat Rotated(Mat photo, double degrees)
    {
        using var m = Cv2.GetRotationMatrix2D(new Point2f(photo.Width / 2f, photo.Height / 2f), degrees, 1);
        var turned = new Mat();
        Cv2.WarpAffine(photo, turned, m, photo.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        return turned;
    }

    /// <summary>
    /// A tracker for one still photograph: its inferences run on the calling thread, so the first <c>Update</c> returns the
    /// faces (a stream's tracker hands every inference to the thread pool and has the faces from the next frame on).
    /// </summary>
    public static FaceTracker StillTracker() => new(new FaceTrackerOptions(SearchOffThread: false));

    public static double Distance(Point2f a, Point2f b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    public static Mat Load(string path)
    {
        var mat = Cv2.ImRead(path, ImreadModes.Color);
        Assert.False(mat.Empty(), $"could not read {path}");
        return mat;
    }

    public static byte[] LoadBytes(string path) => File.ReadAllBytes(path);

    public static byte[] Jpeg(Mat bgr, int quality = 90, bool progressive = false)
    {
        Cv2.ImEncode(
            ".jpg",
            bgr,
            out var bytes,
            new ImageEncodingParam(ImwriteFlags.JpegQuality, quality),
            new ImageEncodingParam(ImwriteFlags.JpegProgressive, progressive ? 1 : 0));
        return bytes;
    }

    public static Point Centre(Rect r) => new(r.X + (r.Width / 2), r.Y + (r.Height / 2));

    private static string Require(string path)
    {
        Assert.True(File.Exists(path), $"test data missing: {path} (run scripts/setup.sh)");
        return path;
    }
}
