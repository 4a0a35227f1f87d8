using LiveInteract.Client.Connection;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Updates;

/// <summary>
/// Everything the client tells the app, in one ordered stream (<see cref="LiveClient.Updates"/>).
/// For each room, <see cref="RoomEventUpdate"/>s come in strictly increasing <c>seq</c>, each seq once,
/// across reconnects and server restarts.
/// </summary>
public abstract record LiveUpdate;

/// <summary>
/// A join (or a rejoin after a reconnect) completed. The snapshot's events are delivered right after this
/// as <see cref="RoomEventUpdate"/>s (only those the app has not seen), so render events from those, not from here.
/// </summary>
public sealed record RoomJoinedUpdate(string RoomId, RoomSnapshot Snapshot, bool Rejoined) : LiveUpdate;

/// <summary>
/// One room event: <see cref="CommentEvent"/>, <see cref="RoomStatusEvent"/>, <see cref="FiltersChangedEvent"/>, gifts
/// (<see cref="Contracts.Gifts.GiftEvent"/>, <see cref="Contracts.Gifts.GiftBoardEvent"/>), battles (<see cref="Contracts.Battles.BattleEvent"/>)
/// and moderation (<see cref="UserMutedEvent"/>, <see cref="UserBannedEvent"/>, <see cref="CommentDeletedEvent"/>, …): every
/// <c>[JsonDerivedType]</c> of <see cref="RoomEvent"/>.
/// </summary>
public sealed record RoomEventUpdate(string RoomId, RoomEvent Event) : LiveUpdate;

/// <summary>The room's running totals (viewers, likes, comments); likes only ever arrive this way.</summary>
public sealed record CountersUpdate(string RoomId, RoomCounters Counters) : LiveUpdate;

/// <summary>
/// The room is over its comment display rate: <paramref name="Count"/> comments were accepted and counted since the
/// previous batch but not shown (they have no seq). Show it as "+N more"; the sender of each got a receipt with
/// <c>Sampled</c> set.
/// </summary>
public sealed record CommentsSampledUpdate(string RoomId, int Count) : LiveUpdate;

public sealed record ViewerCountUpdate(string RoomId, int Viewers) : LiveUpdate;

/// <summary>The room ended; no more events will follow.</summary>
public sealed record RoomEndedUpdate(string RoomId) : LiveUpdate;

/// <summary>
/// The server removed this connection from the room (<paramref name="Reason"/>: <c>banned</c>). No more events come from
/// it and the client does not rejoin it; the ban itself arrived just before as a <see cref="UserBannedEvent"/>.
/// </summary>
public sealed record KickedUpdate(string RoomId, string Reason) : LiveUpdate;

/// <summary>
/// This connection read the room's events too slowly (the server's per-viewer outbound budget): the server took it out of
/// the room's live stream after sending everything up to <paramref name="LastSeq"/>. The client rejoins at once from the
/// last seq it handed to the app, so no event is lost or repeated (a <see cref="RoomJoinedUpdate"/> with
/// <c>Rejoined</c> follows); only a gap older than the room's replay buffer shows up as <see cref="EventsMissedUpdate"/>.
/// Informational: nothing to do. Frequent ones mean the app does not keep up with the room (or its network does not).
/// </summary>
public sealed record RoomLaggedUpdate(string RoomId, long LastSeq) : LiveUpdate;

/// <summary>
/// Events <paramref name="FromSeq"/>..<paramref name="ToSeq"/> are lost to this client: it was away longer
/// than the room's replay buffer covers. The app may reload the room (e.g. show "some messages were skipped").
/// </summary>
public sealed record EventsMissedUpdate(string RoomId, long FromSeq, long ToSeq) : LiveUpdate;

/// <summary>After a reconnect the server refused to take this client back into the room (e.g. it ended or was removed).</summary>
public sealed record RejoinFailedUpdate(string RoomId, string Message) : LiveUpdate;

/// <summary>The connection changed state. <paramref name="Attempt"/> counts failed reconnect attempts since the drop.</summary>
public sealed record ConnectionUpdate(LiveConnectionState State, Exception? Error, int Attempt) : LiveUpdate;
