using LiveInteract.Media.Faces;
using LiveInteract.Media.Filters;
using LiveInteract.Media.Stickers;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>
/// A sticker's warp is kept for a face holding still and redone once the sticker would be drawn more than a pixel off;
/// the kept warps are bounded and freed when no face uses them.
/// </summary>
public sealed class StickerWarpCacheTests
{
    private static readonly Size Frame = new(1280, 720);
    private static readonly Size Sticker = new(300, 200);
    private static readonly StickerWarpKey Glasses = new("glasses", 1.0, 1);

    [Fact]
    public void A_placement_within_a_pixel_of_the_kept_one_moved_by_whole_pixels_is_a_hit()
    {
        using var cache = new StickerWarpCache();
        Assert.Null(cache.Find(Glasses, Sticker, Map(400, 300, 0), Frame));
        var warped = cache.Store(Glasses, Sticker, Map(400, 300, 0), Frame, new Point(400, 300));
        warped.Create(Sticker, MatType.CV_8UC4);

        // Still, or drifting by under a pixel: the kept warp, drawn where it was.
        var hit = cache.Find(Glasses, Sticker, Map(400.6, 299.5, 0), Frame);
        Assert.NotNull(hit);
        Assert.Same(warped, hit.Value.Warped);
        Assert.Equal(new Point(400, 300), hit.Value.At);
        Assert.Equal(0, cache.MovedHits);

        // Slid by 37.4 px right and 12 px up without turning: the kept warp, drawn 37 px right and 12 up (0.4 px off).
        hit = cache.Find(Glasses, Sticker, Map(437.4, 288, 0), Frame);
        Assert.NotNull(hit);
        Assert.Same(warped, hit.Value.Warped);
        Assert.Equal(new Point(437, 288), hit.Value.At);
        Assert.Equal(1, cache.MovedHits);

        // Slid and grown by 1%: the far corners are 3 px and 2 px off any whole move; warped again.
        Assert.Null(cache.Find(Glasses, Sticker, Scaled(Map(437, 288, 0), 1.01), Frame));
        Assert.Equal(2, cache.Hits);
        Assert.Equal(2, cache.Misses);
    }

    [Fact]
    public void A_move_that_brings_in_part_of_the_sticker_the_kept_warp_left_off_the_frame_is_a_miss()
    {
        using var cache = new StickerWarpCache();

        // Placed 100 px off the left edge: the kept warp holds the visible 200 of its 300 px.
        cache.Store(Glasses, Sticker, Map(-100, 300, 0), Frame, new Point(0, 300)).Create(new Size(200, 200), MatType.CV_8UC4);

        // Moving down keeps the same part in view; moving right brings in pixels the kept warp does not have.
        Assert.Equal(new Point(0, 320), cache.Find(Glasses, Sticker, Map(-100, 320, 0), Frame)?.At);
        Assert.Null(cache.Find(Glasses, Sticker, Map(-60, 300, 0), Frame));

        // Moving further off the frame needs nothing new: drawn moved, clipped by the blend.
        Assert.Equal(new Point(-40, 300), cache.Find(Glasses, Sticker, Map(-140, 300, 0), Frame)?.At);
    }

    [Fact]
    public void A_lookup_allocates_nothing()
    {
        using var cache = new StickerWarpCache();
        cache.Store(Glasses, Sticker, Map(400, 300, 0), Frame, new Point(400, 300)).Create(Sticker, MatType.CV_8UC4);
        double[] still = Map(400.2, 300, 0), moved = Map(410, 305, 0), turned = Map(400, 300, 5);
        cache.Find(Glasses, Sticker, still, Frame);
        cache.EndFrame();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            cache.Find(Glasses, Sticker, still, Frame);
            cache.Find(Glasses, Sticker, moved, Frame);
            cache.Find(Glasses, Sticker, turned, Frame);
            cache.EndFrame();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(200, cache.Hits - 1);
    }

    [Fact]
    public void A_turn_is_a_miss_once_a_corner_moves_a_pixel()
    {
        using var cache = new StickerWarpCache();
        cache.Store(Glasses, Sticker, Map(400, 300, 0), Frame, new Point(400, 300));

        // About the top-left corner a 300 x 200 sticker's far corner moves 0.63 px at 0.1 degrees and 3.1 px at 0.5.
        Assert.NotNull(cache.Find(Glasses, Sticker, Map(400, 300, 0.1), Frame));
        Assert.Null(cache.Find(Glasses, Sticker, Map(400, 300, 0.5), Frame));
    }

    [Fact]
    public void Another_face_sticker_or_frame_size_is_a_miss()
    {
        using var cache = new StickerWarpCache();
        cache.Store(Glasses, Sticker, Map(400, 300, 0), Frame, new Point(400, 300));

        Assert.Null(cache.Find(Glasses with { FaceId = 2 }, Sticker, Map(400, 300, 0), Frame));
        Assert.Null(cache.Find(Glasses with { Asset = "crown" }, Sticker, Map(400, 300, 0), Frame));
        Assert.Null(cache.Find(Glasses with { Scale = 1.5 }, Sticker, Map(400, 300, 0), Frame));
        Assert.Null(cache.Find(Glasses, Sticker, Map(400, 300, 0), new Size(640, 480)));
        Assert.NotNull(cache.Find(Glasses, Sticker, Map(400, 300, 0), Frame));
    }

    [Fact]
    public void Entries_are_bounded_and_freed_when_no_face_uses_them()
    {
        using var cache = new StickerWarpCache();
        for (var id = 0; id < StickerWarpCache.Capacity + 5; id++)
        {
            cache.Store(Glasses with { FaceId = id }, Sticker, Map(400, 300, 0), Frame, new Point(400, 300));
            Assert.InRange(cache.Count, 1, StickerWarpCache.Capacity);
        }

        Assert.Equal(StickerWarpCache.Capacity, cache.Count);
        cache.EndFrame();

        // The next frame uses one of them: the others go when it ends.
        var last = Glasses with { FaceId = StickerWarpCache.Capacity + 4 };
        Assert.NotNull(cache.Find(last, Sticker, Map(400, 300, 0), Frame));
        cache.EndFrame();
        Assert.Equal(1, cache.Count);
        cache.EndFrame();
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_still_face_is_drawn_from_the_kept_warp_with_the_same_pixels_and_a_moved_one_is_warped_again()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3, new Scalar(90, 120, 150));
        var chain = FilterChain.Parse([new("sticker", new Dictionary<string, string> { ["asset"] = "crown" })]);
        using var state = new FilterStreamState();
        var still = Face(300, 300);

        using var fresh = Draw(frame, chain, still, null);
        using var first = Draw(frame, chain, still, state);
        state.EndFrame();
        Assert.Equal(1, state.StickerWarps.FusedDraws);

        // Drawn first in one pass (nothing to keep yet); held still, its warp is kept, and drawn again after that.
        using var second = Draw(frame, chain, Face(300.3f, 300.2f), state);
        state.EndFrame();
        Assert.Equal(0, state.StickerWarps.Hits);
        using var third = Draw(frame, chain, Face(300.1f, 300.4f), state);
        state.EndFrame();
        Assert.Equal(1, state.StickerWarps.Hits);
        Assert.Equal(1, state.StickerWarps.FusedDraws);
        Assert.Equal(0, Changed(fresh, first));
        Assert.Equal(0, Changed(fresh, second));
        Assert.Equal(0, Changed(fresh, third));

        // Moved 6 px right and 3 down: the kept warp moved by whole pixels, the same pixels as a warp from scratch there.
        var moved = Face(306, 303);
        using var movedFresh = Draw(frame, chain, moved, null);
        using var movedKept = Draw(frame, chain, moved, state);
        state.EndFrame();
        Assert.Equal(2, state.StickerWarps.Hits);
        Assert.Equal(1, state.StickerWarps.MovedHits);
        Assert.Equal(0, Changed(movedFresh, movedKept));
        Assert.True(Changed(fresh, movedFresh) > 100);

        // Turned by 10 degrees: drawn anew in one pass (it moved), the pixels of a frame drawn from scratch.
        var turned = Face(306, 303, 10);
        using var turnedFresh = Draw(frame, chain, turned, null);
        using var turnedKept = Draw(frame, chain, turned, state);
        Assert.Equal(2, state.StickerWarps.Hits);
        Assert.Equal(2, state.StickerWarps.FusedDraws);
        Assert.Equal(0, Changed(turnedFresh, turnedKept));
        Assert.True(Changed(movedFresh, turnedFresh) > 100);
    }

    [Theory]
    [InlineData("crown", 0)]
    [InlineData("glasses", 20)]
    [InlineData("crown", -15)]
    public void A_turned_sticker_moved_by_whole_pixels_draws_the_pixels_of_a_fresh_warp_there(string asset, double degrees)
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3, new Scalar(90, 120, 150));
        var chain = FilterChain.Parse([new("sticker", new Dictionary<string, string> { ["asset"] = asset })]);
        using var state = new FilterStreamState();
        using var first = Draw(frame, chain, Face(330.25f, 350.5f, degrees), state);
        state.EndFrame();
        using var again = Draw(frame, chain, Face(330.25f, 350.5f, degrees), state);
        state.EndFrame();

        foreach (var (dx, dy) in new[] { (7, 0), (-13, 9), (40, -22) })
        {
            var moved = Face(330.25f + dx, 350.5f + dy, degrees);
            using var fresh = Draw(frame, chain, moved, null);
            var hits = state.StickerWarps.MovedHits;
            using var kept = Draw(frame, chain, moved, state);
            state.EndFrame();
            Assert.Equal(hits + 1, state.StickerWarps.MovedHits);
            Assert.Equal(0, Changed(fresh, kept));
            Assert.True(Changed(first, kept) > 100, "the sticker moved");
        }
    }
    private static int Changed(Mat a, Mat b) => PixelMath.ChangedPixels(a, b, new Rect(0, 0, a.Width, a.Height));

    private static Mat Draw(Mat frame, FilterChain chain, TrackedFace face, FilterStreamState? state)
    {
        var copy = frame.Clone();
        chain.Apply(copy, [face], state);
        return copy;
    }

    /// <summary>
    /// A face with its eyes 80 px apart around (<paramref name="x"/>, <paramref name="y"/>), its head turned by
    /// <paramref name="degrees"/> (its keypoints turned about that point). The tests keep every keypoint between 256 and
    /// 512, where floats are spaced alike: a face moved by whole pixels then has keypoints moved by exactly that, as a
    /// tracker's would be up to a float's rounding (which can tip a pixel of a fresh warp either way).
    /// </summary>
    private static TrackedFace Face(float x, float y, double degrees = 0)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        Point2f At(float dx, float dy) => new((float)(x + (cos * dx) - (sin * dy)), (float)(y + (sin * dx) + (cos * dy)));
        return new(
            7,
            new Rect((int)x - 80, (int)y - 70, 160, 180),
            0,
            new FaceKeypoints(At(-40, 0), At(40, 0), At(0, 40), At(0, 75), At(-75, 10), At(75, 10)));
    }

    /// <summary>A placement map: turned by <paramref name="degrees"/> about the sticker's top-left, which goes to (x, y).</summary>
    private static double[] Map(double x, double y, double degrees)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        return [cos, -sin, x, sin, cos, y];
    }

    /// <summary><paramref name="map"/> grown by <paramref name="factor"/> about the sticker's top-left.</summary>
    private static double[] Scaled(double[] map, double factor) =>
        [map[0] * factor, map[1] * factor, map[2], map[3] * factor, map[4] * factor, map[5]];
}
