using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>
/// A server with the shipped per-user REST limits and body caps (the other tests run with generous ones). Every test
/// client here shares 127.0.0.1, so the per-IP limits are raised in this fixture and tested on their own server.
/// </summary>
public sealed class ShippedLimitsFixture() : LiveServerFixture(new Dictionary<string, string?>
{
    ["RestLimits:PerIp:Permits"] = "100000",
    ["RestLimits:Tokens:Permits"] = "100000",
    ["RestLimits:Snapshots:Permits"] = "120",
    ["RestLimits:RoomCreation:Permits"] = "10",
    ["RestLimits:TopUps:Permits"] = "10",
    ["RestLimits:Battles:Permits"] = "20",
});

/// <summary>
/// Bad input and floods against a real server with its shipped limits: each gets a clear error, costs little
/// (server memory measured in this process, where the server runs), and honest clients carry on.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileClientTests(ShippedLimitsFixture fixture) : IClassFixture<ShippedLimitsFixture>
{
    private const long MemoryBoundBytes = 16L * 1024 * 1024;

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task An_8_MB_anonymous_post_is_refused_with_413_before_its_body_is_read()
    {
        var before = SettledMemory();
        for (var i = 0; i < 5; i++)
        {
            // Raw socket: the headers promise 8 MB, the answer must come before any of it is sent.
            using var socket = new TcpClient();
            await socket.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port);
            var stream = socket.GetStream();
            var head = $"POST /api/auth/token HTTP/1.1\r\nHost: {Server.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {8 * 1024 * 1024}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            var buffer = new byte[4096];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            var response = Encoding.ASCII.GetString(buffer, 0, read);
            Assert.StartsWith("HTTP/1.1 413", response);
            Assert.Contains("request body is larger than 4096 bytes", response);
        }

        // A chunked 8 MB body (no length to check up front) stops at the cap too.
        using var http = Server.Http();
        var chunked = new StreamContent(new MemoryStream(new byte[8 * 1024 * 1024]));
        chunked.Headers.ContentType = new("application/json");
        try
        {
            var response = await http.PostAsync("api/auth/token", chunked);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException) { /* the server may close the connection while the client is still sending */ }

        var grown = SettledMemory() - before;
        Assert.True(grown < MemoryBoundBytes, $"server memory grew {grown / 1024 / 1024} MB");
        await HonestClientStillWorks();
    }

    [Fact]
    public async Task Three_thousand_random_room_lookups_are_rate_limited_and_memory_stays_flat()
    {
        var user = await Server.SignIn("Prober");
        using var http = Server.Http(user.Token);
        var before = SettledMemory();
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 3000; i++)
        {
            var response = await http.GetAsync($"api/rooms/r{Guid.NewGuid():N}"[..20]);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode == HttpStatusCode.TooManyRequests && statuses[response.StatusCode] == 1)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }
        var grown = SettledMemory() - before;
        Assert.InRange(statuses.GetValueOrDefault(HttpStatusCode.NotFound), 1, 120);
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests) >= 2800, string.Join(", ", statuses));
        Assert.True(grown < MemoryBoundBytes, $"server memory grew {grown / 1024 / 1024} MB");
        await HonestClientStillWorks();
    }

    [Fact]
    public async Task Token_issuance_and_all_api_calls_are_limited_per_ip_with_a_clear_429()
    {
        await using var server = new LiveServer(settings: new Dictionary<string, string?>
        {
            ["RestLimits:Tokens:Permits"] = "20",
            ["RestLimits:PerIp:Permits"] = "600",
        }).Start();
        using var http = server.Http();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
            statuses.Add((await http.PostAsJsonAsync("api/auth/token", new { name = "Sybil", role = "viewer" })).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 20).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)), statuses);
        var last = await http.PostAsJsonAsync("api/auth/token", new { name = "Sybil", role = "viewer" });
        Assert.Equal("too many requests, slow down", (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // Any /api route: 600 a minute per IP (the catalog needs no token).
        var catalog = new List<HttpStatusCode>();
        for (var i = 0; i < 620; i++) catalog.Add((await http.GetAsync("api/gifts")).StatusCode);
        // The window also counts the token requests above.
        Assert.InRange(catalog.Count(c => c == HttpStatusCode.OK), 540, 600 - 26);
        Assert.Equal(HttpStatusCode.TooManyRequests, catalog[^1]);
        LiveServer.DeleteData(server.DataDirectory);
    }

    [Fact]
    public async Task A_banned_user_cannot_read_the_room_over_rest_while_others_can()
    {
        var issuer = Server;
        var creator = await issuer.SignIn("Host", "creator");
        var room = await issuer.CreateLiveRoom(creator);
        var banned = await issuer.SignIn("Banned");
        var honest = await issuer.SignIn("Honest");
        await using var host = await issuer.Connect(creator);
        await host.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await host.InvokeAsync(HubMethods.BanUser, room.RoomId, banned.UserId);

        using var bannedHttp = issuer.Http(banned.Token);
        var refused = await bannedHttp.GetAsync($"api/rooms/{room.RoomId}?lastSeq=0");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("you are banned from this room", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        using var honestHttp = issuer.Http(honest.Token);
        Assert.Equal(HttpStatusCode.OK, (await honestHttp.GetAsync($"api/rooms/{room.RoomId}?lastSeq=0")).StatusCode);
    }

    [Fact]
    public async Task Zalgo_text_is_refused_in_names_comments_and_titles_while_emoji_pass()
    {
        var zalgo = "a" + string.Concat(Enumerable.Repeat("\u0301", 600));
        using var anonymous = Server.Http();
        var name = await anonymous.PostAsJsonAsync("api/auth/token", new { name = zalgo, role = "viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, name.StatusCode);
        var nameMessage = (await name.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
        Assert.True(nameMessage is "name has more than 4 combining marks on one character" or "name is longer than 32 characters", nameMessage);

        var creator = await Server.SignIn("Zed", "creator");
        using var creatorHttp = Server.Http(creator.Token);
        var title = await creatorHttp.PostAsJsonAsync("api/rooms", new { title = "ok x" + string.Concat(Enumerable.Repeat("\u0300", 5)) });
        Assert.Equal("title has more than 4 combining marks on one character", (await title.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var room = await Server.CreateLiveRoom(creator);
        var (viewer, _) = await Server.Joined(await Server.SignIn("Viewer"), room.RoomId);
        var (neighbour, neighbourSees) = await Server.Joined(await Server.SignIn("Neighbour"), room.RoomId);
        await using var _v = viewer;
        await using var _n = neighbour;
        Assert.EndsWith("comment has more than 4 combining marks on one character",
            await viewer.Refused(HubMethods.SendComment, room.RoomId, "x" + string.Concat(Enumerable.Repeat("\u0300", 5))));
        // Emoji with a variation selector and a keycap (one and two marks) are ordinary text.
        var ok = await viewer.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "\u2764\uFE0F 1\uFE0F\u20E3 ti\u1EBFng Vi\u1EC7t");
        await Eventually.Until(() => neighbourSees.Comments.Any(c => c.CommentId == ok.CommentId), "the honest comment");
    }

    [Fact]
    public async Task SetFilters_stores_the_canonical_chain_and_refuses_what_it_cannot_parse()
    {
        var creator = await Server.SignIn("Filterer", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var (host, _) = await Server.Joined(creator, room.RoomId);
        await using var _h = host;
        var padded = new string(' ', 12 * 1024) + "ASSET";
        await host.InvokeAsync(HubMethods.SetFilters, room.RoomId, new[] { new FilterSpec("  Sticker ", new Dictionary<string, string> { [padded] = " glasses " }) });

        var (joiner, _) = await Server.Joined(await Server.SignIn("Joiner"), room.RoomId);
        await using var _j = joiner;
        var snapshot = await joiner.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        var stored = Assert.Single(snapshot.Filters);
        Assert.Equal("sticker", stored.Kind);
        Assert.Equal(new Dictionary<string, string> { ["asset"] = "glasses" }, stored.Options);

        Assert.Contains("unknown kind 'fireworks'", await host.Refused(HubMethods.SetFilters, room.RoomId, new[] { new FilterSpec("fireworks") }));
        Assert.Contains("at most", await host.Refused(HubMethods.SetFilters, room.RoomId, Enumerable.Repeat(new FilterSpec("blur"), 9).ToArray()));
        Assert.Contains("'bogus'", await host.Refused(HubMethods.SetFilters, room.RoomId, new[] { new FilterSpec("blur", new Dictionary<string, string> { ["bogus"] = "1" }) }));
        // The stored chain is unchanged by the refusals.
        Assert.Equal("sticker", Assert.Single((await joiner.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null)).Filters).Kind);
    }

    [Fact]
    public async Task One_connection_joins_at_most_ten_rooms()
    {
        // Two creators with five rooms each (Rooms:MaxOpenRoomsPerCreator).
        var rooms = new List<string>();
        foreach (var owner in new[] { await Server.SignIn("Many", "creator"), await Server.SignIn("Many more", "creator") })
            for (var i = 0; i < 5; i++) rooms.Add((await Server.CreateLiveRoom(owner, $"room {i}")).RoomId);
        var user = await Server.SignIn("Hopper");
        await using var hub = await Server.Connect(user);
        foreach (var room in rooms) await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room, null);
        var creator2 = await Server.SignIn("More", "creator");
        var eleventh = await Server.CreateLiveRoom(creator2, "eleventh");
        Assert.EndsWith("a connection can be in at most 10 rooms; leave one first", await hub.Refused(HubMethods.JoinRoom, eleventh.RoomId, null));
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, rooms[0], null); // rejoining one it is in is fine
        await hub.InvokeAsync(HubMethods.LeaveRoom, rooms[0]);
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, eleventh.RoomId, null);
    }

    private async Task HonestClientStillWorks()
    {
        using var creatorHttp = Server.Http();
        var token = await creatorHttp.PostAsJsonAsync("api/auth/token", new { name = "Honest", role = "creator" });
        token.EnsureSuccessStatusCode();
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        var honest = new TestUser(body.GetProperty("userId").GetString()!, "Honest", body.GetProperty("token").GetString()!);
        var room = await Server.CreateLiveRoom(honest);
        using var http = Server.Http(honest.Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"api/rooms/{room.RoomId}")).StatusCode);
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection
{
    public const string Name = "hostile";
}
