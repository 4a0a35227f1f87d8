using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Risk;

namespace LiveInteract.Grains.Tests.Risk;

/// <summary>The fresh-account gifting signal on constructed ledgers: its pattern, and honest twins.</summary>
public sealed class FreshAccountGiftingDetectorTests
{
    private const long T0 = 1_767_607_200_000;
    private const long Minute = 60_000;

    /// <summary>Replays a ledger line by line, checking after each gift as the wallet does; returns the flags.</summary>
    private static List<RiskFlag> Replay(params (LedgerKind Kind, long Coins, string? Creator, long At)[] lines)
    {
        List<LedgerEntry> ledger = [];
        List<RiskFlag> flags = [];
        long balance = 0, seq = 0;
        foreach (var (kind, coins, creator, at) in lines)
        {
            balance += coins;
            var entry = new LedgerEntry(++seq, kind, coins, balance, at, $"k{seq}", creator is null ? null : $"room-{creator}", kind == LedgerKind.Gift ? "corgi" : null, 1, creator);
            ledger.Add(entry);
            if (FreshAccountGiftingDetector.Check("mule", ledger, entry, new RiskOptions(), at) is { } flag) flags.Add(flag);
        }
        return flags;
    }

    [Fact]
    public void A_fresh_account_giving_most_of_its_top_up_to_one_creator_flags_once_with_the_ledger_as_evidence()
    {
        var flags = Replay(
            (LedgerKind.TopUp, 1_000, null, T0),
            (LedgerKind.Gift, -299, "cleo", T0 + Minute),
            (LedgerKind.Gift, -299, "cleo", T0 + 2 * Minute),
            (LedgerKind.Gift, -299, "cleo", T0 + 3 * Minute),  // 897 of 1,000: crosses 80 %
            (LedgerKind.Gift, -99, "cleo", T0 + 4 * Minute));  // already flagged: not again
        var flag = Assert.Single(flags);
        Assert.Equal((RiskSignals.FreshAccountGifting, "room-cleo"), (flag.Signal, flag.RoomId));
        Assert.Equal(["mule", "cleo"], flag.UserIds);
        Assert.Equal([1_000L, 299L, 299L, 299L], flag.Evidence.Select(e => e.Coins!.Value));
        Assert.Equal("account mule first appeared 3 min ago, put in 1000 coins and gave 897 of them (90%) to creator cleo", flag.Reason);
    }

    [Fact]
    public void Honest_twins_do_not_flag()
    {
        // The same coins spread over two creators.
        Assert.Empty(Replay((LedgerKind.TopUp, 1_000, null, T0), (LedgerKind.Gift, -299, "cleo", T0 + Minute), (LedgerKind.Gift, -299, "dora", T0 + Minute),
            (LedgerKind.Gift, -198, "cleo", T0 + 2 * Minute), (LedgerKind.Gift, -198, "dora", T0 + 2 * Minute)));
        // The same gifts from an account that has been around for an hour.
        Assert.Empty(Replay((LedgerKind.TopUp, 1_000, null, T0), (LedgerKind.Gift, -299, "cleo", T0 + 60 * Minute),
            (LedgerKind.Gift, -299, "cleo", T0 + 61 * Minute), (LedgerKind.Gift, -299, "cleo", T0 + 62 * Minute)));
        // A fan spending a small top-up on a favourite.
        Assert.Empty(Replay((LedgerKind.TopUp, 100, null, T0), (LedgerKind.Gift, -99, "cleo", T0 + Minute)));
    }
}
