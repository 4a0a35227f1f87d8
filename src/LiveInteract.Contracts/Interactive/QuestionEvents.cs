using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Interactive;

/// <summary>A viewer asked a question (UserId/DisplayName on the event are the asker). Text is sanitised plain text.</summary>
[GenerateSerializer, Immutable, Alias("li.QuestionEvent")]
public sealed record QuestionEvent(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] string Text) : RoomEvent;

/// <summary>The upvote counts of the questions that changed since the last one (batched: at most one event per room tick).</summary>
[GenerateSerializer, Immutable, Alias("li.QuestionVotesEvent")]
public sealed record QuestionVotesEvent([property: Id(0)] IReadOnlyList<QuestionVotes> Questions) : RoomEvent;

[GenerateSerializer, Immutable, Alias("li.QuestionVotes")]
public sealed record QuestionVotes([property: Id(0)] string QuestionId, [property: Id(1)] long Votes);

/// <summary>The room's pinned item changed (an answered question or a pinned comment); it replaces any earlier pin.</summary>
[GenerateSerializer, Immutable, Alias("li.PinnedEvent")]
public sealed record PinnedEvent([property: Id(0)] PinnedItem Item) : RoomEvent;

/// <summary>The pinned item was removed.</summary>
[GenerateSerializer, Immutable, Alias("li.UnpinnedEvent")]
public sealed record UnpinnedEvent : RoomEvent;
