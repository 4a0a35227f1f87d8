using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Effects;

/// <summary>
/// One line of a room's gift-effect mapping (<c>SetGiftEffects</c>): when gift <see cref="GiftId"/> arrives, the
/// creator's video shows <see cref="Filter"/> for <see cref="Seconds"/>. The filter is a <c>sticker</c>, a <c>look</c>
/// or an <c>overlay</c>; an overlay's text may name the sender and the gift with <c>{sender}</c> and <c>{gift}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.GiftEffect")]
public sealed record GiftEffect(
    [property: Id(0)] string GiftId,
    [property: Id(1)] FilterSpec Filter,
    [property: Id(2)] int Seconds);
