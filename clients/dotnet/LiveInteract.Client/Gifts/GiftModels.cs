namespace LiveInteract.Client.Gifts;

// The gift and wallet shapes of the public protocol (DESIGN.md). They live here until the server's gift
// types are in LiveInteract.Contracts; the JSON names are the protocol's, so swapping them is source-compatible.

/// <summary>One entry of the gift catalog (<c>GET /api/gifts</c>): price in coins.</summary>
public sealed record GiftCatalogItem(string GiftId, string Name, long Coins);

/// <summary>A viewer's wallet (<c>GET /api/wallet</c>, <c>POST /api/wallet/topup</c>).</summary>
public sealed record WalletBalance(string UserId, long Balance);

/// <summary>
/// What <c>SendGift</c> returns: the new balance after the debit. A retry with the same idempotency key
/// returns the receipt of the first, successful attempt and is not charged again.
/// </summary>
public sealed record GiftReceipt(string IdempotencyKey, long Balance, long? Seq = null);

internal sealed record TopUpRequest(long Coins);
