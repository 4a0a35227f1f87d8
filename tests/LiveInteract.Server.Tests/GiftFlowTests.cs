using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

public sealed class GiftFlowTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Catalog_wallet_topup_ledger_and_earnings_over_rest()
    {
        using var anonymous = Server.Http();
        var catalog = await anonymous.GetFromJsonAsync<List<Gift>>("api/gifts", Json);
        Assert.True(catalog!.Count >= 8);
        Assert.Equal((1L, 30_000L), (catalog.Min(g => g.Coins), catalog.Max(g => g.Coins)));

        var user = await Server.SignIn("Tina");
        using var http = Server.Http(user.Token);
        Assert.Equal(0, (await http.GetFromJsonAsync<WalletView>("api/wallet", Json))!.Balance);
        var topped = await http.PostAsJsonAsync("api/wallet/topup", new { coins = 250 });
        topped.EnsureSuccessStatusCode();
        Assert.Equal(250, (await topped.Content.ReadFromJsonAsync<WalletView>(Json))!.Balance);

        foreach (var coins in new long[] { 0, -10, 5_000_000_000 })
        {
            var refused = await http.PostAsJsonAsync("api/wallet/topup", new { coins });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("invalid_amount", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        var ledger = await http.GetFromJsonAsync<LedgerPage>("api/wallet/ledger?offset=0&limit=10", Json);
        var entry = Assert.Single(ledger!.Entries);
        Assert.Equal((LedgerKind.TopUp, 250L, 250L), (entry.Kind, entry.Coins, entry.BalanceAfter));
        Assert.Equal(250, (await http.GetFromJsonAsync<WalletView>("api/wallet", Json))!.Balance);

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("api/creators/someone-else/earnings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/wallet")).StatusCode);
    }

    [Fact]
    public async Task Gifts_combos_the_board_and_battle_scores_reach_every_viewer_of_both_rooms()
    {
        var ana = await Server.SignIn("Ana", "creator");
        var ben = await Server.SignIn("Ben", "creator");
        var roomA = await Server.CreateLiveRoom(ana, "A");
        var roomB = await Server.CreateLiveRoom(ben, "B");
        var alice = await Server.SignIn("Alice");
        var bob = await Server.SignIn("Bob");
        var carol = await Server.SignIn("Carol");
        await using var aliceHub = await Server.Connect(alice);
        await using var bobHub = await Server.Connect(bob);
        await using var carolHub = await Server.Connect(carol);
        var aliceSees = new HubRecorder(aliceHub);
        var bobSees = new HubRecorder(bobHub);
        var carolSees = new HubRecorder(carolHub);
        await aliceHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomA.RoomId, null);
        await bobHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomA.RoomId, null);
        await carolHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomB.RoomId, null);
        await TopUp(alice, 1_000);
        await TopUp(carol, 1_000);

        // Ana invites room B to a battle over REST; Ben accepts.
        using var anaHttp = Server.Http(ana.Token);
        var invite = await anaHttp.PostAsJsonAsync("api/battles", new { roomId = roomA.RoomId, opponentRoomId = roomB.RoomId, durationSeconds = 180 });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var battle = (await invite.Content.ReadFromJsonAsync<BattleEvent>(Json))!;
        using var benHttp = Server.Http(ben.Token);
        (await benHttp.PostAsync($"api/battles/{battle.BattleId}/accept", null)).EnsureSuccessStatusCode();

        var first = await aliceHub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, roomA.RoomId, "donut", 1, "alice-1");
        var second = await aliceHub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, roomA.RoomId, "donut", 2, "alice-2");
        var retried = await aliceHub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, roomA.RoomId, "donut", 2, "alice-2");
        await carolHub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, roomB.RoomId, "heart", 1, "carol-1");

        Assert.Equal((970L, 910L), (first.Balance, second.Balance));
        Assert.Equal(second, retried);
        foreach (var viewer in new[] { aliceSees, bobSees })
        {
            await Eventually.Until(() => Gifts(viewer).Count == 2, "two gift events in room A");
            Assert.Equal([1, 3], Gifts(viewer).Select(g => g.ComboCount)); // one streak: x1, then x3
            Assert.Single(Gifts(viewer).Select(g => g.ComboId).Distinct());
            Assert.Equal(alice.UserId, Gifts(viewer)[0].UserId);
            await Eventually.Until(() => viewer.Events.OfType<GiftBoardEvent>().Any(b => b.TotalCoins == 90), "the board");
            Assert.Equal(new TopGifter(alice.UserId, "Alice", 90), viewer.Events.OfType<GiftBoardEvent>().Last().Top.Single());
        }
        // Both rooms' viewers see both sides' running scores.
        foreach (var viewer in new[] { aliceSees, bobSees, carolSees })
            await Eventually.Until(() => viewer.Events.OfType<BattleEvent>().Any(b =>
                b.Status == BattleStatus.Running && b.Sides[0].Score == 90 && b.Sides[1].Score == 5), "battle scores 90:5");

        // Room B ends mid-battle: everyone sees the result.
        (await benHttp.PostAsync($"api/rooms/{roomB.RoomId}/end", null)).EnsureSuccessStatusCode();
        foreach (var viewer in new[] { aliceSees, bobSees, carolSees })
            await Eventually.Until(() => viewer.Events.OfType<BattleEvent>().Any(b => b.Status == BattleStatus.Ended && b.WinnerRoomId == roomA.RoomId), "battle result");

        using var aliceHttp = Server.Http(alice.Token);
        Assert.Equal(910, (await aliceHttp.GetFromJsonAsync<WalletView>("api/wallet", Json))!.Balance);
        var earnings = await anaHttp.GetFromJsonAsync<CreatorEarnings>($"api/creators/{ana.UserId}/earnings", Json);
        Assert.Equal(90, earnings!.Coins);
        var snapshot = await aliceHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomA.RoomId, null);
        Assert.Equal(90, snapshot.Gifts!.TotalCoins);
    }

    [Fact]
    public async Task Bad_gifts_get_a_clear_hub_error_and_move_no_coins()
    {
        var creator = await Server.SignIn("Cleo", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var ended = await Server.CreateLiveRoom(creator, "ended");
        using var creatorHttp = Server.Http(creator.Token);
        (await creatorHttp.PostAsync($"api/rooms/{ended.RoomId}/end", null)).EnsureSuccessStatusCode();
        var viewer = await Server.SignIn("Vera");
        await TopUp(viewer, 100);
        await using var hub = await Server.Connect(viewer);
        await using var creatorHub = await Server.Connect(creator);
        await hub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, room.RoomId, "rose", 1, "used");

        async Task<string> Refused(HubConnection connection, params object?[] args) =>
            (await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync<GiftReceipt>(HubMethods.SendGift, args))).Message;

        Assert.EndsWith("unknown gift", await Refused(hub, room.RoomId, "no-such-gift", 1, "a"));
        Assert.EndsWith("count must be between 1 and 99", await Refused(hub, room.RoomId, "rose", 0, "b"));
        Assert.EndsWith("count must be between 1 and 99", await Refused(hub, room.RoomId, "rose", 100_000, "c"));
        Assert.EndsWith("an idempotency key is required", await Refused(hub, room.RoomId, "rose", 1, ""));
        Assert.EndsWith("an idempotency key is required", await Refused(hub, room.RoomId, "rose", 1, null));
        Assert.EndsWith("idempotency key was already used for a different gift", await Refused(hub, room.RoomId, "heart", 1, "used"));
        Assert.EndsWith("not enough coins", await Refused(hub, room.RoomId, "universe", 1, "d"));
        Assert.EndsWith("room has ended", await Refused(hub, ended.RoomId, "rose", 1, "e"));
        Assert.EndsWith("room not found", await Refused(hub, "no-such-room", "rose", 1, "f"));
        Assert.EndsWith("you cannot send gifts to yourself", await Refused(creatorHub, room.RoomId, "rose", 1, "g"));

        using var http = Server.Http(viewer.Token);
        Assert.Equal(99, (await http.GetFromJsonAsync<WalletView>("api/wallet", Json))!.Balance);
        Assert.Equal(2, (await http.GetFromJsonAsync<LedgerPage>("api/wallet/ledger", Json))!.Total);
        var earnings = await creatorHttp.GetFromJsonAsync<CreatorEarnings>($"api/creators/{creator.UserId}/earnings", Json);
        Assert.Equal(1, earnings!.Coins);
    }

    private static List<GiftEvent> Gifts(HubRecorder viewer) => [.. viewer.Events.OfType<GiftEvent>()];

    private async Task TopUp(TestUser user, long coins)
    {
        using var http = Server.Http(user.Token);
        (await http.PostAsJsonAsync("api/wallet/topup", new { coins })).EnsureSuccessStatusCode();
    }
}
