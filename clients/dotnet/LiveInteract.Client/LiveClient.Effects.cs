using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Hub;

namespace LiveInteract.Client;

// Gift-triggered face effects (docs/PROTOCOL.md "Gift effects"). A mapped gift makes the creator's video show a
// sticker, a look or a caption naming the sender for some seconds; every viewer gets an EffectEvent saying who
// triggered what. The mapping comes back in RoomSnapshot.GiftEffects and each change as a GiftEffectsChangedEvent.
public sealed partial class LiveClient
{
    /// <summary>
    /// Replaces the room's gift-effect mapping (the creator only; at most <see cref="GiftEffectLimits.MaxMappings"/>
    /// lines, one per gift, <see cref="GiftEffectLimits.MinSeconds"/>-<see cref="GiftEffectLimits.MaxSeconds"/> s, a
    /// <c>sticker</c>, <c>look</c> or <c>overlay</c> filter). An empty list clears it. Refusals throw
    /// <see cref="Errors.LiveClientException"/> with the server's message.
    /// </summary>
    public Task SetGiftEffectsAsync(string roomId, IEnumerable<GiftEffect> effects, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.SetGiftEffects, [roomId, effects.ToArray()], cancellationToken);

    /// <summary>Plays one effect on the live video now, without a gift (the creator only; viewers get it marked <see cref="EffectEvent.Preview"/>).</summary>
    public Task PreviewGiftEffectAsync(string roomId, GiftEffect effect, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.PreviewGiftEffect, [roomId, effect], cancellationToken);
}
