using LiveInteract.Contracts.Gifts;

namespace LiveInteract.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GiftConcurrencyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Two_hundred_viewers_retrying_every_gift_credit_the_creator_exactly_once_each()
    {
        var s = new GiftScenario(fixture.Grains);
        var (room, roomId, creator) = await s.LiveRoom();
        var viewers = Enumerable.Range(0, 200).Select(i => s.User($"v{i}")).ToList();
        await Task.WhenAll(viewers.Select(v => s.TopUp(v, 1_000)));
        (string Gift, int Count)[] sends = [("rose", 1), ("heart", 2), ("donut", 1)]; // 1 + 10 + 30 = 41 coins per viewer

        // Every viewer sends every gift twice with the same key, all at once: first tries and retries race each other.
        var receipts = await Task.WhenAll(viewers.SelectMany(v => sends.SelectMany((g, i) => Enumerable.Range(0, 2).Select(async _ =>
            (Viewer: v.UserId, Receipt: await s.Wallet(v).SendGift(v, roomId, g.Gift, g.Count, $"{v.UserId}-{i}"))))));
        await s.AllDelivered();

        Assert.Equal(200 * 41, (await s.Earnings(creator)).Coins);
        Assert.Equal(200 * 4, (await s.Earnings(creator)).Gifts);
        Assert.All(receipts.GroupBy(r => r.Receipt.IdempotencyKey), pair => Assert.Single(pair.Select(r => r.Receipt).Distinct()));
        foreach (var v in viewers.Take(20))
        {
            Assert.Equal(959, (await s.Wallet(v).Get()).Balance);
            Assert.Equal(4, (await s.Wallet(v).GetLedger(0, 50)).Total);
        }
        var board = (await room.GetSnapshot(null, null)).Gifts!;
        Assert.Equal(200 * 41, board.TotalCoins);
        Assert.All(board.Top, t => Assert.Equal(41, t.Coins));
        Assert.Equal(s.ToppedUp, await s.CoinsInSystem());
    }
}
