using OpenCvSharp;

namespace LiveInteract.Media.Stickers;

/// <summary>
/// Where a sticker sits relative to a face box, in units of the box so it scales with the face.
/// </summary>
/// <param name="WidthFactor">Sticker width as a multiple of the face width.</param>
/// <param name="AnchorY">The face-box row (0 = top, 1 = bottom; negative is above the head) the sticker is pinned to.</param>
/// <param name="StickerAnchor">Which row of the sticker is pinned there (0 = its top, 0.5 = its middle, 1 = its bottom).</param>
internal sealed record StickerPlacement(double WidthFactor, double AnchorY, double StickerAnchor)
{
    /// <summary>The sticker's rectangle in frame coordinates for <paramref name="face"/>, keeping the asset's aspect ratio.</summary>
    public Rect Place(Rect face, Size asset, double scale)
    {
        var width = Math.Max(2, (int)Math.Round(face.Width * WidthFactor * scale));
        var height = Math.Max(2, (int)Math.Round(width * (double)asset.Height / asset.Width));
        var centreX = face.X + (face.Width / 2.0);
        var anchorRow = face.Y + (face.Height * AnchorY);
        var x = (int)Math.Round(centreX - (width / 2.0));
        var y = (int)Math.Round(anchorRow - (height * StickerAnchor));
        return new Rect(x, y, width, height);
    }
}
