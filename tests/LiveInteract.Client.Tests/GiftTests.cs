using System.Net.WebSockets;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Connection;
using LiveInteract.Client.Errors;
using LiveInteract.Client.Gifts;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Gifts;

namespace LiveInteract.Client.Tests;

/// <summary>Gifts and wallets through the SDK against a real server: the DTOs match the wire, and money moves once.</summary>
public sealed class GiftTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private static readonly ReconnectBackoff Fast = new() { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) };

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Catalog_wallet_gift_ledger_and_earnings_arrive_with_the_servers_values()
    {
        await using var creator = new LiveClient(Server.BaseAddress);
        var creatorToken = await creator.SignInAsGuestAsync("Gina", UserRole.Creator);
        var room = (await creator.CreateRoomAsync("gifts")).RoomId;
        await creator.StartRoomAsync(room);

        await using var viewer = await Server.SignedInClient("Hugo");
        await using var seen = new UpdateRecorder(viewer);
        await viewer.JoinRoomAsync(room);

        var catalog = await viewer.GetGiftsAsync();
        Assert.True(catalog.Count >= 8);
        Assert.All(catalog, g => Assert.False(string.IsNullOrEmpty(g.Id) || string.IsNullOrEmpty(g.Name)));
        Assert.Equal(catalog.OrderBy(g => g.Coins).Select(g => g.Coins), catalog.Select(g => g.Coins)); // cheapest first
        var rose = catalog.Single(g => g.Id == "rose");
        var priciest = catalog[^1];

        Assert.Equal(0, (await viewer.GetWalletAsync()).Balance);
        var topped = await viewer.TopUpAsync(100);
        Assert.Equal((100L, 100L, 0L), (topped.Balance, topped.ToppedUp, topped.Spent));

        var request = GiftRequest.Create(room, rose.Id, 3);
        var receipt = await viewer.SendGiftAsync(request);
        Assert.Equal((request.IdempotencyKey, room, rose.Id, 3, rose.Coins * 3, 100 - rose.Coins * 3),
            (receipt.IdempotencyKey, receipt.RoomId, receipt.GiftId, receipt.Count, receipt.Coins, receipt.Balance));
        // The same request again (an app resending after a restart) returns the first receipt and moves nothing.
        Assert.Equal(receipt, await viewer.SendGiftAsync(request));

        await seen.Until(s => s.Events(room).OfType<GiftEvent>().Any(), "the gift event");
        var gift = Assert.Single(seen.Events(room).OfType<GiftEvent>());
        Assert.Equal((rose.Id, rose.Name, rose.Tier, 3, rose.Coins * 3, "Hugo"), (gift.GiftId, gift.Name, gift.Tier, gift.Count, gift.Coins, gift.DisplayName));
        await seen.Until(s => s.Events(room).OfType<GiftBoardEvent>().Any(b => b.TotalCoins == rose.Coins * 3), "the gift board");

        var wallet = await viewer.GetWalletAsync();
        Assert.Equal((100 - rose.Coins * 3, rose.Coins * 3), (wallet.Balance, wallet.Spent));
        var ledger = await viewer.GetLedgerAsync(limit: 10);
        Assert.Equal([LedgerKind.Gift, LedgerKind.TopUp], ledger.Entries.Select(e => e.Kind)); // newest first
        Assert.Equal((-rose.Coins * 3, request.IdempotencyKey, room, creatorToken.UserId),
            (ledger.Entries[0].Coins, ledger.Entries[0].IdempotencyKey, ledger.Entries[0].RoomId, ledger.Entries[0].CreatorId));

        // The credit reaches the creator through the wallet's outbox.
        await Eventually.Until(async () => (await creator.GetEarningsAsync()).Coins == rose.Coins * 3, "the creator's earnings");
        var refusedEarnings = await Assert.ThrowsAsync<LiveClientException>(() => viewer.GetEarningsAsync(creatorToken.UserId));
        Assert.Equal("you can only see your own earnings", refusedEarnings.Message);

        // A refusal is not retried and moves no coins.
        var tooDear = await Assert.ThrowsAsync<LiveClientException>(() => viewer.SendGiftAsync(room, priciest.Id));
        Assert.Equal("not enough coins", tooDear.Message);
        Assert.Equal(wallet.Balance, (await viewer.GetWalletAsync()).Balance);
    }

    [Fact]
    public async Task A_gift_retried_after_a_lost_reply_is_charged_once()
    {
        await using var creator = new LiveClient(Server.BaseAddress);
        await creator.SignInAsGuestAsync("Lola", UserRole.Creator);
        var room = (await creator.CreateRoomAsync("lost replies")).RoomId;
        await creator.StartRoomAsync(room);
        await using var watcher = await Server.SignedInClient("Witness");
        await using var watched = new UpdateRecorder(watcher);
        await watcher.JoinRoomAsync(room);

        // The gifter's hub socket loses the connection right after the receipt of this gift reached the phone.
        var request = GiftRequest.Create(room, "donut", 2);
        var plan = new LossyWebSocket.Plan { CountSent = request.IdempotencyKey, DropReceived = $"\"idempotencyKey\":\"{request.IdempotencyKey}\"" };
        LiveClient? gifter = null;
        gifter = new LiveClient(new LiveClientOptions
        {
            ServerUrl = Server.BaseAddress,
            Reconnect = Fast,
            WebSocketFactory = async (uri, ct) =>
            {
                var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("Authorization", $"Bearer {gifter!.Token!.Token}");
                await socket.ConnectAsync(uri, ct);
                return new LossyWebSocket(socket, plan);
            },
        });
        await using (gifter)
        {
            await using var gifterSees = new UpdateRecorder(gifter);
            await gifter.SignInAsGuestAsync("Gus");
            await gifter.ConnectAsync();
            await gifter.JoinRoomAsync(room);
            var donut = (await gifter.GetGiftsAsync()).Single(g => g.Id == "donut");
            await gifter.TopUpAsync(1_000);

            var receipt = await gifter.SendGiftAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(plan.Dropped, "the first reply was lost with the connection");
            Assert.Equal(2, plan.Sent); // sent, lost, sent again after the reconnect ...
            Assert.Contains(gifterSees.All, u => u is ConnectionUpdate { State: LiveConnectionState.Reconnecting });
            Assert.Equal((request.IdempotencyKey, 1_000 - donut.Coins * 2), (receipt.IdempotencyKey, receipt.Balance)); // ... with one key
            // Charged once: the balance, the ledger and the creator's earnings all count one gift.
            Assert.Equal(1_000 - donut.Coins * 2, (await gifter.GetWalletAsync()).Balance);
            Assert.Single((await gifter.GetLedgerAsync()).Entries, e => e.Kind == LedgerKind.Gift);
            await Eventually.Until(async () => (await creator.GetEarningsAsync()).Coins >= donut.Coins * 2, "the creator's credit");
            var earned = await creator.GetEarningsAsync();
            Assert.Equal((donut.Coins * 2, 2L), (earned.Coins, earned.Gifts)); // Gifts counts units: one send of 2

            // The room saw one gift, and so did the gifter (after its rejoin by lastSeq).
            await watched.Until(s => s.Events(room).OfType<GiftEvent>().Any(), "the gift in the room");
            await gifterSees.Until(s => s.Events(room).OfType<GiftEvent>().Any(), "the gift after the gifter's rejoin");
            await gifter.SendCommentAsync(room, "after the gift");
            await watched.Until(s => s.CommentTexts(room).Contains("after the gift"), "a later event");
            Assert.Single(watched.Events(room).OfType<GiftEvent>());
            Assert.Single(gifterSees.Events(room).OfType<GiftEvent>());
            Assert.Equal(donut.Coins * 2, (await creator.GetRoomAsync(room)).Gifts!.TotalCoins);
        }
    }
}
