using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Privacy;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Risk;

/// <summary>The service's at-risk flags, newest kept (<see cref="RiskOptions.MaxFlags"/>), listed by time.</summary>
public sealed class RiskGrain(
    [PersistentState("risk", StorageNames.Default)] IPersistentState<RiskState> state,
    IOptions<RiskOptions> options) : Grain, IRiskGrain
{
    private const int MaxPage = 500;

    public async Task Add(RiskFlag flag)
    {
        if (state.State.Flags.Any(f => f.Id == flag.Id)) return;
        state.State.Flags.Add(flag);
        var over = state.State.Flags.Count - options.Value.MaxFlags;
        if (over > 0) state.State.Flags.RemoveRange(0, over);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RiskFlag>> ForUser(string userId)
    {
        var erasure = new Erasure(userId, "");
        return Task.FromResult<IReadOnlyList<RiskFlag>>([.. state.State.Flags.Where(erasure.Mentions)]);
    }

    public async Task<int> EraseUser(string userId, string pseudonym)
    {
        var erasure = new Erasure(userId, pseudonym);
        var flags = state.State.Flags;
        var changed = 0;
        for (var i = 0; i < flags.Count; i++)
        {
            if (!erasure.Mentions(flags[i])) continue;
            flags[i] = erasure.Scrub(flags[i]);
            changed++;
        }
        if (changed > 0) await state.WriteStateAsync();
        return changed;
    }

    public Task<RiskPage> List(long since, int limit)
    {
        if (limit is < 1 or > MaxPage) throw new LiveInteractException(ErrorCodes.BadRequest, $"limit must be 1 to {MaxPage}");
        return Task.FromResult(new RiskPage([.. state.State.Flags.Where(f => f.At >= since).OrderBy(f => f.At).Take(limit)]));
    }
}

[GenerateSerializer, Alias("li.RiskState")]
public sealed class RiskState
{
    [Id(0)] public List<RiskFlag> Flags { get; set; } = [];
}
