namespace LiveInteract.Contracts.Rooms;

/// <summary>
/// What a room sends to each silo's relay on one tick, and what a viewer receives in <c>Events</c>:
/// the new sequenced events (possibly none) and the running counters (null when this batch carries none).
/// </summary>
[GenerateSerializer, Immutable, Alias("li.EventBatch")]
public sealed record EventBatch(
    [property: Id(0)] string RoomId,
    [property: Id(1)] IReadOnlyList<RoomEvent> Events,
    [property: Id(2)] RoomCounters? Counters)
{
    /// <summary>
    /// Comments accepted since the previous batch but not shown: the room was over its display rate
    /// (<c>Rooms:CommentDisplayRate</c>) and sampled them. They are in the counters' comment total; they have no seq.
    /// </summary>
    [Id(3)] public int Sampled { get; init; }
}

/// <summary>Running totals; likes are summed per silo and flushed a few times a second, never sent per tap.</summary>
[GenerateSerializer, Immutable, Alias("li.RoomCounters")]
public sealed record RoomCounters(
    [property: Id(0)] int Viewers,
    [property: Id(1)] long Likes,
    [property: Id(2)] long Comments);
