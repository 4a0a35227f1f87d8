using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// An area-averaging shrink of a large region to a small work size in two steps: whole f x f blocks first (OpenCV's fast
/// path for an integer ratio, which reads each source pixel once), then the fractional area resize over that copy,
/// between one and two times the work size. One fractional area resize straight from the region weighs every source
/// pixel into several outputs and cost more than the smoothing that follows it; the two steps average the same pixels.
/// </summary>
internal static class AreaShrink
{
    /// <summary>
    /// The block side for shrinking <paramref name="region"/> to at least <paramref name="workWidth"/>: 1 when the
    /// region is not at least twice that in both directions.
    /// </summary>
    public static int BlockSide(Size region, int workWidth) => Math.Max(1, Math.Min(region.Width, region.Height) / workWidth);

    /// <summary>
    /// <paramref name="region"/> trimmed on the right and bottom (by under <paramref name="block"/> pixels) so that
    /// <paramref name="block"/> divides it.
    /// </summary>
    public static Rect Trim(Rect region, int block) =>
        new(region.X, region.Y, region.Width / block * block, region.Height / block * block);

    /// <summary>
    /// <paramref name="region"/> trimmed evenly on both sides (by under <paramref name="block"/> pixels in all) so that
    /// <paramref name="block"/> divides it and its centre stays within half a pixel of where it was.
    /// </summary>
    public static Rect TrimCentred(Rect region, int block)
    {
        var trimmed = Trim(region, block);
        return trimmed with { X = region.X + ((region.Width - trimmed.Width) / 2), Y = region.Y + ((region.Height - trimmed.Height) / 2) };
    }

    /// <summary>
    /// Shrinks <paramref name="source"/> (whose sides <paramref name="block"/> divides) into <paramref name="target"/>
    /// at <paramref name="size"/>, using <paramref name="blocks"/> for the intermediate copy. The fractional step (a
    /// shrink by under 2 after the blocks) is an area resize, or with <paramref name="fraction"/> set to
    /// <see cref="InterpolationFlags.Linear"/> a bilinear one: OpenCV's fractional area resize is a generic weighted
    /// loop, its bilinear one a vectorised fixed-point pass at a fraction of the cost, and a shrink by under 2 samples
    /// every source pixel (a 2 x 2 neighbourhood per output), close enough to the area average for the face detector.
    /// </summary>
    public static void To(Mat source, Mat target, Size size, int block, Mat blocks, InterpolationFlags fraction = InterpolationFlags.Area) =>
        Cv2.Resize(Blocks(source, block, blocks), target, size, 0, 0, fraction);

    /// <summary>
    /// The whole-block step alone: <paramref name="source"/> shrunk by <paramref name="block"/> into
    /// <paramref name="blocks"/> (returned), or <paramref name="source"/> itself when the block is 1. The caller does the
    /// fraction.
    /// </summary>
    public static Mat Blocks(Mat source, int block, Mat blocks)
    {
        if (block <= 1)
        {
            return source;
        }

        Cv2.Resize(source, blocks, new Size(source.Width / block, source.Height / block), 0, 0, InterpolationFlags.Area);
        return blocks;
    }
}
