using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveInteract.Contracts.Gifts;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Cluster.Tests.Operator;

/// <summary>
/// Signed webhooks end to end: a silo process on Redis, the operator registering an independent loopback receiver
/// through the service API, rooms doing what rooms do, and the receiver checking every signature and the order per room.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string ApiKey = "operator-test-api-key-0123456789abcdefghij";
    private const string Secret = "receiver-secret-0123456789abcdefghijklmnop";

    public static Dictionary<string, string?> Environment(bool dashboard = false) => new()
    {
        ["ServiceApi__Keys__0__Name"] = "tests",
        ["ServiceApi__Keys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
        ["Webhooks__AllowLoopback"] = "true",
        ["Webhooks__FirstRetryDelay"] = "00:00:00.200",
        ["Webhooks__MaxRetryDelay"] = "00:00:01",
        ["Webhooks__PollInterval"] = "00:00:00.100",
        ["Webhooks__Timeout"] = "00:00:02",
        ["Moderation__BlockedWordsAction"] = "Hold",
        ["Operations__Dashboard"] = dashboard ? "true" : "false",
        ["Operations__RestrictTelemetry"] = dashboard ? "true" : "false",
    };

    public static HttpClient Operator(SiloProcess silo)
    {
        var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return http;
    }

    [Fact]
    public async Task Registration_refuses_bad_urls_short_secrets_unknown_events_and_callers_without_the_key()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        await using var silo = await SiloProcess.Start(redis, $"wh-input-{Guid.NewGuid():N}", overrides: Environment());
        using var anonymous = new HttpClient { BaseAddress = silo.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("api/service/webhooks", new { url = "https://example.com/hook", events = new[] { "room.started" } })).StatusCode);

        using var ops = Operator(silo);
        foreach (var (body, reason) in new (object, string)[]
        {
            (new { url = "ftp://example.com/hook", events = new[] { "room.started" } }, "http or https"),
            (new { url = "http://169.254.169.254/latest/meta-data", events = new[] { "room.started" } }, "link-local"),
            (new { url = "http://metadata.google.internal/computeMetadata", events = new[] { "room.started" } }, "metadata"),
            (new { url = "http://[fe80::1]/hook", events = new[] { "room.started" } }, "link-local"),
            (new { url = "https://example.com/hook", events = new[] { "room.started" }, secret = "short" }, "secret must be"),
            (new { url = "https://example.com/hook", events = new[] { "room.exploded" } }, "unknown event type"),
            (new { url = "not a url", events = new[] { "room.started" } }, "absolute URL"),
        })
        {
            var response = await ops.PostAsJsonAsync("api/service/webhooks", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Without a secret one is made and shown once.
        var created = await (await ops.PostAsJsonAsync("api/service/webhooks", new { url = "https://example.com/hook", events = new[] { "room.started" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);
        var listed = await ops.GetStringAsync(new Uri("api/service/webhooks", UriKind.Relative));
        Assert.DoesNotContain("whsec_", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_event_arrives_signed_and_in_order_per_room_also_after_the_receiver_was_down_and_after_a_silo_SIGKILL()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        var clusterId = $"wh-{Guid.NewGuid():N}";
        var silo = await SiloProcess.Start(redis, clusterId, overrides: Environment());
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.Start();
        try
        {
            using (var ops = Operator(silo))
            {
                var registered = await ops.PostAsJsonAsync("api/service/webhooks", new { url = receiver.Url, events = new[] { "room.started", "room.ended", "gift.received", "user.banned", "comment.held" }, secret = Secret });
                Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            }

            // Room A: started, a held comment, a ban, gifts, ended.
            var creator = await ClusterViewer.SignIn(silo.BaseAddress, "Hook creator", "creator");
            var roomA = await ClusterViewer.CreateLiveRoom(silo.BaseAddress, creator);
            await using var creatorHub = new ClusterViewer(creator);
            await creatorHub.Join(silo.BaseAddress, roomA);
            await creatorHub.Hub.InvokeAsync(HubMethods.SetBlockedWords, roomA, new[] { "spoiler" });
            var fan = await ClusterViewer.SignIn(silo.BaseAddress, "Fan");
            await using var fanHub = new ClusterViewer(fan);
            await fanHub.Join(silo.BaseAddress, roomA);
            await fanHub.Hub.InvokeAsync<JsonElement>(HubMethods.SendComment, roomA, "big spoiler ahead");
            await ClusterOps.TopUp(silo, fan, 100);
            for (var i = 0; i < 3; i++) await fanHub.Hub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, roomA, "rose", 1, $"gift-{i}");
            var troll = await ClusterViewer.SignIn(silo.BaseAddress, "Troll");
            await creatorHub.Hub.InvokeAsync(HubMethods.BanUser, roomA, troll.UserId);
            await Eventually.Until(() => receiver.Received.Any(r => r.Type == "gift.received"), "gift.received", TimeSpan.FromSeconds(30));
            using (var http = ClusterOps.Http(silo, creator)) (await http.PostAsync($"api/rooms/{roomA}/end", null)).EnsureSuccessStatusCode();
            await Eventually.Until(() => receiver.Received.Any(r => r.Type == "room.ended" && r.RoomId == roomA), "room.ended", TimeSpan.FromSeconds(30));

            var a = receiver.Received.Where(r => r.RoomId == roomA).ToList();
            Assert.Equal("room.started", a[0].Type);
            Assert.Equal("room.ended", a[^1].Type);
            Assert.Contains(a, r => r.Type == "comment.held" && r.Data.GetProperty("text").GetString() == "big spoiler ahead");
            Assert.Contains(a, r => r.Type == "user.banned" && r.Data.GetProperty("userId").GetString() == troll.UserId);
            Assert.Equal(3, a.Where(r => r.Type == "gift.received").Sum(r => r.Data.GetProperty("gifts").GetInt32()));
            var ended = a[^1].Data;
            Assert.Equal(3, ended.GetProperty("giftCoins").GetInt64());
            Assert.Equal(0, receiver.BadSignatures);

            // The receiver goes down; room B starts and ends meanwhile; deliveries fail and are logged; it comes back.
            await receiver.Stop();
            var roomB = await ClusterViewer.CreateLiveRoom(silo.BaseAddress, creator);
            using (var http = ClusterOps.Http(silo, creator)) (await http.PostAsync($"api/rooms/{roomB}/end", null)).EnsureSuccessStatusCode();
            using (var ops = Operator(silo))
            {
                var endpoints = await ops.GetFromJsonAsync<JsonElement>("api/service/webhooks");
                var id = endpoints[0].GetProperty("id").GetString();
                await Eventually.Until(async () => (await ops.GetFromJsonAsync<JsonElement>($"api/service/webhooks/{id}/deliveries")).GetProperty("log")
                    .EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "failed") >= 3, "failed attempts logged", TimeSpan.FromSeconds(30));
            }
            await receiver.Start();
            await Eventually.Until(() => receiver.Received.Any(r => r.Type == "room.ended" && r.RoomId == roomB), "room B's events after the receiver came back", TimeSpan.FromSeconds(30));
            Assert.Equal(["room.started", "room.ended"], receiver.Received.Where(r => r.RoomId == roomB).Select(r => r.Type).Distinct());
            Assert.True(receiver.Received.First(r => r.RoomId == roomB).Attempt > 1, "delivered on a retry");

            // The receiver goes down again; room C starts and ends; the silo is SIGKILLed with both events waiting.
            await receiver.Stop();
            var roomC = await ClusterViewer.CreateLiveRoom(silo.BaseAddress, creator);
            using (var http = ClusterOps.Http(silo, creator)) (await http.PostAsync($"api/rooms/{roomC}/end", null)).EnsureSuccessStatusCode();
            await silo.Kill();
            await silo.DisposeAsync();
            await receiver.Start();
            // A new silo on the same Redis: the outbox's reminder (stored in Redis) wakes it and delivery resumes.
            silo = await SiloProcess.Start(redis, clusterId, overrides: Environment());
            await Eventually.Until(() => receiver.Received.Any(r => r.Type == "room.ended" && r.RoomId == roomC), "room C's events after the SIGKILL", TimeSpan.FromSeconds(150));
            var c = receiver.Received.Where(r => r.RoomId == roomC).Select(r => r.Type).ToList();
            Assert.Equal("room.started", c[0]);
            Assert.True(c.IndexOf("room.started") < c.IndexOf("room.ended"), "order per room kept");

            // Every event id at least once, and the replay call sends a delivered one again.
            using (var ops = Operator(silo))
            {
                var id = (await ops.GetFromJsonAsync<JsonElement>("api/service/webhooks"))[0].GetProperty("id").GetString();
                var first = receiver.Received[0];
                var replayed = await (await ops.PostAsJsonAsync($"api/service/webhooks/{id}/replay", new { eventIds = new[] { first.Id } })).Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(1, replayed.GetProperty("replayed").GetInt32());
                await Eventually.Until(() => receiver.Received.Count(r => r.Id == first.Id) >= 2, "the replayed event", TimeSpan.FromSeconds(30));
            }
            Assert.Equal(0, receiver.BadSignatures);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dashboard_metrics_and_openapi_are_refused_without_the_operator_key()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        await using var silo = await SiloProcess.Start(redis, $"wh-dash-{Guid.NewGuid():N}", overrides: Environment(dashboard: true));
        using var anonymous = new HttpClient { BaseAddress = silo.BaseAddress };
        using var ops = Operator(silo);
        foreach (var path in new[] { "dashboard", "metrics", "openapi/v1.json" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
            var allowed = await ops.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"{path}: {allowed.StatusCode}");
        }
        using var wrongKey = new HttpClient { BaseAddress = silo.BaseAddress };
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-the-operator-key-0123456789abcdef");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync(new Uri("dashboard", UriKind.Relative))).StatusCode);
    }
}
