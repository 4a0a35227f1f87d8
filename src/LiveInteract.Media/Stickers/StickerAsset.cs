using OpenCvSharp;

namespace LiveInteract.Media.Stickers;

/// <summary>A drawn sticker: a BGRA image (alpha 0 = transparent) and how it sits on a face.</summary>
internal sealed record StickerAsset(string Name, Mat Bgra, StickerPlacement Placement)
{
    /// <summary>
    /// The drawing and its halvings (area-averaged, down to about 16 px wide), largest first. A frame's sticker is
    /// warped from the smallest one at least as wide as it, so the warp shrinks by less than 2 and bilinear sampling
    /// does not alias thin lines, without an area resize of the full drawing on every frame.
    /// </summary>
    public Mat[] Levels => _levels.Levels;

    /// <summary><see cref="Levels"/>, each with a one-pixel transparent border (what <see cref="Filters.WarpBlend"/> samples).</summary>
    /// <remarks>Made once with the asset (assets are shared by every pipeline's thread).</remarks>
    public Mat[] PaddedLevels => _levels.Padded;

    private readonly (Mat[] Levels, Mat[] Padded) _levels = Build(Bgra);

    /// <summary>The smallest of <see cref="Levels"/> at least <paramref name="width"/> wide (the drawing itself when none is).</summary>
    public Mat LevelFor(int width) => Levels[LevelIndexFor(width)];

    /// <summary>The index in <see cref="Levels"/> of <see cref="LevelFor"/>'s level.</summary>
    public int LevelIndexFor(int width)
    {
        var levels = Levels;
        for (var i = levels.Length - 1; i > 0; i--)
        {
            if (levels[i].Width >= width)
            {
                return i;
            }
        }

        return 0;
    }

    private static (Mat[] Levels, Mat[] Padded) Build(Mat bgra)
    {
        var levels = Halvings(bgra);
        return (levels, [.. levels.Select(Filters.WarpBlend.Pad)]);
    }

    private static Mat[] Halvings(Mat bgra)
    {
        var levels = new List<Mat> { bgra };
        var size = bgra.Size();
        while (size.Width >= 32 && size.Height >= 8)
        {
            size = new Size(size.Width / 2, size.Height / 2);
            var half = new Mat();
            Cv2.Resize(levels[^1], half, size, 0, 0, InterpolationFlags.Area);
            levels.Add(half);
        }

        return [.. levels];
    }
}
