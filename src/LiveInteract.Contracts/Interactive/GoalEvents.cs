using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Interactive;

/// <summary>
/// The room's LIVE goal (set, or its progress moved). Progress events are throttled to a few per second
/// (<c>Interactive:GoalEventInterval</c>); the last one always follows.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.GoalEvent")]
public sealed record GoalEvent([property: Id(0)] GoalView Goal) : RoomEvent;

/// <summary>The goal's progress reached its target. Sent exactly once per goal.</summary>
[GenerateSerializer, Immutable, Alias("li.GoalReachedEvent")]
public sealed record GoalReachedEvent([property: Id(0)] GoalView Goal) : RoomEvent;

/// <summary>The creator removed the goal.</summary>
[GenerateSerializer, Immutable, Alias("li.GoalClearedEvent")]
public sealed record GoalClearedEvent([property: Id(0)] string GoalId) : RoomEvent;
