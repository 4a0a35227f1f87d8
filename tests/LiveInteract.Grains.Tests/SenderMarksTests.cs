using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Rooms;

namespace LiveInteract.Grains.Tests;

/// <summary>The bound on per-sender gift marks (rooms' boards and creators): least recently seen forgotten, in steps.</summary>
public sealed class SenderMarksTests
{
    private static readonly Gift Rose = new("rose", "Rose", 1, GiftTier.Small);

    private static GiftDelivery From(string sender, long seq, int coins = 1) =>
        new(sender, sender, seq, $"{sender}-{seq}", "room", "creator", Rose, coins, coins, 0);

    [Fact]
    public void Past_max_plus_an_eighth_the_least_recently_seen_are_forgotten_down_to_max()
    {
        var applied = new Dictionary<string, long>();
        var seen = new Dictionary<string, long>();
        for (var i = 0; i < 112; i++)
        {
            SenderMarks.Mark(applied, seen, $"s{i}", 1, now: i);
            Assert.Empty(SenderMarks.Trim(applied, seen, max: 100));
        }
        SenderMarks.Mark(applied, seen, "s0", 2, now: 500); // s0 came back: now the most recent
        SenderMarks.Mark(applied, seen, "s112", 1, now: 501);
        var forgotten = SenderMarks.Trim(applied, seen, max: 100);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => $"s{i}"), forgotten);
        Assert.Equal(100, applied.Count);
        Assert.Equal(100, seen.Count);
        Assert.Equal(2, applied["s0"]);
    }

    [Fact]
    public void A_board_forgets_its_least_recent_small_gifters_but_never_one_in_the_top_10_and_still_dedupes_recent_ones()
    {
        var board = new GiftBoard();
        board.Apply(From("whale", 1, coins: 10_000), now: 0, TimeSpan.FromSeconds(3), maxSenders: 100);
        for (var i = 0; i < 120; i++) board.Apply(From($"fan{i}", 1), now: 1000 + i * 10_000, TimeSpan.FromSeconds(3), maxSenders: 100);

        Assert.InRange(board.AppliedUpTo.Count, 100, 112);
        Assert.Equal(board.AppliedUpTo.Keys.Order(), board.Gifters.Keys.Order());
        Assert.Equal("whale", board.Top[0].UserId); // oldest of all, kept: it is in the top 10
        Assert.True(board.AppliedUpTo.ContainsKey("whale"));
        // Ties of one coin rank by id, so fan0, fan1, fan10, fan100.. share the top 10 and stay; fan2 is among the
        // least recent outside it and is forgotten.
        Assert.All(board.Top, t => Assert.True(board.Gifters.ContainsKey(t.UserId)));
        Assert.False(board.AppliedUpTo.ContainsKey("fan2"));
        Assert.True(board.IsApplied(From("fan119", 1))); // the newest is still deduped
        Assert.Equal(10_000 + 120, board.TotalCoins); // totals never forget
    }
}
