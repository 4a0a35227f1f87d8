using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// One viewer's join as a relay hands it to the room (<see cref="IRoomGrain.JoinViewers"/>) together with the others
/// that arrived while its previous call was out: the viewer, the seq it asks from (null: a new viewer, who gets recent
/// history) and <see cref="UpToSeq"/>, the seq the relay had forwarded when it made the viewer a member (the relay sends
/// everything after it).
/// </summary>
[GenerateSerializer, Immutable, Alias("li.ViewerJoin")]
public sealed record ViewerJoin([property: Id(0)] Actor Actor, [property: Id(1)] long? AfterSeq, [property: Id(2)] long UpToSeq);

/// <summary>The room's answer to one <see cref="ViewerJoin"/>: its snapshot, or why it was refused (a ban).</summary>
[GenerateSerializer, Immutable, Alias("li.ViewerJoinAnswer")]
public sealed record ViewerJoinAnswer([property: Id(0)] RoomSnapshot? Snapshot, [property: Id(1)] string? RefusalCode = null, [property: Id(2)] string? Refusal = null);
