using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Rooms.Log;

/// <summary>
/// A room's append-only event log: one entry per event, keyed by (room, seq). A tick writes only its new events, so
/// the cost of a write is the tick's news, not the room's history. Writing an existing seq again replaces it, which
/// makes a retried append idempotent and lets a deleted comment's text be scrubbed.
/// SQLite table <c>room_events</c> in Local, a Redis sorted set per room in Cluster.
/// </summary>
public interface IRoomEventLog
{
    /// <summary>
    /// Stores <paramref name="events"/> (ascending seq) and drops the room's entries with seq &lt;=
    /// <paramref name="dropUpToSeq"/> (retention). Returns the bytes of event payload written.
    /// </summary>
    Task<long> Append(string roomId, IReadOnlyList<RoomEvent> events, long dropUpToSeq);

    /// <summary>Events with <paramref name="afterSeq"/> &lt; seq &lt;= <paramref name="upToSeq"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RoomEvent>> Read(string roomId, long afterSeq, long upToSeq, int max);

    /// <summary>The newest <paramref name="count"/> events, oldest first (what a room loads into memory on activation).</summary>
    Task<IReadOnlyList<RoomEvent>> ReadLatest(string roomId, int count);
}
