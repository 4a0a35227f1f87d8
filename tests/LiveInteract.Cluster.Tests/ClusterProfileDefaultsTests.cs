using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveInteract.Cluster.Tests;

/// <summary>A Cluster-profile silo with nothing turned on: no guest tokens, no anonymous viewers, no free coins.</summary>
public sealed class ClusterProfileDefaultsTests
{
    private const string ServiceKey = "cluster-defaults-service-key-9d8c7b6a5f4e3d2c";

    [Fact]
    public async Task Without_configuration_a_cluster_silo_refuses_guest_creator_tokens_anonymous_viewers_and_demo_top_ups()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        await using var silo = await SiloProcess.Start(redis, $"defaults-{Guid.NewGuid():N}", overrides: new Dictionary<string, string?>
        {
            ["Auth__GuestTokens"] = null,
            ["Gifts__DemoTopUps"] = null,
            ["ServiceApi__Keys__0__Name"] = "backend",
            ["ServiceApi__Keys__0__Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ServiceKey))),
        });
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        foreach (var role in new[] { "creator", "viewer", "guest" })
        {
            var response = await http.PostAsJsonAsync("api/auth/token", new { name = "Mallory", role });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("guest tokens are turned off", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }

        // Nor does a hub connection without a token become an anonymous guest (Auth:AnonymousViewers is off).
        using (var socket = new System.Net.WebSockets.ClientWebSocket())
        {
            socket.Options.CollectHttpResponseDetails = true;
            var hub = new UriBuilder(new Uri(silo.BaseAddress, "hubs/live")) { Scheme = "ws" }.Uri;
            await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(hub, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        }

        // A real user (signed in by the operator's backend) cannot mint coins either: they come from purchases.
        using var service = new HttpClient { BaseAddress = silo.BaseAddress };
        service.DefaultRequestHeaders.Add("X-Api-Key", ServiceKey);
        var issued = await service.PostAsJsonAsync("api/service/tokens", new { userId = "buyer-1", displayName = "Bea", role = "viewer" });
        issued.EnsureSuccessStatusCode();
        using var user = new HttpClient { BaseAddress = silo.BaseAddress };
        user.DefaultRequestHeaders.Authorization = new("Bearer", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        var topUp = await user.PostAsJsonAsync("api/wallet/topup", new { coins = 1000 });
        Assert.Equal(HttpStatusCode.Forbidden, topUp.StatusCode);
        Assert.Equal("demo top-ups are turned off: coins come from purchases", (await topUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        (await service.PostAsJsonAsync("api/service/wallets/buyer-1/credits", new { purchaseId = "p-1", coins = 1000 })).EnsureSuccessStatusCode();
        Assert.Equal(1000, (await user.GetFromJsonAsync<JsonElement>("api/wallet")).GetProperty("balance").GetInt64());
    }
}
