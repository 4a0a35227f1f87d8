using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// Every detection pass's inference runs on the thread pool, a stream's first included and whether faces are tracked or
/// not, and its faces are folded in on the next frame (<see cref="FaceTrackerOptions.SearchOffThread"/>): the frame
/// thread runs none, the faces keep up.
/// </summary>
public sealed class FaceTrackerOffThreadTests
{
    [Fact]
    public void Every_inference_runs_on_the_thread_pool_and_its_faces_come_on_the_next_frame()
    {
        using var photo = TestData.Load(TestData.Portrait);
        using var tracker = new FaceTracker(new FaceTrackerOptions(DetectEveryNFrames: 3, SteadyDetectEveryNFrames: 3));

        // Nothing tracked yet: even the stream's first scan is handed off, and the first frame goes on without a face.
        Assert.Empty(tracker.Update(photo));
        Assert.True(tracker.LastUpdateDetected);
        Assert.True(tracker.LastUpdateScannedFullFrame);
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

        // With the face tracked, each pass searches its square, handed off the same way; the face stays on every frame.
        var handedOff = false;
        for (var i = 0; i < 12; i++)
        {
            Assert.Single(tracker.Update(photo));
            handedOff |= tracker.SearchInFlight is not null;
        }

        Assert.True(handedOff);
        Assert.True(tracker.Detections >= 4, $"{tracker.Detections} detections");
        Assert.Equal(tracker.Detections, tracker.OffThreadDetections);
    }

    [Fact]
    public void Scans_with_nothing_tracked_are_handed_off_and_a_newcomer_comes_a_frame_later()
    {
        using var empty = TestData.Load(TestData.NoFaces);
        using var photo = TestData.Load(TestData.Portrait);
        using var scene = new Mat();
        Cv2.Resize(empty, scene, photo.Size());
        using var tracker = new FaceTracker(new FaceTrackerOptions(DetectEveryNFrames: 1, SmallFaceScanEvery: 0));

        // The scans of an empty scene, the stream's first among them, are all handed off: frames 1 and 3 start one, frame 2
        // folds the first in.
        for (var i = 0; i < 3; i++)
        {
            Assert.Empty(tracker.Update(scene));
        }

        Assert.Equal(tracker.Detections, tracker.OffThreadDetections);
        Assert.Equal(2, tracker.OffThreadDetections);

        // A face comes in: the frame it first shows on runs no inference and returns nothing (the scan folded in on it
        // looked at the empty scene); the next hands its own scan off, and the one after has the face.
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
        Assert.Equal(tracker.Detections, tracker.OffThreadDetections);
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

        // The photograph panned 4 px a frame back and forth: the eye midpoint's true place is known on every frame. The
        // handed-off tracker has the face from the second frame; the first is compared on neither.
        for (var i = 0; i < 120; i++)
        {
            var x = 240 - Math.Abs((i * 4 % 480) - 240);
            using var view = new Mat(canvas, new Rect(x, 0, photo.Width, photo.Height));
            var truth = new Point2f(((eyes.Right.X + eyes.Left.X) / 2) + 120 - x, (eyes.Right.Y + eyes.Left.Y) / 2);
            var (offThread, onThread) = (handedOff.Update(view), Assert.Single(inline.Update(view)));
            if (i == 0)
            {
                Assert.Empty(offThread);
                continue;
            }

            errors.HandedOff.Add(TestData.Distance(Assert.Single(offThread).Keypoints!.Value.EyeCentre, truth));
            errors.Inline.Add(TestData.Distance(onThread.Keypoints!.Value.EyeCentre, truth));
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
        var search = tracker.SearchInFlight;
        Assert.NotNull(search);

        // A new size starts over: the old search's faces are dropped and the new frame's scan is handed off; the face
        // comes on the frame after, where it is in the larger frame.
        Assert.Empty(tracker.Update(larger));
        Assert.True(search.IsCompleted);
        var moved = Assert.Single(tracker.Update(larger));
        Assert.True(TestData.PortraitFaceCentre.Contains(TestData.Centre(moved.Box) - new Point(40, 40)));

        tracker.Update(larger);
        search = tracker.SearchInFlight;
        Assert.NotNull(search);
        tracker.Dispose();
        Assert.True(search.IsCompleted);
        Assert.Throws<ObjectDisposedException>(() => tracker.Update(photo));
    }
}
