using System.Threading.Channels;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Feeds;

/// <summary>
/// One joined room's view of the event stream: hands each seq to the app once, in order.
/// Events the hub pushes while a <c>JoinRoom</c> is in flight can arrive before its result (the
/// connection joins the room's group before the snapshot is read), so they wait here, sorted by seq,
/// and are merged with the snapshot's events when it arrives. Everything runs under one lock and
/// writes to an unbounded channel, so the order the app sees is the order decided here.
/// </summary>
internal sealed class RoomFeed(string roomId, long? resumeAfter, ChannelWriter<LiveUpdate> output)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, RoomEvent> _early = [];
    private long? _lastDelivered = resumeAfter;
    private RoomCounters? _earlyCounters;
    private bool _joining;
    private bool _joinedOnce;

    public string RoomId { get; } = roomId;

    /// <summary>The seq to rejoin from: the last one handed to the app (null: never joined, no history asked).</summary>
    public long? LastSeq
    {
        get { lock (_lock) return _lastDelivered; }
    }

    public void BeginJoin()
    {
        lock (_lock)
        {
            _joining = true;
            _early.Clear();
            _earlyCounters = null;
        }
    }

    /// <summary>The join failed: stop holding events back.</summary>
    public void AbortJoin()
    {
        lock (_lock)
        {
            _joining = false;
            Deliver(_early.Values);
            _early.Clear();
        }
    }

    public void CompleteJoin(RoomSnapshot snapshot)
    {
        lock (_lock)
        {
            _joining = false;
            var rejoined = _joinedOnce;
            _joinedOnce = true;
            output.TryWrite(new RoomJoinedUpdate(RoomId, snapshot, rejoined));
            if (!snapshot.ReplayComplete && _lastDelivered is { } last)
            {
                var firstKnown = snapshot.Events.Count > 0 ? snapshot.Events[0].Seq : snapshot.LastSeq + 1;
                if (firstKnown > last + 1) output.TryWrite(new EventsMissedUpdate(RoomId, last + 1, firstKnown - 1));
                _lastDelivered = firstKnown - 1;
            }
            Deliver(snapshot.Events);
            // The snapshot covers everything up to its LastSeq, even when it carried no events.
            if (_lastDelivered is null || snapshot.LastSeq > _lastDelivered) _lastDelivered = snapshot.LastSeq;
            Deliver(_early.Values);
            _early.Clear();
            output.TryWrite(new CountersUpdate(RoomId, _earlyCounters ?? snapshot.Counters));
            _earlyCounters = null;
        }
    }

    public void OnBatch(EventBatch batch)
    {
        lock (_lock)
        {
            if (_joining)
            {
                foreach (var e in batch.Events) _early.TryAdd(e.Seq, e);
                if (batch.Counters is not null) _earlyCounters = batch.Counters;
                return;
            }
            Deliver(batch.Events);
            if (batch.Counters is not null) output.TryWrite(new CountersUpdate(RoomId, batch.Counters));
            if (batch.Sampled > 0) output.TryWrite(new CommentsSampledUpdate(RoomId, batch.Sampled));
        }
    }

    // Caller holds the lock. Input is in seq order (batches, snapshots and the sorted early buffer all are).
    private void Deliver(IEnumerable<RoomEvent> events)
    {
        foreach (var e in events)
        {
            if (_lastDelivered is { } last)
            {
                if (e.Seq <= last) continue; // seen already (replayed after a reconnect, or pushed and in the snapshot)
                if (e.Seq > last + 1) output.TryWrite(new EventsMissedUpdate(RoomId, last + 1, e.Seq - 1));
            }
            output.TryWrite(new RoomEventUpdate(RoomId, e));
            _lastDelivered = e.Seq;
        }
    }
}
