using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Privacy;
using LiveInteract.Grains.Risk;
using LiveInteract.Grains.Rooms.Log;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// One live's analytics (key = room id), apart from the room: the rules are in <see cref="RoomInsightsRecorder"/>; this
/// grain feeds it (room batches, silo presence), fills seq gaps from the room log, stores the figures every
/// <see cref="InsightsOptions.FlushInterval"/> when they changed, asks the creator's history which viewers are
/// returning, adds gifts to this silo's ranking sums, and hands the final figures to the creator's history when the
/// live ends.
/// </summary>
public sealed partial class RoomInsightsGrain(
    [PersistentState("room-insights", StorageNames.Default)] IPersistentState<RoomInsightsState> state,
    IRoomEventLog log,
    RankingAccumulator rankings,
    InsightsClock clock,
    TimeProvider time,
    IOptions<InsightsOptions> options,
    IOptions<RiskOptions> riskOptions,
    IOptions<Privacy.PrivacyOptions> privacyOptions,
    ILogger<RoomInsightsGrain> logger) : Grain, IRoomInsightsGrain, IRemindable
{
    private const int MaxGapFill = 10_000;
    private const int ClassifyBatch = 1_000;

    private readonly InsightsOptions _options = options.Value;
    private RoomInsightsRecorder _recorder = null!;
    private IGrainTimer? _timer;

    private SpamBurstDetector? _spam;
    private GiftRingDetector? _ring;
    private readonly Dictionary<string, DateTimeOffset> _siloReports = new(StringComparer.Ordinal);
    private bool _dirty;

    private string RoomId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _recorder = new RoomInsightsRecorder(state.State, _options);
        // In-memory reminders (Local) do not survive a restart: a live past its retention is expired when it wakes.
        if (RetentionDue) await ExpireViewerData();
        _timer = this.RegisterGrainTimer(_ => Flush(), new GrainTimerCreationOptions
        {
            DueTime = _options.FlushInterval,
            Period = _options.FlushInterval,
            Interleave = false,
            KeepAlive = false,
        });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        if (_dirty) await Store();
    }

    public async Task Record(RoomInsightsBatch batch)
    {
        var now = clock.NowMs;
        var events = batch.Events;
        if (events.Count > 0 && events[0].Seq > state.State.LastSeq + 1)
        {
            // A batch that never arrived (one-way calls can be lost): read the missing events from the room log.
            try
            {
                var missing = await log.Read(RoomId, state.State.LastSeq, events[0].Seq - 1, MaxGapFill);
                CountGifts(batch, _recorder.ApplyEvents(missing, now), now);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Insights of room {RoomId} could not read the log gap before seq {Seq}", RoomId, events[0].Seq);
            }
        }
        var before = state.State.LastSeq;
        // Events first, then the status: the last events of a live count before it is closed.
        _recorder.ApplyRoom(batch.CreatorId, batch.CreatorName, batch.Title, batch.Status == RoomStatus.Ended ? RoomStatus.Live : batch.Status, now);
        CountGifts(batch, _recorder.ApplyEvents(events, now), now);
        _recorder.ApplyLikes(batch.Counters.Likes, now);
        _recorder.ApplyRoom(batch.CreatorId, batch.CreatorName, batch.Title, batch.Status, now);
        _dirty = true;
        NoteUsers(batch.CreatorId, events.SelectMany(RoomEventUsers.Of));
        await DetectRisk(events.Where(e => e.Seq > before), now);
        if (_recorder.Ended) await Flush();
    }

    public Task ReportPresence(string siloId, IReadOnlyList<string> joined, IReadOnlyList<string> left, bool full)
    {
        // Silence is measured in real time (the insights clock may be a test's fake one).
        _siloReports[siloId] = time.GetUtcNow();
        _recorder.ApplyPresence(siloId, joined, left, full, clock.NowMs);
        NoteUsers(null, joined);
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<RoomInsights> Get()
    {
        if (string.IsNullOrEmpty(state.State.CreatorId))
            throw new LiveInteractException(ErrorCodes.NotFound, "no insights for this room");
        var now = clock.NowMs;
        if (!_recorder.Ended) _recorder.Advance(now);
        return Task.FromResult(_recorder.View(RoomId, now, _options.TopGifters));
    }

    /// <summary>At-risk signals visible in the room's own events (comment spam bursts); each flag is stored and sent as risk.flagged.</summary>
    private async Task DetectRisk(IEnumerable<RoomEvent> events, long now)
    {
        _spam ??= new SpamBurstDetector(RoomId, riskOptions.Value);
        foreach (var comment in events.OfType<CommentEvent>())
            if (_spam.Observe(comment, now) is { } flag) await Raise(flag, now);
    }

    public async Task ReportGiftRingMember(GiftRingMember member)
    {
        _ring ??= new GiftRingDetector(RoomId, riskOptions.Value);
        if (_ring.Add(member) is { } flag) await Raise(flag, clock.NowMs);
    }

    private async Task Raise(RiskFlag flag, long now)
    {
        try
        {
            await GrainFactory.Raise(flag, now);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Room {RoomId}: risk flag {FlagId} not stored or not queued", RoomId, flag.Id);
        }
    }

    private void CountGifts(RoomInsightsBatch batch, IReadOnlyList<Contracts.Gifts.GiftEvent> gifts, long now)
    {
        foreach (var gift in gifts)
            if (gift.UserId is { } sender)
                rankings.Add(batch.CreatorId, batch.CreatorName, sender, gift.DisplayName ?? sender, gift.Coins, DateTimeOffset.FromUnixTimeMilliseconds(now));
    }

    private async Task Flush()
    {
        var now = clock.NowMs;
        foreach (var (siloId, at) in _siloReports.ToArray())
        {
            if (time.GetUtcNow() - at < _options.SiloPresenceExpiry) continue;
            _siloReports.Remove(siloId);
            _recorder.DropSilo(siloId, now);
            _dirty = true;
        }
        if (string.IsNullOrEmpty(state.State.CreatorId)) return;
        await ReportFootprints(now);
        try
        {
            await Classify();
            if (_recorder.Ended && !state.State.Summarized && _recorder.Unclassified.Count == 0)
            {
                var headline = _recorder.Headline(now);
                await Creator.RecordLive(new PastLive(RoomId, state.State.Title, state.State.StartedAt ?? state.State.FirstActivityAt, state.State.EndedAt!.Value, headline));
                state.State.Summarized = true;
                _dirty = true;
                await ScheduleRetention();
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Insights of room {RoomId} could not reach the creator's history; retrying", RoomId);
        }
        if (_dirty) await Store();
    }

    private async Task Classify()
    {
        while (_recorder.Unclassified.Count > 0)
        {
            var asked = _recorder.Unclassified.Take(ClassifyBatch).ToArray();
            var returning = await Creator.ClassifyViewers(RoomId, asked);
            _recorder.Classify(asked, returning);
            _dirty = true;
        }
    }

    private async Task Store()
    {
        try
        {
            if (!_recorder.Ended) _recorder.Advance(clock.NowMs);
            state.State.StoredAt = clock.NowMs;
            _dirty = false;
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            _dirty = true;
            logger.LogWarning(ex, "Insights of room {RoomId} could not be stored; retrying", RoomId);
        }
    }

    private ICreatorInsightsGrain Creator => GrainFactory.GetGrain<ICreatorInsightsGrain>(state.State.CreatorId);
}
