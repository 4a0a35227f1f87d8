using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Insights;

namespace LiveInteract.Grains.Tests.Insights;

public sealed class RankingBoardTests
{
    [Fact]
    public void A_repeated_merge_counts_once_and_the_top_is_by_coins()
    {
        var state = new RankingWindowState();
        var board = new RankingBoard(state, maxEntries: 100);
        var delta = new RankingDelta("s1", 1, [new("c1", "Cleo", 50), new("c2", "Dora", 70)], [new("f1", "Fan", 120)]);
        Assert.True(board.Merge(delta));
        Assert.False(board.Merge(delta));
        Assert.True(board.Merge(new RankingDelta("s2", 1, [new("c1", "Cleo", 30)], [new("f1", "Fan", 30)])));
        Assert.False(board.Merge(new RankingDelta("s1", 1, [new("c1", "Cleo", 999)], [])));
        Assert.Equal([(1, "c1", 80L), (2, "c2", 70L)], board.Top(RankingNames.Creators, 10).Select(e => (e.Rank, e.UserId, e.Coins)));
        Assert.Equal(150, board.Top(RankingNames.Gifters, 10).Single().Coins);
    }

    [Fact]
    public void A_full_board_drops_its_smallest_entry()
    {
        var board = new RankingBoard(new RankingWindowState(), maxEntries: 10);
        board.Merge(new RankingDelta("s", 1, [.. Enumerable.Range(1, 12).Select(i => new RankingCredit($"c{i}", "x", i * 10))], []));
        var top = board.Top(RankingNames.Creators, 100);
        Assert.Equal(10, top.Count);
        Assert.Equal("c12", top[0].UserId);
        Assert.DoesNotContain(top, e => e.UserId is "c1");
    }

    [Fact]
    public void Windows_are_utc_hours_days_and_weeks_from_monday()
    {
        var at = new DateTimeOffset(2026, 1, 8, 15, 42, 7, TimeSpan.FromHours(2)); // Thursday 13:42 UTC
        Assert.Equal(new DateTimeOffset(2026, 1, 8, 13, 0, 0, TimeSpan.Zero), RankingWindows.Of("hour", at).Start);
        Assert.Equal(new DateTimeOffset(2026, 1, 8, 0, 0, 0, TimeSpan.Zero), RankingWindows.Of("day", at).Start);
        var week = RankingWindows.Of("week", at);
        Assert.Equal((new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero)), week);
        Assert.Equal(RankingWindows.Of("week", new DateTimeOffset(2026, 1, 11, 23, 59, 0, TimeSpan.Zero)), week); // Sunday night
    }
}
