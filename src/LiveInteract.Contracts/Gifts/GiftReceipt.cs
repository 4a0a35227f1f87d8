namespace LiveInteract.Contracts.Gifts;

/// <summary>
/// What the sender of a gift gets back. Sending the same idempotency key again returns this same receipt
/// (with <see cref="Balance"/> as it was right after the first debit) and moves no coins.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.GiftReceipt")]
public sealed record GiftReceipt(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string RoomId,
    [property: Id(2)] string GiftId,
    [property: Id(3)] int Count,
    [property: Id(4)] long Coins,
    [property: Id(5)] long Balance,
    [property: Id(6)] long At,
    [property: Id(7)] long TransferSeq);
