using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// <c>blur</c>: face privacy by a heavy Gaussian blur of each face's region, turned with the head and blended in through
/// a soft edge (no visible rectangle). The blur runs at a quarter of the region's size, which looks the same for a blur
/// this strong and costs a sixteenth. The soft edge lies in the padding, so the face itself is blurred in full.
/// </summary>
internal sealed class BlurFilter(double strength, double padding) : IFrameFilter
{
    // Width of the soft edge, as a fraction of the padded region's width.
    private const double Feather = 0.12;

    // The hidden face replaces the region fully under the mask: no edge keeping.
    private static readonly MaskedBlend Cover = new(1.0, edgeThreshold: 0);

    public string Kind => FilterKinds.Blur;

    public bool NeedsFaces => true;

    public double Strength { get; } = strength;

    public double Padding { get; } = padding;

    public static BlurFilter Parse(OptionReader options) => new(
        options.Number("strength", 0.8, 0.1, 1),
        options.Number("padding", 0.15, 0, 1));

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces, FilterStreamState? stream)
    {
        using var small = new Mat();
        using var blurred = new Mat();
        using var mask = new Mat();
        foreach (var face in faces)
        {
            var region = face.Region(Padding);
            var bounds = FaceRegion.Bounds(region, bgr.Size());
            if (bounds.Width < 4 || bounds.Height < 4)
            {
                continue;
            }

            using var roi = new Mat(bgr, bounds);
            var workSize = new Size(Math.Max(2, bounds.Width / 4), Math.Max(2, bounds.Height / 4));
            Cv2.Resize(roi, small, workSize, 0, 0, InterpolationFlags.Area);

            // Sigma in proportion to the face so the result is equally unrecognisable near and far.
            var sigma = Math.Max(1.0, face.Box.Width / 4.0 * 0.12 * Strength);
            Cv2.GaussianBlur(small, small, new Size(0, 0), sigma, sigma, BorderTypes.Reflect101);
            Cv2.Resize(small, blurred, bounds.Size, 0, 0, InterpolationFlags.Linear);

            FaceRegion.SoftMask(mask, bounds, region, Feather);
            Cover.Apply(roi, blurred, mask);
        }
    }
}
