namespace LiveInteract.Contracts.Gifts;

/// <summary>A wallet as its owner sees it (<c>GET /api/wallet</c>).</summary>
[GenerateSerializer, Immutable, Alias("li.WalletView")]
public sealed record WalletView(
    [property: Id(0)] string UserId,
    [property: Id(1)] long Balance,
    [property: Id(2)] long ToppedUp,
    [property: Id(3)] long Spent,
    [property: Id(4)] int PendingDeliveries,
    [property: Id(5)] long Credited = 0);

/// <summary>What a creator earned from gifts (<c>GET /api/creators/{userId}/earnings</c>).</summary>
[GenerateSerializer, Immutable, Alias("li.CreatorEarnings")]
public sealed record CreatorEarnings(
    [property: Id(0)] string UserId,
    [property: Id(1)] long Coins,
    [property: Id(2)] long Gifts);
