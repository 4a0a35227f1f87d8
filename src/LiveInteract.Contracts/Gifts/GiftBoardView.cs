namespace LiveInteract.Contracts.Gifts;

/// <summary>A room's gift standings: the top 10 gifters, the room's gift total, and the battle it is in (if any).</summary>
[GenerateSerializer, Immutable, Alias("li.GiftBoardView")]
public sealed record GiftBoardView(
    [property: Id(0)] IReadOnlyList<TopGifter> Top,
    [property: Id(1)] long TotalCoins,
    [property: Id(2)] long GiftCount,
    [property: Id(3)] string? BattleId);

[GenerateSerializer, Immutable, Alias("li.TopGifter")]
public sealed record TopGifter(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] long Coins);
