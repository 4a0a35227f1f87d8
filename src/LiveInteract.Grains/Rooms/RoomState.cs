using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Rooms;

/// <summary>What a room persists. <see cref="Recent"/> is the replay ring buffer, oldest first.</summary>
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
    [Id(7)] public long LastSeq { get; set; }
    [Id(8)] public long Likes { get; set; }
    [Id(9)] public long Comments { get; set; }
    [Id(10)] public List<RoomEvent> Recent { get; set; } = [];
    [Id(11)] public List<FilterSpec> Filters { get; set; } = [];
    [Id(12)] public GiftBoard Gifts { get; set; } = new();
    [Id(13)] public RoomBattle? Battle { get; set; }
}
