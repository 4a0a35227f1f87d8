using LiveInteract.Grains.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// Every <see cref="RankingOptions.FlushInterval"/>, merges this silo's gift sums into each touched ranking window: one
/// grain call per window per silo. Deltas carry (silo, batch) so a retried merge counts once; a window's deltas go in
/// order, and one that fails stays first in line (later ones wait behind it).
/// </summary>
public sealed class RankingFlusher(
    RankingAccumulator sums,
    IGrainFactory grains,
    IOptions<RankingOptions> options,
    ILogger<RankingFlusher> logger) : BackgroundService
{
    private readonly string _siloId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Dictionary<string, Queue<RankingDelta>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _one = new(1, 1);
    private long _batch;

    public override void Dispose()
    {
        _one.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await Flush();
        }
        catch (OperationCanceledException) { }
        // Last chance for what this silo summed (a graceful stop).
        try { await Flush(); }
        catch (Exception ex) { logger.LogWarning(ex, "Rankings: the last flush on shutdown failed"); }
    }

    /// <summary>Sends what was summed since the last flush (tests call it to skip the wait).</summary>
    public async Task Flush()
    {
        await _one.WaitAsync();
        try { await FlushOnce(); }
        finally { _one.Release(); }
    }

    private async Task FlushOnce()
    {
        foreach (var (window, creators, gifters) in sums.Take())
        {
            if (!_pending.TryGetValue(window, out var queue)) _pending[window] = queue = new Queue<RankingDelta>();
            queue.Enqueue(new RankingDelta(_siloId, ++_batch, creators, gifters));
            if (queue.Count > options.Value.MaxPendingDeltas)
            {
                queue.Dequeue();
                logger.LogWarning("Rankings: window {Window} did not take merges for a while; dropped its oldest delta", window);
            }
        }
        await Task.WhenAll(_pending.ToArray().Select(p => Send(p.Key, p.Value)));
        foreach (var (window, queue) in _pending.ToArray())
            if (queue.Count == 0) _pending.Remove(window);
    }

    private async Task Send(string window, Queue<RankingDelta> queue)
    {
        var grain = grains.GetGrain<IRankingGrain>(window);
        while (queue.TryPeek(out var delta))
        {
            try
            {
                await grain.Merge(delta);
                queue.Dequeue();
            }
            catch (Orleans.Runtime.SiloUnavailableException ex)
            {
                // The silo is shutting down (its last flush) or the window's grain is moving: expected, no stack trace.
                logger.LogInformation("Rankings: merge into {Window} not taken ({Reason}); retrying next flush", window, ex.Message);
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Rankings: merge into {Window} failed; retrying next flush", window);
                return;
            }
        }
    }
}
