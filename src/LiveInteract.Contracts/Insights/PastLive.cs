namespace LiveInteract.Contracts.Insights;

/// <summary>One finished live of a creator with its headline figures (<c>GET /api/creators/{userId}/lives</c>).</summary>
[GenerateSerializer, Immutable, Alias("li.PastLive")]
public sealed record PastLive(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string Title,
    [property: Id(2)] long StartedAt,
    [property: Id(3)] long EndedAt,
    [property: Id(4)] LiveHeadline Headline);

/// <summary>A page of past lives, newest first; <see cref="Total"/> counts every stored one.</summary>
[GenerateSerializer, Immutable, Alias("li.PastLivePage")]
public sealed record PastLivePage(
    [property: Id(0)] IReadOnlyList<PastLive> Lives,
    [property: Id(1)] int Total,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit);
