using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace LiveInteract.Server.Hosting;

/// <summary>
/// The 4 KiB pinned blocks Kestrel's socket transport and pipes rent (the same block size and pinning as Kestrel's own
/// pool), except that free blocks nobody needed for a while go back to the GC. A room broadcast writes to every viewer
/// at once and each write holds a block until its send runs, so after a burst the pool holds about one free block per
/// viewer; Kestrel's pool gives back ~1% of them every 10 s, this one all of those that stayed unused through the last
/// <see cref="TrimsPerWindow"/> calls of <see cref="Trim"/>. A room that keeps broadcasting keeps reusing them, so a
/// busy room allocates nothing new.
/// </summary>
public sealed class TrimmingBlockPool : MemoryPool<byte>
{
    public const int BlockSize = 4096;

    /// <summary>A free block is released once it stayed unused through this many trims in a row.</summary>
    public const int TrimsPerWindow = 4;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _freeCount;
    // The fewest free blocks there were since the last trim: that many went unused since then.
    private int _fewestFree;
    // The same figure for each of the last TrimsPerWindow trims (only Trim touches it, one caller at a time).
    private readonly int[] _fewestPerTrim = new int[TrimsPerWindow];
    private int _nextSlot;
    private long _allocated;
    private long _released;
    private volatile bool _disposed;

    public override int MaxBufferSize => BlockSize;

    /// <summary>Free blocks the pool holds now.</summary>
    public int FreeBlocks => Volatile.Read(ref _freeCount);

    /// <summary>Blocks allocated since the pool was made (a rent that found no free block).</summary>
    public long AllocatedBlocks => Interlocked.Read(ref _allocated);

    /// <summary>Free blocks given back to the GC by <see cref="Trim"/>.</summary>
    public long ReleasedBlocks => Interlocked.Read(ref _released);

    internal Action<TrimmingBlockPool>? Disposed { get; set; }

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_free.TryDequeue(out var block))
        {
            LowerFewestFree(Interlocked.Decrement(ref _freeCount));
            return block;
        }
        Volatile.Write(ref _fewestFree, 0);
        Interlocked.Increment(ref _allocated);
        return new Block(this);
    }

    /// <summary>
    /// Gives back to the GC as many free blocks as stayed unused through this and the previous
    /// <see cref="TrimsPerWindow"/> - 1 trims, and returns how many that was. Blocks in use are never touched; only free
    /// ones are dropped. Called by one caller at a time (the factory's timer).
    /// </summary>
    public int Trim()
    {
        _fewestPerTrim[_nextSlot] = Interlocked.Exchange(ref _fewestFree, Volatile.Read(ref _freeCount));
        _nextSlot = (_nextSlot + 1) % TrimsPerWindow;
        var unused = _fewestPerTrim.Min();
        var released = 0;
        while (released < unused && _free.TryDequeue(out _))
        {
            LowerFewestFree(Interlocked.Decrement(ref _freeCount));
            released++;
        }
        // The released blocks are gone from every earlier interval's count too.
        for (var i = 0; i < TrimsPerWindow; i++) _fewestPerTrim[i] = Math.Max(0, _fewestPerTrim[i] - released);
        Interlocked.Add(ref _released, released);
        return released;
    }

    private void Return(Block block)
    {
        if (_disposed) return;
        _free.Enqueue(block);
        Interlocked.Increment(ref _freeCount);
    }

    private void LowerFewestFree(int free)
    {
        var fewest = Volatile.Read(ref _fewestFree);
        while (free < fewest)
        {
            var seen = Interlocked.CompareExchange(ref _fewestFree, free, fewest);
            if (seen == fewest) return;
            fewest = seen;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed) return;
        _disposed = true;
        while (_free.TryDequeue(out _)) Interlocked.Decrement(ref _freeCount);
        Disposed?.Invoke(this);
    }

    /// <summary>One pinned block (the pinned object heap: sockets may hold it across an asynchronous send); disposing returns it.</summary>
    private sealed class Block(TrimmingBlockPool pool) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = MemoryMarshal.CreateFromPinnedArray(GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true), 0, BlockSize);

        public void Dispose() => pool.Return(this);
    }
}
