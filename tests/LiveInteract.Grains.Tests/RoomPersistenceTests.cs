using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using Orleans.Runtime;

namespace LiveInteract.Grains.Tests;

/// <summary>Room state lives in the SQLite file: it survives deactivation and a whole silo restart.</summary>
public sealed class RoomPersistenceTests
{
    private static readonly Actor Creator = new("creator-1", "Creator");
    private static readonly Actor Viewer = new("viewer-1", "Viewer");

    [Fact]
    public async Task Room_survives_deactivation()
    {
        var fixture = new ClusterFixture();
        await fixture.InitializeAsync();
        try
        {
            var room = fixture.Grains.GetGrain<IRoomGrain>("persist-deactivate");
            await room.Create(Creator, "Kept");
            await room.Start(Creator);
            await room.SendComment(Viewer, "remember me");
            await room.ReportSilo("silo-a", 1, 7);
            // Reported likes join the counters on the next batch tick; deactivation then stores them.
            await Eventually.Value(() => room.GetSnapshot(afterSeq: 0, upToSeq: null), s => s.Counters.Likes == 7, "the batch tick to count the likes");

            await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

            var snapshot = await room.GetSnapshot(afterSeq: 0, upToSeq: null);
            Assert.Equal(RoomStatus.Live, snapshot.Status);
            Assert.Equal(7, snapshot.Counters.Likes);
            Assert.Equal("remember me", Assert.IsType<CommentEvent>(snapshot.Events[^1]).Text);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task Room_title_counters_and_history_survive_a_silo_restart()
    {
        var first = new ClusterFixture();
        await first.InitializeAsync();
        var databasePath = first.DatabasePath;
        RoomSnapshot before;
        try
        {
            var room = first.Grains.GetGrain<IRoomGrain>("persist-restart");
            await room.Create(Creator, "Across restarts");
            await room.Start(Creator);
            await room.ReportSilo("silo-a", 2, 30);
            await Eventually.Until(async () => (await room.GetSnapshot(afterSeq: 0, upToSeq: null)).Counters.Likes == 30, "the batch tick to count the likes");
            // A comment's receipt means stored, with every change made before it (the likes too): group commit.
            for (var i = 0; i < 12; i++) await room.SendComment(Viewer, $"line {i}");
            before = await room.GetSnapshot(afterSeq: 0, upToSeq: null);
        }
        finally
        {
            // Graceful stop (rooms write their state on the way out) without deleting the database file.
            await first.Cluster.DisposeAsync();
        }

        var second = new ClusterFixture { DatabasePath = databasePath };
        await second.InitializeAsync();
        try
        {
            var after = await second.Grains.GetGrain<IRoomGrain>("persist-restart").GetSnapshot(afterSeq: 0, upToSeq: null);
            Assert.Equal("Across restarts", after.Title);
            Assert.Equal(RoomStatus.Live, after.Status);
            Assert.Equal(before.LastSeq, after.LastSeq);
            Assert.Equal(30, after.Counters.Likes);
            Assert.Equal(12, after.Counters.Comments);
            Assert.Equal(before.Events.Select(e => e.Seq), after.Events.Select(e => e.Seq));
            Assert.Equal("line 11", Assert.IsType<CommentEvent>(after.Events[^1]).Text);

            // The sequence continues where it stopped: no seq is reused.
            var receipt = await second.Grains.GetGrain<IRoomGrain>("persist-restart").SendComment(Viewer, "after restart");
            Assert.Equal(before.LastSeq + 1, receipt.Seq);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
