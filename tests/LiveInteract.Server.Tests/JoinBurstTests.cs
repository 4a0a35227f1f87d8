using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

/// <summary>
/// Joins that reach a relay together go to the room in one call (RoomJoinBatcher): each joiner still gets its own
/// answer. Real server, real SignalR connections.
/// </summary>
public sealed class JoinBurstTests(UnthrottledServerFixture fixture) : IClassFixture<UnthrottledServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_burst_of_joins_with_banned_viewers_and_a_rejoin_gives_each_its_own_answer_while_comments_flow()
    {
        const int viewers = 80;
        var creator = await Server.SignIn("Host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        await using var owner = await Server.Connect(creator);
        var trolls = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Server.SignIn($"troll{i}")));
        foreach (var troll in trolls) await owner.InvokeAsync(HubMethods.BanUser, room.RoomId, troll.UserId);
        // A viewer that was in the room, dropped, and comes back in the burst with its lastSeq.
        var returning = await Server.SignIn("Returning");
        long lastSeen;
        await using (var before = await Server.Connect(returning))
        {
            var seen = new HubRecorder(before);
            var first = await before.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            var missedFrom = await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "before the drop");
            await seen.UntilSeq(missedFrom.Seq);
            lastSeen = missedFrom.Seq;
            Assert.True(first.LastSeq < lastSeen);
        }
        var missed = await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "while it was away");

        var fans = await Task.WhenAll(Enumerable.Range(0, viewers).Select(i => Server.SignIn($"fan{i}")));
        var hubs = await Task.WhenAll(fans.Concat(trolls).Append(returning).Select(u => Server.Connect(u)));
        try
        {
            var recorders = hubs.Select(h => new HubRecorder(h)).ToArray();
            // Comments keep coming while everyone joins at once: some land in snapshots, the rest arrive by push.
            var sending = Task.Run(async () =>
            {
                var seqs = new List<long>();
                for (var i = 0; i < 20; i++) seqs.Add((await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, $"burst {i}")).Seq);
                return seqs;
            });
            var joins = hubs.Select((h, i) => i == hubs.Length - 1
                ? h.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, lastSeen)
                : h.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null)).ToArray();
            await Task.WhenAll(joins.Select(j => j.ContinueWith(_ => { }, TaskScheduler.Default)));
            var sent = await sending;
            var marker = (await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "marker")).Seq;

            // The banned are refused, each with the room's reason, and get no events.
            for (var i = viewers; i < viewers + trolls.Length; i++)
            {
                var refusal = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => joins[i]);
                Assert.EndsWith("you are banned from this room", refusal.Message);
            }
            // Everyone else: the snapshot plus the pushes hold every comment of the burst exactly once, in seq order.
            var admitted = Enumerable.Range(0, hubs.Length).Where(i => i < viewers || i == hubs.Length - 1).ToList();
            await Task.WhenAll(admitted.Select(i => recorders[i].UntilSeq(marker, TimeSpan.FromSeconds(30))));
            foreach (var i in admitted)
            {
                var snapshot = await joins[i];
                var pushed = recorders[i].Events.Where(e => e.Seq > snapshot.LastSeq).ToList();
                Assert.True(pushed.Zip(pushed.Skip(1)).All(p => p.Second.Seq > p.First.Seq), "pushes arrive in seq order");
                var comments = snapshot.Events.Concat(pushed).OfType<CommentEvent>().Select(c => c.Seq).Where(s => s >= sent[0] && s < marker).ToList();
                Assert.Equal(sent, comments);
                Assert.True(snapshot.ReplayComplete);
            }
            // The returning viewer's snapshot starts right after its lastSeq: it gets what it missed, nothing twice.
            var back = await joins[^1];
            Assert.Equal(lastSeen + 1, back.Events[0].Seq);
            Assert.Contains(back.Events.OfType<CommentEvent>(), c => c.Seq == missed.Seq);
            // A refused viewer is out of the room once its refusal arrives: nothing sent after that reaches it. (A push
            // queued to it before the reply below would have arrived before that reply: one connection's messages are ordered.)
            foreach (var i in Enumerable.Range(viewers, trolls.Length))
            {
                Assert.EndsWith("you are banned from this room", await hubs[i].Refused(HubMethods.JoinRoom, room.RoomId, null));
                Assert.DoesNotContain(recorders[i].Events, e => e.Seq >= marker);
            }
        }
        finally
        {
            await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask()));
        }
    }
}
