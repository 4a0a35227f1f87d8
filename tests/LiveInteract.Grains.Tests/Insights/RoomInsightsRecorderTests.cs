using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Insights;

namespace LiveInteract.Grains.Tests.Insights;

/// <summary>The insights rules on constructed timelines (no silo): presence across silos, minutes, bounds.</summary>
public sealed class RoomInsightsRecorderTests
{
    private const long T0 = 1_767_607_200_000; // 2026-01-05 10:00 UTC, a whole minute
    private const long Minute = 60_000;

    private static RoomInsightsRecorder Live(InsightsOptions? options = null)
    {
        var recorder = new RoomInsightsRecorder(new RoomInsightsState(), options ?? new InsightsOptions());
        recorder.ApplyRoom("cleo", "Cleo", "Live", RoomStatus.Live, T0);
        return recorder;
    }

    [Fact]
    public void A_viewer_on_two_silos_is_one_viewer_until_the_last_connection_leaves()
    {
        var r = Live();
        r.ApplyPresence("s1", ["ana"], [], full: false, T0);
        r.ApplyPresence("s2", ["ana", "ben"], [], full: false, T0 + 30_000);
        r.ApplyPresence("s1", [], ["ana"], full: false, T0 + Minute);
        Assert.Equal(2, r.ConcurrentViewers);
        r.ApplyPresence("s2", [], ["ana"], full: false, T0 + 2 * Minute);
        r.Finish(T0 + 3 * Minute);

        var h = r.Headline(T0 + 3 * Minute);
        Assert.Equal((2, 2), (h.PeakViewers, h.UniqueViewers));
        // Ana 2 min, Ben 2.5 min.
        Assert.Equal((2 * Minute + 150_000) / 2, h.AverageWatchMs);
        // 1 viewer for 30 s, 2 for 1.5 min, 1 for 1 min = 4.5 viewer-minutes over 3 minutes.
        Assert.Equal(1.5, h.AverageViewers);
        var minutes = r.View("room", T0 + 3 * Minute, 10).Minutes;
        Assert.Equal([1.5, 2.0, 1.0], minutes.Select(m => m.AverageViewers));
        Assert.Equal([2, 2, 1], minutes.Select(m => m.PeakViewers));
    }

    [Fact]
    public void A_full_report_makes_absent_viewers_leave_and_a_silent_silo_drops_its_viewers()
    {
        var r = Live();
        r.ApplyPresence("s1", ["ana", "ben"], [], full: false, T0);
        // The leave of Ben was lost; the periodic full list repairs it.
        r.ApplyPresence("s1", ["ana"], [], full: true, T0 + Minute);
        Assert.Equal(1, r.ConcurrentViewers);
        r.DropSilo("s1", T0 + 2 * Minute);
        Assert.Equal(0, r.ConcurrentViewers);
        var h = r.Headline(T0 + 5 * Minute);
        Assert.Equal(3 * Minute / 2, h.AverageWatchMs); // Ana 2 min, Ben 1 min
    }

    [Fact]
    public void Events_count_once_by_seq_and_nothing_counts_after_the_end()
    {
        var r = Live();
        RoomEvent[] events =
        [
            new CommentEvent("c1", "hi") { Seq = 1, UserId = "ana" },
            new GiftEvent("rose", "Rose", 5, 5, GiftTier.Small, "k", 1, 5) { Seq = 2, UserId = "ben", DisplayName = "Ben" },
            new UserBannedEvent("eve") { Seq = 3 },
        ];
        var gifts = r.ApplyEvents(events, T0 + 10_000);
        Assert.Single(gifts);
        Assert.Empty(r.ApplyEvents(events, T0 + 20_000)); // redelivered: ignored
        r.ApplyLikes(7, T0 + 20_000);
        r.ApplyLikes(7, T0 + 25_000);
        r.ApplyEvents([new RoomStatusEvent(RoomStatus.Ended) { Seq = 4 }], T0 + Minute);
        r.ApplyEvents([new CommentEvent("c5", "late") { Seq = 5 }], T0 + Minute + 1);
        r.ApplyPresence("s1", ["zed"], [], full: false, T0 + Minute + 2);

        var view = r.View("room", T0 + 2 * Minute, 10);
        Assert.Equal((1L, 7L, 5L, 5L, 1L, 0), (view.Headline.Comments, view.Headline.Likes, view.Headline.Gifts, view.Headline.GiftCoins, view.Headline.Bans, view.Headline.UniqueViewers));
        Assert.Equal(T0 + Minute, view.EndedAt);
        Assert.Equal(("ben", "Ben", 5L), (view.TopGifters[0].UserId, view.TopGifters[0].DisplayName, view.TopGifters[0].Coins));
        Assert.Equal(1, Assert.Single(view.Minutes).ModerationActions);
    }

    [Fact]
    public void Bounds_hold_viewers_gifters_and_minutes()
    {
        var r = Live(new InsightsOptions { MaxViewersTracked = 10, MaxGiftersTracked = 10, MaxMinutes = 10 });
        r.ApplyPresence("s1", [.. Enumerable.Range(0, 25).Select(i => $"v{i}")], [], full: false, T0);
        long seq = 0;
        for (var i = 0; i < 25; i++)
            r.ApplyEvents([new GiftEvent("rose", "Rose", i + 1, 1, GiftTier.Small, "k", 1, 0) { Seq = ++seq, UserId = $"g{i}" }], T0 + i * Minute);
        var view = r.View("room", T0 + 30 * Minute, 100);
        Assert.True(view.ViewersCapped);
        Assert.Equal(10, view.Headline.UniqueViewers);
        Assert.Equal(25, view.Headline.PeakViewers); // concurrency still counts everyone
        Assert.Equal(10, view.TopGifters.Count);
        Assert.Equal("g24", view.TopGifters[0].UserId); // the biggest gifters are kept
        Assert.Equal(10, view.Minutes.Count);
        Assert.Equal(Enumerable.Range(1, 25).Sum(), view.Headline.GiftCoins); // the headline keeps counting
    }

    [Fact]
    public void Stored_open_sessions_end_at_the_store_time_after_a_restart()
    {
        var r = Live();
        r.ApplyPresence("s1", ["ana"], [], full: false, T0);
        r.Advance(T0 + Minute);
        r.State.StoredAt = T0 + Minute;
        var restarted = new RoomInsightsRecorder(r.State, new InsightsOptions());
        Assert.Equal(Minute, restarted.Headline(T0 + 10 * Minute).AverageWatchMs);
        Assert.Equal(["ana"], restarted.Unclassified);
    }
}
