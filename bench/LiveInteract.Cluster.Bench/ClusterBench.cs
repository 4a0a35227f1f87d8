using System.Diagnostics;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Cluster.Bench;

/// <summary>What one silo count measured: medians over rounds (throughput) and over kills (recovery).</summary>
public sealed record ClusterFigures(int Silos, double CommentsPerSecond, double DeliveriesPerSecond, double GiftsPerSecond,
    double RecoverySeconds, IReadOnlyList<double> CommentRounds, IReadOnlyList<double> DeliveryRounds,
    IReadOnlyList<double> GiftRounds, IReadOnlyList<double> Recoveries);

/// <summary>
/// One room on N silo processes: viewers spread evenly over the silos, senders spread too. Each round is a closed loop
/// (every sender waits for its receipt before the next call) of comments, then of gifts. Recovery: SIGKILL the silo
/// holding the room grain and time until the room accepts a comment again through a surviving silo (with 1 silo: a
/// replacement process is started, so that figure includes process start-up).
/// </summary>
public sealed class ClusterBench(int viewers, int senders, TimeSpan roundLength, int rounds, int kills)
{
    public async Task<ClusterFigures> Run(int siloCount)
    {
        await using var redis = new RedisServer();
        await redis.Start();
        var clusterId = $"bench-{siloCount}-{Guid.NewGuid():N}";
        var silos = await ClusterOps.StartSilos(redis, clusterId, siloCount);
        var audience = new List<ClusterViewer>();
        var talkers = new List<ClusterViewer>();
        try
        {
            var creator = await ClusterViewer.SignIn(silos[0].BaseAddress, "Creator", "creator");
            var roomId = await ClusterViewer.CreateLiveRoom(silos[0].BaseAddress, creator);
            for (var i = 0; i < viewers; i++) audience.Add(null!);
            await ClusterOps.ForEach(Enumerable.Range(0, viewers), 16, async i =>
            {
                var silo = silos[i % siloCount];
                var viewer = new ClusterViewer(await ClusterViewer.SignIn(silo.BaseAddress, $"viewer {i}"));
                await viewer.Join(silo.BaseAddress, roomId);
                audience[i] = viewer;
            });
            for (var i = 0; i < senders; i++)
            {
                var silo = silos[i % siloCount];
                var talker = new ClusterViewer(await ClusterViewer.SignIn(silo.BaseAddress, $"sender {i}"));
                await ClusterOps.TopUp(silo, talker.User, 1_000_000);
                await talker.Join(silo.BaseAddress, roomId);
                talkers.Add(talker);
            }

            var comments = new List<double>();
            var deliveries = new List<double>();
            var gifts = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var (sent, delivered) = await CommentRound(roomId, talkers, audience);
                comments.Add(sent);
                deliveries.Add(delivered);
                gifts.Add(await GiftRound(roomId, talkers, round));
                Console.WriteLine($"  {siloCount} silo(s), round {round + 1}: {sent:F0} comments/s, {delivered:F0} deliveries/s, {gifts[^1]:F0} gifts/s");
            }

            var recoveries = new List<double>();
            for (var k = 0; k < kills; k++)
            {
                recoveries.Add(await KillRoomSilo(redis, clusterId, silos, roomId));
                Console.WriteLine($"  {siloCount} silo(s), kill {k + 1}: room writable again after {recoveries[^1]:F2} s");
            }
            return new ClusterFigures(siloCount, Median(comments), Median(deliveries), Median(gifts), Median(recoveries),
                comments, deliveries, gifts, recoveries);
        }
        finally
        {
            foreach (var v in audience.Concat(talkers).Where(v => v is not null)) await v.DisposeAsync();
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    /// <summary>Comments/s acknowledged, and viewer deliveries/s from the first send until the last viewer has the last one.</summary>
    private async Task<(double Sent, double Delivered)> CommentRound(string roomId, List<ClusterViewer> talkers, List<ClusterViewer> audience)
    {
        var before = audience.Sum(v => (long)v.Seqs.Count);
        var clock = Stopwatch.StartNew();
        var acknowledged = await Task.WhenAll(talkers.Select(async t =>
        {
            var seqs = new List<long>();
            while (clock.Elapsed < roundLength)
                seqs.Add((await t.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "bench")).Seq);
            return seqs;
        }));
        var window = clock.Elapsed.TotalSeconds;
        var all = acknowledged.SelectMany(s => s).ToList();
        var last = all.Max();
        while (audience.Any(v => v.HighestSeq < last) && clock.Elapsed < roundLength * 4) await Task.Delay(20);
        var deliveredIn = clock.Elapsed.TotalSeconds;
        var delivered = audience.Sum(v => (long)v.Seqs.Count) - before;
        return (all.Count / window, delivered / deliveredIn);
    }

    /// <summary>Gifts/s acknowledged (each a wallet debit, a creator credit and a room write), closed loop.</summary>
    private async Task<double> GiftRound(string roomId, List<ClusterViewer> talkers, int round)
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(talkers.Select(async (t, i) =>
        {
            var n = 0;
            while (clock.Elapsed < roundLength)
                await t.Hub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, roomId, "rose", 1, $"bench-{round}-{i}-{n++}");
            return n;
        }));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    /// <summary>SIGKILL the room grain's silo, time until a surviving (or, alone, restarted) silo takes a comment; restore N silos.</summary>
    private static async Task<double> KillRoomSilo(RedisServer redis, string clusterId, List<SiloProcess> silos, string roomId)
    {
        var host = await ClusterOps.HostOf(silos, roomId);
        var survivor = silos.FirstOrDefault(s => s != host);
        var user = await ClusterViewer.SignIn(host.BaseAddress, "prober");
        var prober = survivor is null ? null : new ClusterViewer(user);
        if (prober is not null) await prober.Join(survivor!.BaseAddress, roomId);

        await host.Kill();
        var clock = Stopwatch.StartNew();
        silos.Remove(host);
        if (prober is null)
        {
            silos.Add(await SiloProcess.Start(redis, clusterId));
            prober = new ClusterViewer(user);
            await prober.Join(silos[0].BaseAddress, roomId);
        }
        while (true)
        {
            try
            {
                await prober.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "probe");
                break;
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(50);
            }
        }
        var recovered = clock.Elapsed.TotalSeconds;
        await prober.DisposeAsync();
        await host.DisposeAsync();
        if (survivor is not null) silos.Add(await SiloProcess.Start(redis, clusterId)); // back to N silos for the next kill
        return recovered;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
