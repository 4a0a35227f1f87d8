using System.Text.Json.Serialization;

namespace LiveInteract.Contracts.Gifts;

/// <summary>
/// One movement of a wallet. <see cref="Coins"/> is signed (top-ups positive, gifts negative) and
/// <see cref="BalanceAfter"/> is the balance right after it, so a page of the ledger can be audited on its own.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] LedgerKind Kind,
    [property: Id(2)] long Coins,
    [property: Id(3)] long BalanceAfter,
    [property: Id(4)] long At,
    [property: Id(5)] string? IdempotencyKey = null,
    [property: Id(6)] string? RoomId = null,
    [property: Id(7)] string? GiftId = null,
    [property: Id(8)] int Count = 0,
    [property: Id(9)] string? CreatorId = null);

[JsonConverter(typeof(JsonStringEnumConverter<LedgerKind>))]
public enum LedgerKind
{
    [JsonStringEnumMemberName("topup")] TopUp = 0,
    [JsonStringEnumMemberName("gift")] Gift = 1,
    /// <summary>A purchase credited by the operator's backend; <c>IdempotencyKey</c> holds the purchase id.</summary>
    [JsonStringEnumMemberName("credit")] Credit = 2,
}

/// <summary>A page of a wallet's ledger, newest first.</summary>
[GenerateSerializer, Immutable, Alias("li.LedgerPage")]
public sealed record LedgerPage(
    [property: Id(0)] IReadOnlyList<LedgerEntry> Entries,
    [property: Id(1)] int Total,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit);
