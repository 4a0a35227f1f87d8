namespace LiveInteract.Contracts.Interactive;

/// <summary>
/// A poll as a joining viewer sees it (in the room snapshot): the open poll, or the last one that closed.
/// <see cref="Counts"/> are the counts at the time of the snapshot; later <c>poll_tally</c> events update them.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.PollView")]
public sealed record PollView(
    [property: Id(0)] string PollId,
    [property: Id(1)] string Question,
    [property: Id(2)] IReadOnlyList<string> Options,
    [property: Id(3)] IReadOnlyList<long> Counts,
    [property: Id(4)] long Total,
    [property: Id(5)] long EndsAt,
    [property: Id(6)] bool Open,
    [property: Id(7)] int? Winner);

/// <summary>What <c>StartPoll</c> returns.</summary>
[GenerateSerializer, Immutable, Alias("li.PollReceipt")]
public sealed record PollReceipt([property: Id(0)] string PollId);
