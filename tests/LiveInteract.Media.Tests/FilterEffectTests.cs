using LiveInteract.Media.Filters;
using OpenCvSharp;
using static LiveInteract.Media.Tests.PortraitFixture;

namespace LiveInteract.Media.Tests;

/// <summary>Each filter on a real portrait: it changes the pixels it should and no others.</summary>
public sealed class FilterEffectTests(PortraitFixture portrait) : IClassFixture<PortraitFixture>
{
    private Rect Face => portrait.Face;

    private Rect Frame => new(0, 0, portrait.Photo.Width, portrait.Photo.Height);

    [Fact]
    public void Glasses_land_on_the_eye_band_of_the_face_and_nowhere_else()
    {
        using var result = portrait.Apply(Spec("sticker", ("asset", "glasses")));

        // Eye band: 30-50% down the face box, the middle 80% across.
        var eyes = new Rect(Face.X + (Face.Width / 10), Face.Y + (Face.Height * 3 / 10), Face.Width * 8 / 10, Face.Height / 5);
        Assert.True(PixelMath.ChangedPixels(portrait.Photo, result, eyes) > eyes.Width * eyes.Height / 3);

        var sticker = new StickerFilter("glasses", 1).PlacementFor(portrait.Faces[0]);
        Assert.True(Face.Contains(TestData.Centre(sticker)));
        Assert.Equal(0, PixelMath.ChangedOutside(portrait.Photo, result, sticker));

        // The lower face (mouth, chin) is untouched.
        var chin = new Rect(Face.X, Face.Y + (Face.Height * 3 / 4), Face.Width, Face.Height / 4);
        Assert.Equal(0, PixelMath.ChangedPixels(portrait.Photo, result, chin));
    }

    [Theory]
    [InlineData("hat")]
    [InlineData("crown")]
    [InlineData("ears")]
    public void Headwear_lands_above_the_face(string asset)
    {
        using var result = portrait.Apply(Spec("sticker", ("asset", asset)));

        var above = new Rect(Face.X, Math.Max(0, Face.Y - (Face.Height / 3)), Face.Width, Math.Min(Face.Y, Face.Height / 3));
        Assert.True(PixelMath.ChangedPixels(portrait.Photo, result, above) > above.Width * above.Height / 5, $"{asset} barely changed the area above the head");

        var sticker = new StickerFilter(asset, 1).PlacementFor(portrait.Faces[0]);
        Assert.True(sticker.Y + (sticker.Height / 2) < Face.Y + (Face.Height / 4), $"{asset} centre is not above the forehead");
        Assert.Equal(0, PixelMath.ChangedOutside(portrait.Photo, result, sticker));

        var lowerFace = new Rect(Face.X, Face.Y + (Face.Height / 2), Face.Width, Face.Height / 2);
        Assert.Equal(0, PixelMath.ChangedPixels(portrait.Photo, result, lowerFace));
    }

    [Fact]
    public void Mustache_lands_under_the_nose()
    {
        using var result = portrait.Apply(Spec("sticker", ("asset", "mustache")));

        var sticker = new StickerFilter("mustache", 1).PlacementFor(portrait.Faces[0]);
        Assert.InRange(TestData.Centre(sticker).Y, Face.Y + (Face.Height * 0.6), Face.Y + (Face.Height * 0.8));
        Assert.True(PixelMath.ChangedPixels(portrait.Photo, result, sticker) > sticker.Width * sticker.Height / 3);
        Assert.Equal(0, PixelMath.ChangedOutside(portrait.Photo, result, sticker));
        var eyes = new Rect(Face.X, Face.Y, Face.Width, Face.Height / 2);
        Assert.Equal(0, PixelMath.ChangedPixels(portrait.Photo, result, eyes));
    }

    [Fact]
    public void Sticker_scale_option_makes_it_bigger()
    {
        var normal = new StickerFilter("glasses", 1).PlacementFor(portrait.Faces[0]);
        var big = new StickerFilter("glasses", 1.5).PlacementFor(portrait.Faces[0]);

        Assert.InRange(big.Width / (double)normal.Width, 1.45, 1.55);
    }

    [Fact]
    public void A_sticker_on_a_face_at_the_frame_edge_is_clipped_not_crashed()
    {
        using var frame = portrait.Photo.Clone();
        var edge = new Faces.TrackedFace(1, new Rect(-60, -80, 150, 150), 0);

        FilterChain.Parse([Spec("sticker", ("asset", "hat")), Spec("sticker", ("asset", "glasses"))]).Apply(frame, [edge]);

        Assert.True(PixelMath.ChangedPixels(portrait.Photo, frame, new Rect(0, 0, 100, 40)) > 0);
    }

    [Fact]
    public void Beauty_smooths_the_face_and_leaves_the_rest()
    {
        using var result = portrait.Apply(Spec("beauty", ("strength", "1")));

        var inner = new Rect(Face.X + (Face.Width / 4), Face.Y + (Face.Height / 4), Face.Width / 2, Face.Height / 2);
        var before = PixelMath.Sharpness(portrait.Photo, inner);
        var after = PixelMath.Sharpness(result, inner);
        Assert.True(after < before * 0.8, $"fine detail {before:F0} -> {after:F0}");
        Assert.InRange(PixelMath.MeanAbsDiff(portrait.Photo, result, inner), 0.5, 12);

        var region = FaceRegion.Bounds(portrait.Faces[0], 0.1, portrait.Photo.Size());
        Assert.Equal(0, PixelMath.ChangedOutside(portrait.Photo, result, region));
    }

    [Fact]
    public void Beauty_strength_zero_changes_nothing()
    {
        using var result = portrait.Apply(Spec("beauty", ("strength", "0")));

        Assert.Equal(0, PixelMath.ChangedPixels(portrait.Photo, result, Frame));
    }

    [Fact]
    public void Warm_look_raises_red_over_blue_and_cool_lowers_it()
    {
        using var warm = portrait.Apply(Spec("look", ("name", "warm")));
        using var cool = portrait.Apply(Spec("look", ("name", "cool")));

        var original = PixelMath.MeanBgr(portrait.Photo);
        var w = PixelMath.MeanBgr(warm);
        var c = PixelMath.MeanBgr(cool);
        Assert.True(w.R / w.B > (original.R / original.B) * 1.1, $"warm R/B {w.R / w.B:F3} vs {original.R / original.B:F3}");
        Assert.True(c.R / c.B < (original.R / original.B) * 0.9, $"cool R/B {c.R / c.B:F3} vs {original.R / original.B:F3}");
    }

    [Fact]
    public void Mono_look_makes_every_pixel_grey()
    {
        using var mono = portrait.Apply(Spec("look", ("name", "mono")));

        var channels = mono.Split();
        using var bg = new Mat();
        using var gr = new Mat();
        Cv2.Absdiff(channels[0], channels[1], bg);
        Cv2.Absdiff(channels[1], channels[2], gr);
        Cv2.MinMaxLoc(bg, out _, out double maxBg);
        Cv2.MinMaxLoc(gr, out _, out double maxGr);
        Assert.True(maxBg <= 1 && maxGr <= 1, $"channel differences up to {Math.Max(maxBg, maxGr)}");
        foreach (var c in channels)
        {
            c.Dispose();
        }
    }

    [Fact]
    public void Half_intensity_mono_keeps_some_colour()
    {
        using var half = portrait.Apply(Spec("look", ("name", "mono"), ("intensity", "0.5")));
        using var full = portrait.Apply(Spec("look", ("name", "mono")));

        var h = PixelMath.MeanBgr(half);
        var o = PixelMath.MeanBgr(portrait.Photo);
        Assert.InRange(h.R - h.B, (o.R - o.B) * 0.4, (o.R - o.B) * 0.6);
    }

    [Fact]
    public void Vintage_look_lifts_blacks_dims_whites_and_warms()
    {
        using var vintage = portrait.Apply(Spec("look", ("name", "vintage")));

        Cv2.MinMaxLoc(vintage.Reshape(1), out double min, out double max);
        Assert.True(min >= 15, $"darkest value {min}");
        Assert.True(max <= 240, $"brightest value {max}");
        var v = PixelMath.MeanBgr(vintage);
        Assert.True(v.R > v.G && v.G > v.B, $"vintage means B {v.B:F0} G {v.G:F0} R {v.R:F0}");
    }

    [Fact]
    public void Pixelate_turns_the_face_into_blocks_and_leaves_the_rest()
    {
        using var result = portrait.Apply(Spec("pixelate", ("blocks", "8"), ("padding", "0.1")));

        var region = FaceRegion.Bounds(portrait.Faces[0], 0.1, portrait.Photo.Size());
        Assert.Equal(0, PixelMath.ChangedOutside(portrait.Photo, result, region));
        Assert.True(PixelMath.ChangedPixels(portrait.Photo, result, region) > region.Width * region.Height * 0.9);

        // Inside one block every pixel has the same colour.
        var blockSide = region.Width / 8;
        using var block = new Mat(result, new Rect(region.X + blockSide + 2, region.Y + blockSide + 2, blockSide - 4, blockSide - 4));
        Cv2.MeanStdDev(block, out _, out var std);
        Assert.Equal(0, std.Val0 + std.Val1 + std.Val2, 6);
    }

    [Fact]
    public void Blur_hides_the_face_and_leaves_the_rest()
    {
        using var result = portrait.Apply(Spec("blur"));

        var region = FaceRegion.Bounds(portrait.Faces[0], 0.15, portrait.Photo.Size());
        Assert.Equal(0, PixelMath.ChangedOutside(portrait.Photo, result, region));
        var before = PixelMath.Sharpness(portrait.Photo, Face);
        var after = PixelMath.Sharpness(result, Face);
        Assert.True(after < before * 0.1, $"fine detail {before:F0} -> {after:F0}");
    }

    [Fact]
    public void Face_filters_do_nothing_without_faces()
    {
        using var frame = portrait.Photo.Clone();

        FilterChain.Parse([Spec("pixelate"), Spec("blur"), Spec("beauty"), Spec("sticker")]).Apply(frame, []);

        Assert.Equal(0, PixelMath.ChangedPixels(portrait.Photo, frame, Frame));
    }

    [Theory]
    [InlineData("top")]
    [InlineData("bottom-right")]
    public void Overlay_draws_in_its_band_only(string position)
    {
        var spec = Spec("overlay", ("text", "Ann sent a Rose x5"), ("position", position), ("icon", "rose"));
        using var result = portrait.Apply(spec);

        var band = ((OverlayFilter)FilterChain.Parse([spec]).Filters[0]).BandFor(portrait.Photo.Size());
        Assert.True(PixelMath.ChangedPixels(portrait.Photo, result, band) > band.Width * band.Height / 2);
        Assert.Equal(0, PixelMath.ChangedOutside(portrait.Photo, result, band));
        if (position == "top")
        {
            Assert.True(band.Y < portrait.Photo.Height / 8);
        }
        else
        {
            Assert.True(band.Bottom > portrait.Photo.Height * 7 / 8 && band.Right > portrait.Photo.Width * 7 / 8);
        }
    }

    [Fact]
    public void Filters_apply_in_list_order()
    {
        var mono = Spec("look", ("name", "mono"));
        var glasses = Spec("sticker", ("asset", "glasses"));

        using var monoThenGlasses = portrait.Apply(mono, glasses);
        using var glassesThenMono = portrait.Apply(glasses, mono);

        // One by one, in each order.
        using var stepA = portrait.Apply(mono);
        FilterChain.Parse([glasses]).Apply(stepA, portrait.Faces);
        using var stepB = portrait.Apply(glasses);
        FilterChain.Parse([mono]).Apply(stepB, portrait.Faces);

        Assert.Equal(0, PixelMath.ChangedPixels(monoThenGlasses, stepA, Frame));
        Assert.Equal(0, PixelMath.ChangedPixels(glassesThenMono, stepB, Frame));

        // The glasses' tinted lenses keep their blue cast only when drawn after the grey look.
        var sticker = new StickerFilter("glasses", 1).PlacementFor(portrait.Faces[0]);
        Assert.True(PixelMath.ChangedPixels(monoThenGlasses, glassesThenMono, sticker) > sticker.Width * sticker.Height / 4);
        Assert.Equal(0, PixelMath.ChangedOutside(monoThenGlasses, glassesThenMono, sticker));
    }
}
