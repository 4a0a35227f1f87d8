using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// A user's coin wallet (key = user id): balance, ledger, the idempotency keys of its gifts and the outbox of
/// gifts not yet credited to their creators. The balance never goes negative.
/// </summary>
[Alias("li.IWalletGrain")]
public interface IWalletGrain : IGrainWithStringKey
{
    /// <summary>The wallet; touching it also retries any pending deliveries.</summary>
    [Alias("Get")] Task<WalletView> Get();

    /// <summary>Demo credit; recorded in the ledger like every other movement.</summary>
    [Alias("TopUp")] Task<WalletView> TopUp(long coins);

    /// <summary>
    /// A purchase the operator's backend reports (<c>POST /api/service/wallets/{userId}/credits</c>): credited exactly
    /// once per <paramref name="purchaseId"/>; the same id again returns the first receipt and moves nothing.
    /// </summary>
    [Alias("CreditPurchase")] Task<PurchaseCredit> CreditPurchase(string purchaseId, long coins);

    /// <summary>
    /// Debits the wallet for <paramref name="count"/> x the gift and records the key, the ledger entry and the outbox
    /// entry in one state write before answering. The same key again returns the first receipt.
    /// </summary>
    [Alias("SendGift")] Task<GiftReceipt> SendGift(Actor sender, string roomId, string giftId, int count, string idempotencyKey);

    /// <summary>Newest first.</summary>
    [Alias("GetLedger"), ReadOnly] Task<LedgerPage> GetLedger(int offset, int limit);

    /// <summary>Tries to deliver the outbox now; returns how many deliveries are still pending.</summary>
    [Alias("DeliverPending")] Task<int> DeliverPending();

    /// <summary>
    /// Erase: the balance and totals stay (coins are conserved), the ledger keeps amounts, times, rooms and creators;
    /// idempotency keys, purchase ids and receipts go. Refused (conflict) while gifts are still being delivered.
    /// </summary>
    [Alias("Anonymise")] Task Anonymise();
}
