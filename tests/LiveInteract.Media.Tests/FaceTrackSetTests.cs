using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

public sealed class FaceTrackSetTests
{
    private static readonly Rect Face = new(100, 80, 120, 120);

    [Fact]
    public void A_face_survives_missed_detections_up_to_the_limit_then_goes()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions(MaxMissedDetections: 2));
        tracks.Observe([Det(Face)]);

        tracks.Observe([]);
        var afterOneMiss = Assert.Single(tracks.Faces);
        Assert.Equal(Face, afterOneMiss.Box);
        Assert.Equal(1, afterOneMiss.MissedDetections);

        tracks.Observe([]);
        Assert.Single(tracks.Faces);

        tracks.Observe([]);
        Assert.Empty(tracks.Faces);
    }

    [Fact]
    public void A_detection_after_a_miss_continues_the_same_track()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        tracks.Observe([Det(Face)]);
        var id = tracks.Faces[0].Id;

        tracks.Observe([]);
        tracks.Observe([Det(new Rect(104, 82, 118, 121))]);

        var face = Assert.Single(tracks.Faces);
        Assert.Equal(id, face.Id);
        Assert.Equal(0, face.MissedDetections);
    }

    [Fact]
    public void Smoothing_removes_most_of_the_detectors_jitter_on_a_still_face()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        var random = new Random(11);
        var input = new List<double>();
        var output = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var jitter = new Rect(Face.X + random.Next(-8, 9), Face.Y + random.Next(-8, 9), Face.Width + random.Next(-8, 9), Face.Height);
            tracks.Observe([Det(jitter)]);
            if (i >= 20)
            {
                input.Add(jitter.X);
                output.Add(tracks.Faces[0].Box.X);
            }
        }

        Assert.Single(tracks.Faces);
        Assert.True(StdDev(output) < StdDev(input) * 0.6, $"smoothed sd {StdDev(output):F2} vs raw {StdDev(input):F2}");
        Assert.InRange(output.Average(), Face.X - 2, Face.X + 2);
    }

    [Fact]
    public void A_whole_frame_pass_moves_a_missed_track_onto_a_face_that_jumped()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        tracks.Observe([Det(Face)]);
        var id = tracks.Faces[0].Id;
        var elsewhere = new Rect(400, 60, 110, 110);

        // A near-face pass misses it (it moved); the next, whole-frame pass finds it far away.
        tracks.Observe([]);
        tracks.Observe([Det(elsewhere)], wholeFrame: true);

        var face = Assert.Single(tracks.Faces);
        Assert.Equal(id, face.Id);
        Assert.Equal(elsewhere, face.Box);
        Assert.Equal(0, face.MissedDetections);
    }

    [Fact]
    public void A_track_seen_last_pass_is_not_moved_onto_a_newcomer()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        tracks.Observe([Det(Face)]);

        tracks.Observe([Det(new Rect(400, 60, 110, 110))], wholeFrame: true);

        Assert.Equal(2, tracks.Faces.Count);
        Assert.Equal(Face, tracks.Faces.Single(f => f.MissedDetections == 1).Box);
    }

    [Fact]
    public void A_second_box_on_the_same_face_does_not_become_a_second_track()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        tracks.Observe([Det(Face)]);

        // The cascade also fires on a window shifted up over the forehead.
        tracks.Observe([Det(Face), Det(new Rect(Face.X + 10, Face.Y - 50, Face.Width, Face.Height))]);

        Assert.Single(tracks.Faces);
    }

    [Fact]
    public void Of_two_tracks_on_one_face_the_better_confirmed_one_stays_even_if_younger()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions(MaxMissedDetections: 20, MinCutoff: 1000));
        var falseWindow = new Rect(100, 0, 120, 120);
        tracks.Observe([Det(falseWindow)]);
        var falseId = tracks.Faces[0].Id;

        // A real face enters far below and moves up, confirmed on every pass, until it sits just under the
        // stale false window: close enough to be the same face, too far apart for IoU matching.
        for (var y = 400; y >= 80; y -= 40)
        {
            tracks.Observe([Det(new Rect(100, y, 120, 120))]);
        }

        var face = Assert.Single(tracks.Faces);
        Assert.NotEqual(falseId, face.Id);
        Assert.Equal(new Rect(100, 80, 120, 120), face.Box);
    }

    [Fact]
    public void A_face_far_from_every_track_starts_a_new_track()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        tracks.Observe([Det(Face)]);

        tracks.Observe([Det(Face), Det(new Rect(400, 80, 100, 100))]);

        Assert.Equal(2, tracks.Faces.Count);
        Assert.Equal(2, tracks.Faces.Select(f => f.Id).Distinct().Count());
    }

    [Fact]
    public void The_number_of_tracks_is_capped()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions(MaxFaces: 2));

        tracks.Observe([Det(new Rect(0, 0, 50, 50)), Det(new Rect(100, 0, 50, 50)), Det(new Rect(200, 0, 50, 50))]);

        Assert.Equal(2, tracks.Faces.Count);
    }

    [Fact]
    public void Iou_of_identical_boxes_is_one_and_of_disjoint_boxes_zero()
    {
        Assert.Equal(1.0, FaceTrackSet.Iou(Face, Face), 6);
        Assert.Equal(0.0, FaceTrackSet.Iou(Face, new Rect(500, 500, 10, 10)));
        Assert.Equal(1 / 3.0, FaceTrackSet.Iou(new Rect(0, 0, 10, 10), new Rect(5, 0, 10, 10)), 6);
    }

    [Fact]
    public void A_moving_face_is_followed_closely_and_carried_forward_between_passes()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        for (var i = 0; i < 20; i++)
        {
            tracks.Observe([Det(new Rect(100 + (30 * i), 80, 120, 120))]);
        }

        // Moving 30 px (a quarter of the face) per pass: the smoothed box lags by little, and between passes it keeps moving.
        var now = tracks.Faces[0].Box.X;
        Assert.InRange(now, 100 + (30 * 19) - 12, 100 + (30 * 19) + 2);
        Assert.InRange(tracks.FacesAhead(0.5)[0].Box.X - now, 10, 20);
    }

    [Fact]
    public void A_still_face_is_not_carried_forward_by_noise()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        var random = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            tracks.Observe([Det(new Rect(Face.X + random.Next(-2, 3), Face.Y + random.Next(-2, 3), Face.Width, Face.Height))]);
        }

        Assert.Equal(tracks.Faces[0].Box, tracks.FacesAhead(0.66)[0].Box);
    }

    [Fact]
    public void Keypoints_are_smoothed_with_the_box()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions());
        tracks.Observe([Det(Face)]);

        var face = Assert.Single(tracks.Faces);

        Assert.NotNull(face.Keypoints);
        Assert.Equal(0, face.RollDegrees, 3);
        Assert.InRange(face.Keypoints.Value.EyeCentre.Y, Face.Y + 40, Face.Y + 56);
    }

    [Fact]
    public void Tracks_are_steady_only_while_every_face_is_found_confidently_near_its_track()
    {
        var tracks = new FaceTrackSet(new FaceTrackerOptions(SteadyMove: 0.03));
        Assert.False(tracks.Steady);

        // A new face is not steady yet; found again 2 px away (under 0.03 of its 120 px width), it is.
        tracks.Observe([Det(Face)]);
        Assert.False(tracks.Steady);
        tracks.Observe([Det(new Rect(Face.X + 2, Face.Y, Face.Width, Face.Height))]);
        Assert.True(tracks.Steady);

        // Moved 8 px (0.07 of its width) since the last pass: not steady.
        tracks.Observe([Det(new Rect(Face.X + 10, Face.Y, Face.Width, Face.Height))]);
        Assert.False(tracks.Steady);

        // Back in place for a few passes, then found with less than MinScore confidence, then missed: not steady.
        for (var i = 0; i < 30; i++)
        {
            tracks.Observe([Det(Face)]);
        }

        Assert.True(tracks.Steady);
        tracks.Observe([Det(Face) with { Score = 0.55f }]);
        Assert.False(tracks.Steady);
        tracks.Observe([Det(Face)]);
        Assert.True(tracks.Steady);
        tracks.Observe([]);
        Assert.False(tracks.Steady);

        // A second face that just appeared makes the set unsteady until it is confirmed.
        tracks.Observe([Det(Face)]);
        tracks.Observe([Det(Face), Det(new Rect(400, 80, 100, 100))]);
        Assert.False(tracks.Steady);
        tracks.Observe([Det(Face), Det(new Rect(400, 80, 100, 100))]);
        Assert.True(tracks.Steady);
    }

    /// <summary>A detection for <paramref name="box"/> with keypoints where an upright face has them.</summary>
    internal static FaceDetection Det(Rect box)
    {
        Point2f At(double fx, double fy) => new((float)(box.X + (box.Width * fx)), (float)(box.Y + (box.Height * fy)));
        return new FaceDetection(
            0.9f,
            new Rect2f(box.X, box.Y, box.Width, box.Height),
            new FaceKeypoints(At(0.3, 0.4), At(0.7, 0.4), At(0.5, 0.6), At(0.5, 0.78), At(0.05, 0.45), At(0.95, 0.45)));
    }

    private static double StdDev(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
