namespace LiveInteract.Server.Service;

/// <summary><c>POST /api/service/wallets/{userId}/credits</c>: a purchase made in the operator's shop.</summary>
public sealed record PurchaseCreditRequest(string? PurchaseId, long Coins);

/// <summary>The answer to a revocation: tokens with <c>iat</c> at or before <paramref name="NotBefore"/> (unix seconds) are refused.</summary>
public sealed record RevokeResponse(string UserId, long NotBefore);
