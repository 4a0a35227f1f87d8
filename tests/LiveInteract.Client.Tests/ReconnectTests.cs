using LiveInteract.Client.Connection;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Client.Tests;

/// <summary>
/// The SDK against a real server that restarts (stopped, then started again on the same port and data folder
/// with the Local profile): every comment reaches the app once, in seq order, including those sent while away.
/// </summary>
public sealed class ReconnectTests
{
    private static readonly ReconnectBackoff Fast = new() { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task After_a_server_restart_the_client_reconnects_and_delivers_every_event_once_in_order()
    {
        await using var servers = new RestartableServer();
        var server = servers.Start();
        var creator = await server.SignIn("Host", "creator");
        var room = (await server.CreateLiveRoom(creator)).RoomId;
        var talker = await server.SignIn("Talker");

        await using var client = new LiveClient(new LiveClientOptions { ServerUrl = servers.BaseAddress, Reconnect = Fast });
        await using var seen = new UpdateRecorder(client);
        await client.SignInAsGuestAsync("Viewer");
        await client.ConnectAsync();
        await client.JoinRoomAsync(room);

        await Say(server, talker, room, 1, 10);
        await seen.Until(s => s.CommentTexts(room).Count == 10, "the first 10 comments");

        await servers.StopAsync();
        await seen.Until(s => s.All.OfType<ConnectionUpdate>().Any(c => c.State == LiveConnectionState.Reconnecting), "the drop to be noticed");
        server = servers.Start();
        await Say(server, talker, room, 11, 20); // races the client's reconnect: replayed or pushed, each must arrive once
        await seen.Until(s => s.CommentTexts(room).Count >= 20, "the comments sent around the restart");
        await client.WaitUntilConnectedAsync();
        await Say(server, talker, room, 21, 25);
        await seen.Until(s => s.CommentTexts(room).Count >= 25, "the comments after the reconnect");
        // A late duplicate would show up before this marker (events reach the client in seq order).
        await Say(server, talker, room, 26, 26);
        await seen.Until(s => s.CommentTexts(room).Contains("m26"), "the marker comment");

        Assert.Equal(Enumerable.Range(1, 26).Select(i => $"m{i}"), seen.CommentTexts(room));
        AssertContiguous(seen.Events(room));
        Assert.Contains(seen.All, u => u is RoomJoinedUpdate { Rejoined: true });
        Assert.Equal(LiveConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task Comments_sent_while_the_client_is_away_arrive_after_the_reconnect_by_lastSeq()
    {
        await using var servers = new RestartableServer();
        var server = servers.Start();
        var creator = await server.SignIn("Host", "creator");
        var room = (await server.CreateLiveRoom(creator)).RoomId;
        var talker = await server.SignIn("Talker");
        var viewer = await server.SignIn("Viewer");

        // The app's token provider is asked on every reconnect; holding it keeps the client away for as long as the test needs.
        var open = Task.CompletedTask;
        var askedWhileHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new LiveClient(new LiveClientOptions
        {
            ServerUrl = servers.BaseAddress,
            Reconnect = Fast,
            AccessTokenProvider = async ct =>
            {
                var gate = Volatile.Read(ref open);
                if (!gate.IsCompleted) askedWhileHeld.TrySetResult();
                await gate.WaitAsync(ct);
                return viewer.Token;
            },
        });
        await using var seen = new UpdateRecorder(client);
        await client.ConnectAsync();
        await client.JoinRoomAsync(room);
        await Say(server, talker, room, 1, 3);
        await seen.Until(s => s.CommentTexts(room).Count == 3, "the first comments");
        var lastSeqBefore = client.LastSeq(room);

        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref open, hold.Task);
        await servers.StopAsync();
        server = servers.Start();
        var receipts = await Say(server, talker, room, 4, 8);
        // The client is trying to come back and waits for its token: it cannot have rejoined.
        await askedWhileHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, seen.CommentTexts(room).Count); // still away
        Assert.NotEqual(LiveConnectionState.Connected, client.State);

        hold.SetResult();
        await seen.Until(s => s.CommentTexts(room).Count >= 8, "the comments sent while away");
        var lastSeqAfterRejoin = client.LastSeq(room);
        // A late duplicate would show up before this marker (events reach the client in seq order).
        await Say(server, talker, room, 9, 9);
        await seen.Until(s => s.CommentTexts(room).Contains("m9"), "the marker comment");

        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"m{i}"), seen.CommentTexts(room));
        AssertContiguous(seen.Events(room));
        // They came from the replay the rejoin asked for with lastSeq, not from live pushes.
        var rejoin = seen.All.OfType<RoomJoinedUpdate>().Single(j => j.Rejoined);
        Assert.Equal(receipts.Select(r => r.Seq), rejoin.Snapshot.Events.OfType<CommentEvent>().Select(c => c.Seq));
        Assert.True(rejoin.Snapshot.Events[0].Seq > lastSeqBefore);
        Assert.Equal(lastSeqAfterRejoin, receipts[^1].Seq);
    }

    [Fact]
    public async Task The_client_keeps_trying_past_signalrs_four_attempts_until_the_server_is_back()
    {
        await using var servers = new RestartableServer();
        var server = servers.Start();
        var room = (await server.CreateLiveRoom(await server.SignIn("Host", "creator"))).RoomId;
        await using var client = new LiveClient(new LiveClientOptions
        {
            ServerUrl = servers.BaseAddress,
            Reconnect = new ReconnectBackoff { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(150) },
        });
        await using var seen = new UpdateRecorder(client);
        await client.SignInAsGuestAsync("Patient");
        await client.ConnectAsync();
        await client.JoinRoomAsync(room);

        await servers.StopAsync();
        await seen.Until(s => s.All.OfType<ConnectionUpdate>().Any(c => c.Attempt >= 8), "eight failed reconnect attempts");
        Assert.Equal(LiveConnectionState.Reconnecting, client.State);
        server = servers.Start();

        await client.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var receipt = await client.SendCommentAsync(room, "back");
        await seen.Until(s => s.Events(room).Any(e => e.Seq == receipt.Seq), "the comment after the long outage");
        Assert.Equal(room, Assert.Single(client.JoinedRooms));
    }

    private static async Task<List<CommentReceipt>> Say(LiveServer server, TestUser who, string room, int from, int to)
    {
        await using var hub = await server.Connect(who);
        List<CommentReceipt> receipts = [];
        for (var i = from; i <= to; i++) receipts.Add(await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room, $"m{i}"));
        return receipts;
    }

    private static void AssertContiguous(IReadOnlyList<RoomEvent> events)
    {
        Assert.NotEmpty(events);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => events[0].Seq + i), events.Select(e => e.Seq));
    }
}
