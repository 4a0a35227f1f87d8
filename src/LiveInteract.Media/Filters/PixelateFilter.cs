using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary><c>pixelate</c>: face privacy by mosaic; each face region becomes <see cref="Blocks"/> blocks across.</summary>
internal sealed class PixelateFilter(int blocks, double padding) : IFrameFilter
{
    public string Kind => FilterKinds.Pixelate;

    public bool NeedsFaces => true;

    public int Blocks { get; } = blocks;

    public double Padding { get; } = padding;

    public static PixelateFilter Parse(OptionReader options) => new(
        options.Integer("blocks", 10, 3, 64),
        options.Number("padding", 0.15, 0, 1));

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces)
    {
        using var small = new Mat();
        FaceRegion.ForEach(bgr, faces, Padding, minSide: 2, (roi, region) =>
        {
            var across = Math.Min(Blocks, region.Width);
            var down = Math.Clamp((int)Math.Round(across * (double)region.Height / region.Width), 1, region.Height);
            Cv2.Resize(roi, small, new Size(across, down), 0, 0, InterpolationFlags.Area);
            Cv2.Resize(small, roi, region.Size, 0, 0, InterpolationFlags.Nearest);
        });
    }
}
