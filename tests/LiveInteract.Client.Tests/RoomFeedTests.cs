using System.Threading.Channels;
using LiveInteract.Client.Feeds;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Tests;

/// <summary>
/// The ordering rules in isolation, for the races a real server produces only sometimes: events pushed
/// before the JoinRoom result, replays that overlap pushes, gaps older than the replay buffer.
/// </summary>
public sealed class RoomFeedTests
{
    private readonly Channel<LiveUpdate> _out = Channel.CreateUnbounded<LiveUpdate>();

    [Fact]
    public void Events_pushed_before_the_join_result_wait_and_follow_the_snapshot_in_seq_order()
    {
        var feed = new RoomFeed("r", null, _out.Writer);
        feed.BeginJoin();
        feed.OnBatch(Batch(7, 8));
        feed.OnBatch(Batch(6));

        feed.CompleteJoin(Snapshot(lastSeq: 5, events: [3, 4, 5]));
        feed.OnBatch(Batch(8, 9));

        Assert.Equal([3, 4, 5, 6, 7, 8, 9], Seqs());
        Assert.Equal(9, feed.LastSeq);
    }

    [Fact]
    public void A_rejoin_drops_what_the_app_already_has_and_keeps_the_rest_in_order()
    {
        var feed = new RoomFeed("r", null, _out.Writer);
        feed.BeginJoin();
        feed.CompleteJoin(Snapshot(lastSeq: 10, events: [9, 10]));
        Drain();

        feed.BeginJoin();
        feed.OnBatch(Batch(12, 13));
        feed.CompleteJoin(Snapshot(lastSeq: 12, events: [11, 12])); // 12 pushed and replayed: once

        Assert.Equal([11, 12, 13], Seqs());
    }

    [Fact]
    public void A_gap_older_than_the_replay_buffer_is_reported_once_before_the_events_after_it()
    {
        var feed = new RoomFeed("r", resumeAfter: 10, _out.Writer);
        feed.BeginJoin();
        feed.CompleteJoin(Snapshot(lastSeq: 25, events: [20, 21, 22, 23, 24, 25], complete: false));

        var updates = Drain();
        var missed = Assert.Single(updates.OfType<EventsMissedUpdate>());
        Assert.Equal((11, 19), (missed.FromSeq, missed.ToSeq));
        Assert.Equal([20, 21, 22, 23, 24, 25], updates.OfType<RoomEventUpdate>().Select(u => u.Event.Seq));
        Assert.True(updates.IndexOf(missed) < updates.FindIndex(u => u is RoomEventUpdate));
    }

    [Fact]
    public void A_failed_join_releases_the_held_events()
    {
        var feed = new RoomFeed("r", resumeAfter: 4, _out.Writer);
        feed.BeginJoin();
        feed.OnBatch(Batch(5, 6));
        feed.AbortJoin();
        Assert.Equal([5, 6], Seqs());
    }

    private List<long> Seqs() => [.. Drain().OfType<RoomEventUpdate>().Select(u => u.Event.Seq)];

    private List<LiveUpdate> Drain()
    {
        List<LiveUpdate> all = [];
        while (_out.Reader.TryRead(out var u)) all.Add(u);
        return all;
    }

    private static EventBatch Batch(params long[] seqs) => new("r", [.. seqs.Select(Comment)], null);

    private static RoomEvent Comment(long seq) => new CommentEvent($"c{seq}", $"text {seq}") { Seq = seq };

    private static RoomSnapshot Snapshot(long lastSeq, long[] events, bool complete = true) =>
        new("r", "t", "u", "n", RoomStatus.Live, new RoomCounters(1, 0, 0), lastSeq, 0, 0, null,
            [.. events.Select(Comment)], complete, []);
}
