using OpenCvSharp;

namespace LiveInteract.Media.Stickers;

/// <summary>
/// The built-in stickers, drawn once with OpenCV primitives on transparent BGRA canvases (no image files to
/// ship or load). They are drawn large and scaled down to each face, and shared read-only by all pipelines.
/// </summary>
internal static class StickerLibrary
{
    private const LineTypes Smooth = LineTypes.AntiAlias;

    private static readonly Lazy<IReadOnlyDictionary<string, StickerAsset>> AssetsByName = new(Draw);

    /// <summary>Sticker names in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["glasses", "hat", "crown", "ears", "mustache"];

    public static StickerAsset Get(string name) => AssetsByName.Value[name];

    private static Dictionary<string, StickerAsset> Draw() => new(StringComparer.Ordinal)
    {
        // In eye distances from the eye midpoint. The lenses' centres are 190/400 of the drawing apart, so a width of
        // 2.1 puts one on each eye; their middle row sits on the eye line.
        ["glasses"] = new("glasses", DrawGlasses(), new StickerPlacement(2.1, 0, 0.5)),
        // A BlazeFace box's top (the hairline) is about 0.75 eye distances above the eyes: the brim rests just below it.
        ["hat"] = new("hat", DrawTopHat(), new StickerPlacement(3.2, -0.45, 0.95)),
        ["crown"] = new("crown", DrawCrown(), new StickerPlacement(2.25, -0.8, 1.0)),
        ["ears"] = new("ears", DrawBunnyEars(), new StickerPlacement(2.75, -0.5, 1.0)),
        // Between nose and mouth, about 0.9 eye distances below the eyes.
        ["mustache"] = new("mustache", DrawMustache(), new StickerPlacement(1.4, 0.9, 0.5)),
    };

    private static Mat Canvas(int width, int height) => new(height, width, MatType.CV_8UC4, Scalar.All(0));

    private static Scalar Bgra(int b, int g, int r, int a = 255) => new(b, g, r, a);

    private static Mat DrawGlasses()
    {
        var m = Canvas(400, 140);
        var frame = Bgra(20, 20, 20);
        var lens = Bgra(60, 40, 30, 190);
        foreach (var cx in new[] { 105, 295 })
        {
            Cv2.Ellipse(m, new Point(cx, 70), new Size(82, 58), 0, 0, 360, lens, -1, Smooth);
            Cv2.Ellipse(m, new Point(cx, 70), new Size(82, 58), 0, 0, 360, frame, 10, Smooth);
            // A highlight sells the "glass".
            Cv2.Ellipse(m, new Point(cx - 30, 50), new Size(22, 10), -25, 0, 360, Bgra(255, 255, 255, 150), -1, Smooth);
        }

        Cv2.Ellipse(m, new Point(200, 62), new Size(24, 14), 0, 190, 350, frame, 9, Smooth);
        Cv2.Line(m, new Point(20, 58), new Point(4, 50), frame, 9, Smooth);
        Cv2.Line(m, new Point(380, 58), new Point(396, 50), frame, 9, Smooth);
        return m;
    }

    private static Mat DrawTopHat()
    {
        var m = Canvas(400, 360);
        var felt = Bgra(30, 25, 25);
        Cv2.Rectangle(m, new Rect(90, 20, 220, 290), felt, -1, Smooth);
        Cv2.Ellipse(m, new Point(200, 22), new Size(110, 16), 0, 0, 360, Bgra(45, 40, 40), -1, Smooth);
        Cv2.Rectangle(m, new Rect(90, 235, 220, 45), Bgra(40, 40, 200), -1, Smooth);
        Cv2.Ellipse(m, new Point(200, 315), new Size(195, 38), 0, 0, 360, felt, -1, Smooth);
        return m;
    }

    private static Mat DrawCrown()
    {
        var m = Canvas(400, 260);
        var gold = Bgra(40, 190, 250);
        Point[] outline =
        [
            new(20, 240), new(20, 60), new(110, 150), new(200, 30), new(290, 150), new(380, 60), new(380, 240),
        ];
        Cv2.FillPoly(m, [outline], gold, Smooth);
        Cv2.Polylines(m, [outline], true, Bgra(20, 120, 180), 6, Smooth);
        Cv2.Rectangle(m, new Rect(20, 200, 360, 40), Bgra(30, 160, 230), -1, Smooth);
        foreach (var tip in new[] { new Point(20, 55), new Point(200, 25), new Point(380, 55) })
        {
            Cv2.Circle(m, tip, 18, Bgra(60, 60, 230), -1, Smooth);
        }

        Cv2.Circle(m, new Point(200, 220), 14, Bgra(200, 80, 40), -1, Smooth);
        Cv2.Circle(m, new Point(110, 220), 11, Bgra(60, 170, 40), -1, Smooth);
        Cv2.Circle(m, new Point(290, 220), 11, Bgra(60, 170, 40), -1, Smooth);
        return m;
    }

    private static Mat DrawBunnyEars()
    {
        var m = Canvas(400, 320);
        foreach (var (cx, tilt) in new[] { (120, -12.0), (280, 12.0) })
        {
            Cv2.Ellipse(m, new Point(cx, 170), new Size(55, 150), tilt, 0, 360, Bgra(235, 235, 245), -1, Smooth);
            Cv2.Ellipse(m, new Point(cx, 170), new Size(55, 150), tilt, 0, 360, Bgra(150, 150, 160), 5, Smooth);
            Cv2.Ellipse(m, new Point(cx, 180), new Size(28, 110), tilt, 0, 360, Bgra(190, 160, 250), -1, Smooth);
        }

        return m;
    }

    private static Mat DrawMustache()
    {
        var m = Canvas(400, 140);
        var hair = Bgra(20, 40, 70);
        Cv2.Ellipse(m, new Point(130, 70), new Size(95, 42), 12, 0, 360, hair, -1, Smooth);
        Cv2.Ellipse(m, new Point(270, 70), new Size(95, 42), -12, 0, 360, hair, -1, Smooth);
        Cv2.Ellipse(m, new Point(40, 58), new Size(32, 28), 0, 90, 300, hair, 16, Smooth);
        Cv2.Ellipse(m, new Point(360, 58), new Size(32, 28), 0, -120, 90, hair, 16, Smooth);
        // Notch under the nose.
        Cv2.Ellipse(m, new Point(200, 40), new Size(22, 16), 0, 0, 360, Bgra(0, 0, 0, 0), -1, Smooth);
        return m;
    }
}
