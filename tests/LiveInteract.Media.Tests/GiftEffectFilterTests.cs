using LiveInteract.Media.Effects;
using LiveInteract.Media.Filters;
using static LiveInteract.Media.Tests.PortraitFixture;

namespace LiveInteract.Media.Tests;

public sealed class GiftEffectFilterTests
{
    [Fact]
    public void Sticker_look_and_overlay_are_accepted_and_made_canonical()
    {
        Assert.Equal("glasses", GiftEffectFilter.Validate(Spec(" Sticker ", ("asset", "glasses "))).Options!["asset"]);
        Assert.Equal("look", GiftEffectFilter.Validate(Spec("look", ("name", "warm"))).Kind);
        var overlay = GiftEffectFilter.Validate(Spec("overlay", ("text", "Thanks {sender} for the {gift}!"), ("position", "bottom")));
        Assert.Equal("Thanks {sender} for the {gift}!", overlay.Options!["text"]); // the template is kept
        Assert.Equal("bottom", overlay.Options["position"]);
    }

    [Theory]
    [InlineData("blur")]
    [InlineData("pixelate")]
    [InlineData("beauty")]
    [InlineData("confetti")]
    [InlineData("")]
    public void Other_kinds_are_refused(string kind)
    {
        var ex = Assert.Throws<InvalidFilterException>(() => GiftEffectFilter.Validate(Spec(kind)));
        Assert.Equal("a gift effect's filter must be one of sticker, look, overlay", ex.Message);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_parsers_message()
    {
        Assert.Contains("asset", Assert.Throws<InvalidFilterException>(() => GiftEffectFilter.Validate(Spec("sticker", ("asset", "unicorn")))).Message, StringComparison.Ordinal);
        Assert.Contains("unknown option", Assert.Throws<InvalidFilterException>(() => GiftEffectFilter.Validate(Spec("look", ("name", "warm"), ("speed", "2")))).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("longer than", Assert.Throws<InvalidFilterException>(() => GiftEffectFilter.Validate(Spec("overlay", ("text", new string('a', 200))))).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidFilterException>(() => GiftEffectFilter.Validate(null));
    }

    [Fact]
    public void An_overlay_names_the_sender_and_the_gift_and_survives_undrawable_names()
    {
        var chain = GiftEffectFilter.Build(GiftEffectFilter.Validate(Spec("overlay")), "Ann", "Rose")!;
        Assert.Equal("Ann sent Rose", chain.Specs[0].Options!["text"]);

        var long_ = GiftEffectFilter.Build(Spec("overlay", ("text", "{sender} sent {gift}")), new string('x', 300), "Rose")!;
        Assert.StartsWith(new string('x', 24) + " sent Rose", long_.Specs[0].Options!["text"], StringComparison.Ordinal);

        var emojiOnly = GiftEffectFilter.Build(Spec("overlay", ("text", "{sender}")), "\u4E2D\u6587", "Rose")!;
        Assert.Equal("Rose", emojiOnly.Specs[0].Options!["text"]);
    }
}
