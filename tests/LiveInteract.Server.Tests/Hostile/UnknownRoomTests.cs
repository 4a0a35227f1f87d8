using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>
/// Room ids that were never created: every route and hub method answers "room not found" without activating a grain,
/// so a flood of random ids costs neither grains nor memory (the per-user REST limits, raised in this fixture, are a
/// second line tested in HostileClientTests).
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class UnknownRoomTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private const long MemoryBoundBytes = 16L * 1024 * 1024;

    private LiveServer Server => fixture.Server;

    /// <summary>Reads and writes that name a room in their path, each tried with thousands of ids.</summary>
    private static readonly (string Method, string Path)[] RoomRoutes =
    [
        ("GET", "api/rooms/{0}"), ("GET", "api/rooms/{0}?lastSeq=0"), ("POST", "api/rooms/{0}/start"), ("POST", "api/rooms/{0}/end"),
        ("GET", "api/rooms/{0}/moderation"), ("GET", "api/rooms/{0}/questions"), ("GET", "api/rooms/{0}/held"),
        ("GET", "api/rooms/{0}/insights"), ("POST", "api/rooms/{0}/clips"), ("GET", "rooms/{0}/hls/index.m3u8"),
        ("GET", "rooms/{0}/hls/seg_1.ts"), ("GET", "rooms/{0}/thumbnail.jpg"), ("GET", "rooms/{0}/preview.mjpeg"),
        ("GET", "rooms/{0}/clips/0123456789abcdef.gif"), ("GET", "rooms/{0}/ingest"),
    ];

    [Fact]
    public async Task Thousands_of_never_created_room_ids_get_404_without_activating_a_grain_and_memory_stays_flat()
    {
        var creator = await Server.SignIn("Real", "creator");
        var real = await Server.CreateLiveRoom(creator);
        var prober = await Server.SignIn("Prober");
        using var http = Server.Http(prober.Token);
        await using var hub = await Server.Connect(prober);
        // Warm up every read once with a real room, so what is measured is the unknown ids alone.
        foreach (var (_, path) in RoomRoutes.Where(r => r.Method == "GET")) (await http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, real.RoomId))).Dispose();
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, real.RoomId, null);
        var activationsBefore = await Activations();
        var memoryBefore = SettledMemory();

        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 3000; i++)
        {
            var (method, path) = RoomRoutes[i % RoomRoutes.Length];
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, ShapedLikeARoomId(i))));
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (i < RoomRoutes.Length)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(("room not found", "not_found"), (problem.GetProperty("title").GetString(), problem.GetProperty("code").GetString()));
            }
        }
        // The hub: methods that name a room, within one connection's message bursts (5 comments, 10 gifts, 40 others).
        string[] hubMethods = [HubMethods.JoinRoom, HubMethods.SendComment, HubMethods.SendGift, HubMethods.SetSlowMode, HubMethods.Vote];
        for (var i = 0; i < 25; i++)
        {
            var id = ShapedLikeARoomId(i);
            object?[] args = hubMethods[i % hubMethods.Length] switch
            {
                HubMethods.JoinRoom => [id, 0L],
                HubMethods.SendComment => [id, "hi"],
                HubMethods.SendGift => [id, "rose", 1, $"k{i}"],
                HubMethods.SetSlowMode => [id, 5],
                _ => [id, "p1", 0],
            };
            Assert.EndsWith("room not found", await hub.Refused(hubMethods[i % hubMethods.Length], args));
        }

        Assert.Equal(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.NotFound] = 3000 }, statuses);
        AssertNoNewActivations(activationsBefore, await Activations());
        var grown = SettledMemory() - memoryBefore;
        Assert.True(grown < MemoryBoundBytes, $"server memory grew {grown / 1024 / 1024} MB");

        // The real room is untouched by the flood.
        using var owner = Server.Http(creator.Token);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"api/rooms/{real.RoomId}")).StatusCode);
        var (ownerHub, ownerSees) = await Server.Joined(creator, real.RoomId);
        await using var _ = ownerHub;
        await ownerHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, real.RoomId, "still here");
        await ownerSees.UntilComment("still here");
    }

    [Fact]
    public async Task A_battle_with_a_never_created_room_is_refused_before_any_grain_is_asked()
    {
        var creator = await Server.SignIn("Battler", "creator");
        var room = await Server.CreateLiveRoom(creator);
        using var http = Server.Http(creator.Token);
        var activationsBefore = await Activations();
        var response = await http.PostAsJsonAsync("api/battles", new { roomId = room.RoomId, opponentRoomId = ShapedLikeARoomId(0) });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("room not found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        AssertNoNewActivations(activationsBefore, await Activations());
    }

    /// <summary>No grain type has more activations than before (idle ones may have been collected meanwhile).</summary>
    private static void AssertNoNewActivations(Dictionary<string, int> before, Dictionary<string, int> after) =>
        Assert.Empty(after.Where(a => a.Value > before.GetValueOrDefault(a.Key)).Select(a => $"{a.Key}: {before.GetValueOrDefault(a.Key)} -> {a.Value}"));

    /// <summary>Grain activations of every type on the server's silo (Orleans' management grain: it counts, it does not activate).</summary>
    private async Task<Dictionary<string, int>> Activations()
    {
        var management = Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var stats = await management.GetSimpleGrainStatistics();
        // Orleans' own system grains come and go on their own schedule; ours are what a flood could create.
        return stats.Where(s => s.GrainType.StartsWith("LiveInteract.", StringComparison.Ordinal))
            .GroupBy(s => s.GrainType)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    /// <summary>
    /// The shape of an issued id without its tag: "r" and 26 hex digits (random part and tag), every other one "r" and
    /// 20 hex digits (an id issued with the earlier 5 random bytes, still accepted).
    /// </summary>
    private static string ShapedLikeARoomId(int i) => "r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(i % 2 == 0 ? 13 : 10));

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
