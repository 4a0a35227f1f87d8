using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

public sealed class FaceDetectorTests
{
    [Theory]
    [InlineData("portrait")]
    [InlineData("tall")]
    public void Finds_the_one_face_of_a_portrait_where_it_is(string which)
    {
        var (path, centre, minSide, maxSide) = which == "portrait"
            ? (TestData.Portrait, TestData.PortraitFaceCentre, 140, 230)
            : (TestData.TallPortrait, TestData.TallPortraitFaceCentre, 300, 430);
        using var photo = TestData.Load(path);
        using var detector = new FaceDetector(new FaceTrackerOptions());

        var faces = detector.Detect(photo);

        var face = Assert.Single(faces);
        Assert.True(centre.Contains(TestData.Centre(face)), $"face centre {TestData.Centre(face)} outside {centre}");
        Assert.InRange(face.Width, minSide, maxSide);
    }

    [Fact]
    public void Finds_messis_small_face_in_an_action_shot()
    {
        using var photo = TestData.Load(TestData.Messi);

        // His face is 7.5% of the frame width, below the selfie-oriented default floor of 8%.
        using var detector = new FaceDetector(new FaceTrackerOptions(MinFaceFraction: 0.05));

        var faces = detector.Detect(photo);

        Assert.Contains(faces, f => TestData.MessiFaceCentre.Contains(TestData.Centre(f)) && f.Width is >= 30 and <= 70);
    }

    [Fact]
    public void Searching_near_a_known_face_finds_it_again()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var detector = new FaceDetector(new FaceTrackerOptions());
        var face = Assert.Single(detector.Detect(photo));

        var again = Assert.Single(detector.DetectNear(photo, [new Rect(face.X + 15, face.Y - 10, face.Width, face.Height)]));

        Assert.True(Faces.FaceTrackSet.Iou(face, again) > 0.7, $"{again} vs {face}");
    }

    [Fact]
    public void Searching_near_an_empty_spot_finds_nothing()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var detector = new FaceDetector(new FaceTrackerOptions());

        Assert.Empty(detector.DetectNear(photo, [new Rect(0, 300, 120, 120)]));
    }

    [Fact]
    public void Finds_no_face_in_a_street_of_buildings()
    {
        using var photo = TestData.Load(TestData.NoFaces);
        using var detector = new FaceDetector(new FaceTrackerOptions());

        Assert.Empty(detector.Detect(photo));
    }

    [Fact]
    public void A_missing_cascade_file_is_reported_by_name()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new FaceDetector(new FaceTrackerOptions(CascadePath: "/nope/cascade.xml")));

        Assert.Contains("/nope/cascade.xml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boxes_are_in_full_frame_coordinates_whatever_the_detection_width()
    {
        using var photo = TestData.Load(TestData.TallPortrait);
        using var small = new FaceDetector(new FaceTrackerOptions(DetectionWidth: 200));
        using var large = new FaceDetector(new FaceTrackerOptions(DetectionWidth: 584));

        var a = Assert.Single(small.Detect(photo));
        var b = Assert.Single(large.Detect(photo));

        Assert.True(TestData.TallPortraitFaceCentre.Contains(TestData.Centre(a)));
        Assert.True(TestData.TallPortraitFaceCentre.Contains(TestData.Centre(b)));
        Assert.InRange(a.Width / (double)b.Width, 0.8, 1.25);
    }
}
