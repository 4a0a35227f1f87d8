namespace LiveInteract.Contracts.Rooms;

/// <summary>
/// A short animated clip of a room's filtered video, made by <c>POST /api/rooms/{roomId}/clips</c> and served (no token)
/// at <see cref="Url"/>. The snapshot's <c>media.clips</c> lists the room's newest ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.ClipInfo")]
public sealed record ClipInfo(
    [property: Id(0)] string ClipId,
    [property: Id(1)] string Url,
    [property: Id(2)] int Seconds,
    [property: Id(3)] int Frames,
    [property: Id(4)] int Width,
    [property: Id(5)] int Height,
    [property: Id(6)] string CreatedBy,
    [property: Id(7)] long CreatedAt);

/// <summary>Body of <c>POST /api/rooms/{roomId}/clips</c>: how many of the last seconds to clip (3-15).</summary>
public sealed record ClipRequest(int? Seconds);
