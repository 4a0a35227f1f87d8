using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Rooms.Log;
using LiveInteract.Grains.Storage;
using LiveInteract.Grains.Text;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// How a room stores and publishes, by concern: new events go to the room log (<see cref="IRoomEventLog"/>), and each
/// persisted state is written only when its concern changed (<see cref="StoredConcern{T}"/>). One <see cref="GroupCommit"/> write holds
/// everything changed before it started; the timer starts it once per tick, callers waiting on it share it, and the
/// batch goes to the relays only after it is stored.
/// To add a concern: give it its own [PersistentState] wrapped in a <see cref="StoredConcern{T}"/>, mark it changed
/// where it changes, and add it to <see cref="Stored"/>.
/// </summary>
public sealed partial class RoomGrain
{
    private const int IdleTicksBeforeStop = 8;

    private readonly List<RoomEvent> _pending = [];

    /// <summary>Comments sampled out since the last batch went (see <see cref="CommentSampler"/>).</summary>
    private int _sampledUnsent;
    private readonly Dictionary<long, RoomEvent> _redactions = [];
    private RoomEventTail? _tail;
    private GroupCommit? _commit;
    private IGrainTimer? _timer;
    private TimeSpan _timerPeriod;
    private int _idleTicks;
    private DateTimeOffset _lastBatchAt;
    private DateTimeOffset _viewerCountSentAt = DateTimeOffset.MinValue;
    private RoomCounters _sentCounters = new(0, 0, 0);
    private Task _publishing = Task.CompletedTask;
    private StoredConcern[]? _stored;
    private readonly EventRateMeter _rate = new();

    private RoomEventTail Tail => _tail ??= new RoomEventTail(_options.ReplayBufferSize);

    private GroupCommit Commit => _commit ??= new GroupCommit(StoreAndPublish, _options.StorageRetryDelay, time, ex =>
    {
        // Another activation of this room wrote first (a brief duplicate during membership changes): yield to it.
        logger.LogWarning(ex, "Room {RoomId} lost an ETag race; deactivating", RoomId);
        DeactivateOnIdle();
    });

    /// <summary>The room's persisted states, in the order their writes start (the core record last).</summary>
    private StoredConcern[] Stored => _stored ??= [_moderation, _gifts, _effects, _polls, _questions, _goal, _core];

    private bool HasUnstored => _pending.Count > 0 || _redactions.Count > 0 || Array.Exists(Stored, c => c.Changed);

    /// <summary>
    /// Loads the log's newest events into memory. The log decides the last seq: the record may be written ahead of a
    /// log append that then failed, and those seqs were never published, so they are given out again (no gap). A room
    /// whose log is empty (stored before the log existed) continues after the record's seq.
    /// </summary>
    private async Task LoadTail()
    {
        var latest = await log.ReadLatest(RoomId, _options.ReplayBufferSize);
        Tail.Load(latest);
        if (latest.Count > 0) State.LastSeq = latest[^1].Seq;
        _sentCounters = new RoomCounters(0, State.Likes, State.Comments);
    }

    /// <summary>Gives the event the next seq. <paramref name="at"/> overrides its time (an approved held comment keeps when it was sent).</summary>
    private long Append(RoomEvent e, Actor? actor, long? at = null)
    {
        var seq = ++State.LastSeq;
        var stamped = e with { Seq = seq, At = at ?? Now.ToUnixTimeMilliseconds(), UserId = actor?.UserId, DisplayName = actor is null ? null : TextSanitizer.Clean(actor.DisplayName) };
        Tail.Add(stamped);
        _pending.Add(stamped);
        _rate.Count(stamped.At);
        EnsureTimer();
        return seq;
    }

    /// <summary>Waits for the write that stores everything changed so far; a caller's receipt follows it.</summary>
    private async Task Acknowledged()
    {
        try
        {
            EnsureTimer();
            await Commit.Join().WaitAsync(_options.AckTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or Orleans.Storage.InconsistentStateException)
        {
            // Not confirmed: the change stays pending in memory and is written (and shown) if storage comes back before
            // the room deactivates. Its seq is never given to another event.
            throw new LiveInteractException(ErrorCodes.Unavailable, "storage is unavailable, try again");
        }
    }

    private TimeSpan BatchInterval() =>
        BatchIntervalPolicy.For(_options, Counters().Viewers, _rate.Read(Now.ToUnixTimeMilliseconds()));

    private void EnsureTimer()
    {
        _idleTicks = 0;
        var period = BatchInterval();
        if (_timer is not null)
        {
            // Throttle, not delay: an event more than one interval after the last batch goes at once; only events
            // that follow a batch closely wait for the tick, which is what batches a busy room.
            if (Now - _lastBatchAt >= period) _timer.Change(TimeSpan.Zero, period);
            else if (period != _timerPeriod) _timer.Change(period, period);
            _timerPeriod = period;
            return;
        }
        _timerPeriod = period;
        // Interleaved: the tick only starts a write; writers' callers wait on it while they interleave too.
        _timer = this.RegisterGrainTimer(_ => Tick(), new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = period,
            Interleave = true,
            KeepAlive = false,
        });
    }

    private Task Tick()
    {
        ExpireStale();
        if (HasUnstored || HasPendingTallies || Commit.HasWaiters || ShownCounters() != _sentCounters)
        {
            _idleTicks = 0;
            _ = Commit.Commit();
        }
        // A viewer count held back until it is due keeps the timer going.
        else if (!Commit.Busy && Counters() == _sentCounters && ++_idleTicks >= IdleTicksBeforeStop)
        {
            _timer?.Dispose();
            _timer = null;
        }
        return UpdateDirectory(force: false);
    }

    /// <summary>
    /// One group-commit write: captures what changed (synchronously, so the states written and the events appended
    /// describe the same moment), writes the changed states, then appends the new events; then publishes.
    /// States go first: a crash between the two leaves events unwritten that no one was told about (their seqs are
    /// reused), never an event shown twice.
    /// </summary>
    private async Task StoreAndPublish()
    {
        FlushTallies();
        var events = _pending.ToArray();
        var rewrites = _redactions.Count > 0 ? _redactions.Values.ToArray() : [];
        var changed = StoredConcern.TakeChanged(Stored);
        _redactions.Clear();
        var sampled = _sampledUnsent;
        _sampledUnsent = 0;
        var counters = ShownCounters();
        try
        {
            await Task.WhenAll(Array.ConvertAll(changed, c => c.Write()));
            if (events.Length > 0 || rewrites.Length > 0)
            {
                var entries = rewrites.Length == 0 ? events : [.. rewrites.Where(r => events.All(e => e.Seq != r.Seq)).Concat(events).OrderBy(e => e.Seq)];
                var last = events.Length > 0 ? events[^1].Seq : State.LastSeq;
                LastAppendBytes = await log.Append(RoomId, entries, last - Math.Max(_options.LogRetention, _options.ReplayBufferSize));
            }
        }
        catch (Exception ex) when (ex is not Orleans.Storage.InconsistentStateException)
        {
            // Keep everything pending; the group commit tries again. Nothing was acknowledged or published.
            StoredConcern.Restore(changed);
            _sampledUnsent += sampled;
            foreach (var r in rewrites) _redactions.TryAdd(r.Seq, r);
            logger.LogError(ex, "Room {RoomId} could not store {Count} events; retrying", RoomId, events.Length);
            throw;
        }
        // Events appended while this write ran stay pending for the next one.
        _pending.RemoveRange(0, events.Length);
        if (events.Length == 0 && sampled == 0 && counters == _sentCounters) return;
        var batch = new EventBatch(RoomId, events, counters) { Sampled = sampled };
        _lastBatchAt = Now;
        if (counters.Viewers != _sentCounters.Viewers) _viewerCountSentAt = _lastBatchAt;
        _sentCounters = counters;
        _publishing = Publish(batch, _publishing);
        RecordInsights(batch);
    }

    /// <summary>What viewers are shown now: the viewer count only once it is due (<see cref="ViewerCountPolicy"/>).</summary>
    private RoomCounters ShownCounters() => ViewerCountPolicy.Shown(_options, Counters(), _sentCounters, Now - _viewerCountSentAt);

    /// <summary>Bytes of event payload the last log append wrote (what a tick costs; the benchmark reads it).</summary>
    internal long LastAppendBytes { get; private set; }

    /// <summary>Sends after the previous batch went out, so every relay sees batches in seq order.</summary>
    private async Task Publish(EventBatch batch, Task previous)
    {
        await previous;
        await Task.WhenAll(_relays.ToArray().Select(r => Send(r.Key, r.Value.Relay, batch)));
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
}
