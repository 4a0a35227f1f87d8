using LiveInteract.Contracts.Moderation;
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

    // Moderation (docs/MODERATION.md).
    [Id(12)] public HashSet<string> Moderators { get; set; } = [];
    [Id(13)] public HashSet<string> Banned { get; set; } = [];
    /// <summary>User id to the unix ms their mute ends; expired entries are pruned on the next mute.</summary>
    [Id(14)] public Dictionary<string, long> MutedUntil { get; set; } = [];
    [Id(15)] public int SlowModeSeconds { get; set; }
    [Id(16)] public List<string> BlockedWords { get; set; } = [];
    /// <summary>The audit log, oldest first, bounded by Moderation:AuditCapacity.</summary>
    [Id(17)] public List<ModerationRecord> Audit { get; set; } = [];
    [Id(18)] public long LastAuditId { get; set; }

    // Gifts (docs/GIFTS.md).
    [Id(19)] public GiftBoard Gifts { get; set; } = new();
    [Id(20)] public RoomBattle? Battle { get; set; }
}
