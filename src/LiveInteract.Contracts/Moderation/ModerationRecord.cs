namespace LiveInteract.Contracts.Moderation;

/// <summary>
/// One audited moderation action: who (<see cref="ActorId"/>), when (<see cref="At"/>, unix ms), what
/// (<see cref="Action"/>, one of <see cref="ModerationActions"/>), to whom and with which detail.
/// <see cref="Id"/> increases by one per record in a room.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.ModerationRecord")]
public sealed record ModerationRecord(
    [property: Id(0)] long Id,
    [property: Id(1)] long At,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string ActorName,
    [property: Id(4)] string Action,
    [property: Id(5)] string? TargetUserId,
    [property: Id(6)] string? Detail);

/// <summary>A page of the audit log, newest first. Pass <see cref="NextBefore"/> as <c>before</c> for the next page (null: no more).</summary>
[GenerateSerializer, Immutable, Alias("li.ModerationPage")]
public sealed record ModerationPage(
    [property: Id(0)] IReadOnlyList<ModerationRecord> Items,
    [property: Id(1)] long? NextBefore);

/// <summary>The stable names of audited actions.</summary>
public static class ModerationActions
{
    public const string Mute = "mute";
    public const string Ban = "ban";
    public const string Unban = "unban";
    public const string DeleteComment = "delete_comment";
    public const string SlowMode = "slow_mode";
    public const string AddModerator = "add_moderator";
    public const string RemoveModerator = "remove_moderator";
    public const string BlockedWords = "blocked_words";
    /// <summary>The keyword filter held a comment (the actor is the author; the detail is the held text).</summary>
    public const string CommentHeld = "comment_held";
    /// <summary>A held comment was published by the creator or a moderator (target: the author; detail: the held id).</summary>
    public const string ApproveComment = "approve_comment";
    /// <summary>A held comment was dropped by the creator or a moderator (target: the author; detail: the held id).</summary>
    public const string RejectComment = "reject_comment";
}
