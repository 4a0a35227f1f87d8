using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Effects;

/// <summary>
/// A mapped gift arrived: the sender (<see cref="RoomEvent.UserId"/>, <see cref="RoomEvent.DisplayName"/>) triggered
/// <see cref="Filter"/> on the creator's video for <see cref="Seconds"/>. Repeats inside one combo share
/// <see cref="ComboId"/> (<see cref="ComboCount"/> grows); the video merges them into one showing. Effects play one at
/// a time in arrival order, so this says what was triggered, not that it is on screen yet.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.EffectEvent")]
public sealed record EffectEvent(
    [property: Id(0)] string GiftId,
    [property: Id(1)] string GiftName,
    [property: Id(2)] FilterSpec Filter,
    [property: Id(3)] int Seconds,
    [property: Id(4)] string ComboId,
    [property: Id(5)] int ComboCount) : RoomEvent
{
    /// <summary>True when the creator previewed the effect from the studio (<c>PreviewGiftEffect</c>) rather than a gift triggering it.</summary>
    [Id(6)] public bool Preview { get; init; }
}

/// <summary>The creator changed the room's gift-effect mapping (the whole new list).</summary>
[GenerateSerializer, Immutable, Alias("li.GiftEffectsChangedEvent")]
public sealed record GiftEffectsChangedEvent([property: Id(0)] IReadOnlyList<GiftEffect> Effects) : RoomEvent;
