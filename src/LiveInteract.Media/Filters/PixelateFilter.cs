using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// <c>pixelate</c>: face privacy by mosaic; each face's region, turned with the head, becomes <see cref="Blocks"/> blocks
/// across. The blocks stay on the pixel grid (a turned mosaic is no harder to read); the region's outline follows the head,
/// with a narrow soft edge.
/// </summary>
internal sealed class PixelateFilter(int blocks, double padding) : IFrameFilter
{
    private const double Feather = 0.04;

    // The hidden face replaces the region fully under the mask: no edge keeping.
    private static readonly MaskedBlend Cover = new(1.0, edgeThreshold: 0);

    public string Kind => FilterKinds.Pixelate;

    public bool NeedsFaces => true;

    public int Blocks { get; } = blocks;

    public double Padding { get; } = padding;

    public static PixelateFilter Parse(OptionReader options) => new(
        options.Integer("blocks", 10, 3, 64),
        options.Number("padding", 0.15, 0, 1));

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces, FilterStreamState? stream)
    {
        using var small = new Mat();
        using var mosaic = new Mat();
        using var mask = new Mat();
        foreach (var face in faces)
        {
            var region = face.Region(Padding);
            var bounds = FaceRegion.Bounds(region, bgr.Size());
            if (bounds.Width < 2 || bounds.Height < 2)
            {
                continue;
            }

            using var roi = new Mat(bgr, bounds);

            // Block size from the face region's own width, so a turned head does not get bigger blocks.
            var blockSide = Math.Max(1.0, region.Size.Width / Blocks);
            var across = Math.Clamp((int)Math.Round(bounds.Width / blockSide), 1, bounds.Width);
            var down = Math.Clamp((int)Math.Round(bounds.Height / blockSide), 1, bounds.Height);
            Cv2.Resize(roi, small, new Size(across, down), 0, 0, InterpolationFlags.Area);
            Cv2.Resize(small, mosaic, bounds.Size, 0, 0, InterpolationFlags.Nearest);

            FaceRegion.SoftMask(mask, bounds, region, Feather);
            Cover.Apply(roi, mosaic, mask);
        }
    }
}
