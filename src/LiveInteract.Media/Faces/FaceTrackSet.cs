using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// The tracking logic without any pixels: matches each detection pass to existing tracks by IoU, smooths every track's
/// box and keypoints with One-Euro filters (steady on a still face, quick on a moving one), carries a moving face
/// forward between passes at its filtered speed, and keeps unmatched tracks alive for a few passes (so a single missed
/// detection does not make a sticker blink).
/// </summary>
internal sealed class FaceTrackSet
{
    // Below this speed (face widths per pass) a face is treated as still and not carried forward: extrapolating the
    // detector's noise would make a still sticker creep between passes.
    private const double StillSpeed = 0.02;

    private readonly FaceTrackerOptions _options;
    private readonly List<Track> _tracks = [];
    private int _nextId = 1;

    public FaceTrackSet(FaceTrackerOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>The faces as of the last pass.</summary>
    public IReadOnlyList<TrackedFace> Faces => FacesAhead(0);

    /// <summary>The faces <paramref name="passes"/> (a fraction, 0..1) of a detection interval after the last pass.</summary>
    public IReadOnlyList<TrackedFace> FacesAhead(double passes)
    {
        if (_tracks.Count == 0)
        {
            return [];
        }

        var faces = new TrackedFace[_tracks.Count];
        for (var i = 0; i < faces.Length; i++)
        {
            faces[i] = _tracks[i].ToFace(passes);
        }

        return faces;
    }

    /// <summary>
    /// Folds one detection pass into the tracks. With <paramref name="wholeFrame"/> (the pass scanned the whole
    /// frame), a track that was already being missed and still finds no overlapping face is moved onto a face that
    /// matched no track: the face moved too far between passes, or the camera cut. It keeps its id, so the sticker
    /// jumps to the face instead of a ghost lingering while a second sticker appears.
    /// </summary>
    public void Observe(IReadOnlyList<FaceDetection> detections, bool wholeFrame = false)
    {
        var matched = new bool[_tracks.Count];
        var unmatchedDetections = new List<FaceDetection>();

        // Greedy matching by best IoU is enough for a handful of faces.
        var pairs = new List<(int Track, int Detection, double Iou)>();
        for (var t = 0; t < _tracks.Count; t++)
        {
            for (var d = 0; d < detections.Count; d++)
            {
                var iou = FaceDetection.Iou(_tracks[t].Box, detections[d].Box);
                if (iou >= _options.MatchIou)
                {
                    pairs.Add((t, d, iou));
                }
            }
        }

        var usedDetections = new bool[detections.Count];
        foreach (var (t, d, _) in pairs.OrderByDescending(p => p.Iou))
        {
            if (matched[t] || usedDetections[d])
            {
                continue;
            }

            matched[t] = true;
            usedDetections[d] = true;
            _tracks[t].Observe(detections[d]);
        }

        for (var d = 0; d < detections.Count; d++)
        {
            if (!usedDetections[d])
            {
                unmatchedDetections.Add(detections[d]);
            }
        }

        if (wholeFrame)
        {
            for (var t = 0; t < _tracks.Count && unmatchedDetections.Count > 0; t++)
            {
                if (!matched[t] && _tracks[t].Missed > 0)
                {
                    _tracks[t].Snap(unmatchedDetections[0]);
                    unmatchedDetections.RemoveAt(0);
                    matched[t] = true;
                }
            }
        }

        for (var t = _tracks.Count - 1; t >= 0; t--)
        {
            if (matched[t])
            {
                continue;
            }

            _tracks[t].Missed++;
            if (_tracks[t].Missed > _options.MaxMissedDetections)
            {
                _tracks.RemoveAt(t);
            }
        }

        foreach (var detection in unmatchedDetections.OrderByDescending(d => d.Score))
        {
            if (_tracks.Count >= _options.MaxFaces)
            {
                break;
            }

            _tracks.Add(new Track(_nextId++, detection, _options));
        }

        RemoveDuplicates();
    }

    /// <summary>
    /// Two tracks on one face would stack two stickers. Two real faces cannot be closer than about their own width, so
    /// when the centres are nearer than 0.7 of the larger box's width one track goes: the one confirmed by fewer
    /// detections (a false hit flickers, a face is found pass after pass), or on a tie the younger.
    /// </summary>
    private void RemoveDuplicates()
    {
        for (var i = _tracks.Count - 1; i > 0; i--)
        {
            for (var j = 0; j < i; j++)
            {
                var a = _tracks[j].Box;
                var b = _tracks[i].Box;
                var dx = (a.X + (a.Width / 2.0)) - (b.X + (b.Width / 2.0));
                var dy = (a.Y + (a.Height / 2.0)) - (b.Y + (b.Height / 2.0));
                if (Math.Sqrt((dx * dx) + (dy * dy)) >= 0.7 * Math.Max(a.Width, b.Width))
                {
                    continue;
                }

                _tracks.RemoveAt(_tracks[i].Hits > _tracks[j].Hits ? j : i);
                break;
            }
        }
    }

    /// <summary>
    /// True when every tracked face was seen on the last pass, confidently (at least <see cref="FaceTrackerOptions.MinScore"/>),
    /// within <see cref="FaceTrackerOptions.SteadyMove"/> face widths of where its track was: the tracker may then detect
    /// less often. False with no face (a newcomer is looked for at the normal rate).
    /// </summary>
    public bool Steady
    {
        get
        {
            if (_tracks.Count == 0)
            {
                return false;
            }

            foreach (var t in _tracks)
            {
                if (t.Missed > 0 || t.Hits < 2 || t.LastMove > _options.SteadyMove || t.LastScore < _options.MinScore)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public void Clear() => _tracks.Clear();

    internal static double Iou(Rect a, Rect b) =>
        FaceDetection.Iou(new Rect2f(a.X, a.Y, a.Width, a.Height), new Rect2f(b.X, b.Y, b.Width, b.Height));

    /// <summary>One face: a One-Euro filter per coordinate (box centre and size, six keypoints), kept in doubles.</summary>
    private sealed class Track
    {
        private const int Values = 4 + (2 * FaceKeypoints.Count);
        private readonly OneEuroFilter[] _filters = new OneEuroFilter[Values];
        private readonly double[] _raw = new double[Values];

        public Track(int id, FaceDetection first, FaceTrackerOptions options)
        {
            Id = id;
            for (var i = 0; i < Values; i++)
            {
                _filters[i] = new OneEuroFilter(options.MinCutoff, options.Beta);
            }

            Feed(first);
        }

        public int Id { get; }

        public int Missed { get; set; }

        /// <summary>Detections that confirmed this track since it started (or last jumped).</summary>
        public int Hits { get; private set; } = 1;

        /// <summary>How far the last detection was from the track's smoothed centre, in face widths.</summary>
        public double LastMove { get; private set; } = double.PositiveInfinity;

        /// <summary>The last matching detection's confidence.</summary>
        public float LastScore { get; private set; }

        public Rect2f Box
        {
            get
            {
                var (cx, cy, w, h) = (_filters[0].Value, _filters[1].Value, _filters[2].Value, _filters[3].Value);
                return new Rect2f((float)(cx - (w / 2)), (float)(cy - (h / 2)), (float)w, (float)h);
            }
        }

        public void Observe(FaceDetection detection)
        {
            var width = Math.Max(1, _filters[2].Value);
            var dx = detection.Box.X + (detection.Box.Width / 2.0) - _filters[0].Value;
            var dy = detection.Box.Y + (detection.Box.Height / 2.0) - _filters[1].Value;
            LastMove = Math.Sqrt((dx * dx) + (dy * dy)) / width;
            Hits++;
            Missed = 0;
            Feed(detection);
        }

        public void Snap(FaceDetection detection)
        {
            foreach (var f in _filters)
            {
                f.Reset();
            }

            Missed = 0;
            Hits = 1;
            LastMove = double.PositiveInfinity;
            Feed(detection);
        }

        public TrackedFace ToFace(double passes)
        {
            var width = Math.Max(1, _filters[2].Value);
            var speed = Math.Sqrt(Sq(_filters[0].Derivative) + Sq(_filters[1].Derivative)) / width;
            var ahead = Missed == 0 && speed > StillSpeed ? Math.Clamp(passes, 0, 1) : 0;
            double V(int i) => _filters[i].Value + (ahead * _filters[i].Derivative);

            var (cx, cy, w, h) = (V(0), V(1), V(2), V(3));
            Span<Point2f> points = stackalloc Point2f[FaceKeypoints.Count];
            for (var k = 0; k < FaceKeypoints.Count; k++)
            {
                points[k] = new Point2f((float)V(4 + (2 * k)), (float)V(5 + (2 * k)));
            }

            var box = new Rect(
                (int)Math.Round(cx - (w / 2)),
                (int)Math.Round(cy - (h / 2)),
                (int)Math.Round(w),
                (int)Math.Round(h));
            return new TrackedFace(Id, box, Missed, FaceKeypoints.FromArray(points));
        }

        private void Feed(FaceDetection d)
        {
            LastScore = d.Score;
            _raw[0] = d.Box.X + (d.Box.Width / 2.0);
            _raw[1] = d.Box.Y + (d.Box.Height / 2.0);
            _raw[2] = d.Box.Width;
            _raw[3] = d.Box.Height;
            var points = d.Keypoints.ToArray();
            for (var k = 0; k < points.Length; k++)
            {
                _raw[4 + (2 * k)] = points[k].X;
                _raw[5 + (2 * k)] = points[k].Y;
            }

            var scale = Math.Max(1.0, d.Box.Width);
            for (var i = 0; i < Values; i++)
            {
                _filters[i].Filter(_raw[i], scale);
            }
        }

        private static double Sq(double v) => v * v;
    }
}
