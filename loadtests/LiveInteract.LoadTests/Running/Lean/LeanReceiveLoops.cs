using System.Net.Sockets;

namespace LiveInteract.LoadTests.Running.Lean;

/// <summary>
/// A few threads that read every lean viewer's socket: each waits on its share of the sockets with one poll
/// (<see cref="Socket.Select"/>) and lets each readable viewer parse what arrived into the thread's one receive buffer.
/// So 10,000 viewers cost a handful of threads and no task or buffer per viewer per event. One more thread sends a
/// SignalR ping on every open socket every <see cref="PingInterval"/> (the server closes a client silent for 30 s).
/// The run that starts them calls <see cref="Stop"/> when its viewers are closed.
/// </summary>
internal sealed class LeanReceiveLoops
{
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);
    private const int BufferSize = 64 * 1024;
    private readonly Shard[] _shards;
    private readonly Thread[] _threads;
    private readonly Thread _pinger;
    private readonly byte[] _ping;
    private volatile bool _stopped;
    private int _next;

    public LeanReceiveLoops(LeanProtocol protocol, int loops)
    {
        _ping = HubWire.Ping(protocol);
        _shards = [.. Enumerable.Range(0, loops).Select(_ => new Shard())];
        _threads = [.. _shards.Select((shard, i) => new Thread(() => Run(shard)) { IsBackground = true, Name = $"lean-receive-{i}" })];
        _pinger = new Thread(Ping) { IsBackground = true, Name = "lean-ping" };
        foreach (var thread in _threads) thread.Start();
        _pinger.Start();
    }

    public void Add(LeanViewer viewer)
    {
        var shard = _shards[(int)((uint)Interlocked.Increment(ref _next) % _shards.Length)];
        lock (shard.Gate)
        {
            shard.Viewers.Add(viewer);
            shard.Changed = true;
        }
    }

    private sealed class Shard
    {
        public readonly Lock Gate = new();
        public readonly List<LeanViewer> Viewers = [];
        public bool Changed;
    }

    private void Run(Shard shard)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
        var live = new List<LeanViewer>();
        var bySocket = new Dictionary<Socket, LeanViewer>();
        var ready = new List<Socket>();
        while (!_stopped)
        {
            lock (shard.Gate)
            {
                if (shard.Changed)
                {
                    // Drop closed viewers; pick up new ones.
                    shard.Viewers.RemoveAll(v => v.FailedBecause is not null || v.Socket.SafeHandle.IsClosed);
                    live.Clear();
                    live.AddRange(shard.Viewers);
                    bySocket.Clear();
                    foreach (var v in live) bySocket[v.Socket] = v;
                    shard.Changed = false;
                }
            }
            if (live.Count == 0)
            {
                Thread.Sleep(20);
                continue;
            }
            ready.Clear();
            foreach (var v in live) ready.Add(v.Socket);
            try
            {
                Socket.Select(ready, null, null, 50_000);
            }
            catch (ObjectDisposedException)
            {
                lock (shard.Gate) shard.Changed = true; // a socket closed under us: rebuild the list
                continue;
            }
            foreach (var socket in ready) bySocket[socket].OnReadable(buffer);
        }
    }

    private void Ping()
    {
        var next = DateTime.UtcNow + PingInterval;
        while (!_stopped)
        {
            Thread.Sleep(100);
            if (DateTime.UtcNow < next) continue;
            next += PingInterval;
            foreach (var shard in _shards)
            {
                LeanViewer[] viewers;
                lock (shard.Gate) viewers = [.. shard.Viewers];
                foreach (var v in viewers)
                    if (v.IsOpen) v.Send(_ping);
            }
        }
    }

    /// <summary>Stops the threads (the run closes the sockets itself).</summary>
    public void Stop()
    {
        _stopped = true;
        foreach (var thread in _threads) thread.Join();
        _pinger.Join();
    }
}
