using System.Collections.Concurrent;
using System.Net.WebSockets;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Auth;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Server.Tests.Auth;

/// <summary>Watching without signing in: a hub connection without a token is a watch-only guest (docs/PROTOCOL.md).</summary>
public sealed class AnonymousViewerTests
{
    [Fact]
    public async Task A_connection_without_a_token_watches_as_its_own_guest_and_may_not_write()
    {
        var seen = new ConcurrentQueue<(string? UserId, string? Name, string? Role, bool HasExpiry, DateTimeOffset? ExpiresUtc)>();
        await using var server = new LiveServer(services: s =>
        {
            s.AddSingleton(new GuestRecorder(seen));
            s.Configure<HubOptions>(o => o.AddFilter<GuestRecorder>());
        }).Start();
        var creator = await server.SignIn("Host", "creator");
        var room = await server.CreateLiveRoom(creator);
        var viewer = await server.SignIn("Vera");
        await using var viewerHub = await server.Connect(viewer);
        await viewerHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await using var first = await server.ConnectWithoutToken();
        await using var second = await server.ConnectWithoutToken();
        var firstSees = new HubRecorder(first);
        var secondSees = new HubRecorder(second);
        var startedAt = DateTimeOffset.UtcNow;

        await first.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await second.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        var receipt = await viewerHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "hello watchers");

        await Eventually.Until(() => firstSees.Comments.Count == 1 && secondSees.Comments.Count == 1, "the comment at both guests");
        Assert.Equal(receipt.Seq, firstSees.Comments.Single().Seq);
        // Watching is all: writing needs a sign-in, and the refusal says so.
        var refused = await Assert.ThrowsAsync<HubException>(() => first.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "me too"));
        Assert.Contains("unauthorized", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => first.InvokeAsync(HubMethods.SendLike, room.RoomId, 1));

        var joins = seen.ToArray();
        Assert.Equal(2, joins.Length);
        Assert.All(joins, call =>
        {
            Assert.Equal((AnonymousViewerMiddleware.DisplayName, LiveClaims.Guest), (call.Name, call.Role));
            Assert.StartsWith("u_", call.UserId, StringComparison.Ordinal);
            Assert.True(call.HasExpiry, "exp is read by the expiry filter as for a token");
            // SignalR closes the connection when this passes (CloseOnAuthenticationExpiration): a token's lifetime.
            Assert.InRange(call.ExpiresUtc!.Value, startedAt + TimeSpan.FromHours(12) - TimeSpan.FromMinutes(1), startedAt + TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        });
        Assert.NotEqual(joins[0].UserId, joins[1].UserId); // each connection its own guest
    }

    [Fact]
    public async Task A_bad_token_is_refused_not_turned_into_a_guest_and_long_polling_needs_a_token()
    {
        await using var server = new LiveServer().Start();
        foreach (var credentials in new Action<HttpConnectionOptions>[]
        {
            o => o.AccessTokenProvider = () => Task.FromResult<string?>("not-a-token"),
            o => o.Headers["Authorization"] = "Bearer not-a-token",
        })
        {
            await using var hub = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, HubRoutes.Live.TrimStart('/')), o =>
            {
                credentials(o);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            }).Build();
            var refused = await Assert.ThrowsAsync<WebSocketException>(() => hub.StartAsync());
            Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        }

        // Each long poll is its own request: an identity made per request would change under the connection.
        await using var polling = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, HubRoutes.Live.TrimStart('/')), HttpTransportType.LongPolling).Build();
        var pollRefused = await Assert.ThrowsAnyAsync<Exception>(() => polling.StartAsync());
        Assert.Contains("LongPolling failed: Response status code does not indicate success: 401", pollRefused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_without_a_token_are_limited_per_address_and_signed_in_ones_are_not()
    {
        await using var server = new LiveServer(settings: new Dictionary<string, string?>
        {
            ["RestLimits:AnonymousViewers:Permits"] = "3",
            ["RestLimits:AnonymousViewers:WindowSeconds"] = "3600",
        }).Start();
        var viewer = await server.SignIn("Vera");
        var hubs = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 3; i++) hubs.Add(await server.ConnectWithoutToken());

            var over = await server.ConnectWithoutToken(start: false);
            hubs.Add(over);
            var refused = await Assert.ThrowsAsync<WebSocketException>(() => over.StartAsync());
            Assert.Contains("429", refused.Message, StringComparison.Ordinal);
            for (var i = 0; i < 5; i++) hubs.Add(await server.Connect(viewer));
            Assert.All(hubs.Where(h => h != over), h => Assert.Equal(HubConnectionState.Connected, h.State));
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Turned_off_a_connection_without_a_token_is_refused()
    {
        await using var server = new LiveServer(settings: new Dictionary<string, string?> { ["Auth:AnonymousViewers"] = "false" }).Start();
        await using var hub = await server.ConnectWithoutToken(start: false);

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => hub.StartAsync());

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    private sealed class GuestRecorder(ConcurrentQueue<(string?, string?, string?, bool, DateTimeOffset?)> seen) : IHubFilter
    {
        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            var user = invocationContext.Context.User!;
            if (invocationContext.HubMethodName == HubMethods.JoinRoom && user.FindFirst(LiveClaims.Role)?.Value == LiveClaims.Guest)
                seen.Enqueue((user.FindFirst(LiveClaims.UserId)?.Value, user.FindFirst(LiveClaims.Name)?.Value, user.FindFirst(LiveClaims.Role)?.Value,
                    user.HasClaim(c => c.Type == "exp"),
                    invocationContext.Context.GetHttpContext()!.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc));
            return next(invocationContext);
        }
    }
}
