using System.Globalization;
using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary><c>look</c>: a whole-frame colour grade (warm, cool, mono, vintage) at an intensity from 0 to 1.</summary>
internal sealed class LookFilter : IFrameFilter
{
    private readonly LookRecipe _recipe;

    public LookFilter(string name, double intensity)
    {
        Name = name;
        Percent = (int)Math.Round(intensity * 100, MidpointRounding.AwayFromZero);
        _recipe = LookTables.Get(name, Percent);
    }

    public string Kind => FilterKinds.Look;

    public bool NeedsFaces => false;

    public string Name { get; }

    public int Percent { get; }

    public static LookFilter Parse(OptionReader options) => new(
        options.Choice("name", "warm", LookTables.Names),
        options.Number("intensity", 1.0, 0, 1));

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces, FilterStreamState? stream)
    {
        if (_recipe.Mix is not null)
        {
            // cv::transform works pixel by pixel, so in place is safe and spares a frame-sized buffer.
            Cv2.Transform(bgr, bgr, _recipe.Mix);
        }

        _recipe.Lut?.Apply(bgr);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"look {Name} {Percent}%");
}
