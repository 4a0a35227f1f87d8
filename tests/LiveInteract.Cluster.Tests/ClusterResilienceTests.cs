using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveInteract.Cluster.Tests;

public sealed class ClusterResilienceTests(ITestOutputHelper output)
{
    /// <summary>Comments from a client that reconnects to any live silo; records only what the server acknowledged.</summary>
    private sealed class Talker(ClusterUser user, string roomId) : IAsyncDisposable
    {
        public List<long> Acknowledged { get; } = [];
        public List<string> Errors { get; } = [];
        public List<string> Transport { get; } = [];
        private ClusterViewer? _viewer;

        public async Task Say(IReadOnlyList<SiloProcess> silos, string text)
        {
            for (var attempt = 0; attempt < silos.Count * 3; attempt++)
            {
                try
                {
                    if (_viewer is null)
                    {
                        var silo = silos[attempt % silos.Count];
                        if (silo.Exited) continue;
                        _viewer = new ClusterViewer(user);
                        await _viewer.Join(silo.BaseAddress, roomId);
                    }
                    Acknowledged.Add((await _viewer.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, text)).Seq);
                    return;
                }
                catch (HubException ex)
                {
                    Errors.Add(ex.Message);
                    return; // a clear refusal: not acknowledged
                }
                catch (Exception ex)
                {
                    Transport.Add(ex.GetType().Name + ": " + ex.Message);
                    if (_viewer is not null) await _viewer.DisposeAsync();
                    _viewer = null;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_viewer is not null) await _viewer.DisposeAsync();
        }
    }

    private static async Task<RoomSnapshot> ReadRoom(SiloProcess silo, ClusterUser user, string roomId)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return (await http.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{roomId}?lastSeq=0"))!;
    }

    [Fact]
    public async Task A_rolling_restart_of_all_three_silos_under_load_loses_no_acknowledged_comment()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        var clusterId = $"rolling-{Guid.NewGuid():N}";
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++) silos.Add(await SiloProcess.Start(redis, clusterId));
            var creator = await ClusterViewer.SignIn(silos[0].BaseAddress, "Creator", "creator");
            var roomId = await ClusterViewer.CreateLiveRoom(silos[0].BaseAddress, creator);
            var talker = new Talker(await ClusterViewer.SignIn(silos[1].BaseAddress, "Talker"), roomId);

            using var stop = new CancellationTokenSource();
            var load = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    List<SiloProcess> live;
                    lock (silos) live = [.. silos.Where(s => !s.Exited)];
                    await talker.Say(live, $"rolling {i}");
                    await Task.Delay(20);
                }
            });

            for (var i = 0; i < 3; i++)
            {
                await Task.Delay(1500);
                SiloProcess old;
                lock (silos) old = silos[i];
                await old.Stop();
                var replacement = await SiloProcess.Start(redis, clusterId);
                lock (silos) silos[i] = replacement;
                await old.DisposeAsync();
            }
            await Task.Delay(1500);
            await stop.CancelAsync();
            await load;
            await talker.DisposeAsync();

            var room = await ReadRoom(silos[2], creator, roomId);
            var stored = room.Events.OfType<CommentEvent>().Select(c => c.Seq).ToHashSet();
            output.WriteLine($"{talker.Acknowledged.Count} comments acknowledged, {talker.Errors.Count} refused with an error, {talker.Transport.Count} reconnects");
            foreach (var t in talker.Transport.Take(5)) output.WriteLine(t);
            Assert.True(talker.Acknowledged.Count > 50, "the load kept going through the restarts");
            Assert.All(talker.Acknowledged, seq => Assert.Contains(seq, stored));
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Redis_down_for_ten_seconds_gives_clear_errors_loses_nothing_acknowledged_and_heals()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        var clusterId = $"redis-down-{Guid.NewGuid():N}";
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 2; i++) silos.Add(await SiloProcess.Start(redis, clusterId));
            var creator = await ClusterViewer.SignIn(silos[0].BaseAddress, "Creator", "creator");
            var roomId = await ClusterViewer.CreateLiveRoom(silos[0].BaseAddress, creator);
            var talker = new Talker(await ClusterViewer.SignIn(silos[0].BaseAddress, "Talker"), roomId);
            for (var i = 0; i < 10; i++) await talker.Say(silos, $"before {i}");

            await redis.Pause();
            var outage = DateTime.UtcNow.AddSeconds(10);
            var during = 0;
            while (DateTime.UtcNow < outage)
            {
                await talker.Say(silos, $"during {during++}");
                await Task.Delay(100);
            }
            await redis.Resume();

            // The cluster resumes by itself: new comments are accepted again.
            var healed = DateTime.UtcNow.AddSeconds(60);
            var acknowledgedBefore = talker.Acknowledged.Count;
            while (talker.Acknowledged.Count == acknowledgedBefore && DateTime.UtcNow < healed)
            {
                await talker.Say(silos, "after");
                await Task.Delay(200);
            }
            await talker.DisposeAsync();
            Assert.True(talker.Acknowledged.Count > acknowledgedBefore, "comments are accepted again after Redis returns");
            Assert.NotEmpty(talker.Errors);
            Assert.All(talker.Errors, e => Assert.Contains("try again", e, StringComparison.Ordinal));

            // Everything acknowledged, before, during and after the outage, is stored.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            HashSet<long> stored;
            do
            {
                var room = await ReadRoom(silos[1], creator, roomId);
                stored = room.Events.OfType<CommentEvent>().Select(c => c.Seq).ToHashSet();
                if (talker.Acknowledged.All(stored.Contains)) break;
                await Task.Delay(500);
            } while (DateTime.UtcNow < deadline);
            output.WriteLine($"{talker.Acknowledged.Count} acknowledged, {talker.Errors.Count} refused during the outage");
            Assert.All(talker.Acknowledged, seq => Assert.Contains(seq, stored));
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }
}
