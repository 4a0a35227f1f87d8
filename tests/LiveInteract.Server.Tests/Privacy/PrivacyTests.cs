using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Privacy;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Privacy;

/// <summary>
/// Export and erase through the service API on a real server with real clients: the export shows what a user did;
/// after the erase their name and words are nowhere (API answers and the SQLite files), and coins still balance.
/// </summary>
public sealed class PrivacyTests(PrivacyServerFixture fixture) : IClassFixture<PrivacyServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private LiveServer Server => fixture.Server;

    private const string Secret = "my home address is 12 Juniper Lane";

    [Fact]
    public async Task Export_shows_a_users_data_and_after_erase_no_name_or_text_is_left_and_coins_still_balance()
    {
        var cleo = await Server.SignIn("Cleo Creator", "creator");
        var room = await Server.CreateLiveRoom(cleo, "Privacy live");
        var zed = await Server.SignIn("Zebulon Quimby");
        var ana = await Server.SignIn("Anastasia Other");
        foreach (var user in new[] { zed, ana })
        {
            using var http = Server.Http(user.Token);
            (await http.PostAsJsonAsync("api/wallet/topup", new { coins = 500 })).EnsureSuccessStatusCode();
        }
        using var creatorHttp = Server.Http(cleo.Token);
        foreach (var (user, text) in new[] { (zed, Secret), (ana, "hello from Anastasia") })
        {
            await using var hub = await Server.Connect(user);
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, text);
            await hub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, room.RoomId, "corgi", 1, $"{user.Name}-1");
            // Connected until the live counts them as a viewer (a visit shorter than a presence report is not one).
            await Eventually.Until(async () => (await creatorHttp.GetFromJsonAsync<RoomInsights>($"api/rooms/{room.RoomId}/insights", Json))!.CurrentViewers == 1,
                $"{user.Name} counted as a viewer");
        }
        await using (var creatorHub = await Server.Connect(cleo))
            await creatorHub.InvokeAsync(HubMethods.MuteUser, room.RoomId, zed.UserId, 60);

        using var service = Server.Service();
        var export = await Eventually.Value(() => service.Export(zed.UserId),
            e => e.Rooms.Count == 1 && e.Rooms[0].MutedUntil is not null && e.Insights.Count == 1 && e.Rankings.Count == 3 && e.KnownViewerOf.Count == 1,
            "the export lists the room, the live and the rankings");
        Assert.Equal((201L, 299L), (export.Wallet.Balance, export.Wallet.Spent));
        Assert.Equal([LedgerKind.Gift, LedgerKind.TopUp], export.Ledger.Select(l => l.Kind));
        var mine = export.Rooms[0];
        Assert.Contains(mine.Events, e => e is CommentEvent { Text: Secret });
        Assert.Contains(mine.Events, e => e is GiftEvent { Coins: 299 });
        Assert.Contains(mine.Events, e => e is UserMutedEvent m && m.TargetUserId == zed.UserId);
        Assert.NotNull(mine.MutedUntil);
        Assert.Single(mine.Audit, a => a.TargetUserId == zed.UserId);
        Assert.Equal(299, export.Insights[0].Gifts!.Coins);
        Assert.All(export.Rankings, r => Assert.Equal(("gifters", zed.Name, 299L), (r.Board, r.DisplayName, r.Coins)));
        Assert.Equal([cleo.UserId], export.KnownViewerOf);
        Assert.Equal(0, export.Tokens.NotBefore);
        Assert.True(Server.StorageContains(zed.Name) && Server.StorageContains(Secret), "the data is stored before the erase");

        var response = await service.PostAsync($"api/service/users/{zed.UserId}/erase", null);
        response.EnsureSuccessStatusCode();
        var erased = (await response.Content.ReadFromJsonAsync<UserEraseResult>(Json))!;
        Assert.Equal((1, 1, 3), (erased.Rooms, erased.Lives, erased.RankingWindows));
        Assert.True(erased.RoomEvents >= 3, $"comment, gift, board and mute events rewritten ({erased.RoomEvents})");
        Assert.True(erased.TokensNotBefore > 0);

        // The export now holds only the anonymised money and the token cut-off.
        var after = await service.Export(zed.UserId);
        Assert.Empty(after.Rooms);
        Assert.Empty(after.Insights);
        Assert.Empty(after.Rankings);
        Assert.Empty(after.KnownViewerOf);
        Assert.Equal(201, after.Wallet.Balance);
        Assert.Equal(erased.TokensNotBefore, after.Tokens.NotBefore);
        Assert.DoesNotContain(after.Ledger, l => l.IdempotencyKey == $"{zed.Name}-1");

        // What others see: the room's history, its insights, moderation log and the rankings name them no more.
        foreach (var path in new[] { $"api/rooms/{room.RoomId}?lastSeq=0", $"api/rooms/{room.RoomId}/insights", $"api/rooms/{room.RoomId}/moderation", "api/rankings?board=gifters&period=day" })
        {
            var body = await creatorHttp.GetStringAsync(path);
            Assert.DoesNotContain(zed.Name, body, StringComparison.Ordinal);
            Assert.DoesNotContain(zed.UserId, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        }
        Assert.Contains("hello from Anastasia", await creatorHttp.GetStringAsync($"api/rooms/{room.RoomId}?lastSeq=0"), StringComparison.Ordinal);
        // The other gifter stays (her gift reaches the rankings at a flush of its own, which need not have come yet).
        await Eventually.Until(async () => (await creatorHttp.GetStringAsync("api/rankings?board=gifters&period=day")).Contains(ana.Name, StringComparison.Ordinal),
            "the other gifter in the day's ranking");

        // Nor does storage; the erased user's token is refused.
        Assert.False(Server.StorageContains(zed.Name), "the name is gone from the SQLite files");
        Assert.False(Server.StorageContains(Secret), "the comment text is gone from the SQLite files");
        using (var zedHttp = Server.Http(zed.Token))
            Assert.Equal(HttpStatusCode.Unauthorized, (await zedHttp.GetAsync("api/wallet")).StatusCode);

        // Coins still balance: both wallets and the creator's earnings add up to what was topped up.
        using var anaHttp = Server.Http(ana.Token);
        var anaWallet = (await anaHttp.GetFromJsonAsync<WalletView>("api/wallet", Json))!;
        var earnings = (await creatorHttp.GetFromJsonAsync<CreatorEarnings>($"api/creators/{cleo.UserId}/earnings", Json))!;
        Assert.Equal(1_000, after.Wallet.Balance + anaWallet.Balance + earnings.Coins);
    }

    [Fact]
    public async Task Export_and_erase_need_the_service_api_key()
    {
        var zed = await Server.SignIn("Zed");
        using var asUser = Server.Http(zed.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asUser.GetAsync($"api/service/users/{zed.UserId}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asUser.PostAsync($"api/service/users/{zed.UserId}/erase", null)).StatusCode);
        using var service = Server.Service();
        Assert.Equal(HttpStatusCode.BadRequest, (await service.GetAsync("api/service/users/not%20an%20id/export")).StatusCode);
    }
}
