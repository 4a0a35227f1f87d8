namespace LiveInteract.Contracts.Insights;

/// <summary>
/// One live's analytics (<c>GET /api/rooms/{roomId}/insights</c>): headline figures, one bucket per minute of the live
/// and the breakdowns. Built from the room's events and counters as they were stored (docs/INSIGHTS.md).
/// Times are unix ms; watch time in ms.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.RoomInsights")]
public sealed record RoomInsights(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string CreatorId,
    [property: Id(2)] string Title,
    [property: Id(3)] long? StartedAt,
    [property: Id(4)] long? EndedAt,
    [property: Id(5)] LiveHeadline Headline,
    [property: Id(6)] IReadOnlyList<InsightsMinute> Minutes,
    [property: Id(7)] IReadOnlyList<GiftTotal> GiftsByType,
    [property: Id(8)] IReadOnlyList<GifterTotal> TopGifters,
    [property: Id(9)] IReadOnlyList<ModerationCount> Moderation,
    /// <summary>True when more distinct viewers came than <c>Insights:MaxViewersTracked</c>: the viewer figures cover the first ones.</summary>
    [property: Id(10)] bool ViewersCapped,
    /// <summary>Viewers in the room now (0 after the live ended).</summary>
    [property: Id(11)] int CurrentViewers,
    /// <summary>The live's polls, oldest first (the newest <c>Insights:MaxPolls</c>).</summary>
    [property: Id(12)] IReadOnlyList<PollOutcome> Polls,
    [property: Id(13)] QuestionsOutcome Questions,
    /// <summary>The live's goals, oldest first (the newest <c>Insights:MaxGoals</c>).</summary>
    [property: Id(14)] IReadOnlyList<GoalOutcome> Goals);

/// <summary>The headline figures of one live (also one line of <c>GET /api/creators/{userId}/lives</c>).</summary>
[GenerateSerializer, Immutable, Alias("li.LiveHeadline")]
public sealed record LiveHeadline(
    [property: Id(0)] int PeakViewers,
    [property: Id(1)] double AverageViewers,
    [property: Id(2)] int UniqueViewers,
    [property: Id(3)] long AverageWatchMs,
    [property: Id(4)] int NewViewers,
    [property: Id(5)] int ReturningViewers,
    [property: Id(6)] long Comments,
    [property: Id(7)] long Likes,
    [property: Id(8)] long Gifts,
    [property: Id(9)] long GiftCoins,
    [property: Id(10)] long ViewerMinutes,
    [property: Id(11)] long DeletedComments,
    [property: Id(12)] long Bans,
    [property: Id(13)] long Mutes,
    [property: Id(14)] long DurationMs);

/// <summary>One minute of a live: <see cref="Minute"/> is its start (unix ms, a whole minute).</summary>
[GenerateSerializer, Immutable, Alias("li.InsightsMinute")]
public sealed record InsightsMinute(
    [property: Id(0)] long Minute,
    [property: Id(1)] int PeakViewers,
    [property: Id(2)] double AverageViewers,
    [property: Id(3)] int Joins,
    [property: Id(4)] long Comments,
    [property: Id(5)] long Likes,
    [property: Id(6)] long Gifts,
    [property: Id(7)] long GiftCoins,
    [property: Id(8)] int ModerationActions);

[GenerateSerializer, Immutable, Alias("li.GiftTotal")]
public sealed record GiftTotal([property: Id(0)] string GiftId, [property: Id(1)] string Name, [property: Id(2)] long Count, [property: Id(3)] long Coins);

[GenerateSerializer, Immutable, Alias("li.GifterTotal")]
public sealed record GifterTotal([property: Id(0)] string UserId, [property: Id(1)] string DisplayName, [property: Id(2)] long Coins, [property: Id(3)] long Gifts);

/// <summary>How many moderation actions of one kind (the room event type: user_banned, comment_deleted, ...).</summary>
[GenerateSerializer, Immutable, Alias("li.ModerationCount")]
public sealed record ModerationCount([property: Id(0)] string Action, [property: Id(1)] int Count);
