using System.Collections.Concurrent;

namespace LiveInteract.Server.Relays;

/// <summary>
/// This silo's helpers for big rooms' broadcasts: a relay with many local viewers splits one message's hand-off over
/// <see cref="ShardsFor"/> slices of its viewers, does the first slice on its own loop and hands the others to these
/// threads, and waits for all of them before it does anything else (<see cref="Run"/>). Each viewer is in exactly one
/// slice, and the relay's next step (the next batch, a join, a leave, a ban) starts only after every slice of this one
/// is done, so a viewer's messages keep their order and the room's membership never changes during a broadcast.
/// <para>
/// Dedicated threads, not the thread pool: while a big room broadcasts, the pool's queue holds one socket-send work
/// item per viewer, and a slice queued behind them would start only after them (the broadcast would not be parallel).
/// The threads only ever run slices, which never wait on a socket (<see cref="ViewerOutbox.Send"/> returns at once).
/// </para>
/// </summary>
public sealed class FanoutWorkers : IDisposable
{
    private readonly BlockingCollection<Slice> _slices = [];
    private readonly int _shards;
    private readonly int _minViewersPerShard;
    private readonly Lock _lock = new();
    private readonly List<Thread> _threads = [];
    private bool _disposed;

    /// <param name="shards">Slices per broadcast at most (the relay's loop plus <c>shards - 1</c> threads); 1: no threads.</param>
    /// <param name="minViewersPerShard">Viewers per slice at least: below that a broadcast is not split.</param>
    public FanoutWorkers(int shards, int minViewersPerShard)
    {
        _shards = Math.Max(1, shards);
        _minViewersPerShard = Math.Max(1, minViewersPerShard);
    }

    /// <summary>From <see cref="RelayOptions.FanoutShards"/> (0: one per processor) and <see cref="RelayOptions.MinViewersPerShard"/>.</summary>
    public static FanoutWorkers From(RelayOptions options) =>
        new(options.FanoutShards > 0 ? options.FanoutShards : Environment.ProcessorCount, options.MinViewersPerShard);

    /// <summary>Slices one broadcast to <paramref name="viewers"/> viewers is split into.</summary>
    public int ShardsFor(int viewers) => Math.Clamp(viewers / _minViewersPerShard, 1, _shards);

    /// <summary>
    /// Calls <paramref name="send"/> for every index in [0, <paramref name="count"/>), split into <paramref name="shards"/>
    /// contiguous slices run at once (the first on the calling thread); returns when every slice is done.
    /// </summary>
    internal void Run(int count, int shards, Action<int, int> send)
    {
        if (shards <= 1 || count < 2)
        {
            send(0, count);
            return;
        }
        EnsureThreads(shards - 1);
        using var done = new CountdownEvent(shards - 1);
        var failures = new ConcurrentQueue<Exception>();
        for (var i = 1; i < shards; i++)
            _slices.Add(new Slice(count * i / shards, count * (i + 1) / shards, send, done, failures));
        try { send(0, count / shards); }
        finally { done.Wait(); }
        if (!failures.IsEmpty) throw new AggregateException(failures);
    }

    private void EnsureThreads(int wanted)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (_threads.Count < wanted)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = $"fanout-{_threads.Count + 1}" };
                _threads.Add(thread);
                thread.Start();
            }
        }
    }

    private void Work()
    {
        foreach (var slice in _slices.GetConsumingEnumerable())
        {
            try { slice.Send(slice.From, slice.To); }
            catch (Exception e) { slice.Failures.Enqueue(e); }
            finally { slice.Done.Signal(); }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _slices.CompleteAdding();
    }

    private sealed record Slice(int From, int To, Action<int, int> Send, CountdownEvent Done, ConcurrentQueue<Exception> Failures);
}
