using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Rooms.Log;
using LiveInteract.Grains.Interactive;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Storage;
using LiveInteract.Grains.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// One live room: the grain coordinates, the pieces hold the rules. Events get the next seq, go into the in-memory
/// tail of the room log and into a pending batch; a grain timer (stopped when idle) starts a group commit that writes
/// the new events to the log and only the states that changed (<see cref="RoomState"/>, <see cref="RoomModerationState"/>,
/// <see cref="RoomGiftState"/>), then sends one batch per subscribed silo, so viewers never see an event that is not
/// stored. Comment and gift callers are acknowledged by that same write (RoomGrain.Storage.cs); they interleave
/// with it (RoomGrain.Interleaving.cs), so nothing queues behind a write. Replay reads the tail or the log
/// (RoomGrain.History.cs).
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class RoomGrain(
    [PersistentState("room", StorageNames.Default)] IPersistentState<RoomState> state,
    [PersistentState("room-moderation", StorageNames.Default)] IPersistentState<RoomModerationState> moderationState,
    [PersistentState("room-gifts", StorageNames.Default)] IPersistentState<RoomGiftState> giftState,
    [PersistentState("room-polls", StorageNames.Default)] IPersistentState<RoomPolls> pollState,
    [PersistentState("room-questions", StorageNames.Default)] IPersistentState<QuestionBoard> questionState,
    [PersistentState("room-goal", StorageNames.Default)] IPersistentState<GoalTracker> goalState,
    [PersistentState("room-effects", StorageNames.Default)] IPersistentState<Effects.RoomEffectState> effectState,
    IRoomEventLog log,
    IOptions<RoomOptions> options,
    IOptions<ModerationOptions> moderationOptions,
    IOptions<InteractiveOptions> interactiveOptions,
    IOptions<GiftOptions> giftOptions,
    IOptions<Risk.RiskOptions> riskOptions,
    TimeProvider time,
    ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private readonly RoomOptions _options = options.Value;
    private readonly CommentSampler _commentSampler = new(options.Value.CommentDisplayRate);
    private readonly Dictionary<string, RelaySubscription> _relays = [];
    private readonly Dictionary<string, SiloReport> _silos = [];
    private MediaStatus? _media;
    private RoomCounters? _listedCounters;
    private DateTimeOffset _listedAt;

    private readonly StoredConcern<RoomState> _core = new(state);
    private readonly StoredConcern<RoomModerationState> _moderation = new(moderationState);
    private readonly StoredConcern<RoomGiftState> _gifts = new(giftState);

    private RoomState State => _core.State;
    private RoomModerationState Mod => _moderation.State;
    private RoomGiftState GiftState => _gifts.State;
    private Effects.RoomEffectState EffectState => _effects.State;
    private string RoomId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!_core.RecordExists) return;
        await LoadTail();
        if (Polls.Open is { } poll) SchedulePollEnd(poll);
        // A live room that was deactivated or moved lists itself again.
        if (State.Status == RoomStatus.Live) await UpdateDirectory(force: true);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!HasUnstored) return;
        try { await Commit.Commit().WaitAsync(_options.AckTimeout, cancellationToken); }
        catch (Exception ex) { logger.LogError(ex, "Room {RoomId} could not save its state on deactivation", RoomId); }
    }

    public async Task<RoomSnapshot> Create(Actor creator, string title)
    {
        if (_core.RecordExists) throw new LiveInteractException(ErrorCodes.Conflict, "room already exists");
        var cleanTitle = TextSanitizer.Require(title, "title", _options.MaxTitleLength);
        // The creator's place for this room is taken before the room exists (a failed write leaves a place that
        // CreatorRoomsGrain reclaims when it is needed).
        await CreatorRooms(creator.UserId).Open(RoomId);
        State.Title = cleanTitle;
        State.CreatorId = creator.UserId;
        State.CreatorName = creator.DisplayName;
        State.Status = RoomStatus.Created;
        State.CreatedAt = Now.ToUnixTimeMilliseconds();
        await _core.Write();
        return await Snapshot(afterSeq: null, upToSeq: null);
    }

    public async Task<RoomSnapshot> Start(Actor actor)
    {
        EnsureOpen();
        RequireCreator(actor);
        ObserveDevice(actor);
        if (State.Status == RoomStatus.Live) return await Snapshot(null, null);
        State.Status = RoomStatus.Live;
        State.StartedAt = Now.ToUnixTimeMilliseconds();
        _core.MarkChanged();
        Append(new RoomStatusEvent(RoomStatus.Live), actor);
        await Acknowledged();
        await UpdateDirectory(force: true);
        await PublishWebhook(WebhookEventTypes.RoomStarted, new { title = State.Title, creatorId = State.CreatorId, creatorName = State.CreatorName, startedAt = State.StartedAt });
        return await Snapshot(null, null);
    }

    public async Task<RoomSnapshot> End(Actor actor)
    {
        EnsureExists();
        RequireCreator(actor);
        if (State.Status == RoomStatus.Ended) return await Snapshot(null, null);
        State.Status = RoomStatus.Ended;
        State.EndedAt = Now.ToUnixTimeMilliseconds();
        _core.MarkChanged();
        // An open poll closes with the room (its poll_ended comes before the status).
        if (Polls.Open is { } poll) await ClosePoll(poll, actor);
        Append(new RoomStatusEvent(RoomStatus.Ended), actor);
        await Acknowledged();
        await Directory.Remove(RoomId);
        await GiveBackCreatorPlace();
        await EndBattle();
        await PublishWebhook(WebhookEventTypes.RoomEnded, EndedFigures());
        return await Snapshot(null, null);
    }

    public async Task<CommentReceipt> SendComment(Actor actor, string text)
    {
        EnsureLive();
        var clean = TextSanitizer.Require(text, "comment", _options.MaxCommentLength);
        if (ScreenComment(actor, clean) is { } held)
        {
            await PublishWebhook(WebhookEventTypes.CommentHeld, new { userId = actor.UserId, displayName = actor.DisplayName, text = clean, heldId = held.CommentId });
            return held;
        }
        State.Comments++;
        _core.MarkChanged();
        if (!_commentSampler.Show(Now.ToUnixTimeMilliseconds()))
        {
            // Counted (stored with the counters on the next tick) but not shown: no seq, no log row, no wait.
            _sampledUnsent++;
            EnsureTimer();
            return new CommentReceipt("", 0) { Sampled = true };
        }
        var commentId = $"c{State.LastSeq + 1}";
        var seq = Append(new CommentEvent(commentId, clean), actor);
        // The receipt follows the log append that holds the comment (and everything before it).
        await Acknowledged();
        return new CommentReceipt(commentId, seq);
    }

    public Task SetFilters(Actor actor, IReadOnlyList<FilterSpec> filters)
    {
        EnsureOpen();
        RequireCreator(actor);
        State.Filters = [.. filters];
        _core.MarkChanged();
        Append(new FiltersChangedEvent(State.Filters), actor);
        return Task.CompletedTask;
    }

    public Task ReportMedia(MediaStatus status)
    {
        EnsureExists();
        _media = status;
        return Task.CompletedTask;
    }

    public Task ReportSilo(string siloId, int viewers, long likes)
    {
        EnsureExists();
        if (viewers < 0 || likes < 0) throw new LiveInteractException(ErrorCodes.BadRequest, "counts must not be negative");
        _silos[siloId] = new SiloReport(viewers, Now);
        if (likes > 0 && State.Status == RoomStatus.Live)
        {
            State.Likes += likes;
            _core.MarkChanged();
            ObserveGoal();
        }
        EnsureTimer();
        return Task.CompletedTask;
    }

    public Task<long> Subscribe(string siloId, IRoomFanout relay)
    {
        EnsureExists();
        _relays[siloId] = new RelaySubscription(relay, Now);
        return Task.FromResult(State.LastSeq);
    }

    public Task Unsubscribe(string siloId)
    {
        _relays.Remove(siloId);
        _silos.Remove(siloId);
        EnsureTimer();
        return Task.CompletedTask;
    }

    private RoomCounters Counters()
    {
        var viewers = 0;
        foreach (var report in _silos.Values) viewers += report.Viewers;
        return new RoomCounters(viewers, State.Likes, State.Comments);
    }

    private async Task UpdateDirectory(bool force)
    {
        if (State.Status != RoomStatus.Live) return;
        var counters = Counters();
        if (!force && (counters == _listedCounters || Now - _listedAt < _options.DirectoryUpdateInterval)) return;
        try
        {
            await Directory.Upsert(new RoomListing(RoomId, State.Title, State.CreatorId, State.CreatorName, counters.Viewers, counters.Likes, State.StartedAt));
            _listedCounters = counters;
            _listedAt = Now;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Room {RoomId} could not update the directory", RoomId);
        }
    }

    private IRoomDirectoryGrain Directory => GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key);

    private ICreatorRoomsGrain CreatorRooms(string creatorId) => GrainFactory.GetGrain<ICreatorRoomsGrain>(creatorId);

    /// <summary>The ended room frees its creator's place; if that fails, the creator's next room reclaims it.</summary>
    private async Task GiveBackCreatorPlace()
    {
        try { await CreatorRooms(State.CreatorId).Close(RoomId); }
        catch (Exception ex) { logger.LogWarning(ex, "Room {RoomId} could not free its creator's place", RoomId); }
    }

    private void EnsureExists()
    {
        if (!_core.RecordExists) throw new LiveInteractException(ErrorCodes.NotFound, "room not found");
    }

    private void EnsureOpen()
    {
        EnsureExists();
        if (State.Status == RoomStatus.Ended) throw new LiveInteractException(ErrorCodes.RoomEnded, "room has ended");
    }

    private void EnsureLive()
    {
        EnsureOpen();
        if (State.Status != RoomStatus.Live) throw new LiveInteractException(ErrorCodes.NotLive, "room is not live yet");
    }

    private sealed record RelaySubscription(IRoomFanout Relay, DateTimeOffset At);

    private sealed record SiloReport(int Viewers, DateTimeOffset At);
}
