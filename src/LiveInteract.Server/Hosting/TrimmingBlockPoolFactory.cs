using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Hosting;

/// <summary>
/// Makes the memory pools Kestrel's transport asks for (<see cref="IMemoryPoolFactory{T}"/>, replacing Kestrel's own)
/// and trims every one of them <see cref="TrimmingBlockPool.TrimsPerWindow"/> times per
/// <see cref="TransportPoolOptions.KeepUnusedFor"/> (<see cref="TrimmingBlockPool.Trim"/>).
/// Its figures are on <c>/metrics</c>: <c>liveinteract_transport_pool_pooled_bytes</c> (free blocks held),
/// <c>liveinteract_transport_pool_allocated_bytes_total</c>, <c>liveinteract_transport_pool_released_bytes_total</c>.
/// </summary>
public sealed class TrimmingBlockPoolFactory : IMemoryPoolFactory<byte>, IDisposable
{
    private readonly ConcurrentDictionary<TrimmingBlockPool, byte> _pools = new();
    private readonly ITimer _timer;
    // Blocks of pools already disposed, so the counters never go backwards.
    private long _allocatedByDisposed;
    private long _releasedByDisposed;

    public TrimmingBlockPoolFactory(IOptions<TransportPoolOptions> options, TimeProvider time, IMeterFactory meters)
    {
        var interval = options.Value.KeepUnusedFor / TrimmingBlockPool.TrimsPerWindow;
        _timer = time.CreateTimer(_ => TrimAll(), null, interval, interval);
        // The meter belongs to the meter factory (it disposes it with the container).
        var meter = meters.Create(LiveMetrics.MeterName);
        meter.CreateObservableUpDownCounter("liveinteract.transport_pool.pooled", () => (long)_pools.Keys.Sum(p => p.FreeBlocks) * TrimmingBlockPool.BlockSize,
            "By", "Free 4 KiB blocks the transport's memory pools hold (what is left of the last burst until it goes unused for TransportPool:KeepUnusedFor)");
        meter.CreateObservableCounter("liveinteract.transport_pool.allocated", () => (Interlocked.Read(ref _allocatedByDisposed) + _pools.Keys.Sum(p => p.AllocatedBlocks)) * TrimmingBlockPool.BlockSize,
            "By", "Blocks the transport's memory pools allocated (a rent that found no free block)");
        meter.CreateObservableCounter("liveinteract.transport_pool.released", () => (Interlocked.Read(ref _releasedByDisposed) + _pools.Keys.Sum(p => p.ReleasedBlocks)) * TrimmingBlockPool.BlockSize,
            "By", "Free blocks the trims gave back to the GC");
    }

    /// <summary>The pools made so far and not disposed.</summary>
    public IReadOnlyCollection<TrimmingBlockPool> Pools => _pools.Keys.ToList();

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new TrimmingBlockPool();
        pool.Disposed = p =>
        {
            if (!_pools.TryRemove(p, out _)) return;
            Interlocked.Add(ref _allocatedByDisposed, p.AllocatedBlocks);
            Interlocked.Add(ref _releasedByDisposed, p.ReleasedBlocks);
        };
        _pools.TryAdd(pool, 0);
        return pool;
    }

    /// <summary>Trims every pool once (the timer's work); returns the blocks released.</summary>
    public int TrimAll() => _pools.Keys.Sum(p => p.Trim());

    public void Dispose() => _timer.Dispose();
}
