using System.Net;
using System.Net.Http.Json;
using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using LiveInteract.Server.Tests.Service;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>
/// A server with the service API keys of <see cref="ServiceApiFixture"/> plus a third key that is revoked (removed from
/// the configuration while the server runs, as an operator would) before the matrix runs, and the /ops routes mapped.
/// </summary>
public sealed class AccessMatrixFixture() : LiveServerFixture(new Dictionary<string, string?>
{
    ["ServiceApi:Keys:1:Name"] = "retired",
    ["ServiceApi:Keys:1:Sha256"] = ServiceApiFixture.Sha256Hex(AccessMatrixFixture.RetiredKey),
    ["Operations:Diagnostics"] = "true",
}.WithBackendKey())
{
    public const string RetiredKey = "retired-key-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
}

/// <summary>
/// Who may call what: every REST route the server maps (read from its EndpointDataSource, so a new route fails this
/// test until it has a row) and every hub method (<see cref="HubMethods.ServerMethods"/>), called by each kind of
/// caller, against the expectation written in a table. "ok" means the caller got past authorization (any status but
/// 401/403; the call may still be refused for its arguments or the room's state); 401 and 403 are exact. An honest
/// viewer in the same room keeps commenting and reading throughout.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class AccessMatrixTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    private LiveServer Server => fixture.Server;

    /// <summary>REST callers, in the column order of <see cref="Routes"/>.</summary>
    private enum Caller { Anonymous, Guest, Viewer, Moderator, Creator, OtherCreator, Banned, WrongKey, RevokedKey, ServiceKey }

    private const string EndRoom = "POST /api/rooms/{roomId}/end";

    // Columns: anonymous (also "service key missing"), guest, viewer, moderator of the room, the room's creator,
    // another creator, a viewer banned from the room, X-Api-Key wrong, X-Api-Key revoked, X-Api-Key valid.
    private static readonly (string Route, string Expect)[] Routes =
    [
        //                                                       anon guest view  mod  crea  othr  bann wrong revk  svc
        ("GET /api/gifts",                                      "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("GET /api/rankings",                                   "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("* /healthz",                                          "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("* /healthz/live",                                     "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("* /healthz/ready",                                    "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("* /metrics",                                          "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("GET /openapi/{documentName}.json",                    "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("GET /ops/rooms/{roomId}/placement",                   "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("GET /ops/memory",                                     "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        ("POST /api/auth/token",                                "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
        // Video is public by design; a token of a banned user is refused.
        ("GET /rooms/{roomId}/hls/{file}",                      "ok   ok   ok   ok   ok   ok   403  ok   ok   ok"),
        ("GET /rooms/{roomId}/preview.mjpeg",                   "ok   ok   ok   ok   ok   ok   403  ok   ok   ok"),
        ("GET /rooms/{roomId}/thumbnail.jpg",                   "ok   ok   ok   ok   ok   ok   403  ok   ok   ok"),
        ("GET /rooms/{roomId}/clips/{file}",                    "ok   ok   ok   ok   ok   ok   403  ok   ok   ok"),
        ("* /rooms/{roomId}/ingest",                            "401  ok   ok   ok   ok   ok   ok   401  401  401"),
        ("GET /api/rooms/",                                     "401  ok   ok   ok   ok   ok   ok   401  401  401"),
        ("POST /api/rooms/",                                    "401  403  403  403  ok   ok   403  401  401  401"),
        ("GET /api/rooms/{roomId}",                             "401  ok   ok   ok   ok   ok   403  401  401  401"),
        ("POST /api/rooms/{roomId}/start",                      "401  403  403  403  ok   403  403  401  401  401"),
        ("GET /api/rooms/{roomId}/moderation/",                 "401  403  403  ok   ok   403  403  401  401  401"),
        ("GET /api/rooms/{roomId}/questions",                   "401  ok   ok   ok   ok   ok   403  401  401  401"),
        ("GET /api/rooms/{roomId}/held",                        "401  403  403  ok   ok   403  403  401  401  401"),
        ("GET /api/rooms/{roomId}/insights",                    "401  403  403  ok   ok   403  403  401  401  401"),
        ("POST /api/rooms/{roomId}/clips",                      "401  403  ok   ok   ok   ok   403  401  401  401"),
        ("GET /api/wallet/",                                    "401  ok   ok   ok   ok   ok   ok   401  401  401"),
        ("POST /api/wallet/topup",                              "401  ok   ok   ok   ok   ok   ok   401  401  401"),
        ("GET /api/wallet/ledger",                              "401  ok   ok   ok   ok   ok   ok   401  401  401"),
        ("GET /api/creators/{userId}/earnings",                 "401  403  403  403  ok   403  403  401  401  401"),
        ("GET /api/creators/{userId}/lives",                    "403  403  403  403  ok   403  403  403  403  ok"),
        ("GET /api/creators/{userId}/score",                    "403  403  403  403  ok   403  403  403  403  ok"),
        ("POST /api/battles/",                                  "401  403  403  403  ok   403  403  401  401  401"),
        ("GET /api/battles/{battleId}",                         "401  ok   ok   ok   ok   ok   ok   401  401  401"),
        ("POST /api/battles/{battleId}/accept",                 "401  403  403  403  403  ok   403  401  401  401"),
        ("POST /api/battles/{battleId}/decline",                "401  403  403  403  ok   ok   403  401  401  401"),
        ("POST /api/service/tokens",                            "401  401  401  401  401  401  401  401  401  ok"),
        ("POST /api/service/wallets/{userId}/credits",          "401  401  401  401  401  401  401  401  401  ok"),
        ("POST /api/service/users/{userId}/revoke",             "401  401  401  401  401  401  401  401  401  ok"),
        ("GET /api/service/risk",                               "401  401  401  401  401  401  401  401  401  ok"),
        ("GET /api/service/users/{userId}/export",              "401  401  401  401  401  401  401  401  401  ok"),
        ("POST /api/service/users/{userId}/erase",              "401  401  401  401  401  401  401  401  401  ok"),
        ("POST /api/service/webhooks/",                         "401  401  401  401  401  401  401  401  401  ok"),
        ("GET /api/service/webhooks/",                          "401  401  401  401  401  401  401  401  401  ok"),
        ("DELETE /api/service/webhooks/{id}",                   "401  401  401  401  401  401  401  401  401  ok"),
        ("GET /api/service/webhooks/{id}/deliveries",           "401  401  401  401  401  401  401  401  401  ok"),
        ("POST /api/service/webhooks/{id}/replay",              "401  401  401  401  401  401  401  401  401  ok"),
        // Last: it ends the room.
        (EndRoom,                                               "401  403  403  403  ok   403  403  401  401  401"),
    ];

    /// <summary>The hub's own endpoints: every method on it is in <see cref="HubCalls"/>.</summary>
    private static readonly string[] HubEndpoints = ["* /hubs/live", "* /hubs/live/negotiate"];

    /// <summary>Hub callers, in the column order of <see cref="HubCalls"/> (a caller without a token connects as a guest).</summary>
    private enum HubCaller { Guest, Viewer, Moderator, Creator, OtherCreator, Banned }

    // Columns: guest, viewer, moderator, creator, other creator, banned. "no" is a refusal for who the caller is
    // (unauthorized, banned, not the creator, not staff); anything else (success, or a refusal of the arguments or the
    // room's state) is "ok".
    private static readonly (string Method, string Expect, Func<MatrixRoom, object?[]> Args)[] HubCalls =
    [
        //                                  guest view mod crea othr bann
        (HubMethods.JoinRoom,               "ok   ok   ok  ok   ok   no", r => [r.RoomId, null]),
        (HubMethods.SendComment,            "no   ok   ok  ok   ok   no", r => [r.RoomId, "hello"]),
        (HubMethods.SendLike,               "no   ok   ok  ok   ok   no", r => [r.RoomId, 1]),
        (HubMethods.SendGift,               "no   ok   ok  ok   ok   no", r => [r.RoomId, "rose", 1, Guid.NewGuid().ToString("N")]),
        (HubMethods.SetFilters,             "no   no   no  ok   no   no", r => [r.RoomId, Array.Empty<FilterSpec>()]),
        (HubMethods.MuteUser,               "no   no   ok  ok   no   no", r => [r.RoomId, "matrix-target", 1]),
        (HubMethods.BanUser,                "no   no   ok  ok   no   no", r => [r.RoomId, "matrix-target"]),
        (HubMethods.UnbanUser,              "no   no   ok  ok   no   no", r => [r.RoomId, "matrix-target"]),
        (HubMethods.DeleteComment,          "no   no   ok  ok   no   no", r => [r.RoomId, "c999999"]),
        (HubMethods.SetSlowMode,            "no   no   ok  ok   no   no", r => [r.RoomId, 0]),
        (HubMethods.AddModerator,           "no   no   no  ok   no   no", r => [r.RoomId, "matrix-target"]),
        (HubMethods.RemoveModerator,        "no   no   no  ok   no   no", r => [r.RoomId, "matrix-target"]),
        (HubMethods.SetBlockedWords,        "no   no   no  ok   no   no", r => [r.RoomId, Array.Empty<string>()]),
        (HubMethods.StartPoll,              "no   no   ok  ok   no   no", r => [r.RoomId, "Which?", new[] { "a", "b" }, 60]),
        (HubMethods.Vote,                   "no   ok   ok  ok   ok   no", r => [r.RoomId, "p999999", 0]),
        (HubMethods.EndPoll,                "no   no   ok  ok   no   no", r => [r.RoomId, "p999999"]),
        (HubMethods.AskQuestion,            "no   ok   ok  ok   ok   no", r => [r.RoomId, "Why?"]),
        (HubMethods.UpvoteQuestion,         "no   ok   ok  ok   ok   no", r => [r.RoomId, "q999999"]),
        (HubMethods.AnswerQuestion,         "no   no   ok  ok   no   no", r => [r.RoomId, "q999999"]),
        (HubMethods.PinComment,             "no   no   ok  ok   no   no", r => [r.RoomId, "c999999"]),
        (HubMethods.Unpin,                  "no   no   ok  ok   no   no", r => [r.RoomId]),
        (HubMethods.SetGoal,                "no   no   no  ok   no   no", r => [r.RoomId, new GoalSpec("likes", 1000, "A thousand likes")]),
        (HubMethods.ClearGoal,              "no   no   no  ok   no   no", r => [r.RoomId]),
        (HubMethods.ApproveComment,         "no   no   ok  ok   no   no", r => [r.RoomId, "h999999"]),
        (HubMethods.RejectComment,          "no   no   ok  ok   no   no", r => [r.RoomId, "h999999"]),
        (HubMethods.SetGiftEffects,         "no   no   no  ok   no   no", r => [r.RoomId, Array.Empty<GiftEffect>()]),
        (HubMethods.PreviewGiftEffect,      "no   no   no  ok   no   no", r => [r.RoomId, new GiftEffect("rose", new FilterSpec("look", new Dictionary<string, string> { ["name"] = "warm" }), 2)]),
        (HubMethods.LeaveRoom,              "ok   ok   ok  ok   ok   ok", r => [r.RoomId]),
    ];

    private static readonly string[] RefusalsForWho =
    [
        "unauthorized", "you are banned from this room", "only the room's creator", "guests can only watch", "join the room first",
    ];

    [Fact]
    public void Every_route_and_hub_method_has_a_row()
    {
        var mapped = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(RouteKey).ToHashSet(StringComparer.Ordinal);
        var listed = Routes.Select(r => r.Route).Concat(HubEndpoints).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(mapped.Except(listed).Order(StringComparer.Ordinal)); // a route without a row
        Assert.Empty(listed.Except(mapped).Order(StringComparer.Ordinal)); // a row for a route that is gone
        Assert.Equal(HubMethods.ServerMethods.Order(StringComparer.Ordinal), HubCalls.Select(c => c.Method).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_rest_route_answers_each_caller_as_the_table_says_and_an_honest_viewer_is_unaffected()
    {
        var room = await MatrixRoom.Create(Server);
        await using var _ = room;
        await RevokeRetiredKey();
        var callers = new Dictionary<Caller, HttpClient>
        {
            [Caller.Anonymous] = Server.Http(),
            [Caller.Guest] = Server.Http(room.Guest.Token),
            [Caller.Viewer] = Server.Http(room.Viewer.Token),
            [Caller.Moderator] = Server.Http(room.Moderator.Token),
            [Caller.Creator] = Server.Http(room.Creator.Token),
            [Caller.OtherCreator] = Server.Http(room.OtherCreator.Token),
            [Caller.Banned] = Server.Http(room.Banned.Token),
            [Caller.WrongKey] = Server.Service("backend-key-0000000000000000000000000000000"),
            [Caller.RevokedKey] = Server.Service(AccessMatrixFixture.RetiredKey),
            [Caller.ServiceKey] = Server.Service(),
        };
        var wrong = new List<string>();
        foreach (var (route, expect) in Routes)
        {
            if (route == EndRoom) await room.HonestViewerStillTakesPart(Server);
            var expected = expect.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(callers.Count, expected.Length);
            foreach (var (caller, http) in callers)
            {
                using var response = await http.SendAsync(Request(route, room));
                var status = (int)response.StatusCode;
                var got = status is 401 or 403 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "ok";
                if (got != expected[(int)caller]) wrong.Add($"{route} as {caller}: expected {expected[(int)caller]}, got {status}");
            }
        }
        foreach (var http in callers.Values) http.Dispose();
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_hub_method_answers_each_caller_as_the_table_says_and_an_honest_viewer_is_unaffected()
    {
        var room = await MatrixRoom.Create(Server);
        await using var _ = room;
        await using (var badToken = await Server.Connect(new TestUser("nobody", "nobody", "not-a-token"), start: false))
            await Assert.ThrowsAnyAsync<Exception>(() => badToken.StartAsync());

        // A connection without a token is a watch-only guest (AnonymousViewerMiddleware): it answers as the guest column.
        var users = new List<(string Who, HubCaller Column, TestUser? User)>
        {
            ("Anonymous", HubCaller.Guest, null), ("Guest", HubCaller.Guest, room.Guest),
            ("Viewer", HubCaller.Viewer, room.Viewer), ("Moderator", HubCaller.Moderator, room.Moderator),
            ("Creator", HubCaller.Creator, room.Creator), ("OtherCreator", HubCaller.OtherCreator, room.OtherCreator),
            ("Banned", HubCaller.Banned, room.Banned),
        };
        var wrong = new List<string>();
        foreach (var (caller, column, user) in users)
        {
            await using var hub = user is null ? await Server.ConnectWithoutToken() : await Server.Connect(user);
            foreach (var (method, expect, args) in HubCalls)
            {
                var expected = expect.Split(' ', StringSplitOptions.RemoveEmptyEntries)[(int)column];
                string got;
                try
                {
                    await hub.InvokeCoreAsync<object>(method, args(room));
                    got = "ok";
                }
                catch (HubException e)
                {
                    got = RefusalsForWho.Any(r => e.Message.Contains(r, StringComparison.Ordinal)) ? "no" : "ok";
                    if (e.Message.Contains("room not found", StringComparison.Ordinal)) got = "room not found";
                    if (got != expected) wrong.Add($"{method} as {caller}: expected {expected}, got \"{e.Message}\"");
                    continue;
                }
                if (got != expected) wrong.Add($"{method} as {caller}: expected {expected}, got a success");
            }
        }
        Assert.Empty(wrong);
        await room.HonestViewerStillTakesPart(Server);
    }

    private static string RouteKey(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        var method = methods is { Count: > 0 } ? string.Join(",", methods) : "*";
        return $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}";
    }

    private static HttpRequestMessage Request(string route, MatrixRoom room)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = route[..space] == "*" ? "GET" : route[..space];
        var path = route[(space + 1)..]
            .Replace("{roomId}", room.RoomId, StringComparison.Ordinal)
            .Replace("{battleId}", room.BattleId, StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{file}", route.Contains("/hls/", StringComparison.Ordinal) ? "index.m3u8" : "0123456789abcdef.gif", StringComparison.Ordinal)
            .Replace("{id}", "wh_matrix", StringComparison.Ordinal)
            // The creator's own figures; the service routes act on a user no test signs in as.
            .Replace("{userId}", route.Contains("/service/", StringComparison.Ordinal) ? "matrix-dummy" : room.Creator.UserId, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        object? body = route switch
        {
            "POST /api/auth/token" => new { name = "Matrix", role = "viewer" },
            "POST /api/rooms/" => new { title = "matrix extra" },
            "POST /api/rooms/{roomId}/clips" => new { seconds = 3 },
            "POST /api/wallet/topup" => new { coins = 1 },
            "POST /api/battles/" => new { roomId = room.RoomId, opponentRoomId = room.OtherRoomId },
            "POST /api/service/tokens" => new { userId = "matrix-dummy", displayName = "Dummy", role = "viewer" },
            "POST /api/service/wallets/{userId}/credits" => new { purchaseId = Guid.NewGuid().ToString("N"), coins = 1 },
            // Refused for its URL once past authorization: the matrix registers nothing that would send requests out.
            "POST /api/service/webhooks/" => new { url = "not a url", events = new[] { "room.started" } },
            "POST /api/service/webhooks/{id}/replay" => new { fromId = 0 },
            _ => null,
        };
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    /// <summary>The service API's keys are read through IOptionsMonitor: removing one from the configuration revokes it.</summary>
    private async Task RevokeRetiredKey()
    {
        using (var retired = Server.Service(AccessMatrixFixture.RetiredKey))
        {
            var before = await retired.PostAsJsonAsync("api/service/tokens", new { userId = "matrix-dummy", displayName = "Dummy", role = "viewer" });
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the key worked until now
        }
        var configuration = (IConfigurationRoot)Server.Services.GetRequiredService<IConfiguration>();
        configuration["ServiceApi:Keys:1:Sha256"] = new string('0', 64);
        configuration.Reload();
    }

    /// <summary>A live room with a moderator, a banned viewer, a pending battle with another creator's live room, and an honest viewer watching.</summary>
    private sealed class MatrixRoom : IAsyncDisposable
    {
        public required string RoomId { get; init; }
        public required string OtherRoomId { get; init; }
        public required string BattleId { get; init; }
        public required TestUser Creator { get; init; }
        public required TestUser OtherCreator { get; init; }
        public required TestUser Guest { get; init; }
        public required TestUser Viewer { get; init; }
        public required TestUser Moderator { get; init; }
        public required TestUser Banned { get; init; }
        public required HubConnection Honest { get; init; }
        public required HubRecorder HonestSees { get; init; }
        public required TestUser HonestUser { get; init; }

        public static async Task<MatrixRoom> Create(LiveServer server)
        {
            var creator = await server.SignIn("Matrix owner", "creator");
            var otherCreator = await server.SignIn("Matrix rival", "creator");
            var room = await server.CreateLiveRoom(creator, "Matrix");
            var otherRoom = await server.CreateLiveRoom(otherCreator, "Rival");
            var moderator = await server.SignIn("Matrix mod");
            var banned = await server.SignIn("Matrix banned");
            await using (var owner = await server.Connect(creator))
            {
                await owner.InvokeAsync(HubMethods.AddModerator, room.RoomId, moderator.UserId);
                await owner.InvokeAsync(HubMethods.BanUser, room.RoomId, banned.UserId);
            }
            using var creatorHttp = server.Http(creator.Token);
            var invite = await creatorHttp.PostAsJsonAsync("api/battles", new { roomId = room.RoomId, opponentRoomId = otherRoom.RoomId });
            invite.EnsureSuccessStatusCode();
            var battleId = (await invite.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("battleId").GetString()!;
            var honestUser = await server.SignIn("Matrix honest");
            var (honest, sees) = await server.Joined(honestUser, room.RoomId);
            return new MatrixRoom
            {
                RoomId = room.RoomId, OtherRoomId = otherRoom.RoomId, BattleId = battleId,
                Creator = creator, OtherCreator = otherCreator, Guest = await server.SignIn("Matrix guest", "guest"),
                Viewer = await server.SignIn("Matrix viewer"), Moderator = moderator, Banned = banned,
                Honest = honest, HonestSees = sees, HonestUser = honestUser,
            };
        }

        /// <summary>The honest viewer's comment reaches the room and its REST snapshot still reads.</summary>
        public async Task HonestViewerStillTakesPart(LiveServer server)
        {
            var text = $"still here {Guid.NewGuid():N}";
            await Honest.InvokeAsync<CommentReceipt>(HubMethods.SendComment, RoomId, text);
            await HonestSees.UntilComment(text);
            using var http = server.Http(HonestUser.Token);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"api/rooms/{RoomId}?lastSeq=0")).StatusCode);
        }

        public ValueTask DisposeAsync() => Honest.DisposeAsync();
    }
}
