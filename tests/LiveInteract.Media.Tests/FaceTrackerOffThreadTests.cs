using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// After a stream's first scan, a detection pass's inference runs on the thread pool, whether faces are tracked or not,
/// and its faces are folded in on the next frame (<see cref="FaceTrackerOptions.SearchOffThread"/>): the frame thread
/// runs none, the faces keep up.
/// </summary>
public sealed class FaceTrackerOffThreadTests
{
    [Fact]
    public void With_a_face_tracked_the_inference_runs_on_the_thread_pool_and_its_faces_come_on_the_next_frame()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var tracker = new FaceTracker(new FaceTrackerOptions(DetectEveryNFrames: 3, SteadyDetectEveryNFrames: 3));

        // Nothing tracked yet: the first scan runs at once, so the face has its sticker on its first frame.
        Assert.Single(tracker.Update(photo));
        Assert.True(tracker.LastUpdateDetected);
        Assert.Null(tracker.SearchInFlight);
        Assert.Equal(0, tracker.OffThreadDetections);

        Assert.Single(tracker.Update(photo));
        Assert.Single(tracker.Update(photo));

        // The next pass: handed off, the frame goes on with the carried face.
        Assert.Single(tracker.Update(photo));
        Assert.True(tracker.LastUpdateDetected);
        Assert.NotNull(tracker.SearchInFlight);
        Assert.Equal(1, tracker.OffThreadDetections);

        // Folded in on the next frame, which runs no inference of its own.
        var face = Assert.Single(tracker.Update(photo));
        Assert.False(tracker.LastUpdateDetected);
        Assert.Null(tracker.SearchInFlight);
        Assert.Equal(0, face.MissedDetections);
        Assert.NotEqual(0, tracker.SearchThread);
        Assert.NotEqual(Environment.CurrentManagedThreadId, tracker.SearchThread);
        Assert.True(TestData.PortraitFaceCentre.Contains(TestData.Centre(face.Box)));

        for (var i = 0; i < 12; i++)
        {
            Assert.Single(tracker.Update(photo));
        }

        Assert.Equal(tracker.Detections - 1, tracker.OffThreadDetections);
    }

    [Fact]
    public void After_the_first_frame_scans_with_nothing_tracked_are_handed_off_too_and_a_newcomer_comes_a_frame_later()
    {
        using var empty = TestData.Load(TestData.NoFaces);
        using var photo = TestData.Load(TestData.Portrait);
        using var scene = new Mat();
        Cv2.Resize(empty, scene, photo.Size());
        using var tracker = new FaceTracker(new FaceTrackerOptions(DetectEveryNFrames: 1, SmallFaceScanEvery: 0));

        // The stream's first scan runs on the frame thread; the next ones, with still nothing tracked, are handed off.
        Assert.Empty(tracker.Update(scene));
        Assert.Equal(0, tracker.OffThreadDetections);
        Assert.Empty(tracker.Update(scene));
        Assert.True(tracker.LastUpdateScannedFullFrame);
        Assert.NotNull(tracker.SearchInFlight);
        Assert.Equal(1, tracker.OffThreadDetections);

        // A face comes in: the frame it first shows on runs no inference and returns nothing yet (the scan folded in on it
        // looked at the empty scene); a later one has it, found by a scan that ran on the thread pool.
        Assert.Empty(tracker.Update(photo));
        Assert.False(tracker.LastUpdateDetected);
        var frames = 1;
        IReadOnlyList<TrackedFace> faces = [];
        while (faces.Count == 0 && frames < 5)
        {
            faces = tracker.Update(photo);
            frames++;
        }

        var face = Assert.Single(faces);
        Assert.True(TestData.PortraitFaceCentre.Contains(TestData.Centre(face.Box)), $"{face.Box}");
        Assert.Equal(3, frames);
        Assert.Equal(tracker.Detections - 1, tracker.OffThreadDetections);
        Assert.NotEqual(Environment.CurrentManagedThreadId, tracker.SearchThread);
    }

    [Fact]
    public void Off_every_inference_runs_on_the_frame_thread()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var tracker = new FaceTracker(new FaceTrackerOptions(DetectEveryNFrames: 3, SteadyDetectEveryNFrames: 3, SearchOffThread: false));
        for (var i = 0; i < 10; i++)
        {
            Assert.Single(tracker.Update(photo));
            Assert.Null(tracker.SearchInFlight);
        }

        Assert.Equal(4, tracker.Detections);
        Assert.Equal(0, tracker.OffThreadDetections);
    }

    [Fact]
    public void A_moving_face_is_followed_as_closely_as_with_every_inference_on_the_frame_thread()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var canvas = new Mat();
        Cv2.CopyMakeBorder(photo, canvas, 0, 0, 120, 120, BorderTypes.Replicate);
        using var handedOff = new FaceTracker(new FaceTrackerOptions());
        using var inline = new FaceTracker(new FaceTrackerOptions(SearchOffThread: false));
        var eyes = TestData.PortraitEyes;
        var errors = (HandedOff: new List<double>(), Inline: new List<double>());

        // The photograph panned 4 px a frame back and forth: the eye midpoint's true place is known on every frame.
        for (var i = 0; i < 120; i++)
        {
            var x = 240 - Math.Abs((i * 4 % 480) - 240);
            using var view = new Mat(canvas, new Rect(x, 0, photo.Width, photo.Height));
            var truth = new Point2f(((eyes.Right.X + eyes.Left.X) / 2) + 120 - x, (eyes.Right.Y + eyes.Left.Y) / 2);
            errors.HandedOff.Add(TestData.Distance(Assert.Single(handedOff.Update(view)).Keypoints!.Value.EyeCentre, truth));
            errors.Inline.Add(TestData.Distance(Assert.Single(inline.Update(view)).Keypoints!.Value.EyeCentre, truth));
        }

        Assert.True(handedOff.OffThreadDetections > 30, $"{handedOff.OffThreadDetections} of {handedOff.Detections} handed off");
        var (mean, meanInline) = (errors.HandedOff.Average(), errors.Inline.Average());
        var (worst, worstInline) = (errors.HandedOff.Max(), errors.Inline.Max());
        Assert.True(mean <= meanInline + 1.0, $"eye midpoint off by {mean:F2} px on average handed off, {meanInline:F2} px inline");
        // Where the pan turns round, a face carried a frame further at its old speed overshoots by about a frame's move more.
        Assert.True(worst <= worstInline + 10.0, $"eye midpoint off by at most {worst:F2} px handed off, {worstInline:F2} px inline");
    }

    [Fact]
    public void Disposing_or_a_new_frame_size_waits_for_a_search_in_flight()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var larger = new Mat();
        Cv2.CopyMakeBorder(photo, larger, 40, 40, 40, 40, BorderTypes.Replicate);
        var options = new FaceTrackerOptions(DetectEveryNFrames: 1, SteadyDetectEveryNFrames: 1);

        var tracker = new FaceTracker(options);
        tracker.Update(photo);
        tracker.Update(photo);
        var search = tracker.SearchInFlight;
        Assert.NotNull(search);

        // A new size starts over: the old search's faces are dropped and the new frame is scanned at once.
        var moved = Assert.Single(tracker.Update(larger));
        Assert.True(search.IsCompleted);
        Assert.True(TestData.PortraitFaceCentre.Contains(TestData.Centre(moved.Box) - new Point(40, 40)));

        tracker.Update(larger);
        search = tracker.SearchInFlight;
        Assert.NotNull(search);
        tracker.Dispose();
        Assert.True(search.IsCompleted);
        Assert.Throws<ObjectDisposedException>(() => tracker.Update(photo));
    }
}
