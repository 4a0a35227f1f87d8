using System.Globalization;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;

namespace LiveInteract.Grains.Risk;

/// <summary>
/// A fresh account that tops up and gives most of it to one creator within minutes (a common shape of laundering
/// stolen cards into a creator's earnings). Read from the wallet's own ledger after each gift; fires once per
/// account and creator, on the gift that crosses the share. Plain: tested on constructed ledgers.
/// </summary>
public static class FreshAccountGiftingDetector
{
    public static RiskFlag? Check(string userId, IReadOnlyList<LedgerEntry> ledger, LedgerEntry gift, RiskOptions options, long now)
    {
        if (gift.Kind != LedgerKind.Gift || gift.CreatorId is not { } creatorId) return null;
        // A ledger that no longer starts at line 1 was trimmed: the account is anything but fresh.
        if (ledger.Count == 0 || ledger[0].Seq != 1) return null;
        var firstAt = ledger[0].At;
        var window = (long)options.FreshAccountWindow.TotalMilliseconds;
        if (now - firstAt > window) return null;
        var funding = ledger.Where(e => e.Kind is LedgerKind.TopUp or LedgerKind.Credit).ToArray();
        var funded = funding.Sum(e => e.Coins);
        if (funded < options.FreshAccountMinCoins) return null;
        var gifts = ledger.Where(e => e.Kind == LedgerKind.Gift && e.CreatorId == creatorId).ToArray();
        var given = -gifts.Sum(e => e.Coins);
        var before = given + gift.Coins; // gift.Coins is negative
        var threshold = options.FreshAccountShare * funded;
        if (given < threshold || before >= threshold) return null;
        var minutes = (now - firstAt) / 60_000d;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"account {userId} first appeared {minutes:0.#} min ago, put in {funded} coins and gave {given} of them ({100d * given / funded:0}%) to creator {creatorId}");
        RiskEvidence[] evidence = [.. funding.Select(e => new RiskEvidence(userId, $"ledger:{e.Seq}:{(e.Kind == LedgerKind.TopUp ? "topup" : "credit")}", e.At, Coins: e.Coins)),
            .. gifts.Select(e => new RiskEvidence(userId, $"ledger:{e.Seq}:gift:{e.GiftId}", e.At, Coins: -e.Coins))];
        return new RiskFlag($"risk_{Guid.NewGuid():N}", RiskSignals.FreshAccountGifting, reason, now, gift.RoomId, [userId, creatorId], evidence);
    }
}
