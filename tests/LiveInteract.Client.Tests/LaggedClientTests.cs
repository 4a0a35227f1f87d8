using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Client.Tests;

/// <summary>
/// The SDK against a real server with a small per-viewer budget (Relays:ViewerBudgetBytes): a client that stops reading
/// while the room is busy is lagged by the server (Lagged), rejoins by itself with its lastSeq, and hands the app every
/// event once, in seq order, with no gap.
/// </summary>
public sealed class LaggedClientTests
{
    [Fact]
    public async Task A_client_that_read_too_slowly_is_lagged_rejoins_by_itself_and_misses_nothing()
    {
        var settings = LiveServer.Unthrottled();
        settings["Relays:ViewerBudgetBytes"] = "16384";
        settings["Relays:SocketSendTimeout"] = "00:02:00"; // still connected when it reads again, however slow the machine
        // Big comments and a long replay buffer: the kernel's socket buffers take megabytes before the server's writes
        // wait, and everything the client misses must still be in the room's buffer when it rejoins.
        settings["Rooms:MaxCommentLength"] = "2000";
        settings["Rooms:ReplayBufferSize"] = "20000";
        await using var server = new LiveServer(settings: settings);
        server.Start();
        var talkers = new List<HubConnection>();
        try
        {
            var creator = await server.SignIn("Host", "creator");
            var room = (await server.CreateLiveRoom(creator)).RoomId;
            // Several talkers: a connection's comments run one at a time, each after its log append, so one talker
            // alone fills the stalled socket's kernel buffers slower than the SDK's server timeout (30 s) would let
            // the stalled client live; it would reconnect on a fresh socket instead of being lagged.
            for (var t = 0; t < 16; t++)
            {
                var connection = await server.Connect(await server.SignIn($"Talker{t}"));
                await connection.InvokeAsync<RoomSnapshot>("JoinRoom", room, null);
                talkers.Add(connection);
            }
            var talker = talkers[0];

            StallingWebSocket? socket = null;
            LiveClient? client = null;
            client = new LiveClient(new LiveClientOptions
            {
                ServerUrl = server.BaseAddress,
                WebSocketFactory = async (uri, ct) => socket = await StallingWebSocket.ConnectAsync(uri, client!.Token!.Token, ct),
            });
            await using (client)
            {
                await using var seen = new UpdateRecorder(client);
                await client.SignInAsGuestAsync("Tunnel");
                await client.ConnectAsync();
                await client.JoinRoomAsync(room);
                var sent = new List<long>();
                for (var i = 0; i < 10; i++) sent.Add((await Say(talker, room, i)).Seq);
                await seen.Until(s => s.Events(room).Any(e => e.Seq == sent[^1]), "the first comments");

                // The client stops reading; the room stays busy until the server gives up on the client's backlog.
                socket!.Stalled = true;
                using var http = server.Http();
                var next = 10;
                while (next < 10_000 && !await LaggedAny(http))
                {
                    // 64 at a time across the talkers, pipelined; the room gives each its seq in the order it takes them.
                    var receipts = await Task.WhenAll(Enumerable.Range(next, 64).Select(i => Say(talkers[i % talkers.Count], room, i)));
                    sent.AddRange(receipts.Select(r => r.Seq));
                    next += 64;
                }
                Assert.True(await LaggedAny(http), "the server lagged the stalled client");
                for (var i = 0; i < 20; i++) sent.Add((await Say(talker, room, next++)).Seq); // sent while it is out of the live stream

                socket.Stalled = false;
                await seen.Until(s => s.All.OfType<RoomLaggedUpdate>().Any(), "the client to be told it lagged");
                await seen.Until(s => s.All.OfType<RoomJoinedUpdate>().Any(j => j.Rejoined), "the client to rejoin");
                for (var i = 0; i < 10; i++) sent.Add((await Say(talker, room, next++)).Seq); // live again
                sent.Sort();
                await seen.Until(s => s.Events(room).Any(e => e.Seq == sent[^1]), "every comment", TimeSpan.FromSeconds(60));
                // A late duplicate would arrive before a marker sent after everything else (one connection, in order).
                var marker = (await Say(talker, room, next++)).Seq;
                await seen.Until(s => s.Events(room).Any(e => e.Seq == marker), "the marker comment");

                var comments = seen.Events(room).OfType<CommentEvent>().Select(c => c.Seq).Where(seq => seq != marker).ToList();
                Assert.Equal(sent, comments); // each once, in order, none missing
                var all = seen.Events(room).Select(e => e.Seq).ToList();
                Assert.True(all.Zip(all.Skip(1)).All(p => p.Second == p.First + 1), "no gap and no repeat in the seqs handed to the app");
                Assert.DoesNotContain(seen.All, u => u is EventsMissedUpdate);
                var lagged = seen.All.OfType<RoomLaggedUpdate>().First();
                Assert.Equal(room, lagged.RoomId);
            }
        }
        finally
        {
            foreach (var connection in talkers) await connection.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }

    private static Task<CommentReceipt> Say(HubConnection talker, string room, int i) =>
        talker.InvokeAsync<CommentReceipt>("SendComment", room, $"m{i} ".PadRight(2000, 'x'));

    private static async Task<bool> LaggedAny(HttpClient http)
    {
        var metrics = await http.GetStringAsync("metrics");
        return metrics.Split('\n').Any(line => line.StartsWith("liveinteract_relay_viewers_lagged_total", StringComparison.Ordinal)
            && !line.TrimEnd().EndsWith(" 0", StringComparison.Ordinal));
    }
}
