using LiveInteract.Contracts.Hub;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

/// <summary>
/// A hot room over real sockets: many gifts a second into one room while a viewer who is gifting too keeps
/// commenting. Gifts are group-committed and run beside a connection's other calls, so comments do not wait for them.
/// </summary>
public sealed class HotRoomTests(UnthrottledServerFixture fixture) : IClassFixture<UnthrottledServerFixture>
{
    private const int Gifters = 20;
    private const int GiftsEach = 25;
    /// <summary>The commenting gifter fires the default gift burst (Abuse:Gifts:Burst) beside its comments.</summary>
    private const int CommenterGifts = 10;
    private const int Comments = 10;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Comments_are_not_delayed_by_a_gift_rush_and_every_gift_counts_once()
    {
        var creator = await Server.SignIn("Hot creator", "creator");
        var room = await Server.CreateLiveRoom(creator, "Gift rush");
        var watcher = await Server.SignIn("Watcher");
        await using var watcherHub = await Server.Connect(watcher);
        var arrivals = new ConcurrentDictionary<string, long>();
        var gifts = new ConcurrentDictionary<long, GiftEvent>();
        var clock = Stopwatch.StartNew();
        watcherHub.On<EventBatch>(HubMethods.Events, batch =>
        {
            foreach (var e in batch.Events)
            {
                if (e is CommentEvent c) arrivals.TryAdd(c.Text, clock.ElapsedMilliseconds);
                if (e is GiftEvent g) gifts.TryAdd(g.Seq, g);
            }
        });
        await watcherHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);

        var users = await Task.WhenAll(Enumerable.Range(0, Gifters).Select(i => Server.SignIn($"Gifter {i}")));
        var hubs = await Task.WhenAll(users.Select(u => Server.Connect(u)));
        try
        {
            foreach (var user in users)
            {
                using var http = Server.Http(user.Token);
                (await http.PostAsJsonAsync("api/wallet/topup", new { coins = 100_000 })).EnsureSuccessStatusCode();
            }

            // Every gifter fires all its gifts at once (a thumb on the gift button), none waiting for a receipt.
            var rush = Stopwatch.StartNew();
            var receipts = users.Zip(hubs).SelectMany((pair, i) => Enumerable.Range(0, i == 0 ? CommenterGifts : GiftsEach).Select(n =>
                pair.Second.InvokeAsync<GiftReceipt>(HubMethods.SendGift, room.RoomId, "donut", 1, $"{pair.First.UserId}-{n}"))).ToList();
            var giftTotal = CommenterGifts + (Gifters - 1) * GiftsEach;

            // Gifter 0 comments while its own gifts and everyone else's are in flight.
            var sentAt = new Dictionary<string, long>();
            for (var i = 0; i < Comments; i++)
            {
                var text = $"still here {i}";
                sentAt[text] = clock.ElapsedMilliseconds;
                await hubs[0].InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, text);
            }
            var all = await Task.WhenAll(receipts);
            var rushMs = rush.ElapsedMilliseconds;
            await Eventually.Until(() => arrivals.Count == Comments && gifts.Count == giftTotal, "comments and gifts", TimeSpan.FromSeconds(30));

            var latencies = sentAt.Select(s => arrivals[s.Key] - s.Value).Order().ToList();
            Assert.True(latencies[^1] < 1_000,
                $"comment delivery must not wait for the gift rush: latencies {string.Join(",", latencies)} ms, rush took {rushMs} ms");

            // Exactly once: one gift event per receipt, and the creator earned exactly what the wallets paid.
            Assert.Equal(giftTotal, all.Select(r => r.IdempotencyKey).Distinct().Count());
            Assert.Equal(giftTotal, gifts.Count);
            using var creatorHttp = Server.Http(creator.Token);
            var earnings = await creatorHttp.GetFromJsonAsync<CreatorEarnings>($"api/creators/{creator.UserId}/earnings", Json);
            Assert.Equal(all.Sum(r => r.Coins), earnings!.Coins);
            Assert.Equal(all.Sum(r => r.Coins), gifts.Values.Max(g => g.RoomTotal));
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
        }
    }
}
