using FsCheck;
using FsCheck.Fluent;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Tests;

/// <summary>
/// Random interleavings of top-ups, purchase credits, gifts and retries (some with the same key or purchase id and
/// arguments, some with the same key or id and different arguments) against real grains: coins are conserved
/// (wallets + earnings = top-ups + purchases) and no key or purchase id moves coins twice, before and after one viewer's
/// data is erased.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GiftPropertyTests(ClusterFixture fixture)
{
    private const int Viewers = 3;
    private const int Rooms = 2;
    private static readonly string[] GiftIds = ["rose", "heart", "donut", "cap"];

    /// <summary>
    /// One step: a top-up; a purchase credit with an id from a small pool (its amount is fixed per id, except when
    /// <see cref="Conflicting"/>); or a gift with a key drawn from a small pool so that keys repeat often.
    /// </summary>
    public sealed record Op(bool TopUp, int Viewer, long Coins, int Room, int Gift, int Count, int Key, bool Credit = false, bool Conflicting = false)
    {
        public override string ToString() =>
            TopUp ? $"topup(v{Viewer},{Coins})"
            : Credit ? $"credit(v{Viewer},p{Key},{PurchaseCoins(Key, Conflicting)})"
            : $"gift(v{Viewer},r{Room},{GiftIds[Gift]}x{Count},k{Key})";
    }

    /// <summary>What purchase <paramref name="key"/> is worth; a conflicting retry names the same id with another amount.</summary>
    public static long PurchaseCoins(int key, bool conflicting) => 40 + 60 * key + (conflicting ? 1 : 0);

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
        var credit = from v in Gen.Choose(0, Viewers - 1)
                     from k in Gen.Choose(0, 3)
                     from conflicting in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
                     select new Op(false, v, 0, 0, 0, 0, k, Credit: true, Conflicting: conflicting);
        var op = Gen.Frequency((1, topUp), (1, credit), (4, gift));
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
        // (viewer, purchase id) -> the amount of the one credit that went through.
        var purchases = new System.Collections.Concurrent.ConcurrentDictionary<(int, string), System.Collections.Concurrent.ConcurrentBag<PurchaseCredit>>();
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
                if (op.Credit)
                {
                    // Purchase ids are per wallet, so two viewers may use the same one.
                    var purchaseId = $"purchase-{op.Key}";
                    try { purchases.GetOrAdd((op.Viewer, purchaseId), _ => []).Add(await wallet.CreditPurchase(purchaseId, PurchaseCoins(op.Key, op.Conflicting))); }
                    catch (LiveInteractException e) when (e.Code is GiftErrorCodes.IdempotencyConflict) { }
                    return;
                }
                try { receipts.Add((op.Viewer, await wallet.SendGift(viewer, rooms[op.Room].RoomId, GiftIds[op.Gift], op.Count, $"k{op.Key}"))); }
                catch (LiveInteractException e) when (e.Code is GiftErrorCodes.InsufficientBalance or GiftErrorCodes.IdempotencyConflict) { }
            }));
        }
        await s.AllDelivered();

        // Each purchase id credited once: every answer for it names the same ledger entry, exactly one of them fresh.
        foreach (var (_, answers) in purchases)
        {
            if (answers.Select(a => a with { Repeated = false }).Distinct().Count() != 1) return false;
            if (answers.Count(a => !a.Repeated) != 1) return false;
        }
        var credited = purchases.Values.Sum(a => a.First().Coins);

        if (!await Audited(s, viewers, rooms, receipts, toppedUp + credited, erased: -1)) return false;

        // An erase (docs/PRIVACY.md) leaves what a money audit reads: the same balances, debits and earnings; only
        // the erased viewer's idempotency keys are gone.
        await fixture.Grains.GetGrain<IUserPrivacyGrain>(viewers[0].UserId).Erase();
        return await Audited(s, viewers, rooms, receipts, toppedUp + credited, erased: 0);
    }

    private static async Task<bool> Audited(GiftScenario s, List<Actor> viewers, List<(string RoomId, Actor Creator)> rooms,
        System.Collections.Concurrent.ConcurrentBag<(int Viewer, GiftReceipt Receipt)> receipts, long paidIn, int erased)
    {
        // Conservation: nothing made, nothing lost.
        if (await s.CoinsInSystem() != paidIn) return false;

        // Each key: at most one debit in the ledger, and every receipt for it is the same receipt.
        var debitsByCreator = new Dictionary<string, long>();
        for (var i = 0; i < viewers.Count; i++)
        {
            var wallet = s.Wallet(viewers[i]);
            var view = await wallet.Get();
            if (view.Balance < 0) return false;
            var gifts = (await wallet.GetLedger(0, 200)).Entries.Where(e => e.Kind == LedgerKind.Gift).ToList();
            if (i != erased && gifts.GroupBy(e => e.IdempotencyKey).Any(g => g.Count() > 1)) return false;
            if (-gifts.Sum(e => e.Coins) != view.Spent) return false;
            var credits = (await wallet.GetLedger(0, 200)).Entries.Where(e => e.Kind == LedgerKind.Credit).ToList();
            if (credits.GroupBy(e => e.IdempotencyKey).Any(g => g.Count() > 1)) return false;
            if (credits.Sum(e => e.Coins) != view.Credited) return false;
            foreach (var e in gifts) debitsByCreator[e.CreatorId!] = debitsByCreator.GetValueOrDefault(e.CreatorId!) - e.Coins;
            // Every receipt answers the one debit of its key; retries got that same receipt back.
            var mine = receipts.Where(r => r.Viewer == i).Select(r => r.Receipt).ToList();
            if (mine.GroupBy(r => r.IdempotencyKey).Any(g => g.Distinct().Count() != 1)) return false;
            if (!mine.All(r => gifts.Any(g => (i == erased || g.IdempotencyKey == r.IdempotencyKey) && -g.Coins == r.Coins && g.BalanceAfter == r.Balance))) return false;
        }

        // Each creator received exactly what was debited for them: no key credited twice, none dropped.
        foreach (var (_, creator) in rooms)
            if ((await s.Earnings(creator)).Coins != debitsByCreator.GetValueOrDefault(creator.UserId)) return false;
        return true;
    }
}
