using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Interactive;

// Poll events. UserId/DisplayName (on RoomEvent) name who started or ended the poll; null when it closed on its timer.

/// <summary>
/// The creator or a moderator opened a poll. Options are voted by index (0-based); the poll closes at
/// <see cref="EndsAt"/> (unix ms) unless <c>EndPoll</c> closes it first.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.PollStartedEvent")]
public sealed record PollStartedEvent(
    [property: Id(0)] string PollId,
    [property: Id(1)] string Question,
    [property: Id(2)] IReadOnlyList<string> Options,
    [property: Id(3)] long EndsAt) : RoomEvent;

/// <summary>
/// The running counts of the open poll, one number per option. Sent at most once per room batch tick (never one
/// event per vote), only when the counts changed since the last tally.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.PollTallyEvent")]
public sealed record PollTallyEvent(
    [property: Id(0)] string PollId,
    [property: Id(1)] IReadOnlyList<long> Counts,
    [property: Id(2)] long Total) : RoomEvent;

/// <summary>
/// The poll closed: final counts and the winning option's index. <see cref="Winner"/> is null when nobody voted or
/// when several options share the highest count (<see cref="Tied"/> lists them then).
/// </summary>
[GenerateSerializer, Immutable, Alias("li.PollEndedEvent")]
public sealed record PollEndedEvent(
    [property: Id(0)] string PollId,
    [property: Id(1)] IReadOnlyList<long> Counts,
    [property: Id(2)] long Total,
    [property: Id(3)] int? Winner,
    [property: Id(4)] IReadOnlyList<int> Tied) : RoomEvent;
