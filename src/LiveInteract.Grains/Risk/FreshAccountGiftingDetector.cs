using System.Globalization;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;

namespace LiveInteract.Grains.Risk;

/// <summary>
/// A fresh account that tops up and gives most of it to one creator within minutes (a common shape of laundering
/// stolen cards into a creator's earnings). Incremental: the wallet feeds it each ledger line, it keeps the funding and
/// a running total per creator (<see cref="FreshAccountTally"/>) while the account is fresh, and reads the ledger only
/// for the evidence of a flag. Fires once per account and creator, on the gift that crosses the share. Plain: tested
/// on constructed ledgers.
/// </summary>
public static class FreshAccountGiftingDetector
{
    /// <summary>Creators a fresh account's totals are kept for (more in ten minutes is itself unusual, not this signal).</summary>
    public const int MaxCreators = 64;

    /// <summary>Adds <paramref name="entry"/> (just appended to <paramref name="ledger"/>) to the tally; a flag when it crosses the share.</summary>
    public static RiskFlag? Observe(string userId, FreshAccountTally tally, LedgerEntry entry, IReadOnlyList<LedgerEntry> ledger, RiskOptions options, long now)
    {
        if (tally.Closed) return null;
        if (entry.Seq == 1) tally.FirstAt = entry.At;
        // A wallet whose first line came before its tally existed is anything but fresh.
        if (tally.FirstAt == 0 || now - tally.FirstAt > (long)options.FreshAccountWindow.TotalMilliseconds)
        {
            tally.Close();
            return null;
        }
        if (entry.Kind is LedgerKind.TopUp or LedgerKind.Credit)
        {
            tally.Funded += entry.Coins;
            return null;
        }
        if (entry.Kind != LedgerKind.Gift || entry.CreatorId is not { } creatorId) return null;
        var before = tally.GivenByCreator.GetValueOrDefault(creatorId);
        if (before == 0 && tally.GivenByCreator.Count >= MaxCreators) return null;
        var given = before - entry.Coins; // gift lines carry negative coins
        tally.GivenByCreator[creatorId] = given;
        if (tally.Funded < options.FreshAccountMinCoins) return null;
        var threshold = options.FreshAccountShare * tally.Funded;
        if (given < threshold || before >= threshold) return null;
        return Flag(userId, creatorId, tally, given, ledger, entry, now);
    }

    private static RiskFlag Flag(string userId, string creatorId, FreshAccountTally tally, long given, IReadOnlyList<LedgerEntry> ledger, LedgerEntry gift, long now)
    {
        var minutes = (now - tally.FirstAt) / 60_000d;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"account {userId} first appeared {minutes:0.#} min ago, put in {tally.Funded} coins and gave {given} of them ({100d * given / tally.Funded:0}%) to creator {creatorId}");
        RiskEvidence[] evidence = [.. ledger.Where(e => e.At >= tally.FirstAt && (e.Kind is LedgerKind.TopUp or LedgerKind.Credit || (e.Kind == LedgerKind.Gift && e.CreatorId == creatorId)))
            .Select(e => e.Kind == LedgerKind.Gift
                ? new RiskEvidence(userId, $"ledger:{e.Seq}:gift:{e.GiftId}", e.At, Coins: -e.Coins)
                : new RiskEvidence(userId, $"ledger:{e.Seq}:{(e.Kind == LedgerKind.TopUp ? "topup" : "credit")}", e.At, Coins: e.Coins))];
        return new RiskFlag($"risk_{Guid.NewGuid():N}", RiskSignals.FreshAccountGifting, reason, now, gift.RoomId, [userId, creatorId], evidence);
    }
}

/// <summary>A wallet's running figures while its account is fresh ("wallet" state); closed (and emptied) once it is not.</summary>
[GenerateSerializer, Alias("li.FreshAccountTally")]
public sealed class FreshAccountTally
{
    /// <summary>The time of the wallet's first ledger line; 0 when the wallet is older than this tally.</summary>
    [Id(0)] public long FirstAt { get; set; }
    [Id(1)] public long Funded { get; set; }
    /// <summary>Coins given per creator, at most <see cref="FreshAccountGiftingDetector.MaxCreators"/>.</summary>
    [Id(2)] public Dictionary<string, long> GivenByCreator { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public bool Closed { get; set; }

    public void Close()
    {
        Closed = true;
        GivenByCreator.Clear();
    }
}
