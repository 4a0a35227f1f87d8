namespace LiveInteract.Grains.Insights;

/// <summary>
/// One live's analytics as stored ("room-insights" state of <see cref="RoomInsightsGrain"/>): headline sums, minute
/// buckets and per-viewer, per-gift and per-gifter tallies. Every collection has a bound (<see cref="InsightsOptions"/>).
/// </summary>
[GenerateSerializer, Alias("li.RoomInsightsState")]
public sealed class RoomInsightsState
{
    [Id(0)] public string CreatorId { get; set; } = "";
    [Id(1)] public string CreatorName { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public long? StartedAt { get; set; }
    [Id(4)] public long? EndedAt { get; set; }
    /// <summary>The last room seq applied (events at or below it are not counted again).</summary>
    [Id(5)] public long LastSeq { get; set; }
    /// <summary>The room's like counter as last seen; likes per minute are its increases.</summary>
    [Id(6)] public long LastLikes { get; set; }
    [Id(7)] public List<MinuteBucket> Minutes { get; set; } = [];
    [Id(8)] public Dictionary<string, ViewerRecord> Viewers { get; set; } = new(StringComparer.Ordinal);
    [Id(9)] public bool ViewersCapped { get; set; }
    [Id(10)] public Dictionary<string, GiftTally> Gifts { get; set; } = new(StringComparer.Ordinal);
    [Id(11)] public Dictionary<string, GiftTally> Gifters { get; set; } = new(StringComparer.Ordinal);
    [Id(12)] public Dictionary<string, int> Moderation { get; set; } = new(StringComparer.Ordinal);
    [Id(13)] public long Comments { get; set; }
    [Id(14)] public long Likes { get; set; }
    [Id(15)] public long GiftCount { get; set; }
    [Id(16)] public long GiftCoins { get; set; }
    [Id(17)] public long ViewerMs { get; set; }
    [Id(18)] public int PeakViewers { get; set; }
    /// <summary>The live's figures reached the creator's history (<see cref="CreatorInsightsGrain"/>).</summary>
    [Id(19)] public bool Summarized { get; set; }
    /// <summary>When activity was first seen (the live's start when the start event was missed).</summary>
    [Id(20)] public long FirstActivityAt { get; set; }
    /// <summary>When the figures were last stored: sessions still open then are closed at this time on reactivation.</summary>
    [Id(21)] public long StoredAt { get; set; }
    /// <summary>Retention ran: viewer and gifter records are anonymous (docs/PRIVACY.md).</summary>
    [Id(22)] public bool ViewersExpired { get; set; }
    /// <summary>The live's polls, oldest first (at most <see cref="InsightsOptions.MaxPolls"/>, the oldest dropped).</summary>
    [Id(23)] public List<PollRecord> Polls { get; set; } = [];
    [Id(24)] public long QuestionsAsked { get; set; }
    [Id(25)] public long QuestionsAnswered { get; set; }
    /// <summary>Questions by id (at most <see cref="InsightsOptions.MaxQuestionsTracked"/>): upvotes, and for answered ones the text.</summary>
    [Id(26)] public Dictionary<string, QuestionRecord> Questions { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The live's goals, oldest first (at most <see cref="InsightsOptions.MaxGoals"/>, the oldest dropped).</summary>
    [Id(27)] public List<GoalRecord> Goals { get; set; } = [];
}

/// <summary>One poll: counts are the last tally, final once <see cref="EndedAt"/> is set.</summary>
[GenerateSerializer, Alias("li.PollRecord")]
public sealed class PollRecord
{
    [Id(0)] public string PollId { get; set; } = "";
    [Id(1)] public string Question { get; set; } = "";
    [Id(2)] public List<string> Options { get; set; } = [];
    [Id(3)] public List<long> Counts { get; set; } = [];
    [Id(4)] public long Total { get; set; }
    /// <summary>The winning option, or each tied one; empty while open or when nobody voted.</summary>
    [Id(5)] public List<int> Winners { get; set; } = [];
    [Id(6)] public long StartedAt { get; set; }
    [Id(7)] public long? EndedAt { get; set; }
}

/// <summary>
/// One question: its upvotes; once answered, when, its text and who asked it (only so that erasing the asker removes
/// the text: the asker is never shown). Unanswered questions keep neither.
/// </summary>
[GenerateSerializer, Alias("li.QuestionRecord")]
public sealed class QuestionRecord
{
    [Id(0)] public long Votes { get; set; }
    [Id(1)] public long? AnsweredAt { get; set; }
    [Id(2)] public string Text { get; set; } = "";
    [Id(3)] public string AskerId { get; set; } = "";
}

/// <summary>One goal: target, the progress last published, reached and when.</summary>
[GenerateSerializer, Alias("li.GoalRecord")]
public sealed class GoalRecord
{
    [Id(0)] public string GoalId { get; set; } = "";
    [Id(1)] public string Kind { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public long Target { get; set; }
    [Id(4)] public long Progress { get; set; }
    [Id(5)] public bool Reached { get; set; }
    [Id(6)] public long? ReachedAt { get; set; }
    [Id(7)] public long SetAt { get; set; }
}

/// <summary>One minute: <see cref="Minute"/> is its start (unix ms).</summary>
[GenerateSerializer, Alias("li.MinuteBucket")]
public sealed class MinuteBucket
{
    [Id(0)] public long Minute { get; set; }
    [Id(1)] public int PeakViewers { get; set; }
    [Id(2)] public long ViewerMs { get; set; }
    [Id(3)] public int Joins { get; set; }
    [Id(4)] public long Comments { get; set; }
    [Id(5)] public long Likes { get; set; }
    [Id(6)] public long Gifts { get; set; }
    [Id(7)] public long GiftCoins { get; set; }
    [Id(8)] public int ModerationActions { get; set; }
}

/// <summary>One viewer of one live: when first seen, watch time of finished sessions, the open session, new or returning.</summary>
[GenerateSerializer, Alias("li.ViewerRecord")]
public sealed class ViewerRecord
{
    [Id(0)] public long FirstSeenAt { get; set; }
    [Id(1)] public long WatchMs { get; set; }
    [Id(2)] public long? OpenSince { get; set; }
    /// <summary>Null until the creator's history answered.</summary>
    [Id(3)] public bool? Returning { get; set; }
}

/// <summary>Count and coins of one gift type or one gifter (with the name last seen).</summary>
[GenerateSerializer, Alias("li.GiftTally")]
public sealed class GiftTally
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public long Count { get; set; }
    [Id(2)] public long Coins { get; set; }
}
