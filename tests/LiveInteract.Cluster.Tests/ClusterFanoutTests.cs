using LiveInteract.Contracts.Hub;
using System.Diagnostics;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveInteract.Cluster.Tests;

public sealed class ClusterFanoutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_silos_one_room_every_viewer_gets_every_event_once_in_order()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        var clusterId = $"fanout-{Guid.NewGuid():N}";
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++) silos.Add(await SiloProcess.Start(redis, clusterId));
            var creator = await ClusterViewer.SignIn(silos[0].BaseAddress, "Creator", "creator");
            var roomId = await ClusterViewer.CreateLiveRoom(silos[0].BaseAddress, creator);

            // 30 viewers, 10 per silo; a token from one silo works on every silo.
            var viewers = new List<ClusterViewer>();
            for (var i = 0; i < 30; i++)
            {
                var viewer = new ClusterViewer(await ClusterViewer.SignIn(silos[i % 3].BaseAddress, $"v{i}"));
                await viewer.Join(silos[i % 3].BaseAddress, roomId);
                viewers.Add(viewer);
            }

            // Viewers on every silo comment.
            var acknowledged = new List<long>();
            for (var i = 0; i < 45; i++)
            {
                var receipt = await viewers[i % viewers.Count].Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, $"comment {i}");
                acknowledged.Add(receipt.Seq);
            }

            var last = acknowledged.Max();
            await Eventually.Until(() => viewers.All(v => v.HighestSeq >= last), "every viewer to reach the last seq", TimeSpan.FromSeconds(30));
            // A duplicate would be pushed before this marker (each connection gets its events in seq order).
            var marker = (await viewers[0].Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "marker")).Seq;
            acknowledged.Add(marker);
            await Eventually.Until(() => viewers.All(v => v.HighestSeq >= marker), "every viewer to get the marker", TimeSpan.FromSeconds(30));
            foreach (var viewer in viewers)
            {
                Assert.Equal(0, viewer.Duplicates);
                Assert.Subset(viewer.Seqs.ToHashSet(), acknowledged.ToHashSet());
                var pushed = viewer.PushedInOrder;
                Assert.True(pushed.Zip(pushed.Skip(1)).All(p => p.Second > p.First), "pushes arrive in seq order");
            }
            foreach (var viewer in viewers) await viewer.DisposeAsync();
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killing_a_silo_under_viewers_loses_no_stored_event_and_viewers_catch_up()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        var clusterId = $"kill-{Guid.NewGuid():N}";
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++) silos.Add(await SiloProcess.Start(redis, clusterId));
            // The room was created through silo 0; Orleans places its grain on any silo, so whether the kill also moves
            // the room varies between runs. Either way the viewers on silo 0 must rejoin elsewhere and miss nothing.
            var creator = await ClusterViewer.SignIn(silos[0].BaseAddress, "Creator", "creator");
            var roomId = await ClusterViewer.CreateLiveRoom(silos[0].BaseAddress, creator);

            var viewers = new List<ClusterViewer>();
            for (var i = 0; i < 30; i++)
            {
                var viewer = new ClusterViewer(await ClusterViewer.SignIn(silos[1 + i % 2].BaseAddress, $"v{i}"));
                var silo = i < 10 ? silos[0] : silos[1 + i % 2];
                await viewer.Join(silo.BaseAddress, roomId);
                viewers.Add(viewer);
            }
            var talker = viewers[^1]; // on a surviving silo
            for (var i = 0; i < 20; i++) await talker.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, $"before {i}");
            var lastBefore = (await talker.Hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null)).LastSeq;
            await Eventually.Until(() => viewers.All(v => v.HighestSeq >= lastBefore), "delivery before the kill", TimeSpan.FromSeconds(20));

            await silos[0].Kill();
            var recovery = Stopwatch.StartNew();

            // Viewers of the dead silo reconnect to a live one with their lastSeq (as the clients do).
            var reconnects = new List<double>();
            await Task.WhenAll(viewers.Take(10).Select(async (v, i) =>
            {
                var watch = Stopwatch.StartNew();
                await v.Join(silos[1 + i % 2].BaseAddress, roomId);
                lock (reconnects) reconnects.Add(watch.Elapsed.TotalMilliseconds);
            }));

            // The room comes back on a surviving silo from storage and takes comments again.
            var first = await Eventually.Succeeds(
                () => talker.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "after the kill"), "the room to take comments after the kill", TimeSpan.FromSeconds(60));
            var recoveredAfter = recovery.Elapsed;
            Assert.True(first.Seq > lastBefore, "no seq is reused after recovery");
            var after = new List<long> { first.Seq };
            for (var i = 0; i < 20; i++) after.Add((await talker.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, $"after {i}")).Seq);

            var last = after.Max();
            await Eventually.Until(() => viewers.All(v => v.HighestSeq >= last), "every viewer to catch up after the kill", TimeSpan.FromSeconds(45));
            foreach (var viewer in viewers)
            {
                Assert.Equal(0, viewer.Duplicates);
                foreach (var seq in after) Assert.Contains(seq, viewer.Seqs);
                Assert.All(Enumerable.Range(1, (int)lastBefore).Select(s => (long)s), s => Assert.Contains(s, viewer.Seqs));
            }
            reconnects.Sort();
            output.WriteLine($"room writable again after {recoveredAfter.TotalSeconds:F1} s; viewer rejoin p50 {reconnects[reconnects.Count / 2]:F0} ms, max {reconnects[^1]:F0} ms");
            foreach (var viewer in viewers) await viewer.DisposeAsync();
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }
}
