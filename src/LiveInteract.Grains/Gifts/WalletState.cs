using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Gifts;

namespace LiveInteract.Grains.Gifts;

/// <summary>
/// What a wallet persists, in one record so one write commits a debit, its ledger line, its idempotency key and
/// its outbox entry together.
/// </summary>
[GenerateSerializer, Alias("li.WalletState")]
public sealed class WalletState
{
    [Id(0)] public long Balance { get; set; }
    [Id(1)] public long ToppedUp { get; set; }
    [Id(2)] public long Spent { get; set; }
    [Id(3)] public long LastLedgerSeq { get; set; }
    /// <summary>Per-wallet transfer number; receivers keep a high-water mark of it per sender.</summary>
    [Id(4)] public long LastTransferSeq { get; set; }
    [Id(5)] public List<LedgerEntry> Ledger { get; set; } = [];
    /// <summary>Idempotency key -> the first receipt.</summary>
    [Id(6)] public Dictionary<string, GiftReceipt> Receipts { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Debited gifts not yet acknowledged by both the creator and the room, oldest first.</summary>
    [Id(7)] public List<OutboxEntry> Outbox { get; set; } = [];
    /// <summary>Coins credited for purchases (the operator's backend), ever.</summary>
    [Id(8)] public long Credited { get; set; }
    /// <summary>Purchase id -> its credit, newest <c>Gifts:RememberedPurchases</c> kept (oldest by ledger seq forgotten).</summary>
    [Id(9)] public Dictionary<string, PurchaseCredit> Purchases { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Funding and gifts per creator while the account is fresh (the fresh-account gifting signal).</summary>
    [Id(10)] public Risk.FreshAccountTally FreshAccount { get; set; } = new();
    /// <summary>Which rooms this account has gifted (the gift-ring signal).</summary>
    [Id(11)] public Risk.GiftRoomTally GiftRooms { get; set; } = new();
}

/// <summary>One pending delivery and which of its two receivers already acknowledged it.</summary>
[GenerateSerializer, Alias("li.OutboxEntry")]
public sealed class OutboxEntry
{
    [Id(0)] public required GiftDelivery Delivery { get; init; }
    [Id(1)] public bool Credited { get; set; }
    [Id(2)] public bool Shown { get; set; }

    public bool Done => Credited && Shown;
}
