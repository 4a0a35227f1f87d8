using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

/// <summary>
/// A relay that fell behind sends the batches queued behind each other as one <c>Events</c> message per viewer, in seq
/// order, with no gap and nothing twice (docs/ARCHITECTURE.md, "Slow viewers"; docs/PROTOCOL.md, the Events section). Real
/// server and sockets; the relay's loop is held while the room publishes, which is what a relay busy with a big room
/// looks like to the batches arriving behind it. The viewer is a hand-written JSON client, so each hub message is seen
/// as it came off the socket.
/// </summary>
public sealed class RelayCoalescingTests
{
    [Fact]
    public async Task Batches_queued_behind_a_busy_relay_reach_each_viewer_as_one_message_in_seq_order()
    {
        await using var server = new LiveServer(settings: LiveServer.Unthrottled());
        server.Start();
        try
        {
            var roomId = (await server.CreateLiveRoom(await server.SignIn("Host", "creator"))).RoomId;
            await using var talker = await server.Connect(await server.SignIn("Talker"));
            await talker.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
            await using var viewer = await JoinedRawViewer(server, roomId, "Viewer");
            var coalescedBefore = HeldRelay.CoalescedBatches(server);

            List<long> seqs = [];
            var pushesBefore = viewer.Invocations(HubMethods.Events).Count;
            await using (var held = await HeldRelay.Hold(server, roomId))
            {
                // One comment per batch: each is sent after the previous one's receipt, which comes after its tick.
                for (var i = 0; i < 6; i++)
                    seqs.Add((await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, $"queued {i}")).Seq);
                await held.UntilQueued(seqs[^1]);
            }

            await Eventually.Until(() => PushedSeqs(viewer, pushesBefore).SelectMany(s => s).Contains(seqs[^1]), "the queued comments at the viewer");
            var pushes = PushedSeqs(viewer, pushesBefore);
            Assert.Single(pushes); // six batches, one message
            Assert.Equal(seqs, pushes[0]); // in seq order, no gap (the receipts' seqs are consecutive), none twice
            Assert.Equal(LongRange(seqs[0], seqs[^1]), seqs);
            // Counted before the merged message is written, so it is in by the time the viewer has it.
            Assert.True(HeldRelay.CoalescedBatches(server) - coalescedBefore >= seqs.Count - 1, "liveinteract_relay_batches_coalesced_total to count the merged batches");

            // Live again: the next batch goes out on its own.
            var next = (await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "live")).Seq;
            await Eventually.Until(() => PushedSeqs(viewer, pushesBefore).Count == 2, "the next comment");
            Assert.Equal([next], PushedSeqs(viewer, pushesBefore)[1]);
        }
        finally
        {
            LiveServer.DeleteData(server.DataDirectory);
        }
    }

    [Fact]
    public async Task A_ban_ends_a_coalesced_message_so_the_banned_viewer_gets_nothing_after_it()
    {
        await using var server = new LiveServer(settings: LiveServer.Unthrottled());
        server.Start();
        try
        {
            var creator = await server.SignIn("Host", "creator");
            var roomId = (await server.CreateLiveRoom(creator)).RoomId;
            await using var host = await server.Connect(creator);
            await using var talker = await server.Connect(await server.SignIn("Talker"));
            await talker.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
            await using var stays = await JoinedRawViewer(server, roomId, "Stays");
            var trollUser = await server.SignIn("Troll");
            await using var troll = await JoinedRawViewer(server, roomId, "Troll", trollUser);

            var staysBefore = stays.Invocations(HubMethods.Events).Count;
            var trollBefore = troll.Invocations(HubMethods.Events).Count;
            long before, after;
            await using (var held = await HeldRelay.Hold(server, roomId))
            {
                before = (await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "before the ban")).Seq;
                await host.InvokeAsync(HubMethods.BanUser, roomId, trollUser.UserId);
                // The ban's batch is queued before the next comment is sent, so that comment is in a later batch (events of
                // the ban's own batch reach the banned viewer too, as they always did).
                await held.UntilQueued(before + 1);
                after = (await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "after the ban")).Seq;
                await held.UntilQueued(after);
            }

            await Eventually.Until(() => PushedSeqs(stays, staysBefore).SelectMany(s => s).Contains(after), "the last comment at the viewer who stays");
            await Eventually.Until(() => troll.Invocations(HubMethods.Kicked).Count > 0, "the banned viewer told it was kicked");
            var stayed = PushedSeqs(stays, staysBefore);
            Assert.Equal(2, stayed.Count); // up to the ban, then the rest
            Assert.Equal(LongRange(before, after), stayed.SelectMany(s => s).ToList());

            // The banned viewer got the first message (the comment and its own ban), nothing of the second.
            var trollSeqs = PushedSeqs(troll, trollBefore).SelectMany(s => s).ToList();
            Assert.Equal(stayed[0], trollSeqs);
            Assert.DoesNotContain(after, trollSeqs);
            var kickedAt = troll.Received.ToList().FindIndex(m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == HubMethods.Kicked);
            Assert.DoesNotContain(troll.Received.Skip(kickedAt), m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == HubMethods.Events);
        }
        finally
        {
            LiveServer.DeleteData(server.DataDirectory);
        }
    }

    private static async Task<RawHubClient> JoinedRawViewer(LiveServer server, string roomId, string name, TestUser? user = null)
    {
        user ??= await server.SignIn(name);
        var viewer = await RawHubClient.ConnectAsync(server.BaseAddress, user.Token, receiveBufferBytes: 64 * 1024);
        viewer.StartReading();
        var join = await viewer.InvokeAsync(HubMethods.JoinRoom, roomId, null);
        await Eventually.Until(() => viewer.Completion(join) is not null, $"{name}'s join");
        return viewer;
    }

    /// <summary>The seqs of each <c>Events</c> message with events that arrived after the first <paramref name="skip"/>.</summary>
    private static List<List<long>> PushedSeqs(RawHubClient viewer, int skip) =>
        [.. viewer.Invocations(HubMethods.Events).Skip(skip)
            .Select(args => args[0].GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList())
            .Where(seqs => seqs.Count > 0)];

    private static List<long> LongRange(long from, long to) => [.. Enumerable.Range(0, (int)(to - from + 1)).Select(i => from + i)];
}
