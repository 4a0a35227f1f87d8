using LiveInteract.Media.Faces;
using LiveInteract.Media.Stickers;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// <c>sticker</c>: a drawn asset pinned to every tracked face by its keypoints: scaled by the distance between the eyes,
/// turned by the eye line's angle, alpha-blended.
/// </summary>
internal sealed class StickerFilter : IFrameFilter
{
    private readonly StickerAsset _asset;
    private readonly double _scale;

    public StickerFilter(string asset, double scale)
    {
        _asset = StickerLibrary.Get(asset);
        _scale = scale;
    }

    public string Kind => FilterKinds.Sticker;

    public bool NeedsFaces => true;

    public string Asset => _asset.Name;

    public static StickerFilter Parse(OptionReader options) => new(
        options.Choice("asset", "glasses", StickerLibrary.Names),
        options.Number("scale", 1.0, 0.25, 3.0));

    /// <summary>The frame rectangle this sticker covers on <paramref name="face"/>, before clipping (empty when too small).</summary>
    public Rect PlacementFor(TrackedFace face) =>
        _asset.Placement.Place(face, AssetSize, _scale) is { } p ? StickerPlacement.Bounds(p.Size, p.Map) : default;

    private Size AssetSize => new(_asset.Bgra.Width, _asset.Bgra.Height);

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces, FilterStreamState? stream)
    {
        if (faces.Count == 0)
        {
            return;
        }

        var frameSize = new Size(bgr.Width, bgr.Height);
        var frame = new Rect(0, 0, bgr.Width, bgr.Height);
        var warps = stream?.StickerWarps;
        using var map = new Mat(2, 3, MatType.CV_64FC1);
        foreach (var face in faces)
        {
            if (_asset.Placement.Place(face, AssetSize, _scale) is not { } place)
            {
                continue;
            }

            // A face holding still gets the warp it had: the warp is most of a sticker's cost, the blend the rest.
            var key = new StickerWarpKey(_asset.Name, _scale, face.Id);
            if (warps?.Find(key, place.Size, place.Map, frameSize) is { } kept)
            {
                PixelBlend.Over(bgr, kept.Warped, kept.At);
                continue;
            }

            // A sticker on a face holding still since its last frame is warped as it was drawn then, into the cache's
            // buffer, which later frames draw again (so it does not step); one that moved is sampled inside the blend
            // (no warped image written and read back).
            var still = warps?.HeldStill(key, place.Size, place.Map, frameSize);
            var (size, placed) = still ?? (place.Size, place.Map);
            var bounds = StickerPlacement.Bounds(size, placed);
            var visible = bounds & frame;
            if (visible.Width <= 0 || visible.Height <= 0)
            {
                continue;
            }

            // One warp scales and turns at once, from the pre-shrunk level just larger than the sticker (a shrink by
            // less than 2, which bilinear sampling handles without aliasing thin lines such as glasses frames), and
            // only for the pixels that land in the frame: the map is moved so the visible part's top-left is (0, 0).
            // Level pixel l maps to the placed sticker's pixel s = (l + 0.5) * k - 0.5 (pixel centres, as a resize
            // maps them), then through the placement's map.
            var index = _asset.LevelIndexFor(size.Width);
            var level = _asset.Levels[index];
            var kx = (double)size.Width / level.Width;
            var ky = (double)size.Height / level.Height;
            var (cx, cy) = ((0.5 * kx) - 0.5, (0.5 * ky) - 0.5);
            var m = placed;
            Span<double> local =
            [
                m[0] * kx, m[1] * ky, m[2] + (m[0] * cx) + (m[1] * cy) - visible.X,
                m[3] * kx, m[4] * ky, m[5] + (m[3] * cx) + (m[4] * cy) - visible.Y,
            ];

            if (still is null)
            {
                WarpBlend.Over(bgr, _asset.PaddedLevels[index], local, visible);
                warps?.Placed(key, size, placed, frameSize);
                continue;
            }

            for (var i = 0; i < 6; i++)
            {
                map.Set(i / 3, i % 3, local[i]);
            }

            var target = warps!.Store(key, size, placed, frameSize, visible.Location);
            Cv2.WarpAffine(level, target, map, visible.Size, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
            PixelBlend.Over(bgr, target, visible.Location);
        }
    }
}
