using System.Buffers;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveInteract.Server.Tests;

/// <summary>
/// The transport's memory pool: blocks are reused while bursts recur, free blocks that went unused for
/// TransportPool:KeepUnusedFor go back to the GC, and the real server's sockets and pipes rent from it.
/// </summary>
public sealed class TransportPoolTests
{
    [Fact]
    public void A_returned_block_is_rented_again_instead_of_a_new_one()
    {
        using var pool = new TrimmingBlockPool();
        var first = pool.Rent();
        Assert.Equal(TrimmingBlockPool.BlockSize, first.Memory.Length);
        first.Dispose();
        Assert.Equal(1, pool.FreeBlocks);
        using var again = pool.Rent(100);
        Assert.Equal(1, pool.AllocatedBlocks);
        Assert.Equal(0, pool.FreeBlocks);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(TrimmingBlockPool.BlockSize + 1));
    }

    [Fact]
    public void Free_blocks_go_once_they_stayed_unused_through_a_whole_window_of_trims_and_only_those()
    {
        using var pool = new TrimmingBlockPool();
        Burst(pool, 10);
        Assert.Equal(0, pool.Trim());

        // Each interval of the next window needs four at once: the six nobody touched go at its end, not before.
        var released = Enumerable.Range(0, TrimmingBlockPool.TrimsPerWindow).Select(_ =>
        {
            Burst(pool, 4);
            return pool.Trim();
        }).ToList();
        Assert.Equal([0, 0, 0, 6], released);
        Assert.Equal(4, pool.FreeBlocks);

        // A window with no traffic: the rest go at its end.
        released = Enumerable.Range(0, TrimmingBlockPool.TrimsPerWindow).Select(_ => pool.Trim()).ToList();
        Assert.Equal([0, 0, 0, 4], released);
        Assert.Equal(0, pool.FreeBlocks);
        Assert.Equal((10, 10), (pool.ReleasedBlocks, pool.AllocatedBlocks));
    }

    [Fact]
    public void A_burst_once_per_window_keeps_its_blocks_and_allocates_nothing_new()
    {
        using var pool = new TrimmingBlockPool();
        for (var trim = 0; trim < 10 * TrimmingBlockPool.TrimsPerWindow; trim++)
        {
            if (trim % (TrimmingBlockPool.TrimsPerWindow - 1) == 0) Burst(pool, 100);
            Assert.Equal(0, pool.Trim());
        }
        Assert.Equal(100, pool.FreeBlocks);
        Assert.Equal(100, pool.AllocatedBlocks);
    }

    [Fact]
    public void Blocks_in_use_are_never_released_and_come_back_to_the_pool_when_returned()
    {
        using var pool = new TrimmingBlockPool();
        var held = Enumerable.Range(0, 5).Select(_ => pool.Rent()).ToList();
        for (var trim = 0; trim < 2 * TrimmingBlockPool.TrimsPerWindow; trim++) Assert.Equal(0, pool.Trim());
        held[0].Memory.Span.Fill(7);
        foreach (var block in held) block.Dispose();
        Assert.Equal(5, pool.FreeBlocks);
        Assert.Equal(0, pool.ReleasedBlocks);
    }

    [Fact]
    public void The_factory_trims_every_pool_it_made_and_forgets_disposed_ones()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var factory = new TrimmingBlockPoolFactory(Options.Create(new TransportPoolOptions { KeepUnusedFor = TimeSpan.FromSeconds(4) }), time,
            meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var one = (TrimmingBlockPool)factory.Create();
        var two = (TrimmingBlockPool)factory.Create();
        Burst(one, 8);
        Burst(two, 3);

        // A trim each second: the first ends the bursts' interval, four more quiet ones release them.
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal((8, 3), (one.FreeBlocks, two.FreeBlocks));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((0, 0), (one.FreeBlocks, two.FreeBlocks));

        two.Dispose();
        Assert.Same(one, Assert.Single(factory.Pools));
        one.Dispose();
    }

    [Fact]
    public async Task The_real_servers_sockets_rent_from_it_and_a_bursts_blocks_go_back_once_the_room_is_quiet()
    {
        // WebApplicationFactory's UseKestrel registers Kestrel's pool again after the app's services: put ours back on top,
        // as Program's order does in a real process (The_server_process_serves_through_it checks that).
        await using var server = new LiveServer(settings: new Dictionary<string, string?> { ["TransportPool:KeepUnusedFor"] = "00:00:00.400" },
            services: s => s.UseTrimmingBlockPool()).Start();
        var factory = Assert.IsType<TrimmingBlockPoolFactory>(server.Services.GetRequiredService<IMemoryPoolFactory<byte>>());

        var room = await server.CreateLiveRoom(await server.SignIn("Host", "creator"));
        var users = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => server.SignIn($"pooled{i}")));
        var hubs = await Task.WhenAll(users.Select(u => server.Connect(u)));
        try
        {
            var seen = hubs.Select(h => new HubRecorder(h)).ToArray();
            await Task.WhenAll(hubs.Select(h => h.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null)));
            await hubs[0].InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "to everyone");
            await Eventually.Until(() => seen.All(s => s.Comments.Count == 1), "the comment at every viewer");

            Assert.True(factory.Pools.Sum(p => p.AllocatedBlocks) > 0, "Kestrel's transport did not rent from the pool");
            // Every connection stays open and idle: what the burst left free is given back.
            await Eventually.Until(() => factory.Pools.Sum(p => p.FreeBlocks) == 0 && factory.Pools.Sum(p => p.ReleasedBlocks) > 0,
                "the free blocks released", state: () => $"free {factory.Pools.Sum(p => p.FreeBlocks)}, released {factory.Pools.Sum(p => p.ReleasedBlocks)}");

            using var http = server.Http();
            var metrics = await http.GetStringAsync("metrics");
            Assert.Contains("liveinteract_transport_pool_pooled_bytes", metrics, StringComparison.Ordinal);
            Assert.Contains("liveinteract_transport_pool_released_bytes_total", metrics, StringComparison.Ordinal);

            // The pooled connections still work: a second comment reaches everyone.
            await hubs[1].InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "still here");
            await Eventually.Until(() => seen.All(s => s.Comments.Count == 2), "the second comment at every viewer");
        }
        finally
        {
            await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task The_server_process_serves_through_it()
    {
        await using var server = await ServerProcess.Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var allocated = System.Text.RegularExpressions.Regex.Match(metrics, @"^liveinteract_transport_pool_allocated_bytes_total(\{[^}]*\})? (\d+)",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(allocated.Success, "no liveinteract_transport_pool_allocated_bytes_total on /metrics");
        // The requests so far (health checks, this scrape) went through its blocks, not Kestrel's pool.
        Assert.True(long.Parse(allocated.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, allocated.Value);
    }

    [Fact]
    public async Task A_keep_time_out_of_range_stops_the_server_at_start()
    {
        await using var server = new LiveServer(settings: new Dictionary<string, string?> { ["TransportPool:KeepUnusedFor"] = "00:00:00.010" });
        var refused = Assert.ThrowsAny<Exception>(() => server.Start());
        Assert.Contains("KeepUnusedFor", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Rents <paramref name="blocks"/> at once (a broadcast's writes in flight), then returns them all.</summary>
    private static void Burst(TrimmingBlockPool pool, int blocks)
    {
        var rented = Enumerable.Range(0, blocks).Select(_ => pool.Rent()).ToList();
        foreach (var block in rented) block.Dispose();
    }
}
