namespace LiveInteract.Contracts.Rooms;

/// <summary>
/// The room's video as the silo running its pipeline last reported it: whether a creator is streaming, frame
/// counts, and the HLS encoder's health (an ffmpeg failure shows here, it never takes the server down).
/// <see cref="Clips"/>: the room's newest clips, newest first (at most <c>Media:ClipsPerRoom</c>, 10).
/// </summary>
[GenerateSerializer, Immutable, Alias("li.MediaStatus")]
public sealed record MediaStatus(
    [property: Id(0)] bool Ingesting,
    [property: Id(1)] long FramesIn,
    [property: Id(2)] long FramesProcessed,
    [property: Id(3)] long FramesRejected,
    [property: Id(4)] long FramesDropped,
    [property: Id(5)] string Hls,
    [property: Id(6)] string? LastError,
    [property: Id(7)] long UpdatedAt,
    [property: Id(8)] IReadOnlyList<ClipInfo>? Clips = null);
