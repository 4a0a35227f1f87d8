namespace LiveInteract.Contracts.Gifts;

/// <summary>
/// The answer to a purchase credit: the ledger entry it made and the balance right after it. A repeat of the same
/// purchase id returns this same record with <see cref="Repeated"/> set and credits nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.PurchaseCredit")]
public sealed record PurchaseCredit(
    [property: Id(0)] string UserId,
    [property: Id(1)] string PurchaseId,
    [property: Id(2)] long Coins,
    [property: Id(3)] long BalanceAfter,
    [property: Id(4)] long LedgerSeq,
    [property: Id(5)] long At,
    [property: Id(6)] bool Repeated = false);
