using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// <c>overlay</c>: a caption such as the top gift of the moment ("Ann sent a Rose x5"), on a darkened band for
/// legibility, at one of seven positions, with an optional drawn icon. Text size follows the frame height.
/// </summary>
internal sealed class OverlayFilter(string text, string position, string icon, double scale) : IFrameFilter
{
    public static IReadOnlyList<string> Positions { get; } =
        ["top", "bottom", "center", "top-left", "top-right", "bottom-left", "bottom-right"];

    private const HersheyFonts Font = HersheyFonts.HersheyDuplex;

    public string Kind => FilterKinds.Overlay;

    public bool NeedsFaces => false;

    public string Text { get; } = text;

    public string Position { get; } = position;

    public string Icon { get; } = icon;

    public double Scale { get; } = scale;

    public static OverlayFilter Parse(OptionReader options)
    {
        var raw = options.OptionalString("text", 256) ?? throw options.Error("text", "option 'text' is required");
        var (text, emojiIcon) = OverlayText.Sanitize(raw);
        if (text.Length > OverlayText.MaxLength)
        {
            throw options.Error("text", $"option 'text' is longer than {OverlayText.MaxLength} characters");
        }

        var icon = options.Choice("icon", emojiIcon ?? "none", OverlayIcons.Names);
        if (text.Length == 0 && icon == "none")
        {
            throw options.Error("text", "option 'text' has nothing drawable (use letters, digits or a gift emoji)");
        }

        return new OverlayFilter(
            text,
            options.Choice("position", "top", Positions),
            icon,
            options.Number("scale", 1.0, 0.5, 3.0));
    }

    /// <summary>The band the caption occupies in a frame of <paramref name="frame"/> size.</summary>
    public Rect BandFor(Size frame)
    {
        var (_, _, textSize, baseline, iconSize, pad) = Measure(frame);
        var contentWidth = textSize.Width + (Icon == "none" ? 0 : iconSize + (Text.Length > 0 ? pad : 0));
        var width = Math.Min(frame.Width, contentWidth + (2 * pad));
        var height = Math.Min(frame.Height, Math.Max(textSize.Height + baseline, iconSize) + (2 * pad));
        var margin = Math.Max(4, frame.Height / 40);
        var x = Position switch
        {
            "top-left" or "bottom-left" => margin,
            "top-right" or "bottom-right" => frame.Width - width - margin,
            _ => (frame.Width - width) / 2,
        };
        var y = Position switch
        {
            "bottom" or "bottom-left" or "bottom-right" => frame.Height - height - margin,
            "center" => (frame.Height - height) / 2,
            _ => margin,
        };
        return new Rect(x, y, width, height) & new Rect(0, 0, frame.Width, frame.Height);
    }

    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces, FilterStreamState? stream)
    {
        var size = bgr.Size();
        var band = BandFor(size);
        if (band.Width <= 0 || band.Height <= 0)
        {
            return;
        }

        var (fontScale, thickness, textSize, baseline, iconSize, pad) = Measure(size);
        using (var roi = new Mat(bgr, band))
        {
            roi.ConvertTo(roi, -1, 0.4, 0);
        }

        var x = band.X + pad;
        if (Icon != "none")
        {
            OverlayIcons.Draw(bgr, Icon, new Point(x, band.Y + ((band.Height - iconSize) / 2)), iconSize);
            x += iconSize + pad;
        }

        if (Text.Length > 0)
        {
            var baselineY = band.Y + ((band.Height + textSize.Height - baseline) / 2);
            Cv2.PutText(bgr, Text, new Point(x, baselineY), Font, fontScale, Scalar.White, thickness, LineTypes.AntiAlias);
        }
    }

    private (double FontScale, int Thickness, Size TextSize, int Baseline, int IconSize, int Pad) Measure(Size frame)
    {
        var fontScale = Math.Max(0.35, frame.Height / 720.0 * Scale);
        var thickness = Math.Max(1, (int)Math.Round(2 * fontScale));
        var baseline = 0;
        var textSize = Text.Length > 0 ? Cv2.GetTextSize(Text, Font, fontScale, thickness, out baseline) : new Size(0, 0);

        var iconSize = Math.Max(12, (int)Math.Round(34 * fontScale));
        var pad = Math.Max(3, (int)Math.Round(10 * fontScale));
        return (fontScale, thickness, textSize, baseline, iconSize, pad);
    }
}
