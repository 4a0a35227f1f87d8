using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

public sealed class FanoutTests(UnthrottledServerFixture fixture) : IClassFixture<UnthrottledServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Two_hundred_viewers_each_receive_every_comment_exactly_once_in_seq_order()
    {
        const int viewers = 200;
        const int comments = 60;
        var creator = await Server.SignIn("Host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var users = await Task.WhenAll(Enumerable.Range(0, viewers).Select(i => Server.SignIn($"viewer{i}")));
        var hubs = await Task.WhenAll(users.Select(u => Server.Connect(u)));
        try
        {
            var collectors = hubs.Select(h => new HubRecorder(h)).ToArray();
            await Task.WhenAll(hubs.Select(h => h.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null)));

            // Three senders at once, so comments interleave and batches form.
            var senders = hubs.Take(3).ToArray();
            var receipts = await Task.WhenAll(senders.Select((hub, s) => Task.Run(async () =>
            {
                var mine = new List<CommentReceipt>();
                for (var i = 0; i < comments / senders.Length; i++)
                    mine.Add(await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, $"sender {s} comment {i}"));
                return mine;
            })));
            var expected = receipts.SelectMany(r => r).Select(r => r.Seq).Order().ToList();

            await Eventually.Until(() => collectors.All(c => c.Comments.Count >= comments), "every viewer to get every comment", TimeSpan.FromSeconds(30));
            // A duplicate would arrive before a later marker: each connection gets its batches in seq order.
            var marker = await hubs[0].InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "marker");
            await Eventually.Until(() => collectors.All(c => c.Comments.Any(e => e.Seq == marker.Seq)), "the marker at every viewer", TimeSpan.FromSeconds(30));
            foreach (var collector in collectors)
            {
                var seqs = collector.Comments.Where(c => c.Seq < marker.Seq).Select(c => c.Seq).ToList();
                Assert.Equal(expected, seqs); // exactly once, in seq order
                var all = collector.Events.Select(e => e.Seq).ToList();
                Assert.True(all.Zip(all.Skip(1)).All(p => p.Second > p.First), "events arrive in strictly increasing seq order");
            }
        }
        finally
        {
            await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task A_viewer_that_drops_and_rejoins_with_lastSeq_gets_exactly_what_it_missed()
    {
        var creator = await Server.SignIn("Host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var talker = await Server.Connect(await Server.SignIn("Talker"));
        var viewer = await Server.SignIn("Dropper");
        try
        {
            var talkerSees = new HubRecorder(talker);
            await talker.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            var first = await Server.Connect(viewer);
            var seen = new HubRecorder(first);
            await first.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            for (var i = 0; i < 5; i++) await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, $"before {i}");
            await Eventually.Until(() => seen.Comments.Count == 5, "the first five comments");
            var lastSeq = seen.Events.Max(e => e.Seq);
            await first.DisposeAsync(); // the connection drops

            var missed = new List<long>();
            for (var i = 0; i < 8; i++) missed.Add((await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, $"while away {i}")).Seq);
            // Once the room has fanned them out, a rejoin finds them in the replay buffer.
            await Eventually.Until(() => talkerSees.Comments.Count == 13, "the talker to see its comments");

            await using var second = await Server.Connect(viewer);
            var later = new HubRecorder(second);
            var snapshot = await second.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, lastSeq);
            Assert.True(snapshot.ReplayComplete);
            Assert.Equal(missed, snapshot.Events.OfType<CommentEvent>().Select(c => c.Seq));
            Assert.All(snapshot.Events, e => Assert.True(e.Seq > lastSeq));

            var after = await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "welcome back");
            await Eventually.Until(() => later.Comments.Any(c => c.Seq == after.Seq), "the live comment after rejoining");
            Assert.DoesNotContain(later.Events, e => e.Seq <= snapshot.LastSeq); // nothing twice
        }
        finally
        {
            await talker.DisposeAsync();
        }
    }

    [Fact]
    public async Task Likes_are_summed_and_viewer_count_follows_joins_and_leaves()
    {
        var creator = await Server.SignIn("Host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var hubs = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i => await Server.Connect(await Server.SignIn($"liker{i}"))));
        var watcher = new HubRecorder(hubs[0]);
        LiveInteract.Contracts.Rooms.RoomCounters? lastCounters = null;
        hubs[0].On<EventBatch>(HubMethods.Events, b => { if (b.Counters is not null) lastCounters = b.Counters; });
        foreach (var hub in hubs) await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);

        await Eventually.Until(() => watcher.ViewerCounts.LastOrDefault() == 3, "viewer count 3");
        foreach (var hub in hubs)
            for (var i = 0; i < 10; i++) await hub.InvokeAsync(HubMethods.SendLike, room.RoomId, 5);

        await Eventually.Until(() => lastCounters?.Likes == 150, "150 likes");
        // 30 taps became a handful of counter updates, never one event per tap.
        Assert.DoesNotContain(watcher.Events, e => e is not RoomStatusEvent and not CommentEvent);

        await hubs[2].InvokeAsync(HubMethods.LeaveRoom, room.RoomId);
        await hubs[1].DisposeAsync();
        await Eventually.Until(() => watcher.ViewerCounts.LastOrDefault() == 1, "viewer count back to 1");
        await hubs[0].DisposeAsync();
        await hubs[2].DisposeAsync();
    }
}

public sealed class RejoinRaceTests(UnthrottledServerFixture fixture) : IClassFixture<UnthrottledServerFixture>
{
    [Fact]
    public async Task Rejoining_while_comments_are_in_flight_still_delivers_each_exactly_once()
    {
        var server = fixture.Server;
        var room = await server.CreateLiveRoom(await server.SignIn("Host", "creator"));
        await using var talker = await server.Connect(await server.SignIn("Talker"));
        var viewer = await server.SignIn("Racer");
        var sent = new List<long>();
        for (var round = 0; round < 5; round++)
        {
            await using var hub = await server.Connect(viewer);
            var seen = new HubRecorder(hub);
            var lastSeq = sent.Count > 0 ? sent[^1] : (long?)null;
            // Comments keep flowing while the viewer joins: some land in the snapshot, the rest arrive by push.
            var sending = Task.Run(async () =>
            {
                var mine = new List<long>();
                for (var i = 0; i < 10; i++) mine.Add((await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, $"r{round} c{i}")).Seq);
                return mine;
            });
            var snapshot = await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, lastSeq);
            var thisRound = await sending;
            sent.AddRange(thisRound);
            await Eventually.Until(() => snapshot.Events.Concat(seen.Events).OfType<CommentEvent>().Count(c => c.Seq >= thisRound[0]) >= 10, "every comment of the round");
            // A late duplicate of the round would arrive before this marker (pushes come in seq order).
            var marker = (await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, $"r{round} marker")).Seq;
            await seen.UntilSeq(marker);
            var received = snapshot.Events.Concat(seen.Events).OfType<CommentEvent>().Where(c => c.Seq >= thisRound[0] && c.Seq < marker).Select(c => c.Seq).ToList();
            Assert.Equal(thisRound, received); // each once, in order, whichever path it took
        }
    }
}
