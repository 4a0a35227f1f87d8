namespace LiveInteract.Contracts.Service;

/// <summary><c>POST /api/service/wallets/{userId}/credits</c>: a purchase made in the operator's shop.</summary>
public sealed record PurchaseCreditRequest(string? PurchaseId, long Coins);
