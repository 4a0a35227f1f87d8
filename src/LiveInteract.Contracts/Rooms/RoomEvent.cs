using System.Text.Json.Serialization;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Interactive;

namespace LiveInteract.Contracts.Rooms;

/// <summary>
/// One sequenced event in a room. Every event a viewer sees carries <see cref="Seq"/> (per room,
/// strictly increasing, no gaps), <see cref="Type"/>, <see cref="At"/> (unix ms), the acting user and its payload.
/// On the wire (SignalR JSON) the payload fields sit beside these and <c>type</c> names the shape.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.RoomEvent")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CommentEvent), EventTypes.Comment)]
[JsonDerivedType(typeof(RoomStatusEvent), EventTypes.RoomStatus)]
[JsonDerivedType(typeof(FiltersChangedEvent), EventTypes.Filters)]
[JsonDerivedType(typeof(CommentDeletedEvent), EventTypes.CommentDeleted)]
[JsonDerivedType(typeof(UserMutedEvent), EventTypes.UserMuted)]
[JsonDerivedType(typeof(UserBannedEvent), EventTypes.UserBanned)]
[JsonDerivedType(typeof(UserUnbannedEvent), EventTypes.UserUnbanned)]
[JsonDerivedType(typeof(SlowModeEvent), EventTypes.SlowMode)]
[JsonDerivedType(typeof(ModeratorAddedEvent), EventTypes.ModeratorAdded)]
[JsonDerivedType(typeof(ModeratorRemovedEvent), EventTypes.ModeratorRemoved)]
[JsonDerivedType(typeof(BlockedWordsChangedEvent), EventTypes.BlockedWords)]
[JsonDerivedType(typeof(GiftEvent), EventTypes.Gift)]
[JsonDerivedType(typeof(GiftBoardEvent), EventTypes.GiftBoard)]
[JsonDerivedType(typeof(BattleEvent), EventTypes.Battle)]
[JsonDerivedType(typeof(PollStartedEvent), EventTypes.PollStarted)]
[JsonDerivedType(typeof(PollTallyEvent), EventTypes.PollTally)]
[JsonDerivedType(typeof(PollEndedEvent), EventTypes.PollEnded)]
[JsonDerivedType(typeof(QuestionEvent), EventTypes.Question)]
[JsonDerivedType(typeof(QuestionVotesEvent), EventTypes.QuestionVotes)]
[JsonDerivedType(typeof(PinnedEvent), EventTypes.Pinned)]
[JsonDerivedType(typeof(UnpinnedEvent), EventTypes.Unpinned)]
[JsonDerivedType(typeof(GoalEvent), EventTypes.Goal)]
[JsonDerivedType(typeof(GoalReachedEvent), EventTypes.GoalReached)]
[JsonDerivedType(typeof(GoalClearedEvent), EventTypes.GoalCleared)]
[JsonDerivedType(typeof(EffectEvent), EventTypes.Effect)]
[JsonDerivedType(typeof(GiftEffectsChangedEvent), EventTypes.GiftEffects)]
public abstract record RoomEvent
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public long At { get; init; }
    [Id(2)] public string? UserId { get; init; }
    [Id(3)] public string? DisplayName { get; init; }
}

/// <summary>The stable wire names of event types (the JSON <c>type</c> discriminator).</summary>
public static class EventTypes
{
    public const string Comment = "comment";
    public const string RoomStatus = "status";
    public const string Filters = "filters";
    public const string CommentDeleted = "comment_deleted";
    public const string UserMuted = "user_muted";
    public const string UserBanned = "user_banned";
    public const string UserUnbanned = "user_unbanned";
    public const string SlowMode = "slow_mode";
    public const string ModeratorAdded = "moderator_added";
    public const string ModeratorRemoved = "moderator_removed";
    public const string BlockedWords = "blocked_words";
    public const string Gift = "gift";
    public const string GiftBoard = "gift_board";
    public const string Battle = "battle";
    public const string PollStarted = "poll_started";
    public const string PollTally = "poll_tally";
    public const string PollEnded = "poll_ended";
    public const string Question = "question";
    public const string QuestionVotes = "question_votes";
    public const string Pinned = "pinned";
    public const string Unpinned = "unpinned";
    public const string Goal = "goal";
    public const string GoalReached = "goal_reached";
    public const string GoalCleared = "goal_cleared";
    public const string Effect = "effect";
    public const string GiftEffects = "gift_effects";
}

/// <summary>A viewer's chat message. <see cref="Text"/> is already sanitised and is always plain text, never HTML.</summary>
[GenerateSerializer, Immutable, Alias("li.CommentEvent")]
public sealed record CommentEvent([property: Id(0)] string CommentId, [property: Id(1)] string Text) : RoomEvent;

/// <summary>The room went live or ended. After <see cref="RoomStatus.Ended"/> the room refuses new events.</summary>
[GenerateSerializer, Immutable, Alias("li.RoomStatusEvent")]
public sealed record RoomStatusEvent([property: Id(0)] RoomStatus Status) : RoomEvent;

/// <summary>The creator changed the AR filter chain applied to the room's video.</summary>
[GenerateSerializer, Immutable, Alias("li.FiltersChangedEvent")]
public sealed record FiltersChangedEvent([property: Id(0)] IReadOnlyList<FilterSpec> Filters) : RoomEvent;
