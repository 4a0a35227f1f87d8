namespace LiveInteract.Client.Gifts;

/// <summary>
/// One logical gift: the idempotency key is made once, here, and sent unchanged on every retry, so a
/// gift whose reply was lost is charged once. An app that may be killed mid-send can persist this record
/// and send it again after a restart with the same key.
/// </summary>
public sealed record GiftRequest(string RoomId, string GiftId, int Count, string IdempotencyKey)
{
    public static GiftRequest Create(string roomId, string giftId, int count = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomId);
        ArgumentException.ThrowIfNullOrWhiteSpace(giftId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new GiftRequest(roomId, giftId, count, Guid.NewGuid().ToString("N"));
    }
}
