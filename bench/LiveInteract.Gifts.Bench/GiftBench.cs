using System.Collections.Concurrent;
using System.Diagnostics;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Gifts.Bench;

public sealed record BenchResult(string Name, int Calls, double PerSecond, double P50, double P99, string Balanced);

/// <summary>
/// Every sender sends its gifts one after another (waiting for each receipt, as a client does) and all senders run
/// at once. After a run the outboxes are drained and the money invariant is checked over every wallet and creator.
/// </summary>
public sealed class GiftBench(IGrainFactory grains, int senders, int perSender)
{
    private const long StartingCoins = 100_000;
    private int _run;

    public async Task<BenchResult> TopUps(string name)
    {
        var users = Users("base");
        var (elapsed, latencies) = await Measure([.. users.Select(u => (Func<int, Task>)(_ => grains.GetGrain<IWalletGrain>(u.UserId).TopUp(1)))]);
        return Result(name, latencies, elapsed, "n/a");
    }

    public async Task<BenchResult> Gifts(string name, int rooms)
    {
        var tag = $"r{++_run}";
        var creators = Enumerable.Range(0, rooms).Select(i => new Actor($"{tag}-creator-{i}", $"creator {i}")).ToList();
        var roomIds = new List<string>();
        foreach (var creator in creators)
        {
            var roomId = $"{creator.UserId}-room";
            var room = grains.GetGrain<IRoomGrain>(roomId);
            await room.Create(creator, "bench");
            await room.Start(creator);
            roomIds.Add(roomId);
        }
        var users = Users(tag);
        await Task.WhenAll(users.Select(u => grains.GetGrain<IWalletGrain>(u.UserId).TopUp(StartingCoins)));

        string[] gifts = ["rose", "heart", "donut"];
        var (elapsed, latencies) = await Measure([.. users.Select((u, n) => (Func<int, Task>)(i =>
            grains.GetGrain<IWalletGrain>(u.UserId).SendGift(u, roomIds[n % rooms], gifts[i % gifts.Length], 1, $"{u.UserId}-{i}")))]);

        // Drain and audit: sum of wallets + creator earnings must equal the sum of top-ups.
        long pending;
        do
        {
            pending = 0;
            foreach (var u in users) pending += await grains.GetGrain<IWalletGrain>(u.UserId).DeliverPending();
        } while (pending > 0);
        long inSystem = 0;
        foreach (var u in users) inSystem += (await grains.GetGrain<IWalletGrain>(u.UserId).Get()).Balance;
        foreach (var c in creators) inSystem += (await grains.GetGrain<ICreatorGrain>(c.UserId).GetEarnings()).Coins;
        long roomTotals = 0;
        foreach (var r in roomIds) roomTotals += (await grains.GetGrain<IRoomGrain>(r).GetSnapshot(null, null)).Gifts!.TotalCoins;
        var balanced = inSystem == users.Count * StartingCoins ? $"yes ({roomTotals} coins gifted)" : $"NO: {inSystem} != {users.Count * StartingCoins}";
        return Result(name, latencies, elapsed, balanced);
    }

    private List<Actor> Users(string tag) => [.. Enumerable.Range(0, senders).Select(i => new Actor($"{tag}-viewer-{i}", $"viewer {i}"))];

    /// <summary>Runs every sender at once; each makes <c>perSender</c> calls one after another, each call timed.</summary>
    private async Task<(TimeSpan Elapsed, double[] LatenciesMs)> Measure(IReadOnlyList<Func<int, Task>> senders)
    {
        var latencies = new ConcurrentQueue<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(senders.Select(call => Task.Run(async () =>
        {
            for (var i = 0; i < perSender; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await call(i);
                latencies.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        return (clock.Elapsed, [.. latencies]);
    }

    private static BenchResult Result(string name, double[] latencies, TimeSpan elapsed, string balanced)
    {
        Array.Sort(latencies);
        double Pct(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        return new BenchResult(name, latencies.Length, latencies.Length / elapsed.TotalSeconds, Pct(0.5), Pct(0.99), balanced);
    }
}
