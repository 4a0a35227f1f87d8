using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// A debited gift on its way from the sender's wallet outbox to the creator and the room. Receivers apply it
/// at most once: <see cref="TransferSeq"/> increases per sender wallet and the wallet delivers its outbox in
/// order, so a receiver keeps one high-water mark per sender and ignores anything at or below it.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.GiftDelivery")]
public sealed record GiftDelivery(
    [property: Id(0)] string SenderId,
    [property: Id(1)] string SenderName,
    [property: Id(2)] long TransferSeq,
    [property: Id(3)] string IdempotencyKey,
    [property: Id(4)] string RoomId,
    [property: Id(5)] string CreatorId,
    [property: Id(6)] Gift Gift,
    [property: Id(7)] int Count,
    [property: Id(8)] long Coins,
    [property: Id(9)] long At)
{
    /// <summary>The sender's device id when their client sent one (the creator-self-gifting signal).</summary>
    [Id(10)] public string? SenderDevice { get; init; }
}

/// <summary>What a wallet needs to know about a room before it debits: who receives the coins and whether it is live.</summary>
[GenerateSerializer, Immutable, Alias("li.GiftTarget")]
public sealed record GiftTarget(
    [property: Id(0)] string CreatorId,
    [property: Id(1)] RoomStatus Status);
