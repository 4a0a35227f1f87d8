using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Gifts;

namespace LiveInteract.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GiftGrainTests(ClusterFixture fixture)
{
    private GiftScenario NewScenario() => new(fixture.Grains);

    [Fact]
    public void Default_catalog_has_at_least_eight_gifts_from_1_to_30000_coins()
    {
        var catalog = GiftOptions.DefaultCatalog;
        Assert.True(catalog.Count >= 8);
        Assert.Equal(1, catalog.Min(g => g.Coins));
        Assert.Equal(30_000, catalog.Max(g => g.Coins));
        Assert.Equal(catalog.Count, catalog.Select(g => g.Id).Distinct().Count());
        Assert.Equal(4, catalog.Select(g => g.Tier).Distinct().Count());
    }

    [Fact]
    public async Task A_gift_debits_the_viewer_credits_the_creator_and_shows_in_the_room()
    {
        var s = NewScenario();
        var (room, roomId, creator) = await s.LiveRoom();
        var relay = new RecordingRelay();
        await room.Subscribe("silo-test", fixture.Grains.CreateObjectReference<IRoomFanout>(relay));
        var viewer = s.User("viewer");
        await s.TopUp(viewer, 1_000);

        var receipt = await s.Wallet(viewer).SendGift(viewer, roomId, "corgi", 2, "k1");

        Assert.Equal(598, receipt.Coins);
        Assert.Equal(402, receipt.Balance);
        Assert.Equal(402, (await s.Wallet(viewer).Get()).Balance);
        Assert.Equal(new CreatorEarnings(creator.UserId, 598, 2), await s.Earnings(creator));
        var batch = await relay.WaitFor(b => b.Events.OfType<GiftEvent>().Any());
        var gift = batch.Events.OfType<GiftEvent>().Single();
        Assert.Equal(("corgi", "Corgi", 598L, 2, GiftTier.Medium, 598L), (gift.GiftId, gift.Name, gift.Coins, gift.Count, gift.Tier, gift.RoomTotal));
        Assert.Equal(viewer.UserId, gift.UserId);
        var snapshot = await room.GetSnapshot(null, null);
        Assert.Equal(598, snapshot.Gifts!.TotalCoins);
        Assert.Equal(new TopGifter(viewer.UserId, "viewer", 598), Assert.Single(snapshot.Gifts.Top));
        Assert.Equal(s.ToppedUp, await s.CoinsInSystem());
    }

    [Fact]
    public async Task The_same_key_returns_the_first_receipt_and_moves_nothing()
    {
        var s = NewScenario();
        var (_, roomId, creator) = await s.LiveRoom();
        var viewer = s.User("viewer");
        await s.TopUp(viewer, 500);

        var first = await s.Wallet(viewer).SendGift(viewer, roomId, "cap", 1, "same");
        var again = await s.Wallet(viewer).SendGift(viewer, roomId, "cap", 1, "same");
        var third = await s.Wallet(viewer).SendGift(viewer, roomId, "cap", 1, " same ");

        Assert.Equal(first, again);
        Assert.Equal(first, third);
        Assert.Equal(401, (await s.Wallet(viewer).Get()).Balance);
        Assert.Equal(99, (await s.Earnings(creator)).Coins);
        Assert.Equal(2, (await s.Wallet(viewer).GetLedger(0, 50)).Total); // the top-up and one gift
    }

    [Fact]
    public async Task Every_kind_of_bad_input_gets_its_own_code_and_moves_no_coins()
    {
        var s = NewScenario();
        var (room, roomId, creator) = await s.LiveRoom();
        var (endedRoom, endedRoomId, endedCreator) = await s.LiveRoom("ended-creator");
        await endedRoom.End(endedCreator);
        var viewer = s.User("viewer");
        var wallet = s.Wallet(viewer);
        await s.TopUp(viewer, 100);
        await wallet.SendGift(viewer, roomId, "rose", 1, "used");

        async Task<string> Code(Func<Task> call) => (await Assert.ThrowsAsync<LiveInteractException>(call)).Code;

        Assert.Equal(GiftErrorCodes.UnknownGift, await Code(() => wallet.SendGift(viewer, roomId, "no-such-gift", 1, "a")));
        Assert.Equal(GiftErrorCodes.InvalidCount, await Code(() => wallet.SendGift(viewer, roomId, "rose", 0, "b")));
        Assert.Equal(GiftErrorCodes.InvalidCount, await Code(() => wallet.SendGift(viewer, roomId, "rose", -3, "c")));
        Assert.Equal(GiftErrorCodes.InvalidCount, await Code(() => wallet.SendGift(viewer, roomId, "rose", 1_000_000, "d")));
        Assert.Equal(GiftErrorCodes.MissingIdempotencyKey, await Code(() => wallet.SendGift(viewer, roomId, "rose", 1, null!)));
        Assert.Equal(GiftErrorCodes.MissingIdempotencyKey, await Code(() => wallet.SendGift(viewer, roomId, "rose", 1, "  ")));
        Assert.Equal(ErrorCodes.BadRequest, await Code(() => wallet.SendGift(viewer, roomId, "rose", 1, new string('k', 101))));
        Assert.Equal(GiftErrorCodes.IdempotencyConflict, await Code(() => wallet.SendGift(viewer, roomId, "rose", 2, "used")));
        Assert.Equal(GiftErrorCodes.IdempotencyConflict, await Code(() => wallet.SendGift(viewer, roomId, "heart", 1, "used")));
        Assert.Equal(GiftErrorCodes.InsufficientBalance, await Code(() => wallet.SendGift(viewer, roomId, "corgi", 1, "e")));
        Assert.Equal(ErrorCodes.RoomEnded, await Code(() => wallet.SendGift(viewer, endedRoomId, "rose", 1, "f")));
        Assert.Equal(ErrorCodes.NotFound, await Code(() => wallet.SendGift(viewer, "no-such-room", "rose", 1, "g")));
        Assert.Equal(GiftErrorCodes.SelfGift, await Code(() => s.Wallet(creator).SendGift(creator, roomId, "rose", 1, "h")));
        Assert.Equal(ErrorCodes.Forbidden, await Code(() => wallet.SendGift(creator, roomId, "rose", 1, "i"))); // someone else's wallet
        Assert.Equal(GiftErrorCodes.InvalidAmount, await Code(() => wallet.TopUp(0)));
        Assert.Equal(GiftErrorCodes.InvalidAmount, await Code(() => wallet.TopUp(-50)));
        Assert.Equal(GiftErrorCodes.InvalidAmount, await Code(() => wallet.TopUp(long.MaxValue)));

        Assert.Equal(99, (await wallet.Get()).Balance);
        Assert.Equal(1, (await s.Earnings(creator)).Coins);
        Assert.Equal(0, (await s.Earnings(endedCreator)).Coins);
        Assert.Equal(2, (await wallet.GetLedger(0, 50)).Total);
        Assert.Equal(1, (await room.GetSnapshot(null, null)).Gifts!.TotalCoins);
        // A refused key was not recorded: it still works for a valid gift.
        Assert.Equal(98, (await wallet.SendGift(viewer, roomId, "rose", 1, "e")).Balance);
    }

    [Fact]
    public async Task Repeating_a_gift_within_the_window_is_one_combo_with_a_growing_count()
    {
        var s = NewScenario();
        var (room, roomId, _) = await s.LiveRoom();
        var viewer = s.User("viewer");
        var other = s.User("other");
        await s.TopUp(viewer, 100);
        await s.TopUp(other, 100);

        for (var i = 0; i < 3; i++) await s.Wallet(viewer).SendGift(viewer, roomId, "rose", 2, $"r{i}");
        await s.Wallet(other).SendGift(other, roomId, "rose", 1, "o1");
        await s.Wallet(viewer).SendGift(viewer, roomId, "heart", 1, "h1");

        var gifts = (await room.GetSnapshot(0, null)).Events.OfType<GiftEvent>().ToList();
        Assert.Equal([2, 4, 6], gifts.Where(g => g.UserId == viewer.UserId && g.GiftId == "rose").Select(g => g.ComboCount));
        Assert.Single(gifts.Where(g => g.UserId == viewer.UserId && g.GiftId == "rose").Select(g => g.ComboId).Distinct());
        var otherRose = gifts.Single(g => g.UserId == other.UserId);
        Assert.Equal(1, otherRose.ComboCount);
        var heart = gifts.Single(g => g.GiftId == "heart");
        Assert.Equal(1, heart.ComboCount); // a different gift starts a new streak
        Assert.NotEqual(gifts[0].ComboId, heart.ComboId);
        Assert.Equal(12, heart.RoomTotal);
    }

    [Fact]
    public async Task The_top_gifter_board_keeps_the_ten_biggest_in_order_and_is_pushed_when_it_changes()
    {
        var s = NewScenario();
        var (room, roomId, _) = await s.LiveRoom();
        var viewers = Enumerable.Range(1, 12).Select(i => s.User($"v{i:00}")).ToList();
        foreach (var (v, i) in viewers.Select((v, i) => (v, i)))
        {
            await s.TopUp(v, 1_000);
            await s.Wallet(v).SendGift(v, roomId, "heart", i + 1, $"g{i}"); // v01 gives 5 coins, v12 gives 60
        }

        var snapshot = await room.GetSnapshot(0, null);
        var top = snapshot.Gifts!.Top;
        Assert.Equal(10, top.Count);
        Assert.Equal(viewers.AsEnumerable().Reverse().Take(10).Select(v => v.UserId), top.Select(t => t.UserId));
        Assert.Equal(60, top[0].Coins);
        Assert.Equal(5 * 78, snapshot.Gifts.TotalCoins);
        Assert.Equal(78, snapshot.Gifts.GiftCount);
        var boards = snapshot.Events.OfType<GiftBoardEvent>().ToList();
        Assert.Equal(12, boards.Count); // each new gifter changed the board's order
        Assert.Equal(top, boards[^1].Top);

        // A gift from outside the top 10 that does not enter it leaves the board as it was: nothing is pushed.
        await s.Wallet(viewers[0]).SendGift(viewers[0], roomId, "rose", 1, "outside");
        Assert.Equal(12, (await room.GetSnapshot(0, null)).Events.OfType<GiftBoardEvent>().Count());
        // The leader adding to their lead changes a sum shown on the board: pushed.
        await s.Wallet(viewers[^1]).SendGift(viewers[^1], roomId, "rose", 1, "again");
        var after = await room.GetSnapshot(0, null);
        Assert.Equal(13, after.Events.OfType<GiftBoardEvent>().Count());
        Assert.Equal(61, after.Events.OfType<GiftBoardEvent>().Last().Top[0].Coins);
        Assert.Equal(61, after.Gifts!.Top[0].Coins);
    }

    [Fact]
    public async Task The_ledger_is_paged_newest_first_and_each_line_carries_the_balance_after_it()
    {
        var s = NewScenario();
        var (_, roomId, creator) = await s.LiveRoom();
        var viewer = s.User("viewer");
        await s.TopUp(viewer, 100);
        for (var i = 0; i < 5; i++) await s.Wallet(viewer).SendGift(viewer, roomId, "heart", 1, $"k{i}");

        var page1 = await s.Wallet(viewer).GetLedger(0, 4);
        var page2 = await s.Wallet(viewer).GetLedger(4, 4);

        Assert.Equal(6, page1.Total);
        Assert.Equal([75L, 80, 85, 90], page1.Entries.Select(e => e.BalanceAfter));
        Assert.All(page1.Entries, e => Assert.Equal((LedgerKind.Gift, -5L, creator.UserId), (e.Kind, e.Coins, e.CreatorId)));
        Assert.Equal([95L, 100], page2.Entries.Select(e => e.BalanceAfter));
        Assert.Equal(LedgerKind.TopUp, page2.Entries[^1].Kind);
        Assert.Equal(75, page1.Entries.Concat(page2.Entries).Sum(e => e.Coins)); // the movements add up to the balance
    }
}
