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
                    await Task.Delay(20); // paces the talker (about 50 comments a second): the load, not a wait
                }
            });

            // Each restart waits until the load got 20 more comments through, so comments flow around every step.
            async Task MoreComments(string when)
            {
                var from = talker.Acknowledged.Count;
                await Eventually.Until(() => talker.Acknowledged.Count >= from + 20, $"20 comments acknowledged {when}", TimeSpan.FromSeconds(60));
            }
            for (var i = 0; i < 3; i++)
            {
                await MoreComments($"before restart {i + 1}");
                SiloProcess old;
                lock (silos) old = silos[i];
                await old.Stop();
                var replacement = await SiloProcess.Start(redis, clusterId);
                lock (silos) silos[i] = replacement;
                await old.DisposeAsync();
            }
            await MoreComments("after the last restart");
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
                await Task.Delay(100); // paces the talker through the ten-second outage: the scenario, not a wait
            }
            await redis.Resume();

            // The cluster resumes by itself: new comments are accepted again.
            var acknowledgedBefore = talker.Acknowledged.Count;
            try
            {
                await Eventually.Until(async () =>
                {
                    await talker.Say(silos, "after");
                    return talker.Acknowledged.Count > acknowledgedBefore;
                }, "a comment accepted after Redis returns", TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException) { } // the assertion below says what failed
            await talker.DisposeAsync();
            Assert.True(talker.Acknowledged.Count > acknowledgedBefore, "comments are accepted again after Redis returns");
            Assert.NotEmpty(talker.Errors);
            Assert.All(talker.Errors, e => Assert.Contains("try again", e, StringComparison.Ordinal));

            // Everything acknowledged, before, during and after the outage, is stored.
            HashSet<long> stored = [];
            try
            {
                await Eventually.Until(async () =>
                {
                    var room = await ReadRoom(silos[1], creator, roomId);
                    stored = room.Events.OfType<CommentEvent>().Select(c => c.Seq).ToHashSet();
                    return talker.Acknowledged.All(stored.Contains);
                }, "every acknowledged comment in the room", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException) { } // the assertion below names the missing comments
            output.WriteLine($"{talker.Acknowledged.Count} acknowledged, {talker.Errors.Count} refused during the outage");
            Assert.All(talker.Acknowledged, seq => Assert.Contains(seq, stored));
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }
}
