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
    // Below this roll a turn is invisible at sticker sizes; the sticker is only scaled (no warp), which is cheaper.
    private const double UprightDegrees = 0.75;

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

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces)
    {
        if (faces.Count == 0)
        {
            return;
        }

        var frame = new Rect(0, 0, bgr.Width, bgr.Height);
        using var scaled = new Mat();
        using var turned = new Mat();
        using var map = new Mat(2, 3, MatType.CV_64FC1);
        foreach (var face in faces)
        {
            if (_asset.Placement.Place(face, AssetSize, _scale) is not { } place)
            {
                continue;
            }

            var bounds = StickerPlacement.Bounds(place.Size, place.Map);
            var visible = bounds & frame;
            if (visible.Width <= 0 || visible.Height <= 0)
            {
                continue;
            }

            // Scale first with area averaging (thin lines such as glasses frames do not alias when shrunk a lot), then
            // turn the small copy: the warp runs on sticker-sized pixels only.
            Cv2.Resize(_asset.Bgra, scaled, place.Size, 0, 0, InterpolationFlags.Area);
            if (Math.Abs(face.RollDegrees) < UprightDegrees)
            {
                PixelBlend.Over(bgr, scaled, new Point((int)Math.Round(place.Map[2]), (int)Math.Round(place.Map[5])));
                continue;
            }

            // The map moved so the visible part's top-left is (0, 0): only the pixels that land in the frame are warped.
            var m = place.Map;
            map.Set(0, 0, m[0]);
            map.Set(0, 1, m[1]);
            map.Set(0, 2, m[2] - visible.X);
            map.Set(1, 0, m[3]);
            map.Set(1, 1, m[4]);
            map.Set(1, 2, m[5] - visible.Y);
            Cv2.WarpAffine(scaled, turned, map, visible.Size, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
            PixelBlend.Over(bgr, turned, visible.Location);
        }
    }
}
