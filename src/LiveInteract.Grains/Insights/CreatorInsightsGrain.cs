using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// A creator's history (key = user id): finished lives with their headline figures, the viewers seen before (new vs
/// returning) and the score computed from the latest lives. Bounded by <see cref="InsightsOptions.MaxLives"/> and
/// <see cref="InsightsOptions.MaxKnownViewers"/>.
/// </summary>
public sealed class CreatorInsightsGrain(
    [PersistentState("creator-insights", StorageNames.Default)] IPersistentState<CreatorInsightsState> state,
    InsightsClock clock,
    IOptions<InsightsOptions> options,
    IOptions<Privacy.PrivacyOptions> privacyOptions) : Grain, ICreatorInsightsGrain
{
    private const int MaxPage = 100;

    private CreatorInsightsState State => state.State;

    public async Task<IReadOnlyList<string>> ClassifyViewers(string roomId, IReadOnlyList<string> userIds)
    {
        var now = clock.NowMs;
        List<string> returning = [];
        foreach (var userId in userIds)
        {
            if (State.Viewers.TryGetValue(userId, out var known))
            {
                if (known.FirstRoomId != roomId) returning.Add(userId);
                known.LastSeen = now;
                continue;
            }
            if (State.Viewers.Count >= options.Value.MaxKnownViewers)
                State.Viewers.Remove(State.Viewers.MinBy(v => v.Value.LastSeen).Key);
            State.Viewers[userId] = new KnownViewer { FirstRoomId = roomId, LastSeen = now };
        }
        await state.WriteStateAsync();
        return returning;
    }

    public async Task RecordLive(PastLive live)
    {
        State.Lives.RemoveAll(l => l.RoomId == live.RoomId);
        State.Lives.Add(live);
        State.Lives.Sort((a, b) => b.EndedAt.CompareTo(a.EndedAt));
        if (State.Lives.Count > options.Value.MaxLives) State.Lives.RemoveRange(options.Value.MaxLives, State.Lives.Count - options.Value.MaxLives);
        await state.WriteStateAsync();
    }

    public Task<PastLivePage> GetLives(int offset, int limit)
    {
        if (offset < 0) throw new LiveInteractException(ErrorCodes.BadRequest, "offset must not be negative");
        if (limit is < 1 or > MaxPage) throw new LiveInteractException(ErrorCodes.BadRequest, $"limit must be 1 to {MaxPage}");
        return Task.FromResult(new PastLivePage([.. State.Lives.Skip(offset).Take(limit)], State.Lives.Count, offset, limit));
    }

    public Task<bool> KnowsViewer(string userId) => Task.FromResult(State.Viewers.ContainsKey(userId));

    public async Task ForgetViewer(string? userId)
    {
        // Retention: a viewer unseen this long is forgotten (they count as new if they come back).
        var cutoff = clock.NowMs - (long)privacyOptions.Value.ViewerDataRetention.TotalMilliseconds;
        var forgotten = State.Viewers.Where(v => v.Value.LastSeen < cutoff || v.Key == userId).Select(v => v.Key).ToArray();
        foreach (var key in forgotten) State.Viewers.Remove(key);
        if (forgotten.Length > 0) await state.WriteStateAsync();
    }

    public Task<CreatorScore> GetScore() =>
        Task.FromResult(CreatorScoreCalculator.Compute(this.GetPrimaryKeyString(),
            [.. State.Lives.Take(options.Value.ScoreLives).Select(l => l.Headline)], options.Value, clock.NowMs));
}
