namespace LiveInteract.Contracts.Rooms;

/// <summary>
/// A room as a joining viewer sees it. <see cref="Events"/> holds the buffered events after the
/// <c>lastSeq</c> the viewer asked from (or the most recent ones for a new viewer), in seq order.
/// <see cref="ReplayComplete"/> is false when the viewer's gap was older than the ring buffer.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.RoomSnapshot")]
public sealed record RoomSnapshot(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string Title,
    [property: Id(2)] string CreatorId,
    [property: Id(3)] string CreatorName,
    [property: Id(4)] RoomStatus Status,
    [property: Id(5)] RoomCounters Counters,
    [property: Id(6)] long LastSeq,
    [property: Id(7)] long CreatedAt,
    [property: Id(8)] long? StartedAt,
    [property: Id(9)] long? EndedAt,
    [property: Id(10)] IReadOnlyList<RoomEvent> Events,
    [property: Id(11)] bool ReplayComplete,
    [property: Id(12)] IReadOnlyList<FilterSpec> Filters,
    [property: Id(13)] Gifts.GiftBoardView? Gifts = null,
    [property: Id(14)] MediaStatus? Media = null);

/// <summary>One line of the live-room directory (<c>GET /api/rooms</c>).</summary>
[GenerateSerializer, Immutable, Alias("li.RoomListing")]
public sealed record RoomListing(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string Title,
    [property: Id(2)] string CreatorId,
    [property: Id(3)] string CreatorName,
    [property: Id(4)] int Viewers,
    [property: Id(5)] long Likes,
    [property: Id(6)] long? StartedAt);

/// <summary>Token roles. Room roles (creator of this room, moderator of this room) are decided by the room.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Creator = "creator";
    /// <summary>A signed-in visitor without an account: can join and watch, cannot comment, like, gift or moderate.</summary>
    public const string Guest = "guest";
}

/// <summary>What the sender of a comment gets back.</summary>
[GenerateSerializer, Immutable, Alias("li.CommentReceipt")]
public sealed record CommentReceipt([property: Id(0)] string CommentId, [property: Id(1)] long Seq)
{
    /// <summary>True when the keyword filter held the comment for review: it was not published and <see cref="Seq"/> is 0.</summary>
    [Id(2)] public bool Held { get; init; }

    /// <summary>
    /// True when the room was over its display rate and this comment was counted but not shown to the room (no seq,
    /// <see cref="Seq"/> is 0): the sender's own client may still show it to its sender.
    /// </summary>
    [Id(3)] public bool Sampled { get; init; }
}
