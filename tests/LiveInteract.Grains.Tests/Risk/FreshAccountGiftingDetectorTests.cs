using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Risk;

namespace LiveInteract.Grains.Tests.Risk;

/// <summary>The fresh-account gifting signal on constructed ledgers: its pattern, and honest twins.</summary>
public sealed class FreshAccountGiftingDetectorTests
{
    private const long T0 = 1_767_607_200_000;
    private const long Minute = 60_000;

    /// <summary>Replays a ledger line by line into a tally, as the wallet does; returns the flags.</summary>
    private static List<RiskFlag> Replay(params (LedgerKind Kind, long Coins, string? Creator, long At)[] lines) => Replay(new FreshAccountTally(), 0, lines);

    private static List<RiskFlag> Replay(FreshAccountTally tally, long firstSeq, params (LedgerKind Kind, long Coins, string? Creator, long At)[] lines)
    {
        List<LedgerEntry> ledger = [];
        List<RiskFlag> flags = [];
        long balance = 0, seq = firstSeq;
        foreach (var (kind, coins, creator, at) in lines)
        {
            balance += coins;
            var entry = new LedgerEntry(++seq, kind, coins, balance, at, $"k{seq}", creator is null ? null : $"room-{creator}", kind == LedgerKind.Gift ? "corgi" : null, 1, creator);
            ledger.Add(entry);
            if (FreshAccountGiftingDetector.Observe("mule", tally, entry, ledger, new RiskOptions(), at) is { } flag) flags.Add(flag);
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

    [Fact]
    public void The_tally_keeps_running_totals_and_closes_once_the_account_is_no_longer_fresh()
    {
        var tally = new FreshAccountTally();
        Replay(tally, 0, (LedgerKind.TopUp, 1_000, null, T0), (LedgerKind.Gift, -299, "cleo", T0 + Minute), (LedgerKind.Gift, -99, "dora", T0 + Minute));
        Assert.Equal((1_000L, 299L, 99L), (tally.Funded, tally.GivenByCreator["cleo"], tally.GivenByCreator["dora"]));
        Replay(tally, 3, (LedgerKind.Gift, -99, "cleo", T0 + 11 * Minute));
        Assert.True(tally.Closed);
        Assert.Empty(tally.GivenByCreator);
        // A wallet older than its tally (its first line was written before tallies existed) is never fresh.
        var old = new FreshAccountTally();
        Assert.Empty(Replay(old, 40, (LedgerKind.TopUp, 1_000, null, T0), (LedgerKind.Gift, -999, "cleo", T0 + Minute)));
        Assert.True(old.Closed);
    }
}
