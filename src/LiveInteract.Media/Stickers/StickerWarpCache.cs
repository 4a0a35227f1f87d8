using OpenCvSharp;

namespace LiveInteract.Media.Stickers;

/// <summary>
/// Warped stickers kept from one frame to the next of one stream, so that a sticker on a face that holds still is warped
/// once and blended many times. A sticker that moved is drawn in one pass without a kept warp (<see cref="Placed"/>); once
/// its placement holds within a pixel for a frame (<see cref="HeldStill"/>), that placement's warp is kept
/// (<see cref="Store"/>). A kept entry is reused, where it was or moved by a whole number of pixels,
/// while every corner of the placed sticker is within <see cref="MaxCornerShift"/> pixels of where the (moved) warp
/// puts it: a face holding still (drawn where it was, so its sticker does not step with the detector's noise) or sliding across the frame without turning or changing size (a warp moved by whole
/// pixels is the same pixels as a fresh warp there, up to the sub-pixel part of the move). Turn and scale count in the
/// same test (at a 300 px wide crown a turn of 0.2 degrees moves a corner by a pixel), so the drawn sticker is never
/// more than a pixel off its exact place; past that it is drawn anew. Bounded: at most <see cref="Capacity"/> entries
/// (the least recently used goes first), and <see cref="EndFrame"/> drops entries no face used on the frame just done.
/// Allocates nothing per lookup. Not thread-safe: one per stream, used by the thread that runs its frames (filters
/// themselves stay immutable).
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

    /// <summary>Lookups answered with a kept warp (moved or not).</summary>
    public long Hits { get; private set; }

    /// <summary>Of <see cref="Hits"/>, those drawn moved by a whole number of pixels.</summary>
    public long MovedHits { get; private set; }

    /// <summary>Lookups that needed a new warp.</summary>
    public long Misses { get; private set; }

    /// <summary>Of <see cref="Misses"/>, those drawn in one pass without keeping the warp (<see cref="Placed"/>).</summary>
    public long FusedDraws { get; private set; }

    /// <summary>Share of lookups answered with a kept warp, in percent (0 before the first).</summary>
    public double HitPercent => Hits + Misses == 0 ? 0 : 100.0 * Hits / (Hits + Misses);

    /// <summary>
    /// The kept warp for <paramref name="key"/> when the sticker placed at <paramref name="size"/> through
    /// <paramref name="map"/> on a frame of <paramref name="frame"/> is, after a move by whole pixels, within
    /// <see cref="MaxCornerShift"/> of it: the warped BGRA pixels and where their top-left goes now. Null on a miss.
    /// </summary>
    public (Mat Warped, Point At)? Find(StickerWarpKey key, Size size, double[] map, Size frame)
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Frame != frame || !entry.HasPixels)
        {
            Misses++;
            return null;
        }

        Span<Point2d> now = stackalloc Point2d[4];
        Corners(size, map, now);

        // Drawn where it was while that is close enough: a still face's sticker must not step a pixel back and forth
        // with the detector's noise. Else the move that best explains the corners' drift, rounded to whole pixels;
        // what remains must be under a pixel.
        var shift = default(Point);
        if (!WithinShift(entry.Corners, now, shift))
        {
            var (mx, my) = (0.0, 0.0);
            for (var i = 0; i < 4; i++)
            {
                mx += now[i].X - entry.Corners[i].X;
                my += now[i].Y - entry.Corners[i].Y;
            }

            shift = new Point((int)Math.Round(mx / 4), (int)Math.Round(my / 4));
        }

        if (!WithinShift(entry.Corners, now, shift) || !CoversMoved(entry, shift, frame))
        {
            Misses++;
            return null;
        }

        entry.LastUsed = _frame;
        Hits++;
        if (shift != default)
        {
            MovedHits++;
        }

        return (entry.Warped, entry.At + shift);
    }

    /// <summary>
    /// The buffer to warp <paramref name="key"/>'s sticker into for this placement (the entry's own, reused), which
    /// <see cref="Find"/> returns from now on while the placement holds. <paramref name="at"/> is where the buffer's
    /// top-left goes: the placed sticker's bounds clipped to the frame, which is what the buffer holds.
    /// </summary>
    public Mat Store(StickerWarpKey key, Size size, double[] map, Size frame, Point at)
    {
        var entry = EntryFor(key);
        entry.HasPixels = true;
        Corners(size, map, entry.Corners);
        entry.Bounds = StickerPlacement.Bounds(size, map);
        entry.Frame = frame;
        entry.At = at;
        entry.LastUsed = _frame;
        return entry.Warped;
    }

    /// <summary>
    /// The placement <paramref name="key"/>'s sticker was last drawn at without keeping its warp (<see cref="Placed"/>),
    /// when this one is within <see cref="MaxCornerShift"/> of it, unmoved: the face holds still, so a warp of that
    /// placement kept now (<see cref="Store"/>) will likely be drawn again, and the sticker does not step. Null otherwise:
    /// a sticker that moves is drawn without keeping its warp, which is cheaper than warping into a buffer and blending it.
    /// </summary>
    public (Size Size, double[] Map)? HeldStill(StickerWarpKey key, Size size, double[] map, Size frame)
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Frame != frame || entry.HasPixels)
        {
            return null;
        }

        Span<Point2d> now = stackalloc Point2d[4];
        Corners(size, map, now);
        return WithinShift(entry.Corners, now, default) ? (entry.Size, entry.Map) : null;
    }

    /// <summary>
    /// Records that <paramref name="key"/>'s sticker was drawn at this placement without keeping its warp: lookups miss
    /// until a warp is <see cref="Store"/>d, and <see cref="HeldStill"/> compares the next placement with this one.
    /// </summary>
    public void Placed(StickerWarpKey key, Size size, double[] map, Size frame)
    {
        var entry = EntryFor(key);
        Corners(size, map, entry.Corners);
        entry.Bounds = StickerPlacement.Bounds(size, map);
        entry.Frame = frame;
        entry.HasPixels = false;
        entry.Size = size;
        map.AsSpan(0, 6).CopyTo(entry.Map);
        entry.LastUsed = _frame;
        FusedDraws++;
    }

    /// <summary>Ends a frame: entries not used on it (a face gone, a sticker removed from the chain) are freed.</summary>
    public void EndFrame()
    {
        // Removing while enumerating is allowed for a Dictionary (since .NET Core 3.0) and needs no list of keys.
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastUsed < _frame)
            {
                Remove(key);
            }
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

    private Entry EntryFor(StickerWarpKey key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (_entries.Count >= Capacity)
            {
                Remove(LeastRecentlyUsed());
            }

            entry = new Entry();
            _entries[key] = entry;
        }

        return entry;
    }

    private StickerWarpKey LeastRecentlyUsed()
    {
        var (oldest, used) = (default(StickerWarpKey), long.MaxValue);
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastUsed < used)
            {
                (oldest, used) = (key, entry.LastUsed);
            }
        }

        return oldest;
    }

    private void Remove(StickerWarpKey key)
    {
        if (_entries.Remove(key, out var entry))
        {
            entry.Warped.Dispose();
        }
    }

    private static void Corners(Size size, double[] map, Span<Point2d> corners)
    {
        for (var i = 0; i < 4; i++)
        {
            var x = (i & 1) == 0 ? 0.0 : size.Width;
            var y = (i & 2) == 0 ? 0.0 : size.Height;
            corners[i] = new Point2d((map[0] * x) + (map[1] * y) + map[2], (map[3] * x) + (map[4] * y) + map[5]);
        }
    }

    private static bool WithinShift(ReadOnlySpan<Point2d> kept, ReadOnlySpan<Point2d> now, Point shift)
    {
        for (var i = 0; i < kept.Length; i++)
        {
            var dx = kept[i].X + shift.X - now[i].X;
            var dy = kept[i].Y + shift.Y - now[i].Y;
            if ((dx * dx) + (dy * dy) > MaxCornerShift * MaxCornerShift)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the kept pixels, moved by <paramref name="shift"/>, hold all of the moved sticker that is in the frame:
    /// a sticker warped while partly off the frame kept only its visible part, and a move may bring more of it in.
    /// </summary>
    private static bool CoversMoved(Entry entry, Point shift, Size frame)
    {
        if (shift == default)
        {
            return true;
        }

        var wanted = new Rect(entry.Bounds.Location + shift, entry.Bounds.Size) & new Rect(0, 0, frame.Width, frame.Height);
        var kept = new Rect(entry.At + shift, new Size(entry.Warped.Width, entry.Warped.Height));
        return (wanted & kept) == wanted;
    }

    private sealed class Entry
    {
        public Mat Warped { get; } = new();

        public Point2d[] Corners { get; } = new Point2d[4];

        public Rect Bounds { get; set; }

        public Size Frame { get; set; }

        public Point At { get; set; }

        public bool HasPixels { get; set; }

        public Size Size { get; set; }

        public double[] Map { get; } = new double[6];

        public long LastUsed { get; set; }
    }
}

/// <summary>Which sticker on which face: the asset and scale (two equal stickers share one warp) and the track id.</summary>
internal readonly record struct StickerWarpKey(string Asset, double Scale, int FaceId);
