using LiveInteract.Contracts.Hub;
using System.Collections.Concurrent;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Server.Tests.Moderation;

/// <summary>Helpers for moderation tests: tokens with chosen lifetimes, joining, and the hub's error text.</summary>
internal static class ModerationClient
{
    /// <summary>A token from the server's own TokenService with a chosen lifetime (negative: already expired).</summary>
    public static TestUser IssueToken(this LiveServer server, string name, string role, TimeSpan lifetime)
    {
        var issued = server.Services.GetRequiredService<TokenService>().Issue(TokenService.NewUserId(), name, role, lifetime);
        return new TestUser(issued.UserId, issued.DisplayName, issued.Token);
    }

    public static async Task<(HubConnection Hub, HubRecorder Sees)> Joined(this LiveServer server, TestUser user, string roomId)
    {
        var hub = await server.Connect(user);
        var sees = new HubRecorder(hub);
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
        return (hub, sees);
    }

    /// <summary>The message of the HubException the call fails with.</summary>
    public static async Task<string> Refused(this HubConnection hub, string method, params object?[] args) =>
        (await Assert.ThrowsAsync<HubException>(() => hub.InvokeCoreAsync<object>(method, args))).Message;

    /// <summary>
    /// Waits until <paramref name="clock"/> shows at least <paramref name="elapsed"/>: paces messages against the rate
    /// limiter of the real server process, whose clock a test cannot move. Slow mode and mutes, which run in the room
    /// grain, are timed on a fake clock in Grains.Tests (ModerationClockTests) instead.
    /// </summary>
    public static Task DelayUntil(System.Diagnostics.Stopwatch clock, TimeSpan elapsed)
    {
        var left = elapsed - clock.Elapsed;
        return left > TimeSpan.Zero ? Task.Delay(left) : Task.CompletedTask;
    }

    /// <summary>Records the rooms this connection was kicked from, with when it happened.</summary>
    public static ConcurrentQueue<(string RoomId, DateTime At)> RecordKicks(this HubConnection hub)
    {
        var kicks = new ConcurrentQueue<(string, DateTime)>();
        hub.On<string, string>(HubMethods.Kicked, (roomId, _) => kicks.Enqueue((roomId, DateTime.UtcNow)));
        return kicks;
    }
}
