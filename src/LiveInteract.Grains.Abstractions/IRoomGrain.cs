using Orleans.Concurrency;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// One live room, keyed by room id. Holds title, creator, status, counters, the event sequence and a
/// bounded ring buffer of recent events. Authorization for creator actions is checked here too, so a
/// direct grain call cannot bypass the hub.
/// </summary>
[Alias("li.IRoomGrain")]
public interface IRoomGrain : IGrainWithStringKey, IRoomGifts, IRoomInteractive
{
    [Alias("Create")] Task<RoomSnapshot> Create(Actor creator, string title);
    [Alias("Start")] Task<RoomSnapshot> Start(Actor actor);
    [Alias("End")] Task<RoomSnapshot> End(Actor actor);

    /// <summary>The room with the buffered events after <paramref name="afterSeq"/> up to <paramref name="upToSeq"/>.</summary>
    [Alias("GetSnapshot"), ReadOnly] Task<RoomSnapshot> GetSnapshot(long? afterSeq, long? upToSeq);

    /// <summary>
    /// A viewer's join in one call: refuses a banned <paramref name="actor"/> (as <see cref="EnsureCanJoin"/>), then
    /// returns the room with the events after <paramref name="afterSeq"/> up to <paramref name="upToSeq"/>, the seq its
    /// relay had forwarded when it added the viewer (the relay sends everything after it; long.MaxValue: up to now).
    /// </summary>
    [Alias("Join"), ReadOnly] Task<RoomSnapshot> Join(Actor actor, long? afterSeq, long upToSeq);

    /// <summary>
    /// Several viewers' joins in one call (a relay's joins that arrived while its previous call was out): each banned
    /// viewer is refused in its answer, the others get their snapshot, in the order asked. New viewers with the same
    /// <see cref="ViewerJoin.UpToSeq"/> share one snapshot. At most <see cref="MaxViewerJoins"/> joins per call.
    /// </summary>
    [Alias("JoinViewers"), ReadOnly] Task<IReadOnlyList<ViewerJoinAnswer>> JoinViewers(IReadOnlyList<ViewerJoin> joins);

    /// <summary>The most joins one <see cref="JoinViewers"/> call takes.</summary>
    const int MaxViewerJoins = 256;

    /// <summary>Buffered events with <paramref name="fromSeq"/> &lt;= seq &lt;= <paramref name="toSeq"/> (a relay filling a gap).</summary>
    [Alias("GetEvents"), ReadOnly] Task<IReadOnlyList<RoomEvent>> GetEvents(long fromSeq, long toSeq);

    [Alias("SendComment")] Task<CommentReceipt> SendComment(Actor actor, string text);

    [Alias("SetFilters")] Task SetFilters(Actor actor, IReadOnlyList<FilterSpec> filters);

    /// <summary>
    /// Creator only. Replaces the gift-effect mapping (bounded, gift ids from the catalog, sticker/look/overlay, 1-30 s;
    /// the hub validates the filters' options). A mapped gift then appends an <c>effect</c> event.
    /// </summary>
    [Alias("SetGiftEffects")] Task SetGiftEffects(Actor actor, IReadOnlyList<LiveInteract.Contracts.Effects.GiftEffect> effects);

    /// <summary>Creator only, live room: plays <paramref name="effect"/> once on the video (an <c>effect</c> event marked preview), mapped or not.</summary>
    [Alias("PreviewGiftEffect")] Task PreviewGiftEffect(Actor actor, LiveInteract.Contracts.Effects.GiftEffect effect);

    /// <summary>The silo running this room's video pipeline reports its health (kept in memory, shown in snapshots).</summary>
    [Alias("ReportMedia")] Task ReportMedia(MediaStatus status);

    /// <summary>
    /// A silo's relay reports its local viewers and the likes its viewers sent since the last report.
    /// Called a few times a second per silo, never per viewer or per tap.
    /// </summary>
    [Alias("ReportSilo")] Task ReportSilo(string siloId, int viewers, long likes);

    /// <summary>
    /// Subscribes a silo's relay. Returns the last seq: the relay forwards everything after it.
    /// Subscriptions expire; relays re-subscribe periodically.
    /// </summary>
    [Alias("Subscribe")] Task<long> Subscribe(string siloId, IRoomFanout relay);
    [Alias("Unsubscribe")] Task Unsubscribe(string siloId);

    // Moderation. Each checks the actor's role in this room (creator or moderator; creator only where noted),
    // publishes an event and appends to the audit log. See docs/MODERATION.md.

    /// <summary>Refuses <paramref name="actor"/>'s comments for <paramref name="seconds"/> (0 lifts the mute).</summary>
    [Alias("MuteUser")] Task MuteUser(Actor actor, string userId, int seconds);
    [Alias("BanUser")] Task BanUser(Actor actor, string userId);
    [Alias("UnbanUser")] Task UnbanUser(Actor actor, string userId);
    [Alias("DeleteComment")] Task DeleteComment(Actor actor, string commentId);
    /// <summary>One comment per <paramref name="seconds"/> per viewer (0 turns slow mode off).</summary>
    [Alias("SetSlowMode")] Task SetSlowMode(Actor actor, int seconds);
    /// <summary>Creator only.</summary>
    [Alias("AddModerator")] Task AddModerator(Actor actor, string userId);
    /// <summary>Creator only.</summary>
    [Alias("RemoveModerator")] Task RemoveModerator(Actor actor, string userId);
    /// <summary>Creator only. Replaces the keyword filter's list.</summary>
    [Alias("SetBlockedWords")] Task SetBlockedWords(Actor actor, IReadOnlyList<string> words);

    /// <summary>Creator and moderators: the audit log, newest first, records with id &lt; <paramref name="before"/>.</summary>
    [Alias("GetModerationLog"), ReadOnly] Task<ModerationPage> GetModerationLog(Actor actor, long? before, int limit);

    /// <summary>
    /// Throws (forbidden) when <paramref name="actor"/> may not interact with this room: banned, or a guest.
    /// The join path and other features (e.g. gifts) call it before acting; the room's own methods check it themselves.
    /// </summary>
    [Alias("EnsureCanInteract"), ReadOnly] Task EnsureCanInteract(Actor actor);

    /// <summary>Throws (forbidden) when <paramref name="actor"/> is banned from this room.</summary>
    [Alias("EnsureCanJoin"), ReadOnly] Task EnsureCanJoin(Actor actor);

    /// <summary>What this room stores about <paramref name="userId"/>; null when nothing (docs/PRIVACY.md).</summary>
    [Alias("ExportUser"), ReadOnly] Task<LiveInteract.Contracts.Privacy.RoomUserData?> ExportUser(string userId);

    /// <summary>Replaces the user by <paramref name="pseudonym"/> in the log, moderation, gifts and Q&amp;A; returns the log events rewritten.</summary>
    [Alias("EraseUser")] Task<int> EraseUser(string userId, string pseudonym);

    /// <summary>Retention: an ended room drops its event log, held comments, questions and board names (docs/PRIVACY.md).</summary>
    [Alias("ExpireViewerData")] Task ExpireViewerData();
}
