namespace LiveInteract.Contracts.Gifts;

/// <summary>Stable error codes of gifts and wallets (beside <see cref="Errors.ErrorCodes"/>).</summary>
public static class GiftErrorCodes
{
    public const string UnknownGift = "unknown_gift";
    public const string InvalidCount = "invalid_count";
    public const string MissingIdempotencyKey = "missing_idempotency_key";
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string InsufficientBalance = "insufficient_balance";
    public const string SelfGift = "self_gift";
    public const string InvalidAmount = "invalid_amount";
}
