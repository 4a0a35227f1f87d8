using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Privacy;
using LiveInteract.Grains.Privacy;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Insights;

/// <summary>One ranking window (key "{period}:{start}"): merges silo deltas (<see cref="RankingBoard"/>) and stores each merge.</summary>
public sealed class RankingGrain(
    [PersistentState("ranking", StorageNames.Default)] IPersistentState<RankingWindowState> state,
    IOptions<RankingOptions> options) : Grain, IRankingGrain
{
    private RankingBoard Board => new(state.State, options.Value.MaxEntries);

    public async Task Merge(RankingDelta delta)
    {
        if (!Board.Merge(delta)) return;
        try { await state.WriteStateAsync(); }
        catch
        {
            // Not stored: forget the in-memory merge too, so the silo's retry of this batch is applied, not skipped.
            await state.ReadStateAsync();
            throw;
        }
    }

    public Task<IReadOnlyList<RankingUserLine>> ExportUser(string userId) =>
        Task.FromResult(Board.Lines(this.GetPrimaryKeyString(), userId));

    public async Task<bool> EraseUser(string userId, string pseudonym)
    {
        if (!Board.Erase(new Erasure(userId, pseudonym))) return false;
        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<RankingEntry>> Top(string board, int limit) => Task.FromResult(Board.Top(board, limit));
}
