using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// The colour looks as data: an optional 3x3 channel mix (for looks that move colour between channels,
/// like mono and sepia) followed by an optional per-channel 256-entry LUT (curves). Intensity is baked into
/// the tables, so applying a look is one or two passes over the frame with no blending. Tables are built
/// once per (look, intensity in hundredths) and shared; that key space is small and bounded.
/// </summary>
internal static class LookTables
{
    public static IReadOnlyList<string> Names { get; } = ["warm", "cool", "mono", "vintage"];

    private static readonly ConcurrentDictionary<(string Look, int Percent), LookRecipe> Cache = new();

    public static LookRecipe Get(string look, int percent) =>
        Cache.GetOrAdd((look, percent), key => Build(key.Look, key.Percent / 100.0));

    private static LookRecipe Build(string look, double t) => look switch
    {
        "warm" => new LookRecipe(null, Curves(t, blue: 1.25, green: 0.97, red: 0.78)),
        "cool" => new LookRecipe(null, Curves(t, blue: 0.78, green: 0.98, red: 1.25)),
        "mono" => new LookRecipe(Mix(t, Luma), null),
        "vintage" => new LookRecipe(Mix(0.75 * t, Sepia), Faded(t)),
        _ => throw new ArgumentOutOfRangeException(nameof(look), look, "Unknown look."),
    };

    // Rows are output B, G, R; columns are input B, G, R (OpenCV's channel order).
    private static readonly float[] Luma = [0.114f, 0.587f, 0.299f, 0.114f, 0.587f, 0.299f, 0.114f, 0.587f, 0.299f];

    private static readonly float[] Sepia = [0.131f, 0.534f, 0.272f, 0.168f, 0.686f, 0.349f, 0.189f, 0.769f, 0.393f];

    private static readonly float[] Identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];

    private static Mat Mix(double t, float[] target)
    {
        var m = new float[9];
        for (var i = 0; i < 9; i++)
        {
            m[i] = (float)(Identity[i] + (t * (target[i] - Identity[i])));
        }

        return FromArray(3, 3, MatType.CV_32FC1, m);
    }

    /// <summary>Gamma curves per channel: below 1 lifts a channel, above 1 lowers it.</summary>
    private static ChannelLut Curves(double t, double blue, double green, double red)
    {
        var lut = new byte[256 * 3];
        for (var v = 0; v < 256; v++)
        {
            lut[(v * 3) + 0] = Curve(v, blue, t);
            lut[(v * 3) + 1] = Curve(v, green, t);
            lut[(v * 3) + 2] = Curve(v, red, t);
        }

        return new ChannelLut(lut);
    }

    /// <summary>Lifted blacks and dimmed whites, slightly warm: the washed-out print look.</summary>
    private static ChannelLut Faded(double t)
    {
        var lut = new byte[256 * 3];
        for (var v = 0; v < 256; v++)
        {
            var faded = 28 + (v * (222 - 28) / 255.0);
            lut[(v * 3) + 0] = Lerp(v, faded - 6, t);
            lut[(v * 3) + 1] = Lerp(v, faded, t);
            lut[(v * 3) + 2] = Lerp(v, faded + 6, t);
        }

        return new ChannelLut(lut);
    }

    private static byte Curve(int v, double gamma, double t) => Lerp(v, 255.0 * Math.Pow(v / 255.0, gamma), t);

    private static byte Lerp(int v, double target, double t) =>
        (byte)Math.Clamp(Math.Round(v + (t * (target - v))), 0, 255);

    private static Mat FromArray<T>(int rows, int cols, MatType type, T[] data)
        where T : unmanaged
    {
        var mat = new Mat(rows, cols, type);
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        unsafe
        {
            bytes.CopyTo(new Span<byte>(mat.Data.ToPointer(), bytes.Length));
        }

        return mat;
    }
}

/// <summary>One look's tables; either may be null when the look does not need that pass.</summary>
internal sealed record LookRecipe(Mat? Mix, ChannelLut? Lut);
