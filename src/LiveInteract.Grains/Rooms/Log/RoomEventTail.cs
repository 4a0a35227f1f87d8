using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Rooms.Log;

/// <summary>
/// The newest events of a room's log, held in memory (oldest first, contiguous seqs), so replay, gap fills and new
/// viewers' history rarely touch storage. Bounded by <see cref="Capacity"/>; trimmed in chunks (one array shift per
/// ~1/8 capacity of events rather than one per event).
/// </summary>
public sealed class RoomEventTail(int capacity)
{
    private readonly List<RoomEvent> _events = [];

    public int Capacity { get; } = capacity;

    public int Count => _events.Count;

    /// <summary>The oldest seq held, or null when empty.</summary>
    public long? OldestSeq => _events.Count > 0 ? _events[0].Seq : null;

    public void Load(IEnumerable<RoomEvent> events)
    {
        _events.Clear();
        foreach (var e in events) Add(e);
    }

    public void Add(RoomEvent e)
    {
        // A gap (events lost from memory by a failed load) restarts the tail: seqs in it stay contiguous.
        if (_events.Count > 0 && e.Seq != _events[^1].Seq + 1) _events.Clear();
        _events.Add(e);
        if (_events.Count > Capacity + Capacity / 8) _events.RemoveRange(0, _events.Count - Capacity);
    }

    /// <summary>True when every seq in (after, upTo] that exists is held here.</summary>
    public bool Covers(long after) => _events.Count > 0 && after + 1 >= _events[0].Seq;

    /// <summary>Held events with after &lt; seq &lt;= upTo. Seqs are contiguous, so this is index arithmetic.</summary>
    public IReadOnlyList<RoomEvent> Slice(long after, long upTo)
    {
        if (_events.Count == 0 || upTo <= after) return [];
        var first = _events[0].Seq;
        var start = (int)Math.Clamp(after + 1 - first, 0, _events.Count);
        var end = (int)Math.Clamp(upTo + 1 - first, 0, _events.Count);
        return end > start ? _events.GetRange(start, end - start) : [];
    }

    public RoomEvent? Find(long seq)
    {
        if (_events.Count == 0) return null;
        var index = seq - _events[0].Seq;
        return index >= 0 && index < _events.Count ? _events[(int)index] : null;
    }

    /// <summary>Replaces the held event with the same seq (a scrubbed comment). False when it is not held.</summary>
    public bool Replace(RoomEvent e)
    {
        if (_events.Count == 0) return false;
        var index = e.Seq - _events[0].Seq;
        if (index < 0 || index >= _events.Count) return false;
        _events[(int)index] = e;
        return true;
    }
}
