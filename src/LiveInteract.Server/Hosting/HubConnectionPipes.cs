using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using Microsoft.AspNetCore.Http.Connections;

namespace LiveInteract.Server.Hosting;

/// <summary>
/// Gives SignalR's connection pipes (hub to WebSocket transport and back) a memory pool. Without one they rent every
/// segment from <see cref="ArrayPool{T}.Shared"/>, which keeps a few dozen 4 KiB arrays per core: a relay's broadcast
/// writes one message into every viewer's pipe before the transport sends any of them, so each viewer's write rented a
/// newly allocated array, and at 10,000 viewers that allocation (and the collections it caused) was ~20% of the
/// server's CPU (docs/BENCHMARKS.md, issue 15, "Fan-out that regulates itself"). With the transport's trimming pool
/// the blocks are reused broadcast after broadcast and given back once unused, as Kestrel's socket blocks are.
/// <para>
/// <see cref="HttpConnectionDispatcherOptions"/> has no public setting for the pool, so this replaces its two private
/// <see cref="PipeOptions"/> fields with the same options plus the pool (the thresholds, schedulers and segment size
/// ASP.NET Core 10 sets). If a later ASP.NET Core renames them, <see cref="TryUsePool"/> returns false and nothing
/// changes; <c>HubConnectionPipesTests</c> fails so the upgrade notices.
/// </para>
/// </summary>
public static class HubConnectionPipes
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
    private static readonly FieldInfo? TransportField = typeof(HttpConnectionDispatcherOptions).GetField("_transportPipeOptions", Private);
    private static readonly FieldInfo? ApplicationField = typeof(HttpConnectionDispatcherOptions).GetField("_appPipeOptions", Private);

    /// <summary>
    /// Makes connections of this endpoint rent their pipe segments from <paramref name="pool"/>. Call last in the
    /// endpoint's options callback: setting <c>TransportMaxBufferSize</c> or <c>ApplicationMaxBufferSize</c> afterwards
    /// makes new pipe options without it. Returns false when this ASP.NET Core has no such fields.
    /// </summary>
    public static bool TryUsePool(HttpConnectionDispatcherOptions options, MemoryPool<byte> pool)
    {
        if (TransportField?.FieldType != typeof(PipeOptions) || ApplicationField?.FieldType != typeof(PipeOptions)) return false;
        TransportField.SetValue(options, WithPool(pool, options.TransportMaxBufferSize));
        ApplicationField.SetValue(options, WithPool(pool, options.ApplicationMaxBufferSize));
        return true;
    }

    // As HttpConnectionDispatcherOptions builds them (pause at the buffer size, resume at half; 0 means no limit), plus the pool.
    private static PipeOptions WithPool(MemoryPool<byte> pool, long maxBufferSize) => new(
        pool,
        readerScheduler: PipeScheduler.ThreadPool,
        writerScheduler: PipeScheduler.ThreadPool,
        pauseWriterThreshold: maxBufferSize,
        resumeWriterThreshold: maxBufferSize / 2,
        minimumSegmentSize: TrimmingBlockPool.BlockSize,
        useSynchronizationContext: false);
}
