using LiveInteract.Contracts.Effects;

namespace LiveInteract.Grains.Rooms.Effects;

/// <summary>
/// A room's gift-effect mapping ("room-effects" state): at most <see cref="GiftEffectLimits.MaxMappings"/> lines,
/// written only when <c>SetGiftEffects</c> changes it. The effects a gift triggers are events, not state.
/// </summary>
[GenerateSerializer, Alias("li.RoomEffectState")]
public sealed class RoomEffectState
{
    [Id(0)] public List<GiftEffect> Mappings { get; set; } = [];
}
