// The Haar-cascade tracker the BlazeFace tracker replaced (issue 20), kept only as the baseline the bench compares against.
using OpenCvSharp;

using LiveInteract.Media.Faces;

namespace LiveInteract.Media.Bench.Haar;

/// <summary>
/// The tracking logic without any pixels: matches each detection pass to existing tracks by IoU,
/// smooths matched boxes exponentially (so stickers do not jitter with the detector's noise), and keeps
/// unmatched tracks alive for a few passes (so a single missed detection does not make a sticker blink).
/// </summary>
internal sealed class HaarTrackSet
{
    private readonly HaarTrackerOptions _options;
    private readonly List<Track> _tracks = [];
    private int _nextId = 1;

    public HaarTrackSet(HaarTrackerOptions options)
    {
        options.Validate();
        _options = options;
    }

    public IReadOnlyList<TrackedFace> Faces =>
        _tracks.Select(t => new TrackedFace(t.Id, t.ToRect(), t.Missed)).ToArray();

    /// <summary>
    /// Folds one detection pass into the tracks. With <paramref name="wholeFrame"/> (the pass scanned the whole
    /// frame), a track that was already being missed and still finds no overlapping face is moved onto a face that
    /// matched no track: the face moved too far between passes, or the camera cut. It keeps its id, so the sticker
    /// jumps to the face instead of a ghost lingering while a second sticker appears.
    /// </summary>
    public void Observe(IReadOnlyList<Rect> detections, bool wholeFrame = false)
    {
        var matched = new bool[_tracks.Count];
        var unmatchedDetections = new List<Rect>();

        // Greedy matching by best IoU is enough for a handful of faces.
        var pairs = new List<(int Track, int Detection, double Iou)>();
        for (var t = 0; t < _tracks.Count; t++)
        {
            for (var d = 0; d < detections.Count; d++)
            {
                var iou = Iou(_tracks[t].ToRect(), detections[d]);
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
            _tracks[t].Blend(detections[d], _options.Smoothing);
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

        foreach (var detection in unmatchedDetections)
        {
            if (_tracks.Count >= _options.MaxFaces)
            {
                break;
            }

            _tracks.Add(new Track(_nextId++, detection));
        }

        RemoveDuplicates();
    }

    /// <summary>
    /// Two tracks on one face (a cascade often also fires on a window shifted over the forehead) would stack two
    /// stickers. Two real faces cannot be closer than about their own width, so when the centres are nearer than
    /// 0.7 of the larger box's width one track goes: the one confirmed by fewer detections (a false window
    /// flickers, a face is found pass after pass), or on a tie the younger.
    /// </summary>
    private void RemoveDuplicates()
    {
        for (var i = _tracks.Count - 1; i > 0; i--)
        {
            for (var j = 0; j < i; j++)
            {
                var a = _tracks[j].ToRect();
                var b = _tracks[i].ToRect();
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

    public void Clear() => _tracks.Clear();

    internal static double Iou(Rect a, Rect b)
    {
        var inter = a & b;
        if (inter.Width <= 0 || inter.Height <= 0)
        {
            return 0;
        }

        double i = (double)inter.Width * inter.Height;
        double u = ((double)a.Width * a.Height) + ((double)b.Width * b.Height) - i;
        return u <= 0 ? 0 : i / u;
    }

    /// <summary>A box kept in doubles so repeated smoothing does not drift through rounding.</summary>
    private sealed class Track(int id, Rect first)
    {
        private double _x = first.X;
        private double _y = first.Y;
        private double _w = first.Width;
        private double _h = first.Height;

        public int Id { get; } = id;

        public int Missed { get; set; }

        /// <summary>Detections that confirmed this track since it started (or last jumped).</summary>
        public int Hits { get; private set; } = 1;

        public void Blend(Rect detection, double weight)
        {
            Hits++;
            _x += weight * (detection.X - _x);
            _y += weight * (detection.Y - _y);
            _w += weight * (detection.Width - _w);
            _h += weight * (detection.Height - _h);
            Missed = 0;
        }

        public void Snap(Rect detection)
        {
            (_x, _y, _w, _h) = (detection.X, detection.Y, detection.Width, detection.Height);
            Missed = 0;
            Hits = 1;
        }

        public Rect ToRect() =>
            new((int)Math.Round(_x), (int)Math.Round(_y), (int)Math.Round(_w), (int)Math.Round(_h));
    }
}
