using Orleans.Storage;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Storage;
using LiveInteract.Grains.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// One live room. Events get the next seq, go into the replay ring buffer and into a pending batch;
/// a grain timer (stopped when idle) writes the state and then sends one batch per subscribed silo, so viewers
/// never see an event that is not stored. An event that comes more than one BatchInterval after the last batch
/// fires the timer at once; events closer together share the next tick.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class RoomGrain(
    [PersistentState("room", StorageNames.Default)] IPersistentState<RoomState> state,
    IOptions<RoomOptions> options,
    TimeProvider time,
    ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private const int IdleTicksBeforeStop = 8;

    private readonly RoomOptions _options = options.Value;
    private readonly List<RoomEvent> _pending = [];
    private readonly Dictionary<string, RelaySubscription> _relays = [];
    private readonly Dictionary<string, SiloReport> _silos = [];
    private IGrainTimer? _timer;
    private int _idleTicks;
    private DateTimeOffset _lastBatchAt;
    private bool _dirty;
    private bool _storageFailing;
    private MediaStatus? _media;
    private RoomCounters _sentCounters = new(0, 0, 0);
    private RoomCounters? _listedCounters;
    private DateTimeOffset _listedAt;

    private RoomState State => state.State;
    private string RoomId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A live room that was deactivated or moved lists itself again.
        if (state.RecordExists && State.Status == RoomStatus.Live) await UpdateDirectory(force: true);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_dirty) return;
        try { await state.WriteStateAsync(cancellationToken); }
        catch (Exception ex) { logger.LogError(ex, "Room {RoomId} could not save its state on deactivation", RoomId); }
    }

    public async Task<RoomSnapshot> Create(Actor creator, string title)
    {
        if (state.RecordExists) throw new LiveInteractException(ErrorCodes.Conflict, "room already exists");
        State.Title = TextSanitizer.Require(title, "title", _options.MaxTitleLength);
        State.CreatorId = creator.UserId;
        State.CreatorName = creator.DisplayName;
        State.Status = RoomStatus.Created;
        State.CreatedAt = Now.ToUnixTimeMilliseconds();
        await state.WriteStateAsync();
        return Snapshot(afterSeq: null, upToSeq: null);
    }

    public async Task<RoomSnapshot> Start(Actor actor)
    {
        EnsureOpen();
        RequireCreator(actor);
        if (State.Status == RoomStatus.Live) return Snapshot(null, null);
        State.Status = RoomStatus.Live;
        State.StartedAt = Now.ToUnixTimeMilliseconds();
        Append(new RoomStatusEvent(RoomStatus.Live), actor);
        await Flush();
        await UpdateDirectory(force: true);
        await PublishWebhook(WebhookEventTypes.RoomStarted, new { title = State.Title, creatorId = State.CreatorId, creatorName = State.CreatorName, startedAt = State.StartedAt });
        return Snapshot(null, null);
    }

    public async Task<RoomSnapshot> End(Actor actor)
    {
        EnsureExists();
        RequireCreator(actor);
        if (State.Status == RoomStatus.Ended) return Snapshot(null, null);
        State.Status = RoomStatus.Ended;
        State.EndedAt = Now.ToUnixTimeMilliseconds();
        Append(new RoomStatusEvent(RoomStatus.Ended), actor);
        await Flush();
        await Directory.Remove(RoomId);
        await EndBattle();
        await PublishWebhook(WebhookEventTypes.RoomEnded, EndedFigures());
        return Snapshot(null, null);
    }

    public Task<RoomSnapshot> GetSnapshot(long? afterSeq, long? upToSeq)
    {
        EnsureExists();
        return Task.FromResult(Snapshot(afterSeq, upToSeq));
    }

    public Task<IReadOnlyList<RoomEvent>> GetEvents(long fromSeq, long toSeq)
    {
        EnsureExists();
        return Task.FromResult(Slice(fromSeq - 1, toSeq));
    }

    public async Task<CommentReceipt> SendComment(Actor actor, string text)
    {
        EnsureLive();
        var clean = TextSanitizer.Require(text, "comment", _options.MaxCommentLength);
        if (ScreenComment(actor, clean) is { } held)
        {
            await PublishWebhook(WebhookEventTypes.CommentHeld, new { userId = actor.UserId, displayName = actor.DisplayName, text = clean });
            return held;
        }
        var commentId = $"c{State.LastSeq + 1}";
        var seq = Append(new CommentEvent(commentId, clean), actor);
        State.Comments++;
        if (_storageFailing) await CommitOrRollBack(seq);
        return new CommentReceipt(commentId, seq);
    }

    /// <summary>
    /// While storage is failing, an event is acknowledged only once written; otherwise it is taken back and the
    /// caller gets a clear error. (Normally the tick writes it within one BatchInterval of the acknowledgement.)
    /// </summary>
    private async Task CommitOrRollBack(long seq)
    {
        if (await Persist()) return;
        State.Recent.RemoveAt(State.Recent.Count - 1);
        _pending.RemoveAt(_pending.Count - 1);
        State.LastSeq = seq - 1;
        State.Comments--;
        throw new LiveInteractException(ErrorCodes.Unavailable, "storage is unavailable, try again");
    }

    public Task SetFilters(Actor actor, IReadOnlyList<FilterSpec> filters)
    {
        EnsureOpen();
        RequireCreator(actor);
        State.Filters = [.. filters];
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
            _dirty = true;
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

    private long Append(RoomEvent e, Actor? actor)
    {
        var seq = ++State.LastSeq;
        var stamped = e with { Seq = seq, At = Now.ToUnixTimeMilliseconds(), UserId = actor?.UserId, DisplayName = actor is null ? null : TextSanitizer.Clean(actor.DisplayName) };
        var recent = State.Recent;
        recent.Add(stamped);
        // Trim in chunks: one array shift per ~1/8 buffer of events rather than one per event.
        if (recent.Count > _options.ReplayBufferSize + _options.ReplayBufferSize / 8)
            recent.RemoveRange(0, recent.Count - _options.ReplayBufferSize);
        _pending.Add(stamped);
        _dirty = true;
        EnsureTimer();
        return seq;
    }

    private void EnsureTimer()
    {
        _idleTicks = 0;
        if (_timer is not null)
        {
            // Throttle, not delay: an event more than one interval after the last batch goes at once; only events
            // that follow a batch closely wait for the tick, which is what batches a busy room.
            if (Now - _lastBatchAt >= _options.BatchInterval) _timer.Change(TimeSpan.Zero, _options.BatchInterval);
            return;
        }
        _timer = this.RegisterGrainTimer(_ => Tick(), new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = _options.BatchInterval,
            Interleave = false,
            KeepAlive = false,
        });
    }

    private async Task Tick()
    {
        var sent = await Flush();
        if (sent) _idleTicks = 0;
        else if (++_idleTicks >= IdleTicksBeforeStop)
        {
            _timer?.Dispose();
            _timer = null;
        }
        await UpdateDirectory(force: false);
    }

    /// <summary>Stores the state, then sends what is pending to every relay. False when there was nothing to send.</summary>
    private async Task<bool> Flush()
    {
        ExpireStale();
        var counters = Counters();
        if (_pending.Count == 0 && counters == _sentCounters)
        {
            if (_dirty) await Persist();
            return false;
        }
        if (!await Persist()) return false;
        var batch = new EventBatch(RoomId, [.. _pending], counters);
        _pending.Clear();
        _lastBatchAt = Now;
        _sentCounters = counters;
        await Task.WhenAll(_relays.ToArray().Select(r => Send(r.Key, r.Value.Relay, batch)));
        return true;
    }

    private async Task<bool> Persist()
    {
        if (!_dirty) return true;
        try
        {
            await state.WriteStateAsync();
            _dirty = false;
            _storageFailing = false;
            return true;
        }
        catch (InconsistentStateException ex)
        {
            // Another activation of this room wrote first (a brief duplicate during membership changes): yield to it.
            logger.LogWarning(ex, "Room {RoomId} lost an ETag race; deactivating", RoomId);
            DeactivateOnIdle();
            return false;
        }
        catch (Exception ex)
        {
            // Storage is unreachable: keep the events pending, try again next tick, and acknowledge nothing new unwritten.
            logger.LogError(ex, "Room {RoomId} could not save its state", RoomId);
            _storageFailing = true;
            return false;
        }
    }

    private async Task Send(string siloId, IRoomFanout relay, EventBatch batch)
    {
        try
        {
            await relay.OnEvents(batch).WaitAsync(_options.FanoutTimeout);
        }
        catch (Exception ex)
        {
            // A dead or stuck silo: drop it. Its relay re-subscribes if it is alive and fills the gap by seq.
            logger.LogWarning(ex, "Room {RoomId} dropped relay of silo {SiloId}", RoomId, siloId);
            _relays.Remove(siloId);
            _silos.Remove(siloId);
        }
    }

    private void ExpireStale()
    {
        var cutoff = Now - _options.SubscriptionExpiry;
        foreach (var (silo, sub) in _relays.ToArray())
            if (sub.At < cutoff) _relays.Remove(silo);
        foreach (var (silo, report) in _silos.ToArray())
            if (report.At < cutoff) _silos.Remove(silo);
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

    private RoomSnapshot Snapshot(long? afterSeq, long? upToSeq)
    {
        var upTo = Math.Min(upToSeq ?? State.LastSeq, State.LastSeq);
        IReadOnlyList<RoomEvent> events;
        bool complete;
        var oldest = State.Recent.Count > 0 ? State.Recent[0].Seq : State.LastSeq + 1;
        if (afterSeq is null || afterSeq > State.LastSeq)
        {
            // A new viewer (or one whose lastSeq this room never issued) gets recent history.
            events = Slice(Math.Max(oldest - 1, upTo - _options.JoinHistory), upTo);
            complete = afterSeq is null;
        }
        else
        {
            var after = Math.Max(afterSeq.Value, 0);
            events = Slice(after, upTo);
            complete = after >= oldest - 1;
        }
        return new RoomSnapshot(RoomId, State.Title, State.CreatorId, State.CreatorName, State.Status, Counters(),
            upTo, State.CreatedAt, State.StartedAt, State.EndedAt, events, complete, State.Filters, GiftsView(), _media);
    }

    /// <summary>Buffered events with after &lt; seq &lt;= upTo. Seqs in the buffer are contiguous, so this is index arithmetic.</summary>
    private IReadOnlyList<RoomEvent> Slice(long after, long upTo)
    {
        var recent = State.Recent;
        if (recent.Count == 0 || upTo <= after) return [];
        var first = recent[0].Seq;
        var start = (int)Math.Clamp(after + 1 - first, 0, recent.Count);
        var end = (int)Math.Clamp(upTo + 1 - first, 0, recent.Count);
        return end > start ? recent.GetRange(start, end - start) : [];
    }

    private void EnsureExists()
    {
        if (!state.RecordExists) throw new LiveInteractException(ErrorCodes.NotFound, "room not found");
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

    private void RequireCreator(Actor actor)
    {
        if (actor.UserId != State.CreatorId)
            throw new LiveInteractException(ErrorCodes.Forbidden, "only the room's creator can do that");
    }

    private sealed record RelaySubscription(IRoomFanout Relay, DateTimeOffset At);

    private sealed record SiloReport(int Viewers, DateTimeOffset At);
}
