using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

public sealed class FaceDetectorTests
{
    [Fact]
    public void A_new_detector_is_warm_its_first_detection_costs_about_what_later_ones_do()
    {
        using var photo = TestData.Load(TestData.Portrait);

        // The managed code's first call (JIT) is not the session's cost: pay it on another detector first.
        using (var other = new BlazeFaceDetector(FaceModelFiles.FrontModel))
        {
            other.Detect(photo);
        }

        using var detector = new BlazeFaceDetector(FaceModelFiles.FrontModel);
        var first = CpuMs(() => detector.Detect(photo));
        var later = Enumerable.Range(0, 5).Select(_ => CpuMs(() => detector.Detect(photo))).Order().ElementAt(2);

        // A session's first run sets up ONNX Runtime's kernels and buffers (20-30 times an inference); the constructor
        // pays it, so the first frame does not.
        Assert.True(first < (3 * later) + 1, $"first detection {first:F2} ms CPU, later ones {later:F2} ms");
    }

    [Theory]
    [InlineData("portrait")]
    [InlineData("tall")]
    public void Finds_the_one_face_of_a_portrait_where_it_is(string which)
    {
        var (path, centre, minSide, maxSide) = which == "portrait"
            ? (TestData.Portrait, TestData.PortraitFaceCentre, 140, 230)
            : (TestData.TallPortrait, TestData.TallPortraitFaceCentre, 280, 430);
        using var photo = TestData.Load(path);
        using var detector = new BlazeFaceDetector(FaceModelFiles.FrontModel);

        var face = Assert.Single(detector.Detect(photo));

        var box = new Rect((int)face.Box.X, (int)face.Box.Y, (int)face.Box.Width, (int)face.Box.Height);
        Assert.True(centre.Contains(TestData.Centre(box)), $"face centre {TestData.Centre(box)} outside {centre}");
        Assert.InRange(box.Width, minSide, maxSide);
        Assert.True(face.Score > 0.8, $"score {face.Score}");
    }

    [Theory]
    [InlineData("portrait")]
    [InlineData("tall")]
    public void Keypoints_land_on_the_eyes(string which)
    {
        var (path, eyes) = which == "portrait"
            ? (TestData.Portrait, TestData.PortraitEyes)
            : (TestData.TallPortrait, TestData.TallPortraitEyes);
        using var photo = TestData.Load(path);
        using var detector = new BlazeFaceDetector(FaceModelFiles.FrontModel);

        var points = Assert.Single(detector.Detect(photo)).Keypoints;

        // Within a tenth of the distance between the eyes (7 px on the small portrait, 13 px on the tall one).
        var tolerance = 0.1 * TestData.Distance(eyes.Right, eyes.Left);
        Assert.True(TestData.Distance(points.RightEye, eyes.Right) < tolerance, $"right eye at {points.RightEye}, expected {eyes.Right}");
        Assert.True(TestData.Distance(points.LeftEye, eyes.Left) < tolerance, $"left eye at {points.LeftEye}, expected {eyes.Left}");
        Assert.True(points.Nose.Y > points.RightEye.Y && points.Mouth.Y > points.Nose.Y, "nose under the eyes, mouth under the nose");
    }

    [Fact]
    public void The_eye_line_of_a_photograph_turned_20_degrees_is_turned_20_degrees()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var turned = TestData.Rotated(photo, 20);
        using var detector = new BlazeFaceDetector(FaceModelFiles.FrontModel);

        var upright = Assert.Single(detector.Detect(photo)).Keypoints.RollDegrees;
        var roll = Assert.Single(detector.Detect(turned)).Keypoints.RollDegrees;

        // Counter-clockwise on screen is a negative roll (image y grows downwards).
        Assert.InRange(roll - upright, -26, -14);
    }

    [Fact]
    public void Messis_small_face_needs_the_small_face_model()
    {
        using var photo = TestData.Load(TestData.Messi);
        using var front = new BlazeFaceDetector(FaceModelFiles.FrontModel);
        using var back = new BlazeFaceDetector(FaceModelFiles.BackModel);

        // His face is 7% of the frame width: too small for the selfie model on the whole frame.
        Assert.Empty(front.Detect(photo));
        var face = Assert.Single(back.Detect(photo));

        var centre = new Point((int)(face.Box.X + (face.Box.Width / 2)), (int)(face.Box.Y + (face.Box.Height / 2)));
        Assert.True(TestData.MessiFaceCentre.Contains(centre), $"face centre {centre} outside {TestData.MessiFaceCentre}");
        Assert.InRange(face.Box.Width, 25, 70);
    }

    [Fact]
    public void A_square_around_a_small_face_lets_the_close_face_model_find_it_and_its_eyes()
    {
        using var photo = TestData.Load(TestData.Messi);
        using var front = new BlazeFaceDetector(FaceModelFiles.FrontModel);

        // What the tracker does after the small-face model found him: look at a square twice his face's size.
        var face = Assert.Single(front.Detect(photo, new Rect(205, 65, 80, 80)));

        Assert.True(face.Keypoints.RightEye.X < face.Keypoints.LeftEye.X);
        Assert.InRange(face.Keypoints.EyeCentre.X, 235, 255);
        Assert.InRange(face.Keypoints.EyeCentre.Y, 100, 114);
    }

    [Fact]
    public void Finds_no_face_in_a_street_of_buildings()
    {
        using var photo = TestData.Load(TestData.NoFaces);
        using var front = new BlazeFaceDetector(FaceModelFiles.FrontModel);
        using var back = new BlazeFaceDetector(FaceModelFiles.BackModel);

        Assert.Empty(front.Detect(photo));
        Assert.Empty(back.Detect(photo));
    }

    [Fact]
    public void A_missing_model_is_reported_with_what_to_run()
    {
        var folder = Directory.CreateTempSubdirectory("no-models").FullName;
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => new BlazeFaceDetector(FaceModelFiles.FrontModel, folder));

            Assert.Contains(folder, ex.Message, StringComparison.Ordinal);
            Assert.Contains("scripts/setup.sh", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void A_model_file_that_does_not_match_its_checksum_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("bad-models").FullName;
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(FaceModelFiles.DefaultDirectory, FaceModelFiles.FrontModel));
            bytes[^1] ^= 0xFF;
            File.WriteAllBytes(Path.Combine(folder, FaceModelFiles.FrontModel), bytes);

            var ex = Assert.Throws<InvalidDataException>(() => new BlazeFaceDetector(FaceModelFiles.FrontModel, folder));

            Assert.Contains("sha256", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static double CpuMs(Action work)
    {
        var start = Bench.ThreadCpuClock.NowMs();
        work();
        return Bench.ThreadCpuClock.NowMs() - start;
    }
}
