using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Rooms.Effects;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Gift-triggered face effects: the creator's mapping (gift id to filter and seconds) lives in the "room-effects"
/// state; a mapped gift appends an <see cref="EffectEvent"/> beside its gift event. The silo running the room's video
/// pipeline listens to the room's events and plays the effects (queue, combo merge and expiry are the pipeline's rules).
/// </summary>
public sealed partial class RoomGrain
{
    private readonly StoredConcern<RoomEffectState> _effects = new(effectState);

    public Task SetGiftEffects(Actor actor, IReadOnlyList<GiftEffect> effects)
    {
        EnsureOpen();
        RequireCreator(actor);
        var catalog = ServiceProvider.GetRequiredService<GiftCatalog>();
        var mapping = GiftEffectMapping.Validate(effects, id => catalog.All.FirstOrDefault(g => g.Id == id));
        if (GiftEffectMapping.SameAs(mapping, EffectState.Mappings)) return Task.CompletedTask;
        EffectState.Mappings = mapping;
        _effects.MarkChanged();
        Append(new GiftEffectsChangedEvent(mapping), actor);
        return Task.CompletedTask;
    }

    public Task PreviewGiftEffect(Actor actor, GiftEffect effect)
    {
        EnsureLive();
        RequireCreator(actor);
        var catalog = ServiceProvider.GetRequiredService<GiftCatalog>();
        Gift? gift = null;
        var checkedEffect = GiftEffectMapping.Validate([effect], id => gift = catalog.All.FirstOrDefault(g => g.Id == id))[0];
        // Its own combo id, so a preview never merges with a real gift's effect.
        Append(new EffectEvent(checkedEffect.GiftId, gift!.Name, checkedEffect.Filter, checkedEffect.Seconds, $"preview-{State.LastSeq + 1}", 1) { Preview = true }, actor);
        return Task.CompletedTask;
    }

    /// <summary>Called for each shown gift: a mapped one triggers its effect.</summary>
    private void TriggerEffect(GiftDelivery gift, string comboId, int comboCount, Actor sender)
    {
        foreach (var mapping in EffectState.Mappings)
        {
            if (mapping.GiftId != gift.Gift.Id) continue;
            Append(new EffectEvent(gift.Gift.Id, gift.Gift.Name, mapping.Filter, mapping.Seconds, comboId, comboCount), sender);
            return;
        }
    }
}
