using System.Text.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Relays;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Server.Tests;

/// <summary>
/// A big room's broadcast is handed to its viewers in slices at once (<see cref="FanoutWorkers"/>; docs/ARCHITECTURE.md,
/// "Slow viewers"). Here every broadcast is split (three slices, one viewer per slice at least), and each viewer must
/// still get every seq once, in order, with no gap, while a viewer in one slice reads nothing; a ban still ends the
/// banned viewer's stream after the batch that bans it. Real server and sockets; the viewers are hand-written JSON
/// clients, so each hub message is seen as it came off the socket.
/// </summary>
public sealed class ShardedFanoutTests
{
    private const int CommentLength = 300; // Rooms:MaxCommentLength: large batches fill a stalled socket's buffers sooner

    [Fact]
    public async Task Every_viewer_across_the_slices_gets_every_seq_once_in_order_while_one_slices_viewer_is_stalled()
    {
        var settings = LiveServer.Unthrottled();
        settings["Relays:FanoutShards"] = "3";
        settings["Relays:MinViewersPerShard"] = "1";
        settings["Relays:ViewerBudgetBytes"] = "16384";
        // Long enough that the stalled viewer is still connected when it reads again, however slow this machine is today.
        settings["Relays:SocketSendTimeout"] = "00:02:00";
        await using var server = new LiveServer(settings: settings);
        server.Start();
        var readers = new List<RawHubClient>();
        try
        {
            var creator = await server.SignIn("Host", "creator");
            var roomId = (await server.CreateLiveRoom(creator)).RoomId;
            await using var host = await server.Connect(creator);
            await using var talker = await server.Connect(await server.SignIn("Talker"));
            await talker.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
            // History, so that every JoinRoom(lastSeq: 0) answers with a large snapshot (what fills the stalled socket).
            for (var i = 0; i < 200; i++) await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, Pad($"fill {i} "));

            // Members in join order (talker first): the stalled viewer and the troll sit in the middle slice.
            var joinedAt = new Dictionary<RawHubClient, long>();
            for (var i = 0; i < 3; i++) readers.Add(await JoinedReader(server, roomId, $"Viewer{i}", joinedAt));
            await using var stalled = await RawHubClient.ConnectAsync(server.BaseAddress, (await server.SignIn("Tunnel")).Token);
            await stalled.InvokeAsync(HubMethods.JoinRoom, roomId, null);
            for (var i = 0; i < 40; i++) await stalled.InvokeAsync(HubMethods.JoinRoom, roomId, 0L);
            var trollUser = await server.SignIn("Troll");
            await using var troll = await JoinedReader(server, roomId, "Troll", joinedAt, trollUser);
            for (var i = 3; i < 8; i++) readers.Add(await JoinedReader(server, roomId, $"Viewer{i}", joinedAt));

            var fanout = server.Services.GetRequiredService<FanoutWorkers>();
            var splitBefore = fanout.SplitBroadcasts;
            var sent = new List<long>();
            for (var i = 0; i < 30; i++) sent.Add((await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, Pad($"before {i} "))).Seq);
            await host.InvokeAsync(HubMethods.BanUser, roomId, trollUser.UserId);
            // Every later comment is in a batch after the ban's: the relay forwarded the ban before a viewer saw it.
            await Eventually.Until(() => readers[0].Invocations(HubMethods.Events).Any(HasBan), "the ban at a viewer");
            var afterBan = new List<long>();
            for (var i = 0; i < 30; i++) afterBan.Add((await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, Pad($"after {i} "))).Seq);
            sent.AddRange(afterBan);

            foreach (var reader in readers)
                await Eventually.Until(() => PushedSeqs(reader).Contains(sent[^1]), "the last comment at every reading viewer", TimeSpan.FromSeconds(60));
            Assert.True(fanout.SplitBroadcasts > splitBefore, "broadcasts to be split into slices");
            foreach (var reader in readers)
            {
                // Every seq after the viewer's snapshot, once each, in order, no gap (ban and other events included).
                var pushed = PushedSeqs(reader);
                Assert.Equal(LongRange(joinedAt[reader] + 1, pushed[^1]), pushed);
                Assert.Subset(pushed.ToHashSet(), sent.ToHashSet());
            }

            // The banned viewer: its stream in order up to the batch with its ban, then Kicked, then nothing.
            await Eventually.Until(() => troll.Invocations(HubMethods.Kicked).Count > 0, "the banned viewer told it was kicked");
            var trollSeqs = PushedSeqs(troll);
            Assert.Equal(LongRange(joinedAt[troll] + 1, trollSeqs[^1]), trollSeqs);
            Assert.Contains(troll.Invocations(HubMethods.Events), HasBan);
            Assert.DoesNotContain(trollSeqs, afterBan.Contains);
            var kickedAt = troll.Received.ToList().FindIndex(m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == HubMethods.Kicked);
            Assert.DoesNotContain(troll.Received.Skip(kickedAt), m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == HubMethods.Events);

            // The stalled viewer reads again: what was queued for it comes in order, once each, then Lagged (it went
            // over its budget while the others got everything).
            stalled.StartReading();
            await Eventually.Until(() => stalled.Invocations(HubMethods.Lagged).Count > 0, "the stalled viewer to be told it lagged", TimeSpan.FromSeconds(60));
            var stalledSeqs = PushedSeqs(stalled);
            Assert.True(stalledSeqs.Zip(stalledSeqs.Skip(1)).All(p => p.Second == p.First + 1), "the stalled viewer's pushed events in order, no gap, none twice");
            var resumeFrom = stalled.Invocations(HubMethods.Lagged)[0][1].GetInt64();
            Assert.All(stalledSeqs, seq => Assert.True(seq <= resumeFrom, "nothing pushed beyond the seq it is told to rejoin from"));
        }
        finally
        {
            foreach (var reader in readers) await reader.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }

    private static async Task<RawHubClient> JoinedReader(LiveServer server, string roomId, string name, Dictionary<RawHubClient, long> joinedAt, TestUser? user = null)
    {
        user ??= await server.SignIn(name);
        var viewer = await RawHubClient.ConnectAsync(server.BaseAddress, user.Token, receiveBufferBytes: 64 * 1024);
        viewer.StartReading();
        var join = await viewer.InvokeAsync(HubMethods.JoinRoom, roomId, null);
        await Eventually.Until(() => viewer.Completion(join) is not null, $"{name}'s join");
        joinedAt[viewer] = viewer.Completion(join)!.Value.GetProperty("lastSeq").GetInt64();
        return viewer;
    }

    private static bool HasBan(JsonElement args) =>
        args[0].GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == EventTypes.UserBanned);

    /// <summary>The seqs of every pushed event, in arrival order.</summary>
    private static List<long> PushedSeqs(RawHubClient viewer) =>
        [.. viewer.Invocations(HubMethods.Events).SelectMany(args => args[0].GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()))];

    private static string Pad(string prefix) => prefix.PadRight(CommentLength, 'x');

    private static List<long> LongRange(long from, long to) => [.. Enumerable.Range(0, (int)Math.Max(0, to - from + 1)).Select(i => from + i)];
}
