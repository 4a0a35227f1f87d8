using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;

namespace LiveInteract.Grains.Tests;

/// <summary>
/// The room's append-only log: retention per room, replay from the log across a silo restart, and a failed append in
/// the middle of a stream of comments (nothing acknowledged is lost or given another seq).
/// </summary>
public sealed class RoomLogTests
{
    private static readonly Actor Creator = new("creator-1", "Creator");
    private static readonly Actor Viewer = new("viewer-1", "Viewer");

    [Fact]
    public async Task Log_keeps_the_retained_events_and_replays_them_after_a_silo_restart()
    {
        const int retention = 100;
        var first = new ClusterFixture { ConfigureRooms = o => o.LogRetention = retention };
        await first.InitializeAsync();
        var databasePath = first.DatabasePath;
        const string roomId = "log-restart";
        try
        {
            var room = first.Grains.GetGrain<IRoomGrain>(roomId);
            await room.Create(Creator, "Log");
            await room.Start(Creator); // seq 1
            for (var i = 2; i <= 300; i++) await room.SendComment(Viewer, $"line {i}");
        }
        finally
        {
            await first.Cluster.DisposeAsync();
        }

        // Retention: the table holds the newest `retention` events of the room, no more.
        Assert.Equal((retention, 201L, 300L), await LogRows(databasePath, roomId));

        var second = new ClusterFixture { DatabasePath = databasePath, ConfigureRooms = o => o.LogRetention = retention };
        await second.InitializeAsync();
        try
        {
            var room = second.Grains.GetGrain<IRoomGrain>(roomId);
            // Older than the in-memory tail (64 events: 237-300) but retained: read from the log.
            var fromLog = await room.GetEvents(205, 215);
            Assert.Equal(Enumerable.Range(205, 11).Select(i => (long)i), fromLog.Select(e => e.Seq));
            Assert.Equal(Enumerable.Range(205, 11).Select(i => $"line {i}"), fromLog.Cast<CommentEvent>().Select(c => c.Text));
            // A replay that reaches back into the log joins the tail without a gap.
            var replay = await room.GetSnapshot(afterSeq: 240, upToSeq: null);
            Assert.True(replay.ReplayComplete);
            Assert.Equal(Enumerable.Range(241, 60).Select(i => (long)i), replay.Events.Select(e => e.Seq));
            // Past retention: nothing, and a replay from there says it is incomplete.
            Assert.Empty(await room.GetEvents(100, 150));
            Assert.False((await room.GetSnapshot(afterSeq: 100, upToSeq: null)).ReplayComplete);

            // The sequence continues where the log stopped.
            Assert.Equal(301, (await room.SendComment(Viewer, "after restart")).Seq);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failed_log_append_mid_stream_loses_and_resequences_nothing_acknowledged()
    {
        var fixture = new ClusterFixture();
        await fixture.InitializeAsync();
        try
        {
            const string roomId = "log-failure";
            var room = fixture.Grains.GetGrain<IRoomGrain>(roomId);
            var relay = new RecordingRelay();
            var relayRef = fixture.Grains.CreateObjectReference<IRoomFanout>(relay);
            await room.Create(Creator, "Failing storage");
            await room.Start(Creator);
            await room.Subscribe("silo-test", relayRef);

            var receipts = new List<(string Text, CommentReceipt Receipt)>();
            for (var i = 0; i < 20; i++) receipts.Add(($"before {i}", await room.SendComment(Viewer, $"before {i}")));

            // The next append fails once while 40 comments are in flight: they wait for the retry, none is refused.
            FailingRoomEventLog.FailNextAppends(roomId, 1);
            var during = Enumerable.Range(0, 40).Select(async i => ($"during {i}", await room.SendComment(Viewer, $"during {i}"))).ToList();
            receipts.AddRange(await Task.WhenAll(during));
            Assert.Equal(1, FailingRoomEventLog.FailedAppends(roomId));

            // Every acknowledged comment has its own seq, and those seqs are contiguous after the start event.
            var seqs = receipts.Select(r => r.Receipt.Seq).Order().ToList();
            Assert.Equal(Enumerable.Range(2, 60).Select(i => (long)i), seqs);

            // The relay saw each seq once, in order; after a deactivation the log still holds each text under its seq.
            await relay.WaitFor(b => b.Events.Any(e => e.Seq == 61));
            var published = relay.Batches.SelectMany(b => b.Events).Select(e => e.Seq).ToList();
            Assert.Equal(Enumerable.Range(2, 60).Select(i => (long)i), published.Where(s => s >= 2));
            await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            var stored = await room.GetEvents(2, 61);
            var textBySeq = stored.Cast<CommentEvent>().ToDictionary(c => c.Seq, c => c.Text);
            foreach (var (text, receipt) in receipts) Assert.Equal(text, textBySeq[receipt.Seq]);
            Assert.Equal(62, (await room.SendComment(Viewer, "after")).Seq);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task<(long Rows, long MinSeq, long MaxSeq)> LogRows(string databasePath, string roomId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(seq), MAX(seq) FROM room_events WHERE room_id = $room";
        command.Parameters.AddWithValue("$room", roomId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
