using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Rooms;

/// <summary>What the keyword filter does with a comment that contains a blocked word.</summary>
public enum BlockedWordsAction
{
    /// <summary>The sender gets an error; nothing is published.</summary>
    Refuse = 0,
    /// <summary>The sender gets a receipt marked held; the comment is not published and goes to the audit log for moderators.</summary>
    Hold = 1,
}

/// <summary>Room moderation limits, bound from the "Moderation" section and validated at start-up.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    public BlockedWordsAction BlockedWordsAction { get; set; } = BlockedWordsAction.Refuse;

    [Range(1, 1000)] public int MaxBlockedWords { get; set; } = 200;

    [Range(1, 100)] public int MaxBlockedWordLength { get; set; } = 40;

    /// <summary>Audit records a room keeps (oldest dropped first).</summary>
    [Range(100, 1_000_000)] public int AuditCapacity { get; set; } = 10_000;

    [Range(1, 30 * 24 * 3600)] public int MaxMuteSeconds { get; set; } = 7 * 24 * 3600;

    [Range(1, 24 * 3600)] public int MaxSlowModeSeconds { get; set; } = 3600;

    /// <summary>How long a held comment waits for review (<c>ApproveComment</c> / <c>RejectComment</c>) before it is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan HeldCommentExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Moderators a room may have; adding one more is refused (remove one first).</summary>
    [Range(1, 10_000)] public int MaxModerators { get; set; } = 100;

    /// <summary>Users a room may have banned; banning one more is refused (a ban is never dropped silently).</summary>
    [Range(100, 1_000_000)] public int MaxBannedUsers { get; set; } = 10_000;

    /// <summary>Users a room may have muted at once (expired mutes are pruned first); muting one more is refused.</summary>
    [Range(100, 1_000_000)] public int MaxMutedUsers { get; set; } = 10_000;

    /// <summary>Held comments a room keeps for review; when full, the oldest is dropped.</summary>
    [Range(1, 100_000)] public int MaxHeldComments { get; set; } = 500;
}
