using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Risk;

namespace LiveInteract.Grains.Tests.Risk;

/// <summary>The gift-ring signal on constructed histories: each wallet's half, the room's half, and honest twins.</summary>
public sealed class GiftRingDetectorTests
{
    private const long T0 = 1_767_607_200_000;
    private const long Minute = 60_000;
    private static readonly RiskOptions Options = new();

    /// <summary>One account's ledger (a top-up, then gifts to the rooms given) replayed into a tally; its member report, if any.</summary>
    private static GiftRingMember? Account(string userId, long createdAt, params (string Room, long Coins, long At)[] gifts)
    {
        var tally = new GiftRoomTally();
        GiftRingMember? member = null;
        GiftRingDetector.Observe(userId, tally, new LedgerEntry(1, LedgerKind.TopUp, 1_000, 1_000, createdAt), Options);
        var seq = 1L;
        foreach (var (room, coins, at) in gifts)
            member ??= GiftRingDetector.Observe(userId, tally, new LedgerEntry(++seq, LedgerKind.Gift, -coins, 0, at, $"k{seq}", room, "corgi", 1, $"creator-of-{room}"), Options);
        return member;
    }

    private static List<RiskFlag> Room(string roomId, IEnumerable<GiftRingMember?> members)
    {
        var detector = new GiftRingDetector(roomId, Options);
        return [.. members.OfType<GiftRingMember>().Select(detector.Add).OfType<RiskFlag>()];
    }

    [Fact]
    public void Five_young_accounts_giving_only_to_one_room_within_the_hour_are_a_ring()
    {
        var members = Enumerable.Range(0, 5).Select(i => Account($"m{i}", T0 + i * Minute, ("r1", 299, T0 + (10 + i) * Minute), ("r1", 299, T0 + (11 + i) * Minute)));
        var flag = Assert.Single(Room("r1", members));
        Assert.Equal((RiskSignals.GiftRing, "r1"), (flag.Signal, flag.RoomId));
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], flag.UserIds);
        Assert.All(flag.Evidence, e => Assert.Equal(598, e.Coins));
        Assert.StartsWith("5 accounts, none older than ", flag.Reason, StringComparison.Ordinal);
        Assert.EndsWith(" h, gave 2990 coins only ever to room r1 (creator creator-of-r1), all within 60 min", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_reports_itself_once_and_not_after_gifting_another_room()
    {
        var tally = new GiftRoomTally();
        GiftRingDetector.Observe("m", tally, new LedgerEntry(1, LedgerKind.TopUp, 2_000, 2_000, T0), Options);
        Assert.Null(GiftRingDetector.Observe("m", tally, new LedgerEntry(2, LedgerKind.Gift, -299, 0, T0, "k", "r1", "corgi", 1, "c"), Options));
        Assert.NotNull(GiftRingDetector.Observe("m", tally, new LedgerEntry(3, LedgerKind.Gift, -299, 0, T0, "k", "r1", "corgi", 1, "c"), Options));
        Assert.Null(GiftRingDetector.Observe("m", tally, new LedgerEntry(4, LedgerKind.Gift, -299, 0, T0, "k", "r1", "corgi", 1, "c"), Options));
        Assert.Null(GiftRingDetector.Observe("m", tally, new LedgerEntry(5, LedgerKind.Gift, -299, 0, T0, "k", "r2", "corgi", 1, "c"), Options));
        Assert.True(tally.ManyRooms);
    }

    [Fact]
    public void Honest_twins_are_not_a_ring()
    {
        // The same accounts also gifting a second room before they reach the amount.
        Assert.Empty(Room("r1", Enumerable.Range(0, 5).Select(i => Account($"m{i}", T0, ("r2", 99, T0 + Minute), ("r1", 299, T0 + 2 * Minute), ("r1", 299, T0 + 3 * Minute)))));
        // Loyal fans of one room whose accounts are two days old.
        Assert.Empty(Room("r1", Enumerable.Range(0, 5).Select(i => Account($"f{i}", T0, ("r1", 599, T0 + 2 * 24 * 60 * Minute)))));
        // Young single-room accounts, but spread over five hours.
        Assert.Empty(Room("r1", Enumerable.Range(0, 5).Select(i => Account($"s{i}", T0 + i * 60 * Minute, ("r1", 599, T0 + i * 61 * Minute)))));
        // Four accounts are not five.
        Assert.Empty(Room("r1", Enumerable.Range(0, 4).Select(i => Account($"q{i}", T0, ("r1", 599, T0 + Minute)))));
    }
}
