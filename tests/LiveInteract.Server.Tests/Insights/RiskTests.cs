using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Insights;

/// <summary>The spam-burst signal through real clients: it fires on the burst and not in the honest twin room.</summary>
public sealed class RiskTests(InsightsServerFixture fixture) : IClassFixture<InsightsServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_fresh_account_giving_most_of_its_coins_to_one_creator_is_flagged_and_its_twin_spreading_them_is_not()
    {
        var cleo = await Server.SignIn("Cleo", "creator");
        var dora = await Server.SignIn("Dora", "creator");
        var cleoRoom = await Server.CreateLiveRoom(cleo, "Cleo live");
        var doraRoom = await Server.CreateLiveRoom(dora, "Dora live");
        var mule = await Server.SignIn("Mule");
        var fan = await Server.SignIn("Fan");
        foreach (var user in new[] { mule, fan })
        {
            using var http = Server.Http(user.Token);
            (await http.PostAsJsonAsync("api/wallet/topup", new { coins = 1_000 })).EnsureSuccessStatusCode();
        }
        await using (var hub = await Server.Connect(mule))
            for (var i = 0; i < 3; i++) await hub.InvokeAsync<Contracts.Gifts.GiftReceipt>(HubMethods.SendGift, cleoRoom.RoomId, "corgi", 1, $"mule-{i}");
        await using (var hub = await Server.Connect(fan))
            for (var i = 0; i < 3; i++) await hub.InvokeAsync<Contracts.Gifts.GiftReceipt>(HubMethods.SendGift, i % 2 == 0 ? cleoRoom.RoomId : doraRoom.RoomId, "corgi", 1, $"fan-{i}");

        using var service = Server.Service();
        var flags = (await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!.Flags;
        var flag = Assert.Single(flags, f => f.Signal == "fresh_account_gifting");
        Assert.Equal([mule.UserId, cleo.UserId], flag.UserIds);
        Assert.Equal(cleoRoom.RoomId, flag.RoomId);
        Assert.Contains("gave 897 of them (90%)", flag.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(flags, f => f.UserIds.Contains(fan.UserId));
    }

    [Fact]
    public async Task A_comment_spam_burst_is_flagged_with_its_evidence_and_its_honest_twin_is_not()
    {
        var creator = await Server.SignIn("Rita", "creator");
        var spammed = await Server.CreateLiveRoom(creator, "Spammed");
        var honest = await Server.CreateLiveRoom(creator, "Honest");
        var accounts = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Server.SignIn($"Acct{i}")));
        List<string> spamIds = [];
        foreach (var (account, i) in accounts.Select((a, i) => (a, i)))
        {
            await using var hub = await Server.Connect(account);
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, spammed.RoomId, null);
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, honest.RoomId, null);
            spamIds.Add((await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, spammed.RoomId, "Win free coins now at coins-free dot example")).CommentId);
            await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, honest.RoomId, $"Greetings from city number {i}, love the stream");
        }

        using var service = Server.Service();
        RiskPage page = null!;
        await Eventually.Until(async () => (page = (await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!).Flags.Any(f => f.RoomId == spammed.RoomId),
            "the spam burst flagged");
        var flag = page.Flags.Single(f => f.RoomId == spammed.RoomId);
        Assert.Equal("spam_burst", flag.Signal);
        Assert.Equal(accounts.Select(a => a.UserId).Order(StringComparer.Ordinal), flag.UserIds.Order(StringComparer.Ordinal));
        Assert.Equal(spamIds, flag.Evidence.Select(e => e.Ref));
        Assert.Contains("5 accounts posted the same text", flag.Reason, StringComparison.Ordinal);
        // The honest room saw as many comments from the same accounts, all of them insights already counted.
        using var creatorHttp = Server.Http(creator.Token);
        await Eventually.Until(async () => (await creatorHttp.GetFromJsonAsync<RoomInsights>($"api/rooms/{honest.RoomId}/insights", Json))!.Headline.Comments == 5, "the honest room's comments counted");
        page = (await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!;
        Assert.DoesNotContain(page.Flags, f => f.RoomId == honest.RoomId);

        // Service API only; later flags only.
        Assert.Equal(HttpStatusCode.Unauthorized, (await creatorHttp.GetAsync("api/service/risk")).StatusCode);
        Assert.DoesNotContain((await service.GetFromJsonAsync<RiskPage>($"api/service/risk?since={flag.At + 1}", Json))!.Flags, f => f.Id == flag.Id);
    }
}
