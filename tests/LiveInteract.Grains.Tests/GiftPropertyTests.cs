using FsCheck;
using FsCheck.Fluent;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Tests;

/// <summary>
/// Random interleavings of top-ups, gifts and retries (some with the same key and arguments, some with the same key
/// and different arguments) against real grains: coins are conserved and no key moves coins twice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GiftPropertyTests(ClusterFixture fixture)
{
    private const int Viewers = 3;
    private const int Rooms = 2;
    private static readonly string[] GiftIds = ["rose", "heart", "donut", "cap"];

    /// <summary>One step: a top-up, or a gift with a key drawn from a small pool so that keys repeat often.</summary>
    public sealed record Op(bool TopUp, int Viewer, long Coins, int Room, int Gift, int Count, int Key)
    {
        public override string ToString() => TopUp ? $"topup(v{Viewer},{Coins})" : $"gift(v{Viewer},r{Room},{GiftIds[Gift]}x{Count},k{Key})";
    }

    /// <summary>A run: steps cut into rounds; the steps of one round run concurrently, rounds run one after another.</summary>
    public sealed record Run(IReadOnlyList<IReadOnlyList<Op>> Rounds)
    {
        public override string ToString() => string.Join(" | ", Rounds.Select(r => string.Join(", ", r)));
    }

    private static Arbitrary<Run> Runs()
    {
        var topUp = from v in Gen.Choose(0, Viewers - 1)
                    from c in Gen.Choose(1, 400)
                    select new Op(true, v, c, 0, 0, 0, 0);
        var gift = from v in Gen.Choose(0, Viewers - 1)
                   from r in Gen.Choose(0, Rooms - 1)
                   from g in Gen.Choose(0, GiftIds.Length - 1)
                   from n in Gen.Choose(1, 3)
                   from k in Gen.Choose(0, 5)
                   select new Op(false, v, 0, r, g, n, k);
        var op = Gen.Frequency((1, topUp), (4, gift));
        var round = from size in Gen.Choose(1, 4)
                    from ops in Gen.ListOf(op, size)
                    select (IReadOnlyList<Op>)[.. ops];
        var run = from count in Gen.Choose(1, 8)
                  from rounds in Gen.ListOf(round, count)
                  select new Run([.. rounds]);
        return Arb.From(run);
    }

    [Fact]
    public async Task Coins_are_conserved_and_every_key_moves_coins_at_most_once()
    {
        var property = Prop.ForAll(Runs(), run => Holds(run).GetAwaiter().GetResult());
        // Off the test's synchronization context: the property blocks on grain calls.
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property));
    }

    private async Task<bool> Holds(Run run)
    {
        var s = new GiftScenario(fixture.Grains);
        var rooms = new List<(string RoomId, Actor Creator)>();
        for (var i = 0; i < Rooms; i++)
        {
            var (_, roomId, creator) = await s.LiveRoom($"creator{i}");
            rooms.Add((roomId, creator));
        }
        var viewers = Enumerable.Range(0, Viewers).Select(i => s.User($"v{i}")).ToList();
        long toppedUp = 0;
        var receipts = new System.Collections.Concurrent.ConcurrentBag<(int Viewer, GiftReceipt Receipt)>();

        foreach (var round in run.Rounds)
        {
            await Task.WhenAll(round.Select(async op =>
            {
                var viewer = viewers[op.Viewer];
                var wallet = s.Wallet(viewer);
                if (op.TopUp)
                {
                    await wallet.TopUp(op.Coins);
                    Interlocked.Add(ref toppedUp, op.Coins);
                    return;
                }
                try { receipts.Add((op.Viewer, await wallet.SendGift(viewer, rooms[op.Room].RoomId, GiftIds[op.Gift], op.Count, $"k{op.Key}"))); }
                catch (LiveInteractException e) when (e.Code is GiftErrorCodes.InsufficientBalance or GiftErrorCodes.IdempotencyConflict) { }
            }));
        }
        await s.AllDelivered();

        // Conservation: nothing made, nothing lost.
        if (await s.CoinsInSystem() != toppedUp) return false;

        // Each key: at most one debit in the ledger, and every receipt for it is the same receipt.
        var debitsByCreator = new Dictionary<string, long>();
        for (var i = 0; i < viewers.Count; i++)
        {
            var wallet = s.Wallet(viewers[i]);
            var view = await wallet.Get();
            if (view.Balance < 0) return false;
            var gifts = (await wallet.GetLedger(0, 200)).Entries.Where(e => e.Kind == LedgerKind.Gift).ToList();
            if (gifts.GroupBy(e => e.IdempotencyKey).Any(g => g.Count() > 1)) return false;
            if (-gifts.Sum(e => e.Coins) != view.Spent) return false;
            foreach (var e in gifts) debitsByCreator[e.CreatorId!] = debitsByCreator.GetValueOrDefault(e.CreatorId!) - e.Coins;
            // Every receipt answers the one debit of its key; retries got that same receipt back.
            var mine = receipts.Where(r => r.Viewer == i).Select(r => r.Receipt).ToList();
            if (mine.GroupBy(r => r.IdempotencyKey).Any(g => g.Distinct().Count() != 1)) return false;
            if (!mine.All(r => gifts.Any(g => g.IdempotencyKey == r.IdempotencyKey && -g.Coins == r.Coins && g.BalanceAfter == r.Balance))) return false;
        }

        // Each creator received exactly what was debited for them: no key credited twice, none dropped.
        foreach (var (_, creator) in rooms)
            if ((await s.Earnings(creator)).Coins != debitsByCreator.GetValueOrDefault(creator.UserId)) return false;
        return true;
    }
}
