using LiveInteract.Contracts.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveInteract.Server.Relays;

/// <summary>
/// What one room's relay has handed to one viewer's connection and that connection has not flushed yet, with a byte
/// budget. Messages go out in order, one write at a time (SignalR serializes a connection's writes with a lock, but
/// keeps order only for one writer: so this queue, not the lock, is the order). The relay never waits here: a
/// healthy connection's write completes synchronously, as in SignalR's own group send; a write that does not is
/// finished in the background and the next messages queue behind it.
/// <para>
/// A viewer whose unflushed bytes would pass the budget is <em>lagged</em>: what is still queued is dropped and one
/// <c>Lagged(roomId, lastSeq)</c> is queued instead, where <c>lastSeq</c> is the last seq already handed to the
/// connection (everything up to it reaches the viewer before the message). From then on it gets nothing from this
/// room until it joins again with <c>lastSeq</c>, which replays the gap from the room and makes it live again
/// (<see cref="Resume"/>). Memory per stalled viewer is bounded by the budget plus one message.
/// </para>
/// </summary>
internal sealed class ViewerOutbox(HubConnectionContext connection, string roomId, long budgetBytes)
{
    private readonly Lock _lock = new();
    private readonly Queue<Outgoing> _queue = new();
    private long _unflushedBytes;
    private bool _writing;
    private bool _lagged;
    private bool _closed;
    // The highest seq handed to the connection (or covered by the join's snapshot): where a lagged viewer resumes.
    private long _handedThroughSeq;

    public HubConnectionContext Connection => connection;

    public bool Lagged
    {
        get { lock (_lock) return _lagged; }
    }

    /// <summary>Bytes handed to this outbox and not yet flushed by the connection.</summary>
    public long UnflushedBytes
    {
        get { lock (_lock) return _unflushedBytes; }
    }

    /// <summary>The viewer (re)joined: its snapshot covers everything up to <paramref name="coveredThroughSeq"/>; it is live again.</summary>
    public void Resume(long coveredThroughSeq)
    {
        lock (_lock)
        {
            if (_lagged)
            {
                // The Lagged notice, if not written yet, is stale now: the viewer is already rejoining.
                foreach (var item in _queue) _unflushedBytes -= item.Bytes;
                _queue.Clear();
                _lagged = false;
            }
            _handedThroughSeq = Math.Max(_handedThroughSeq, coveredThroughSeq);
        }
    }

    /// <summary>
    /// Queues a message that carries events up to <paramref name="throughSeq"/> (0: none). Dropped while lagged,
    /// unless <paramref name="essential"/> (room ended, kicked: sent once, tiny). Returns true when this message put
    /// the viewer over its budget (it is lagged from now on).
    /// </summary>
    public bool Send(SerializedHubMessage message, long throughSeq, bool essential = false)
    {
        var bytes = message.GetSerializedMessage(connection.Protocol).Length;
        var becameLagged = false;
        lock (_lock)
        {
            if (_closed || (_lagged && !essential)) return false;
            if (!_lagged && _writing && _unflushedBytes + bytes > budgetBytes)
            {
                becameLagged = true;
                _lagged = true;
                foreach (var item in _queue) _unflushedBytes -= item.Bytes;
                _queue.Clear();
                message = LaggedNotice(roomId, _handedThroughSeq);
                bytes = message.GetSerializedMessage(connection.Protocol).Length;
                throughSeq = 0;
            }
            _queue.Enqueue(new Outgoing(message, bytes, throughSeq));
            _unflushedBytes += bytes;
            if (_writing) return becameLagged;
            _writing = true;
        }
        Pump();
        return becameLagged;
    }

    /// <summary>
    /// The viewer left the room, was kicked or disconnected: nothing more is accepted. What is already queued (at most
    /// the budget; e.g. a Kicked notice behind the batch with the ban) still goes out; a closed connection ignores it.
    /// </summary>
    public void Close()
    {
        lock (_lock) _closed = true;
    }

    // Writes queued messages until one does not complete synchronously, which continues in the background.
    private void Pump()
    {
        while (true)
        {
            Outgoing next;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out next))
                {
                    _writing = false;
                    return;
                }
                if (next.ThroughSeq > _handedThroughSeq) _handedThroughSeq = next.ThroughSeq;
            }
            ValueTask write;
            try { write = connection.WriteAsync(next.Message); }
            catch (Exception) { write = ValueTask.CompletedTask; } // the connection is going away; its disconnect removes this viewer
            if (!write.IsCompleted)
            {
                _ = FinishInBackground(write, next.Bytes);
                return;
            }
            Flushed(next.Bytes);
        }
    }

    private async Task FinishInBackground(ValueTask write, int bytes)
    {
        try { await write.ConfigureAwait(false); }
        catch (Exception) { } // as above
        Flushed(bytes);
        Pump();
    }

    private void Flushed(int bytes)
    {
        lock (_lock) _unflushedBytes -= bytes;
    }

    internal static SerializedHubMessage LaggedNotice(string roomId, long lastSeq) =>
        new(new InvocationMessage(HubMethods.Lagged, [roomId, lastSeq]));

    private readonly record struct Outgoing(SerializedHubMessage Message, int Bytes, long ThroughSeq);
}
