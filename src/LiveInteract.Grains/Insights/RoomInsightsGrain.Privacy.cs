using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Privacy;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// A live's part of privacy (docs/PRIVACY.md): it tells each user's footprint that they were here (once per user and
/// activation, at a flush), answers export and erase for its own records, and runs retention on a reminder registered
/// when the live's figures reached the creator's history.
/// </summary>
public sealed partial class RoomInsightsGrain
{
    private const string RetentionReminder = "viewer-retention";
    private const int MaxFootprintsRemembered = 100_000;

    private readonly HashSet<string> _footprinted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _footprintPending = new(StringComparer.Ordinal);

    private TimeSpan Retention => privacyOptions.Value.ViewerDataRetention;

    private bool RetentionDue => state.State is { Summarized: true, ViewersExpired: false, EndedAt: { } ended }
        && clock.NowMs - ended >= (long)Retention.TotalMilliseconds;

    public Task<LivePrivacyData> ExportUser(string userId) =>
        Task.FromResult(new LivePrivacyData(state.State.CreatorId, _recorder.UserData(RoomId, userId), RankingWindowKeys()));

    public async Task<LivePrivacyData> EraseUser(string userId, string pseudonym)
    {
        var user = _recorder.UserData(RoomId, userId);
        _spam = null; // its memory holds recent comments, the user's among them
        _footprinted.Remove(userId);
        _footprintPending.Remove(userId);
        if (_recorder.Erase(new Erasure(userId, pseudonym), clock.NowMs))
        {
            state.State.StoredAt = clock.NowMs;
            await state.WriteStateAsync();
        }
        return new LivePrivacyData(state.State.CreatorId, user, RankingWindowKeys());
    }

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName != RetentionReminder) return;
        // Registered for the due time, so it is due (a reminder firing a little early is not worth another period).
        if (state.State is { Summarized: true, ViewersExpired: false }) await ExpireViewerData();
        if (!state.State.ViewersExpired) return; // not yet (or it failed): the next tick tries again
        if (await this.GetReminder(RetentionReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private void NoteUsers(string? creatorId, IEnumerable<string> userIds)
    {
        if (!string.IsNullOrEmpty(creatorId) && !_footprinted.Contains(creatorId)) _footprintPending.Add(creatorId);
        foreach (var userId in userIds)
            if (!_footprinted.Contains(userId)) _footprintPending.Add(userId);
    }

    /// <summary>One one-way call per user new to this activation; a repeat after a restart is harmless.</summary>
    private async Task ReportFootprints(long now)
    {
        if (_footprintPending.Count == 0) return;
        if (_footprinted.Count > MaxFootprintsRemembered) _footprinted.Clear();
        foreach (var userId in _footprintPending)
        {
            await GrainFactory.GetGrain<IUserFootprintGrain>(userId).Add(RoomId, now);
            _footprinted.Add(userId);
        }
        _footprintPending.Clear();
    }

    private async Task ScheduleRetention()
    {
        var due = TimeSpan.FromMilliseconds(Math.Max(0, state.State.EndedAt!.Value + (long)Retention.TotalMilliseconds - clock.NowMs));
        // Reminder periods are at least a minute; the first tick comes at the due time.
        var period = TimeSpan.FromTicks(Math.Clamp(Retention.Ticks, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromDays(1).Ticks));
        try
        {
            await this.RegisterOrUpdateReminder(RetentionReminder, due, period);
        }
        catch (Exception ex)
        {
            // The activation check (RetentionDue) still expires it the next time the grain wakes.
            logger.LogWarning(ex, "Insights of room {RoomId} could not register the retention reminder", RoomId);
        }
    }

    /// <summary>Retention: the room's log and names, the creator's long-unseen viewers, then this live's viewer records.</summary>
    private async Task ExpireViewerData()
    {
        try
        {
            await GrainFactory.GetGrain<IRoomGrain>(RoomId).ExpireViewerData();
            await Creator.ForgetViewer(null);
            if (_recorder.ExpireViewers())
            {
                state.State.StoredAt = clock.NowMs;
                await state.WriteStateAsync();
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Insights of room {RoomId} could not expire viewer data; the next reminder tick retries", RoomId);
        }
    }

    /// <summary>The ranking windows (every period) the live's gifts could have been added to.</summary>
    private List<string> RankingWindowKeys()
    {
        var from = state.State.StartedAt ?? state.State.FirstActivityAt;
        if (from == 0) return [];
        var to = DateTimeOffset.FromUnixTimeMilliseconds(state.State.EndedAt ?? clock.NowMs);
        List<string> keys = [];
        foreach (var period in RankingWindows.Periods)
            for (var at = DateTimeOffset.FromUnixTimeMilliseconds(from); at <= to; at = RankingWindows.Of(period, at).End)
                keys.Add(RankingWindows.Key(period, at));
        return keys;
    }
}
