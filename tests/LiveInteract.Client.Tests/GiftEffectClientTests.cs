using LiveInteract.Client.Auth;
using LiveInteract.Client.Errors;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Tests;

/// <summary>Gift effects through the SDK against a real server: the typed method, the events and a refusal.</summary>
public sealed class GiftEffectClientTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_creator_maps_a_gift_and_a_viewers_gift_arrives_as_a_typed_effect_event()
    {
        await using var creator = await Server.SignedInClient("Fiona", UserRole.Creator);
        var room = (await creator.CreateRoomAsync("effects")).RoomId;
        await creator.StartRoomAsync(room);
        var overlay = new FilterSpec("overlay", new Dictionary<string, string> { ["text"] = "{sender} sent {gift}!" });
        await creator.SetGiftEffectsAsync(room, [new GiftEffect("rose", overlay, 7)]);

        await using var viewer = await Server.SignedInClient("Ivo");
        await using var seen = new UpdateRecorder(viewer);
        var snapshot = await viewer.JoinRoomAsync(room);
        var mapped = Assert.Single(snapshot.GiftEffects!);
        Assert.Equal(("rose", "overlay", "{sender} sent {gift}!", 7), (mapped.GiftId, mapped.Filter.Kind, mapped.Filter.Options!["text"], mapped.Seconds));

        await viewer.TopUpAsync(10);
        await viewer.SendGiftAsync(room, "rose");
        await seen.Until(s => s.Events(room).OfType<EffectEvent>().Any(), "the effect event");
        var effect = Assert.Single(seen.Events(room).OfType<EffectEvent>());
        Assert.Equal(("rose", "Ivo", "overlay", 7, 1, false), (effect.GiftId, effect.DisplayName, effect.Filter.Kind, effect.Seconds, effect.ComboCount, effect.Preview));

        var refused = await Assert.ThrowsAsync<LiveClientException>(() => viewer.SetGiftEffectsAsync(room, []));
        Assert.Equal("only the room's creator can do that", refused.Message);
        var badGift = await Assert.ThrowsAsync<LiveClientException>(() => creator.SetGiftEffectsAsync(room, [new GiftEffect("unicorn", overlay, 7)]));
        Assert.Equal("gift effect 1: unknown gift 'unicorn'", badGift.Message);
    }
}
