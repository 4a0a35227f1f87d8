using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Gifts;

/// <summary>
/// A gift in the room stream. <see cref="Coins"/> is what this send cost (price x count). Repeats of the same gift
/// by the same user within the combo window share <see cref="ComboId"/>; <see cref="ComboCount"/> is the streak's
/// running count, so a client shows one growing "x12" instead of twelve animations.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.GiftEvent")]
public sealed record GiftEvent(
    [property: Id(0)] string GiftId,
    [property: Id(1)] string Name,
    [property: Id(2)] long Coins,
    [property: Id(3)] int Count,
    [property: Id(4)] GiftTier Tier,
    [property: Id(5)] string ComboId,
    [property: Id(6)] int ComboCount,
    [property: Id(7)] long RoomTotal) : RoomEvent;

/// <summary>The room's top-gifter board changed (pushed only when the top 10 or their order changes).</summary>
[GenerateSerializer, Immutable, Alias("li.GiftBoardEvent")]
public sealed record GiftBoardEvent(
    [property: Id(0)] IReadOnlyList<TopGifter> Top,
    [property: Id(1)] long TotalCoins) : RoomEvent;
