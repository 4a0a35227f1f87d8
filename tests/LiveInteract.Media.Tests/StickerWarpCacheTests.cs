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
    public void A_placement_within_a_pixel_is_a_hit_and_past_it_a_miss()
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

        // Moved a pixel and a half: warped again.
        Assert.Null(cache.Find(Glasses, Sticker, Map(401.5, 300, 0), Frame));
        Assert.Equal(1, cache.Hits);
        Assert.Equal(2, cache.Misses);
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
        var still = Face(300, 250);

        using var fresh = Draw(frame, chain, still, null);
        using var first = Draw(frame, chain, still, state);
        state.EndFrame();
        using var second = Draw(frame, chain, Face(300.3f, 250.2f), state);
        state.EndFrame();
        Assert.Equal(1, state.StickerWarps.Hits);
        Assert.Equal(0, Changed(fresh, first));
        Assert.Equal(0, Changed(fresh, second));

        // Moved 6 px: drawn where it is now, as a frame drawn from scratch is.
        var moved = Face(306, 250);
        using var movedFresh = Draw(frame, chain, moved, null);
        using var movedKept = Draw(frame, chain, moved, state);
        Assert.Equal(1, state.StickerWarps.Hits);
        Assert.Equal(0, Changed(movedFresh, movedKept));
        Assert.True(Changed(fresh, movedFresh) > 100);
    }

    private static int Changed(Mat a, Mat b) => PixelMath.ChangedPixels(a, b, new Rect(0, 0, a.Width, a.Height));

    private static Mat Draw(Mat frame, FilterChain chain, TrackedFace face, FilterStreamState? state)
    {
        var copy = frame.Clone();
        chain.Apply(copy, [face], state);
        return copy;
    }

    /// <summary>An upright face with its eyes 80 px apart around (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private static TrackedFace Face(float x, float y) => new(
        7,
        new Rect((int)x - 80, (int)y - 70, 160, 180),
        0,
        new FaceKeypoints(new(x - 40, y), new(x + 40, y), new(x, y + 40), new(x, y + 75), new(x - 75, y + 10), new(x + 75, y + 10)));

    /// <summary>A placement map: turned by <paramref name="degrees"/> about the sticker's top-left, which goes to (x, y).</summary>
    private static double[] Map(double x, double y, double degrees)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        return [cos, -sin, x, sin, cos, y];
    }
}
