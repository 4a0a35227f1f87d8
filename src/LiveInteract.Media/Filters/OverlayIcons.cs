using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>Small vector icons for gift overlays, drawn straight onto the frame in a square of side <c>size</c>.</summary>
internal static class OverlayIcons
{
    public static IReadOnlyList<string> Names { get; } = ["none", "heart", "star", "rose", "crown", "gift"];

    private const LineTypes Smooth = LineTypes.AntiAlias;

    public static void Draw(Mat bgr, string icon, Point topLeft, int size)
    {
        var s = size / 100.0;
        Point P(double x, double y) => new(topLeft.X + (int)Math.Round(x * s), topLeft.Y + (int)Math.Round(y * s));
        int L(double v) => Math.Max(1, (int)Math.Round(v * s));

        switch (icon)
        {
            case "heart":
                var red = new Scalar(60, 40, 230);
                Cv2.Circle(bgr, P(30, 35), L(24), red, -1, Smooth);
                Cv2.Circle(bgr, P(70, 35), L(24), red, -1, Smooth);
                Cv2.FillConvexPoly(bgr, new[] { P(8, 45), P(92, 45), P(50, 92) }, red, Smooth);
                break;
            case "star":
                var points = new Point[10];
                for (var i = 0; i < 10; i++)
                {
                    var r = i % 2 == 0 ? 48 : 20;
                    var a = (-Math.PI / 2) + (i * Math.PI / 5);
                    points[i] = P(50 + (r * Math.Cos(a)), 52 + (r * Math.Sin(a)));
                }

                Cv2.FillPoly(bgr, [points], new Scalar(40, 210, 255), Smooth);
                break;
            case "rose":
                Cv2.Line(bgr, P(50, 50), P(50, 98), new Scalar(40, 140, 30), L(6), Smooth);
                Cv2.Ellipse(bgr, P(35, 75), new Size(L(14), L(7)), -30, 0, 360, new Scalar(40, 160, 40), -1, Smooth);
                Cv2.Circle(bgr, P(50, 32), L(28), new Scalar(50, 20, 200), -1, Smooth);
                Cv2.Ellipse(bgr, P(50, 32), new Size(L(16), L(12)), 20, 0, 300, new Scalar(30, 10, 120), L(4), Smooth);
                break;
            case "crown":
                Cv2.FillPoly(
                    bgr,
                    [[P(5, 85), P(5, 25), P(30, 55), P(50, 15), P(70, 55), P(95, 25), P(95, 85)]],
                    new Scalar(40, 190, 250),
                    Smooth);
                break;
            case "gift":
                Cv2.Rectangle(bgr, new Rect(P(10, 40), new Size(L(80), L(55))), new Scalar(200, 90, 60), -1, Smooth);
                Cv2.Rectangle(bgr, new Rect(P(5, 28), new Size(L(90), L(16))), new Scalar(220, 110, 70), -1, Smooth);
                Cv2.Rectangle(bgr, new Rect(P(44, 28), new Size(L(12), L(67))), new Scalar(60, 210, 250), -1, Smooth);
                Cv2.Ellipse(bgr, P(38, 20), new Size(L(12), L(8)), 20, 0, 360, new Scalar(60, 210, 250), L(5), Smooth);
                Cv2.Ellipse(bgr, P(62, 20), new Size(L(12), L(8)), -20, 0, 360, new Scalar(60, 210, 250), L(5), Smooth);
                break;
            default:
                break;
        }
    }
}
