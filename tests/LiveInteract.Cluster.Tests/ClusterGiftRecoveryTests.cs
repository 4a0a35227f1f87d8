using LiveInteract.Contracts.Hub;
using System.Diagnostics;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveInteract.Cluster.Tests;

/// <summary>Money through a crash: the silo holding the room grain is SIGKILLed while 300 viewers comment and gift.</summary>
public sealed class ClusterGiftRecoveryTests(ITestOutputHelper output)
{
    private const int Viewers = 300;
    private const long TopUp = 10_000;


    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    [Fact]
    public async Task Killing_the_room_grains_silo_under_300_gifting_viewers_loses_and_duplicates_no_gift_and_the_ledger_balances()
    {
        var clock = Stopwatch.StartNew();
        void Log(string line) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,5:F1} s] {line}");
        await using var redis = new RedisServer();
        await redis.Start();
        var silos = await ClusterOps.StartSilos(redis, $"gift-kill-{Guid.NewGuid():N}", 3);
        var viewers = new List<GiftingViewer>();
        try
        {
            var creator = await ClusterViewer.SignIn(silos[0].BaseAddress, "Creator", "creator");
            var roomId = await ClusterViewer.CreateLiveRoom(silos[0].BaseAddress, creator);
            var doomed = await ClusterOps.HostOf(silos, roomId);
            var survivors = silos.Where(s => s != doomed).ToList();
            var next = 0;
            SiloProcess NextLiveSilo()
            {
                var live = silos.Where(s => !s.Exited).ToList();
                return live[Interlocked.Increment(ref next) % live.Count];
            }

            // 300 viewers, 100 per silo, each with 10,000 coins.
            for (var i = 0; i < Viewers; i++) viewers.Add(null!);
            Log("cluster up");
            await ClusterOps.ForEach(Enumerable.Range(0, Viewers), 16, async i =>
            {
                var silo = silos[i % 3];
                var user = await ClusterViewer.SignIn(silo.BaseAddress, $"viewer {i}");
                await ClusterOps.TopUp(silo, user, TopUp);
                var viewer = new GiftingViewer(user, roomId, NextLiveSilo);
                await viewer.Join(silo);
                viewers[i] = viewer;
            });
            var onDoomed = viewers.Where((_, i) => silos[i % 3] == doomed).ToList();
            Log($"room grain on silo :{doomed.SiloPort}; {onDoomed.Count} of {Viewers} viewers connected there");

            // A prober on a surviving silo measures when the room takes writes again.
            var prober = new ClusterViewer(await ClusterViewer.SignIn(survivors[0].BaseAddress, "prober"));
            await prober.Join(survivors[0].BaseAddress, roomId);

            using var stop = new CancellationTokenSource();
            var load = viewers.Select((v, i) => Task.Run(() => v.Run(i, stop.Token))).ToArray();
            // Gifts flow from (about) every viewer before the kill.
            await Eventually.Until(() => viewers.Sum(v => v.Receipts.Count) >= Viewers, $"{Viewers} gifts before the kill", TimeSpan.FromSeconds(60));

            var beforeKill = viewers.Sum(v => v.Receipts.Count);
            Log($"load running; {beforeKill} gifts acknowledged before the kill");
            Assert.True(beforeKill > 0, "gifts flow before the kill");
            await doomed.Kill();
            var sinceKill = Stopwatch.StartNew();
            await Eventually.Succeeds(async () =>
            {
                try { await prober.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "probe"); }
                catch (Exception ex)
                {
                    Log($"{sinceKill.Elapsed.TotalSeconds:F1} s: {ex.Message}");
                    throw;
                }
            }, "the room to take writes after the kill", TimeSpan.FromSeconds(60));
            var recovered = sinceKill.Elapsed;
            Log($"room writable again {recovered.TotalSeconds:F1} s after SIGKILL");

            // Keep the load on after recovery (as many gifts again), then let every viewer finish the gift it has in flight.
            var atRecovery = viewers.Sum(v => v.Receipts.Count);
            await Eventually.Until(() => viewers.Sum(v => v.Receipts.Count) >= atRecovery + Viewers, $"{Viewers} more gifts after recovery", TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(100));
            var receipts = viewers.SelectMany(v => v.Receipts).ToList();
            Log($"{receipts.Count} gifts and {viewers.Sum(v => v.CommentsAcknowledged)} comments acknowledged; " +
                $"{viewers.Sum(v => v.Refusals.Count)} failed attempts (retried for gifts): " +
                string.Join(", ", viewers.SelectMany(v => v.Refusals).GroupBy(r => r).OrderByDescending(g => g.Count()).Take(4).Select(g => $"{g.Key} x{g.Count()}")));
            Assert.True(receipts.Count > beforeKill, "the viewers kept gifting");

            // Every wallet delivers its outbox (its reminder or retry timer does it by itself after the crash).
            var live = survivors[0];
            var wallets = new WalletView[Viewers];
            await Eventually.Until(async () =>
            {
                await ClusterOps.ForEach(Enumerable.Range(0, Viewers), 16, async i => wallets[i] = await ClusterOps.Wallet(live, viewers[i].User));
                return wallets.All(w => w.PendingDeliveries == 0);
            }, "every outbox to be delivered", TimeSpan.FromSeconds(60));

            // A final comment: every viewer must catch up to it.
            var last = (await prober.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "the end")).Seq;
            var sinceEnd = Stopwatch.StartNew();
            try
            {
                await Eventually.Until(() => viewers.All(v => v.Viewer.HighestSeq >= last), "every viewer to reach the last seq", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                var behind = viewers.Select((v, i) => (v, i)).Where(x => x.v.Viewer.HighestSeq < last).ToList();
                Log($"{behind.Count} viewers behind the last seq {last}: " + string.Join("; ", behind.Take(10).Select(x =>
                    $"#{x.i} at {x.v.Viewer.HighestSeq} ({x.v.Viewer.Hub.State}, {x.v.ReconnectMs.Count} reconnects, {x.v.Viewer.Seqs.Count} seqs)")));
                throw;
            }
            var caughtUp = sinceEnd.Elapsed;

            using var http = ClusterOps.Http(live, creator);
            var room = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<RoomSnapshot>(http, $"api/rooms/{roomId}?lastSeq=0"))!;
            var earnings = await ClusterOps.Earnings(live, creator);
            Assert.Equal(1, room.Events[0].Seq); // the whole history is in the replay buffer
            var giftEvents = room.Events.OfType<GiftEvent>().ToList();

            // 0 lost, 0 duplicated, per viewer: debits, and the room's gift events, are exactly the acknowledged gifts.
            foreach (var (viewer, wallet) in viewers.Zip(wallets))
            {
                Assert.Equal(viewer.Receipts.Count, viewer.Receipts.Select(r => r.IdempotencyKey).Distinct().Count());
                var acknowledged = viewer.Receipts.Sum(r => r.Coins);
                Assert.Equal(acknowledged, wallet.Spent);
                Assert.Equal(TopUp - acknowledged, wallet.Balance);
                var shown = giftEvents.Where(g => g.UserId == viewer.User.UserId).ToList();
                Assert.Equal(viewer.Receipts.Count, shown.Count);
                Assert.Equal(acknowledged, shown.Sum(g => g.Coins));
            }

            // The ledger balances: wallet debits == creator earnings == the room's gift events == the room's total.
            var debits = wallets.Sum(w => w.Spent);
            Assert.Equal(debits, earnings.Coins);
            Assert.Equal(receipts.Sum(r => r.Count), earnings.Gifts); // earnings count gift items (count per send)
            Assert.Equal(debits, giftEvents.Sum(g => g.Coins));
            Assert.Equal(debits, room.Gifts!.TotalCoins);
            Assert.Equal(Viewers * TopUp, wallets.Sum(w => w.Balance) + earnings.Coins);

            // Every viewer holds every seq from its first to the last, each pushed at most once.
            foreach (var viewer in viewers.Select(v => v.Viewer))
            {
                Assert.Equal(0, viewer.Duplicates);
                var seqs = viewer.Seqs;
                Assert.Equal(seqs.Max() - seqs.Min() + 1, seqs.Count);
            }

            var reconnects = onDoomed.SelectMany(v => v.ReconnectMs).Order().ToList();
            Assert.True(reconnects.Count >= onDoomed.Count, "every viewer of the killed silo reconnected");
            Log($"room writable again {recovered.TotalSeconds:F1} s after SIGKILL; reconnects of the killed silo's viewers: " +
                $"n={reconnects.Count} p50 {Percentile(reconnects, 0.5):F0} ms, p99 {Percentile(reconnects, 0.99):F0} ms, max {reconnects[^1]:F0} ms; " +
                $"every viewer at the last seq {caughtUp.TotalMilliseconds:F0} ms after it was sent; " +
                $"{receipts.Count} gifts, {debits} coins: wallets debited {debits} = earnings {earnings.Coins} = room gift events {giftEvents.Sum(g => g.Coins)}");
            await prober.DisposeAsync();
        }
        catch
        {
            foreach (var silo in silos)
                output.WriteLine($"--- silo :{silo.SiloPort} log (tail) ---\n{string.Join('\n', silo.Log.Split('\n').TakeLast(40))}");
            throw;
        }
        finally
        {
            foreach (var viewer in viewers.Where(v => v is not null)) await viewer.DisposeAsync();
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }
}
