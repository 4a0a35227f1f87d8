using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Insights;

/// <summary>The risk signals through real clients: each fires on its pattern and not on its honest twin.</summary>
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

    [Fact]
    public async Task A_ring_of_young_accounts_gifting_only_one_room_is_flagged_and_accounts_also_gifting_elsewhere_are_not()
    {
        var creator = await Server.SignIn("Ringo", "creator");
        var ringed = await Server.CreateLiveRoom(creator, "Ringed");
        var honest = await Server.CreateLiveRoom(creator, "Honest fans");
        var other = await Server.CreateLiveRoom(await Server.SignIn("Otto", "creator"), "Elsewhere");
        var ring = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Server.SignIn($"Ring{i}")));
        var fans = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Server.SignIn($"Fan{i}")));
        foreach (var (user, i) in ring.Concat(fans).Select((u, i) => (u, i)))
        {
            using (var http = Server.Http(user.Token))
                (await http.PostAsJsonAsync("api/wallet/topup", new { coins = 1_000 })).EnsureSuccessStatusCode();
            await using var hub = await Server.Connect(user);
            // The fans first give a rose elsewhere: they do not give only to one room.
            if (i >= ring.Length) await hub.InvokeAsync<Contracts.Gifts.GiftReceipt>(HubMethods.SendGift, other.RoomId, "rose", 1, $"{user.UserId}-elsewhere");
            var room = i < ring.Length ? ringed.RoomId : honest.RoomId;
            for (var g = 0; g < 2; g++) await hub.InvokeAsync<Contracts.Gifts.GiftReceipt>(HubMethods.SendGift, room, "corgi", 1, $"{user.UserId}-{g}");
        }

        using var service = Server.Service();
        var flag = await Eventually.Value<RiskFlag?>(
            async () => (await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!.Flags.SingleOrDefault(f => f.RoomId == ringed.RoomId && f.Signal == "gift_ring"),
            f => f is not null, "the gift ring flagged");
        Assert.Equal(ring.Select(u => u.UserId).Order(StringComparer.Ordinal), flag!.UserIds.Order(StringComparer.Ordinal));
        Assert.All(flag.Evidence, e => Assert.Equal(598, e.Coins));
        Assert.Contains("gave 2990 coins only ever to room", flag.Reason, StringComparison.Ordinal);
        var flags = (await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!.Flags;
        Assert.DoesNotContain(flags, f => f.Signal == "gift_ring" && f.RoomId != ringed.RoomId);
    }

    [Fact]
    public async Task A_banned_user_returning_from_the_same_device_is_flagged_and_a_viewer_on_another_device_is_not()
    {
        var creator = await Server.SignIn("Bea", "creator");
        var room = await Server.CreateLiveRoom(creator, "Ban evasion");
        var troll = await Server.SignIn("Troll");
        var returning = await Server.SignIn("Totally New");
        var fan = await Server.SignIn("Honest Fan");
        await using (var hub = await ConnectFrom(troll, "device-troll-1"))
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await using (var creatorHub = await Server.Connect(creator))
            await creatorHub.InvokeAsync(HubMethods.BanUser, room.RoomId, troll.UserId);
        await using (var hub = await ConnectFrom(fan, "device-fan-1"))
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await using (var hub = await ConnectFrom(returning, "device-troll-1"))
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);

        using var service = Server.Service();
        var flag = await Eventually.Value<RiskFlag?>(
            async () => (await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!.Flags.SingleOrDefault(f => f.RoomId == room.RoomId && f.Signal == "ban_evasion"),
            f => f is not null, "the ban evasion flagged");
        Assert.Equal([returning.UserId, troll.UserId], flag!.UserIds);
        Assert.Contains("who is banned from this room", flag.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain((await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!.Flags, f => f.UserIds.Contains(fan.UserId));
    }

    [Fact]
    public void Device_ids_are_read_from_the_header_or_the_query_and_must_look_like_one()
    {
        var options = new Grains.Risk.RiskOptions();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers["X-Device-Id"] = "phone-1";
        Assert.Equal("phone-1", LiveInteract.Server.Insights.DeviceIds.Of(http, options));
        http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?device_id=browser.2");
        Assert.Equal("browser.2", LiveInteract.Server.Insights.DeviceIds.Of(http, options));
        http.Request.Headers["X-Device-Id"] = "<script>";
        Assert.Null(LiveInteract.Server.Insights.DeviceIds.Of(http, options));
        Assert.Null(LiveInteract.Server.Insights.DeviceIds.Of(http, new Grains.Risk.RiskOptions { DeviceIdHeader = "" }));
    }

    [Fact]
    public async Task A_creators_own_account_gifting_from_the_creators_device_is_flagged_and_a_fan_is_not()
    {
        var creator = await Server.SignIn("Sol", "creator");
        var room = await Server.CreateLiveRoom(creator, "Self gifting");
        var sock = await Server.SignIn("Sock Puppet");
        var fan = await Server.SignIn("Real Fan");
        await using var creatorHub = await ConnectFrom(creator, "studio-laptop-7");
        await creatorHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        foreach (var (user, device) in new[] { (fan, "fan-phone-3"), (sock, "studio-laptop-7") })
        {
            using (var http = Server.Http(user.Token))
                (await http.PostAsJsonAsync("api/wallet/topup", new { coins = 500 })).EnsureSuccessStatusCode();
            await using var hub = await ConnectFrom(user, device);
            await hub.InvokeAsync<Contracts.Gifts.GiftReceipt>(HubMethods.SendGift, room.RoomId, "corgi", 1, $"{user.UserId}-1");
        }

        using var service = Server.Service();
        var flag = await Eventually.Value<RiskFlag?>(
            async () => (await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!.Flags.SingleOrDefault(f => f.RoomId == room.RoomId && f.Signal == "creator_self_gifting"),
            f => f is not null, "the self gifting flagged");
        Assert.Equal([sock.UserId, creator.UserId], flag!.UserIds);
        Assert.Equal(299, flag.Evidence[^1].Coins);
        Assert.DoesNotContain((await service.GetFromJsonAsync<RiskPage>("api/service/risk?since=0", Json))!.Flags, f => f.UserIds.Contains(fan.UserId));
    }

    /// <summary>A real SignalR client over WebSockets whose upgrade request carries the device id header.</summary>
    private async Task<HubConnection> ConnectFrom(TestUser user, string device)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, HubRoutes.Live.TrimStart('/')), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(user.Token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["X-Device-Id"] = device;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
