using LiveInteract.Contracts.Moderation;

namespace LiveInteract.Grains.Rooms;

/// <summary>A room's moderation ("room-moderation" state), written only when a moderation action changes it.</summary>
[GenerateSerializer, Alias("li.RoomModerationState")]
public sealed class RoomModerationState
{
    [Id(0)] public HashSet<string> Moderators { get; set; } = [];
    [Id(1)] public HashSet<string> Banned { get; set; } = [];
    /// <summary>User id to the unix ms their mute ends; expired entries are pruned on the next mute.</summary>
    [Id(2)] public Dictionary<string, long> MutedUntil { get; set; } = [];
    [Id(3)] public int SlowModeSeconds { get; set; }
    [Id(4)] public List<string> BlockedWords { get; set; } = [];
    /// <summary>The audit log, oldest first, bounded by Moderation:AuditCapacity.</summary>
    [Id(5)] public List<ModerationRecord> Audit { get; set; } = [];
    [Id(6)] public long LastAuditId { get; set; }
    /// <summary>Comments the keyword filter held for review (blocked-words action Hold), bounded by Moderation:MaxHeldComments.</summary>
    [Id(7)] public Interactive.HeldComments Held { get; set; } = new();
    /// <summary>Device id to the banned user who used it (ban evasion), bounded by Risk:MaxBannedDevices.</summary>
    [Id(8)] public Dictionary<string, string> BannedDevices { get; set; } = new(StringComparer.Ordinal);
}
