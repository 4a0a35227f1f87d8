namespace LiveInteract.Contracts.Webhooks;

/// <summary>The event types an operator can subscribe a webhook endpoint to (names are the protocol).</summary>
public static class WebhookEventTypes
{
    public const string RoomStarted = "room.started";
    public const string RoomEnded = "room.ended";
    public const string GiftReceived = "gift.received";
    public const string UserBanned = "user.banned";
    public const string CommentHeld = "comment.held";
    public const string PollEnded = "poll.ended";
    public const string GoalReached = "goal.reached";

    /// <summary>An at-risk signal fired (docs/INSIGHTS.md, "Risk signals").</summary>
    public const string RiskFlagged = "risk.flagged";

    public static IReadOnlyList<string> All { get; } = [RoomStarted, RoomEnded, GiftReceived, UserBanned, CommentHeld, PollEnded, GoalReached, RiskFlagged];
}
