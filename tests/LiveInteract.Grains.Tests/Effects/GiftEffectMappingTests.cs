using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Rooms.Effects;

namespace LiveInteract.Grains.Tests.Effects;

/// <summary>The room's own checks of a gift-effect mapping, without a silo.</summary>
public sealed class GiftEffectMappingTests
{
    private static readonly Dictionary<string, Gift> Catalog = new()
    {
        ["rose"] = new Gift("rose", "Rose", 1, GiftTier.Small),
        ["galaxy"] = new Gift("galaxy", "Galaxy", 1000, GiftTier.Epic),
    };

    private static Gift? Find(string id) => Catalog.GetValueOrDefault(id);

    private static FilterSpec Sticker(string asset = "glasses") => new("sticker", new Dictionary<string, string> { ["asset"] = asset });

    [Fact]
    public void A_valid_mapping_comes_back_trimmed_with_lower_case_kinds()
    {
        var mapping = GiftEffectMapping.Validate([new GiftEffect(" rose ", new FilterSpec("Sticker"), 5), new GiftEffect("galaxy", new FilterSpec("LOOK"), 30)], Find);
        Assert.Equal([("rose", "sticker", 5), ("galaxy", "look", 30)], mapping.Select(m => (m.GiftId, m.Filter.Kind, m.Seconds)));
        Assert.Empty(GiftEffectMapping.Validate([], Find));
    }

    [Theory]
    [InlineData("unicorn", "sticker", 5, GiftErrorCodes.UnknownGift, "gift effect 1: unknown gift 'unicorn'")]
    [InlineData("", "sticker", 5, GiftErrorCodes.UnknownGift, "gift effect 1: unknown gift ''")]
    [InlineData("rose", "blur", 5, ErrorCodes.BadRequest, "gift effect 1: filter must be one of sticker, look, overlay")]
    [InlineData("rose", "sticker", 0, ErrorCodes.BadRequest, "gift effect 1: seconds must be from 1 to 30")]
    [InlineData("rose", "sticker", 31, ErrorCodes.BadRequest, "gift effect 1: seconds must be from 1 to 30")]
    public void Each_bad_line_is_refused_with_a_stable_code_and_message(string giftId, string kind, int seconds, string code, string message)
    {
        var ex = Assert.Throws<LiveInteractException>(() => GiftEffectMapping.Validate([new GiftEffect(giftId, new FilterSpec(kind), seconds)], Find));
        Assert.Equal((code, message), (ex.Code, ex.Message));
    }

    [Fact]
    public void Duplicates_too_many_lines_and_no_list_are_refused()
    {
        Assert.Equal("gift effect 2: gift 'rose' is mapped twice",
            Assert.Throws<LiveInteractException>(() => GiftEffectMapping.Validate([new GiftEffect("rose", Sticker(), 5), new GiftEffect("rose", Sticker(), 6)], Find)).Message);
        var eleven = Enumerable.Range(0, GiftEffectLimits.MaxMappings + 1).Select(_ => new GiftEffect("rose", Sticker(), 5)).ToList();
        Assert.Equal("at most 10 gift effects (got 11)", Assert.Throws<LiveInteractException>(() => GiftEffectMapping.Validate(eleven, Find)).Message);
        Assert.Equal("effects are required (an empty list clears them)", Assert.Throws<LiveInteractException>(() => GiftEffectMapping.Validate(null, Find)).Message);
    }

    [Fact]
    public void The_same_mapping_is_recognised_so_nothing_is_written_twice()
    {
        List<GiftEffect> a = [new GiftEffect("rose", Sticker(), 5)];
        Assert.True(GiftEffectMapping.SameAs(a, [new GiftEffect("rose", Sticker(), 5)]));
        Assert.False(GiftEffectMapping.SameAs(a, [new GiftEffect("rose", Sticker("crown"), 5)]));
        Assert.False(GiftEffectMapping.SameAs(a, [new GiftEffect("rose", Sticker(), 6)]));
        Assert.False(GiftEffectMapping.SameAs(a, []));
    }
}
