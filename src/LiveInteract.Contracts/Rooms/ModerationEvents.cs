namespace LiveInteract.Contracts.Rooms;

// Moderation events. UserId/DisplayName (on RoomEvent) name the moderator who acted; the target is in the payload.

/// <summary>A comment was removed by the creator or a moderator: clients drop the comment with <see cref="CommentId"/>.</summary>
[GenerateSerializer, Immutable, Alias("li.CommentDeletedEvent")]
public sealed record CommentDeletedEvent([property: Id(0)] string CommentId) : RoomEvent;

/// <summary>A user's comments are refused until <see cref="Until"/> (unix ms).</summary>
[GenerateSerializer, Immutable, Alias("li.UserMutedEvent")]
public sealed record UserMutedEvent([property: Id(0)] string TargetUserId, [property: Id(1)] long Until) : RoomEvent;

/// <summary>A user was banned from the room: every silo drops their connections to it; they cannot rejoin, comment, like or gift.</summary>
[GenerateSerializer, Immutable, Alias("li.UserBannedEvent")]
public sealed record UserBannedEvent([property: Id(0)] string TargetUserId) : RoomEvent;

[GenerateSerializer, Immutable, Alias("li.UserUnbannedEvent")]
public sealed record UserUnbannedEvent([property: Id(0)] string TargetUserId) : RoomEvent;

/// <summary>Slow mode changed: each viewer may comment once per <see cref="Seconds"/> (0 = off).</summary>
[GenerateSerializer, Immutable, Alias("li.SlowModeEvent")]
public sealed record SlowModeEvent([property: Id(0)] int Seconds) : RoomEvent;

[GenerateSerializer, Immutable, Alias("li.ModeratorAddedEvent")]
public sealed record ModeratorAddedEvent([property: Id(0)] string TargetUserId) : RoomEvent;

[GenerateSerializer, Immutable, Alias("li.ModeratorRemovedEvent")]
public sealed record ModeratorRemovedEvent([property: Id(0)] string TargetUserId) : RoomEvent;

/// <summary>The creator changed the keyword filter. Only the number of words is published, never the words.</summary>
[GenerateSerializer, Immutable, Alias("li.BlockedWordsChangedEvent")]
public sealed record BlockedWordsChangedEvent([property: Id(0)] int Count) : RoomEvent;
