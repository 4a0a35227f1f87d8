using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Filters;
using static LiveInteract.Media.Tests.PortraitFixture;

namespace LiveInteract.Media.Tests;

public sealed class FilterChainParseTests
{
    [Fact]
    public void Null_or_empty_is_the_empty_chain()
    {
        Assert.Same(FilterChain.Empty, FilterChain.Parse(null));
        Assert.Same(FilterChain.Empty, FilterChain.Parse([]));
        Assert.False(FilterChain.Empty.NeedsFaces);
    }

    [Fact]
    public void Kinds_and_option_names_are_case_insensitive()
    {
        var chain = FilterChain.Parse([new FilterSpec(" Sticker ", new Dictionary<string, string> { ["ASSET"] = "Crown" })]);

        Assert.Equal("sticker", chain.Specs[0].Kind);
        Assert.Equal("crown", Assert.IsType<StickerFilter>(chain.Filters[0]).Asset);
        Assert.True(chain.NeedsFaces);
    }

    [Fact]
    public void Defaults_apply_when_options_are_missing()
    {
        var chain = FilterChain.Parse([new FilterSpec("sticker"), new FilterSpec("look"), new FilterSpec("pixelate")]);

        Assert.Equal("glasses", ((StickerFilter)chain.Filters[0]).Asset);
        Assert.Equal("warm", ((LookFilter)chain.Filters[1]).Name);
        Assert.Equal(10, ((PixelateFilter)chain.Filters[2]).Blocks);
    }

    [Fact]
    public void A_chain_with_only_looks_and_overlays_needs_no_faces()
    {
        var chain = FilterChain.Parse([Spec("look", ("name", "cool")), Spec("overlay", ("text", "hi"))]);

        Assert.False(chain.NeedsFaces);
    }

    [Theory]
    [InlineData("sparkles", null, null, "unknown kind 'sparkles'")]
    [InlineData("sticker", "asset", "unicorn", "must be one of glasses, hat, crown, ears, mustache")]
    [InlineData("sticker", "size", "2", "unknown option 'size'")]
    [InlineData("beauty", "strength", "1.5", "must be between 0 and 1")]
    [InlineData("beauty", "strength", "lots", "must be a number")]
    [InlineData("beauty", "strength", "NaN", "must be a number")]
    [InlineData("look", "name", "sepia", "must be one of warm, cool, mono, vintage")]
    [InlineData("pixelate", "blocks", "7.5", "must be a whole number")]
    [InlineData("pixelate", "blocks", "1000", "must be between 3 and 64")]
    [InlineData("overlay", "position", "middle-ish", "must be one of top, bottom")]
    [InlineData("overlay", "text", "\u0007\u200B", "nothing drawable")]
    public void Invalid_filters_are_refused_with_a_readable_message(string kind, string? option, string? value, string expected)
    {
        var options = new Dictionary<string, string>();
        if (option is not null)
        {
            options[option] = value!;
        }

        if (kind == "overlay" && option != "text")
        {
            options["text"] = "hello";
        }

        var specs = new[] { new FilterSpec("look"), new FilterSpec(kind, options) };
        var ex = Assert.Throws<InvalidFilterException>(() => FilterChain.Parse(specs));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Filter 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Index);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }

    [Fact]
    public void Overlay_requires_text()
    {
        var ex = Assert.Throws<InvalidFilterException>(() => FilterChain.Parse([new FilterSpec("overlay")]));

        Assert.Equal("text", ex.Option);
    }

    [Fact]
    public void Overlay_text_is_capped()
    {
        var ex = Assert.Throws<InvalidFilterException>(() => FilterChain.Parse([Spec("overlay", ("text", new string('a', 65)))]));

        Assert.Contains("longer than 64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_turns_a_gift_emoji_into_an_icon_and_drops_what_it_cannot_draw()
    {
        var chain = FilterChain.Parse([Spec("overlay", ("text", "\U0001F339 Zoë sent\u202E a Rose\t x5"))]);

        var overlay = Assert.IsType<OverlayFilter>(chain.Filters[0]);
        Assert.Equal("rose", overlay.Icon);
        Assert.Equal("Zo sent a Rose x5", overlay.Text);
    }

    [Fact]
    public void Too_many_filters_are_refused()
    {
        var specs = Enumerable.Repeat(new FilterSpec("look"), FilterChain.MaxFilters + 1).ToArray();

        var ex = Assert.Throws<InvalidFilterException>(() => FilterChain.Parse(specs));

        Assert.Contains("At most 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_documented_kind_parses_with_defaults_except_overlay_which_needs_text()
    {
        foreach (var kind in FilterKinds.All)
        {
            var spec = kind == FilterKinds.Overlay ? Spec(kind, ("text", "x")) : new FilterSpec(kind);
            Assert.Equal(kind, FilterChain.Parse([spec]).Filters[0].Kind);
        }
    }

    [Fact]
    public void A_refusal_converts_to_the_projects_bad_request_error()
    {
        var ex = Assert.Throws<InvalidFilterException>(() => FilterChain.Parse([new FilterSpec("glitter")]));

        var error = ex.ToLiveInteractException();

        Assert.Equal(Contracts.Errors.ErrorCodes.BadRequest, error.Code);
        Assert.Equal(ex.Message, error.Message);
    }
}
