using System.Buffers;
using LiveInteract.Server.Hosting;
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
    public async Task The_server_process_serves_through_it_and_gives_a_bursts_blocks_back_once_quiet()
    {
        // A real process: in-process test hosts (WebApplicationFactory.UseKestrel) register Kestrel's pool again after
        // the app's services, so only a process started as operators start it shows which pool the sockets use.
        await using var server = await ServerProcess.Start(new Dictionary<string, string> { ["TransportPool__KeepUnusedFor"] = "00:00:00.400" });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 100 };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        // A burst: fifty requests at once on up to fifty connections, each renting blocks for its request and response.
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => http.GetStringAsync(new Uri("healthz/live", UriKind.Relative))));
        Assert.All(answers, a => Assert.Equal("Healthy", a));
        Assert.True(await Figure(http, "allocated_bytes_total") > 0, "the sockets did not rent from the trimming pool");

        // Quiet but for the scrapes: what the burst left free goes back to the GC, and the server still answers.
        await Eventually.Until(async () => await Figure(http, "released_bytes_total") > 0, "the burst's free blocks released");
        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("healthz/live", UriKind.Relative)));
    }

    /// <summary>One of the pool's figures on <c>/metrics</c>.</summary>
    private static async Task<long> Figure(HttpClient http, string name)
    {
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var figure = System.Text.RegularExpressions.Regex.Match(metrics, $@"^liveinteract_transport_pool_{name}(\{{[^}}]*\}})? (\d+)",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(figure.Success, $"no liveinteract_transport_pool_{name} on /metrics");
        return long.Parse(figure.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
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
