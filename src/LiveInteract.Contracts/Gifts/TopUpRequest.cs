namespace LiveInteract.Contracts.Gifts;

/// <summary><c>POST /api/wallet/topup</c>: demo credit.</summary>
public sealed record TopUpRequest(long Coins);
