using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Cluster.Tests;

/// <summary>
/// <c>POST /api/service/users/{userId}/revoke</c> on one silo refuses the user's earlier tokens on every silo within
/// seconds (Auth:RevocationCheckInterval, 2 s): the cut-off lives in a grain, each silo caches it that long.
/// </summary>
public sealed class ClusterRevocationTests
{
    private const string ServiceKey = "cluster-revocation-service-key-1a2b3c4d5e6f7a8b";

    [Fact]
    public async Task A_token_revoked_on_silo_A_is_refused_on_silo_B_within_seconds_over_rest_and_the_hub()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        var clusterId = $"revoke-{Guid.NewGuid():N}";
        var keys = new Dictionary<string, string?>
        {
            ["ServiceApi__Keys__0__Name"] = "backend",
            ["ServiceApi__Keys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ServiceKey))),
        };
        await using var siloA = await SiloProcess.Start(redis, clusterId, overrides: keys);
        await using var siloB = await SiloProcess.Start(redis, clusterId, overrides: keys);
        using var serviceA = Service(siloA);

        var creatorToken = await Issue(serviceA, "rv-creator", "creator");
        var viewerToken = await Issue(serviceA, "rv-viewer", "viewer");
        using var creatorB = User(siloB, creatorToken);
        var created = await creatorB.PostAsJsonAsync("api/rooms", new { title = "Revocation" });
        created.EnsureSuccessStatusCode();
        var roomId = (await created.Content.ReadFromJsonAsync<RoomSnapshot>())!.RoomId;
        (await creatorB.PostAsync($"api/rooms/{roomId}/start", null)).EnsureSuccessStatusCode();

        // The viewer works on silo B (REST and an open hub connection), and silo B has cached "not revoked".
        using var viewerB = User(siloB, viewerToken);
        Assert.Equal(HttpStatusCode.OK, (await viewerB.GetAsync("api/wallet")).StatusCode);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(siloB.BaseAddress, HubRoutes.Live.TrimStart('/')), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(viewerToken);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        await hub.StartAsync();
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
        await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "before");

        // Revoked through silo A; silo B refuses within its cache interval plus a margin.
        var clock = Stopwatch.StartNew();
        (await serviceA.PostAsync("api/service/users/rv-viewer/revoke", null)).EnsureSuccessStatusCode();
        await Eventually.Until(async () => (await viewerB.GetAsync("api/wallet")).StatusCode == HttpStatusCode.Unauthorized,
            "silo B refuses the revoked token", TimeSpan.FromSeconds(10));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        // The hub call is refused and the connection closed, with the refusal as its close reason (the call fails with it).
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "after"));
        Assert.EndsWith("token revoked: sign in again", refused.Message, StringComparison.Ordinal);
        // Silo A refuses it too, and the creator (not revoked) carries on.
        using var viewerA = User(siloA, viewerToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewerA.GetAsync("api/wallet")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await creatorB.GetAsync($"api/rooms/{roomId}")).StatusCode);

        // The user signs in again: a token issued after the cut-off (next second, iat resolution) works everywhere.
        await Eventually.Until(async () =>
        {
            using var fresh = User(siloB, await Issue(serviceA, "rv-viewer", "viewer"));
            return (await fresh.GetAsync("api/wallet")).StatusCode == HttpStatusCode.OK;
        }, "a token issued after the revocation is accepted");
    }

    private static HttpClient Service(SiloProcess silo)
    {
        var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", ServiceKey);
        return http;
    }

    private static HttpClient User(SiloProcess silo, string token)
    {
        var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private static async Task<string> Issue(HttpClient service, string userId, string role)
    {
        var response = await service.PostAsJsonAsync("api/service/tokens", new { userId, displayName = userId, role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
