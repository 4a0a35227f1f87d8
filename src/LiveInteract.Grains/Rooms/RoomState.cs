using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// The room's own record ("room" state): who, what, status and the few counters a tick may change. Small and of fixed
/// size: events live in the room log, moderation in <see cref="RoomModerationState"/>, gifts in <see cref="RoomGiftState"/>.
/// Rooms stored before the split carried the replay buffer, moderation sets and gift board here too (ids 10, 12-20):
/// those ids are no longer read, the serializer skips them, and such a room starts with empty moderation and board
/// (docs/ARCHITECTURE.md, "Old rooms").
/// </summary>
[GenerateSerializer, Alias("li.RoomState")]
public sealed class RoomState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public string CreatorId { get; set; } = "";
    [Id(2)] public string CreatorName { get; set; } = "";
    [Id(3)] public RoomStatus Status { get; set; }
    [Id(4)] public long CreatedAt { get; set; }
    [Id(5)] public long? StartedAt { get; set; }
    [Id(6)] public long? EndedAt { get; set; }
    /// <summary>The last seq this record knew of; on activation the log's newest seq wins when it is higher.</summary>
    [Id(7)] public long LastSeq { get; set; }
    [Id(8)] public long Likes { get; set; }
    [Id(9)] public long Comments { get; set; }
    [Id(11)] public List<FilterSpec> Filters { get; set; } = [];
}
