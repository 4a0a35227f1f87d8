using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;
using LiveInteract.Server.Tests.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>
/// Expected refusals are the normal business of a public server: with the shipped log levels (appsettings.json), a run
/// of hostile inputs leaves no Warning or Error, no exception stack trace, and no Information chatter from Orleans or
/// Polly in the log. A real server's log is captured by an extra logger provider, which sees what the filters let through.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class RefusalLoggingTests
{
    [Fact]
    public async Task Hostile_inputs_are_refused_without_warnings_or_stack_traces_in_the_log()
    {
        var logs = new CapturingLoggerProvider();
        var server = new LiveServer(settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information", // as shipped (LiveServer lowers it for the other tests)
            ["RestLimits:Tokens:Permits"] = "30",
        }.WithBackendKey(), services: s => s.AddLogging(b => b.AddProvider(logs)));
        try
        {
            server.Start();
            var creator = await server.SignIn("Host", "creator");
            var room = await server.CreateLiveRoom(creator);
            var viewer = await server.SignIn("Viewer");
            var guest = await server.SignIn("Guest", "guest");
            var troll = await server.SignIn("Troll");
            var (owner, _) = await server.Joined(creator, room.RoomId);
            await using var _o = owner;
            await owner.InvokeAsync(HubMethods.BanUser, room.RoomId, troll.UserId);
            var (viewerHub, _) = await server.Joined(viewer, room.RoomId);
            await using var _v = viewerHub;
            var guestHub = await server.Connect(guest);
            await using var _g = guestHub;
            var trollHub = await server.Connect(troll);
            await using var _t = trollHub;
            var quietFrom = logs.Entries.Count;

            using var anonymous = server.Http();
            using var garbage = server.Http("not-a-jwt");
            using var guestHttp = server.Http(guest.Token);
            using var trollHttp = server.Http(troll.Token);
            using var creatorHttp = server.Http(creator.Token);
            using var wrongKey = server.Service("backend-key-00000000000000000000000000000000");
            var statuses = new List<HttpStatusCode>
            {
                (await anonymous.GetAsync("api/wallet")).StatusCode,                                        // 401
                (await garbage.GetAsync("api/wallet")).StatusCode,                                          // 401, invalid token
                (await guestHttp.PostAsJsonAsync("api/rooms", new { title = "mine" })).StatusCode,          // 403, policy
                (await trollHttp.GetAsync($"api/rooms/{room.RoomId}?lastSeq=0")).StatusCode,                // 403, banned
                (await trollHttp.GetAsync($"rooms/{room.RoomId}/thumbnail.jpg")).StatusCode,                // 403, banned (video)
                (await anonymous.GetAsync("api/rooms/r00000000000000000000")).StatusCode,                   // 401 before 404
                (await creatorHttp.GetAsync("api/rooms/r00000000000000000000")).StatusCode,                 // 404, never created
                (await creatorHttp.PostAsJsonAsync("api/rooms", new { title = "x" + new string('\u0301', 9) })).StatusCode, // 400
                (await creatorHttp.PostAsync("api/rooms", new StringContent("{not json", Encoding.UTF8, "application/json"))).StatusCode, // 400
                (await wrongKey.PostAsJsonAsync("api/service/tokens", new { userId = "u1", displayName = "U" })).StatusCode, // 401
                (await creatorHttp.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", new { seconds = 99 })).StatusCode, // 400
            };
            for (var i = 0; i < 40; i++) statuses.Add((await anonymous.PostAsJsonAsync("api/auth/token", new { name = "Sybil", role = "viewer" })).StatusCode);
            Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
            Assert.Equal(413, await OversizedAnonymousPost(server));

            // Hub refusals: policy, role, ban, validation, unknown room, and the per-connection message limit.
            await guestHub.Refused(HubMethods.SendComment, room.RoomId, "hi");
            await viewerHub.Refused(HubMethods.SetFilters, room.RoomId, Array.Empty<FilterSpec>());
            await trollHub.Refused(HubMethods.JoinRoom, room.RoomId, null);
            await viewerHub.Refused(HubMethods.SendComment, room.RoomId, new string('x', 5000));
            await viewerHub.Refused(HubMethods.JoinRoom, "r00000000000000000000", null);
            await viewerHub.Refused(HubMethods.SendLike, room.RoomId, 100_000);
            var limited = 0;
            for (var i = 0; i < 60; i++)
            {
                try { await viewerHub.InvokeAsync(HubMethods.SendLike, room.RoomId, 1); }
                catch (Microsoft.AspNetCore.SignalR.HubException) { limited++; }
            }
            Assert.True(limited > 0, "the like limit was reached");
            // Everything above was handled before this honest comment came back.
            await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "marker");

            var during = logs.Entries.Skip(quietFrom).ToList();
            AssertNone(during.Where(e => e.Level >= LogLevel.Warning), "Warning or above");
            AssertNone(during.Where(e => e.Exception is not null), "with an exception");
            AssertNone(during.Where(e => e.Level == LogLevel.Information && (e.Category.StartsWith("Orleans", StringComparison.Ordinal) || e.Category.StartsWith("Polly", StringComparison.Ordinal))), "Orleans or Polly at Information");
        }
        finally
        {
            await server.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }

    private static void AssertNone(IEnumerable<LogEntry> entries, string what)
    {
        var lines = entries.Select(e => e.Line).ToList();
        Assert.True(lines.Count == 0, $"{lines.Count} log entries {what}:\n" + string.Join("\n", lines.Take(5)));
    }

    /// <summary>Headers that promise 8 MB to the token endpoint; the answer's status code.</summary>
    private static async Task<int> OversizedAnonymousPost(LiveServer server)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/auth/token HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {8 * 1024 * 1024}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return int.Parse(Encoding.ASCII.GetString(buffer, 0, read).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
