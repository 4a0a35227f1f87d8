using LiveInteract.Contracts.Hub;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Moderation;

public sealed class AbuseProtectionTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_flood_of_100_comments_a_second_is_throttled_while_50_viewers_get_every_accepted_comment()
    {
        var creator = await Server.SignIn("Stage", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var viewers = new List<(HubConnection Hub, HubRecorder Sees)>();
        for (var i = 0; i < 50; i++) viewers.Add(await Server.Joined(await Server.SignIn($"Viewer{i}"), room.RoomId));
        var (flooder, _) = await Server.Joined(await Server.SignIn("Flooder"), room.RoomId);
        var (regular, _) = await Server.Joined(await Server.SignIn("Regular"), room.RoomId);
        try
        {
            var accepted = new ConcurrentBag<CommentReceipt>();
            var slowDowns = 0;
            var otherErrors = new ConcurrentBag<string>();
            var clock = Stopwatch.StartNew();
            var flood = new List<Task>();
            for (var i = 0; i < 100; i++)
            {
                var text = $"spam {i}";
                flood.Add(Task.Run(async () =>
                {
                    try { accepted.Add(await flooder.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, text)); }
                    catch (HubException ex) when (ex.Message.EndsWith("slow down: too many comments", StringComparison.Ordinal)) { Interlocked.Increment(ref slowDowns); }
                    catch (Exception ex) { otherErrors.Add(ex.Message); }
                }));
                await ModerationClient.DelayUntil(clock, TimeSpan.FromMilliseconds(10 * (i + 1)));
            }
            // A regular viewer talks at a normal pace during the flood and is never throttled.
            var regularReceipts = new List<CommentReceipt>();
            for (var i = 0; i < 3; i++) regularReceipts.Add(await regular.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, $"normal {i}"));
            await Task.WhenAll(flood);
            var seconds = clock.Elapsed.TotalSeconds;

            Assert.Empty(otherErrors);
            Assert.Equal(100, accepted.Count + slowDowns);
            // Burst 5 plus 2 a second, per connection (appsettings Abuse:Comments).
            Assert.InRange(accepted.Count, 1, 5 + (int)Math.Ceiling(2 * seconds) + 1);
            Assert.True(slowDowns >= 80, $"only {slowDowns} refused");

            var expected = accepted.Select(r => r.CommentId).Concat(regularReceipts.Select(r => r.CommentId)).ToHashSet();
            foreach (var (_, sees) in viewers)
                await Eventually.Until(() => expected.IsSubsetOf(sees.Comments.Select(c => c.CommentId)), "every accepted comment at every viewer");
            Assert.All(viewers, v => Assert.Equal(expected.Count, v.Sees.Comments.Count));
        }
        finally
        {
            foreach (var (hub, _) in viewers) await hub.DisposeAsync();
            await flooder.DisposeAsync();
            await regular.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_oversized_message_closes_only_that_connection()
    {
        var creator = await Server.SignIn("Big", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var (sender, _) = await Server.Joined(await Server.SignIn("Sender"), room.RoomId);
        var (neighbour, neighbourSees) = await Server.Joined(await Server.SignIn("Neighbour"), room.RoomId);
        await using var _s = sender;
        await using var _n = neighbour;
        var closed = new TaskCompletionSource<Exception?>();
        sender.Closed += ex => { closed.TrySetResult(ex); return Task.CompletedTask; };

        await Assert.ThrowsAnyAsync<Exception>(() => sender.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, new string('x', 20 * 1024)));

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HubConnectionState.Disconnected, sender.State);
        await neighbour.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "still fine");
        await Eventually.Until(() => neighbourSees.Comments.Any(c => c.Text == "still fine"), "the neighbour's comment");
    }

    [Fact]
    public async Task A_user_may_hold_only_a_few_connections_at_once()
    {
        var user = await Server.SignIn("Multi");
        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 5; i++) open.Add(await Server.Connect(user));
            await using var sixth = await Server.Connect(user, start: false);
            var closed = new TaskCompletionSource();
            sixth.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
            try { await sixth.StartAsync(); } catch (Exception) { closed.TrySetResult(); }
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(HubConnectionState.Disconnected, sixth.State);

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var again = await ConnectWhenAllowed(user);
            open.Add(again);
            Assert.Equal(HubConnectionState.Connected, again.State);
        }
        finally
        {
            foreach (var hub in open) await hub.DisposeAsync();
        }
    }

    // The server counts the closed connection out when it notices the close, a moment after the client.
    private async Task<HubConnection> ConnectWhenAllowed(TestUser user)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var hub = await Server.Connect(user, start: false);
            var closed = false;
            hub.Closed += _ => { closed = true; return Task.CompletedTask; };
            await hub.StartAsync();
            // The server handles no call before OnConnectedAsync (where it refuses a connection over the limit) is done:
            // one answered call means the connection was let in.
            var answered = false;
            try { await hub.InvokeAsync(HubMethods.LeaveRoom, "none"); answered = true; } catch (Exception) when (closed || hub.State != HubConnectionState.Connected) { }
            if (answered && !closed && hub.State == HubConnectionState.Connected) return hub;
            await hub.DisposeAsync();
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the freed connection slot was not reusable");
        }
    }

    [Fact]
    public async Task Calls_after_the_token_expires_are_refused_and_the_connection_is_closed()
    {
        var creator = await Server.SignIn("Expiry", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var shortLived = Server.IssueToken("Brief", "viewer", TimeSpan.FromSeconds(3));
        await using var hub = await Server.Connect(shortLived);
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "while valid");

        // The server checks the token against its real clock (exp has whole-second precision): let the 3 s lifetime pass.
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "after expiry"));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);

        using var http = Server.Http(creator.Token);
        var snapshot = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<RoomSnapshot>(http, $"api/rooms/{room.RoomId}?lastSeq=0");
        Assert.DoesNotContain(snapshot!.Events.OfType<CommentEvent>(), c => c.Text == "after expiry");
    }

    [Fact]
    public async Task Foreign_origins_are_refused_on_the_hub_and_on_websocket_upgrades()
    {
        var user = await Server.SignIn("Browser");

        async Task<HttpStatusCode> Negotiate(string? origin)
        {
            using var http = Server.Http(user.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/live/negotiate?negotiateVersion=1");
            if (origin is not null) request.Headers.Add("Origin", origin);
            return (await http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Negotiate("https://evil.example"));
        Assert.Equal(HttpStatusCode.OK, await Negotiate("http://localhost:5173")); // on the allow-list in appsettings.json
        Assert.Equal(HttpStatusCode.OK, await Negotiate(Server.BaseAddress.GetLeftPart(UriPartial.Authority))); // same origin
        Assert.Equal(HttpStatusCode.OK, await Negotiate(null)); // native clients send no Origin

        // A WebSocket upgrade from a foreign page is refused on any path, e.g. the ingest endpoint.
        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Origin", "https://evil.example");
        var wsUri = new UriBuilder(Server.BaseAddress) { Scheme = "ws", Path = "rooms/rabc/ingest" }.Uri;
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(wsUri, CancellationToken.None));
        Assert.Contains("403", refused.Message);

        // The hub over WebSockets from a foreign origin fails; from an allowed one it works.
        await using var foreign = await ConnectWithOrigin(user, "https://evil.example");
        await Assert.ThrowsAnyAsync<Exception>(() => foreign.StartAsync());
        await using var allowed = await ConnectWithOrigin(user, "http://localhost:5173");
        await allowed.StartAsync();
        Assert.Equal(HubConnectionState.Connected, allowed.State);
    }

    private Task<HubConnection> ConnectWithOrigin(TestUser user, string origin) =>
        Task.FromResult(new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "hubs/live"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(user.Token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Origin"] = origin;
            })
            .Build());
}

public sealed class PerUserRateLimitTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    [Fact]
    public async Task Opening_more_connections_does_not_multiply_a_users_comment_allowance()
    {
        var server = fixture.Server;
        var creator = await server.SignIn("Limits", "creator");
        var room = await server.CreateLiveRoom(creator);
        var user = await server.SignIn("Sybil");
        var hubs = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 4; i++) hubs.Add(await server.Connect(user));
            var accepted = 0;
            var refused = 0;
            // 4 connections x 5 comments at once: each connection's burst (5) would allow all 20, the user's (8) does not.
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(hubs.SelectMany(hub => Enumerable.Range(0, 5).Select(async i =>
            {
                try { await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, $"c{i}"); Interlocked.Increment(ref accepted); }
                catch (HubException ex) when (ex.Message.EndsWith("slow down: too many comments", StringComparison.Ordinal)) { Interlocked.Increment(ref refused); }
            })));

            Assert.Equal(20, accepted + refused);
            // UserBurst 8, plus what 3/s refills while the calls run (one connection's calls run one after another, each
            // waiting for its comment's log append, so on a busy machine that can be over a second).
            Assert.InRange(accepted, 8, 8 + (int)Math.Ceiling(3 * clock.Elapsed.TotalSeconds));
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
        }
    }
}
