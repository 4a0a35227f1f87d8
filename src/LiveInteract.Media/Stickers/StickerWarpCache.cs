using OpenCvSharp;

namespace LiveInteract.Media.Stickers;

/// <summary>
/// Warped stickers kept from one frame to the next of one stream, so that a sticker on a face holding still is warped
/// once and blended many times. An entry is reused while every corner of the placed sticker is within
/// <see cref="MaxCornerShift"/> pixels of where it was when the entry was warped (movement, turn and scale in one
/// test: at a 300 px wide crown a turn of 0.2 degrees moves a corner by a pixel), so the drawn sticker is never more
/// than a pixel off its exact place; past that it is warped again. Bounded: at most <see cref="Capacity"/> entries
/// (the least recently used goes first), and <see cref="EndFrame"/> drops entries no face used on the frame just done.
/// Not thread-safe: one per stream, used by the thread that runs its frames (filters themselves stay immutable).
/// </summary>
internal sealed class StickerWarpCache : IDisposable
{
    /// <summary>How far (in frame pixels) a corner of the placed sticker may drift before it is warped again.</summary>
    public const double MaxCornerShift = 1.0;

    /// <summary>Entries at most: a chain's 8 filters on two faces.</summary>
    public const int Capacity = 16;

    private readonly Dictionary<StickerWarpKey, Entry> _entries = [];
    private long _frame;

    /// <summary>Entries held now.</summary>
    public int Count => _entries.Count;

    /// <summary>Lookups answered with a kept warp.</summary>
    public long Hits { get; private set; }

    /// <summary>Lookups that needed a new warp.</summary>
    public long Misses { get; private set; }

    /// <summary>Share of lookups answered with a kept warp, in percent (0 before the first).</summary>
    public double HitPercent => Hits + Misses == 0 ? 0 : 100.0 * Hits / (Hits + Misses);

    /// <summary>
    /// The kept warp for <paramref name="key"/> when the sticker placed at <paramref name="size"/> through
    /// <paramref name="map"/> on a frame of <paramref name="frame"/> is within <see cref="MaxCornerShift"/> of it:
    /// the warped BGRA pixels and where their top-left goes. Null on a miss.
    /// </summary>
    public (Mat Warped, Point At)? Find(StickerWarpKey key, Size size, double[] map, Size frame)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Frame == frame && WithinShift(entry.Corners, Corners(size, map)))
        {
            entry.LastUsed = _frame;
            Hits++;
            return (entry.Warped, entry.At);
        }

        Misses++;
        return null;
    }

    /// <summary>
    /// The buffer to warp <paramref name="key"/>'s sticker into for this placement (the entry's own, reused), which
    /// <see cref="Find"/> returns from now on while the placement holds.
    /// </summary>
    public Mat Store(StickerWarpKey key, Size size, double[] map, Size frame, Point at)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (_entries.Count >= Capacity)
            {
                Remove(_entries.MinBy(e => e.Value.LastUsed).Key);
            }

            entry = new Entry();
            _entries[key] = entry;
        }

        entry.Corners = Corners(size, map);
        entry.Frame = frame;
        entry.At = at;
        entry.LastUsed = _frame;
        return entry.Warped;
    }

    /// <summary>Ends a frame: entries not used on it (a face gone, a sticker removed from the chain) are freed.</summary>
    public void EndFrame()
    {
        foreach (var key in _entries.Where(e => e.Value.LastUsed < _frame).Select(e => e.Key).ToList())
        {
            Remove(key);
        }

        _frame++;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Warped.Dispose();
        }

        _entries.Clear();
    }

    private void Remove(StickerWarpKey key)
    {
        if (_entries.Remove(key, out var entry))
        {
            entry.Warped.Dispose();
        }
    }

    private static Point2d[] Corners(Size size, double[] map)
    {
        var corners = new Point2d[4];
        for (var i = 0; i < 4; i++)
        {
            var x = (i & 1) == 0 ? 0.0 : size.Width;
            var y = (i & 2) == 0 ? 0.0 : size.Height;
            corners[i] = new Point2d((map[0] * x) + (map[1] * y) + map[2], (map[3] * x) + (map[4] * y) + map[5]);
        }

        return corners;
    }

    private static bool WithinShift(Point2d[] kept, Point2d[] now)
    {
        for (var i = 0; i < kept.Length; i++)
        {
            var dx = kept[i].X - now[i].X;
            var dy = kept[i].Y - now[i].Y;
            if ((dx * dx) + (dy * dy) > MaxCornerShift * MaxCornerShift)
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Entry
    {
        public Mat Warped { get; } = new();

        public Point2d[] Corners { get; set; } = [];

        public Size Frame { get; set; }

        public Point At { get; set; }

        public long LastUsed { get; set; }
    }
}

/// <summary>Which sticker on which face: the asset and scale (two equal stickers share one warp) and the track id.</summary>
internal readonly record struct StickerWarpKey(string Asset, double Scale, int FaceId);
