using Orleans.Concurrency;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Grains;

/// <summary>
/// One live room, keyed by room id. Holds title, creator, status, counters, the event sequence and a
/// bounded ring buffer of recent events. Authorization for creator actions is checked here too, so a
/// direct grain call cannot bypass the hub.
/// </summary>
[Alias("li.IRoomGrain")]
public interface IRoomGrain : IGrainWithStringKey, IRoomGifts
{
    [Alias("Create")] Task<RoomSnapshot> Create(Actor creator, string title);
    [Alias("Start")] Task<RoomSnapshot> Start(Actor actor);
    [Alias("End")] Task<RoomSnapshot> End(Actor actor);

    /// <summary>The room with the buffered events after <paramref name="afterSeq"/> up to <paramref name="upToSeq"/>.</summary>
    [Alias("GetSnapshot"), ReadOnly] Task<RoomSnapshot> GetSnapshot(long? afterSeq, long? upToSeq);

    /// <summary>Buffered events with <paramref name="fromSeq"/> &lt;= seq &lt;= <paramref name="toSeq"/> (a relay filling a gap).</summary>
    [Alias("GetEvents"), ReadOnly] Task<IReadOnlyList<RoomEvent>> GetEvents(long fromSeq, long toSeq);

    [Alias("SendComment")] Task<CommentReceipt> SendComment(Actor actor, string text);

    [Alias("SetFilters")] Task SetFilters(Actor actor, IReadOnlyList<FilterSpec> filters);

    /// <summary>
    /// A silo's relay reports its local viewers and the likes its viewers sent since the last report.
    /// Called a few times a second per silo, never per viewer or per tap.
    /// </summary>
    [Alias("ReportSilo")] Task ReportSilo(string siloId, int viewers, long likes);

    /// <summary>
    /// Subscribes a silo's relay. Returns the last seq: the relay forwards everything after it.
    /// Subscriptions expire; relays re-subscribe periodically.
    /// </summary>
    [Alias("Subscribe")] Task<long> Subscribe(string siloId, IRoomFanout relay);
    [Alias("Unsubscribe")] Task Unsubscribe(string siloId);
}
