using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// <c>blur</c>: face privacy by a heavy Gaussian blur of each face region. The blur runs at a quarter of the
/// region's size, which looks the same for a blur this strong and costs a sixteenth.
/// </summary>
internal sealed class BlurFilter(double strength, double padding) : IFrameFilter
{
    public string Kind => FilterKinds.Blur;

    public bool NeedsFaces => true;

    public double Strength { get; } = strength;

    public double Padding { get; } = padding;

    public static BlurFilter Parse(OptionReader options) => new(
        options.Number("strength", 0.8, 0.1, 1),
        options.Number("padding", 0.15, 0, 1));

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces)
    {
        using var small = new Mat();
        FaceRegion.ForEach(bgr, faces, Padding, minSide: 4, (roi, region) =>
        {
            var workSize = new Size(Math.Max(2, region.Width / 4), Math.Max(2, region.Height / 4));
            Cv2.Resize(roi, small, workSize, 0, 0, InterpolationFlags.Area);

            // Sigma in proportion to the face so the result is equally unrecognisable near and far.
            var sigma = Math.Max(1.0, workSize.Width * 0.12 * Strength);
            Cv2.GaussianBlur(small, small, new Size(0, 0), sigma, sigma, BorderTypes.Reflect101);
            Cv2.Resize(small, roi, region.Size, 0, 0, InterpolationFlags.Linear);
        });
    }
}
