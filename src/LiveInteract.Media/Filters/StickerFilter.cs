using LiveInteract.Media.Faces;
using LiveInteract.Media.Stickers;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary><c>sticker</c>: a drawn asset pinned to every tracked face, scaled to the face box and alpha-blended.</summary>
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

    /// <summary>Where this sticker lands for <paramref name="face"/>, before clipping to the frame.</summary>
    public Rect PlacementFor(Rect face) =>
        _asset.Placement.Place(face, new Size(_asset.Bgra.Width, _asset.Bgra.Height), _scale);

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces)
    {
        if (faces.Count == 0)
        {
            return;
        }

        using var scaled = new Mat();
        foreach (var face in faces)
        {
            var place = PlacementFor(face.Box);
            if ((place & new Rect(0, 0, bgr.Width, bgr.Height)).Width <= 0)
            {
                continue;
            }

            // Area interpolation keeps thin lines (glasses frames) from aliasing when shrinking a lot.
            Cv2.Resize(_asset.Bgra, scaled, place.Size, 0, 0, InterpolationFlags.Area);
            PixelBlend.Over(bgr, scaled, place.Location);
        }
    }
}
