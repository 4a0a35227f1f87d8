using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Gifts;

/// <summary>
/// A creator's earnings. Credits are group-committed: each is applied in memory and acknowledged by the next write,
/// which stores every credit that arrived while the previous write ran (so a hot creator costs one write per batch,
/// not per gift). A credit is acknowledged only once stored; a repeat is acknowledged without effect, after the write
/// that holds the first one. Reentrant: state changes happen in synchronous sections only.
/// </summary>
[Reentrant]
public sealed class CreatorGrain(
    [PersistentState("creator", StorageNames.Default)] IPersistentState<CreatorState> state,
    TimeProvider time,
    ILogger<CreatorGrain> logger) : Grain, ICreatorGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private GroupCommit? _commit;

    private CreatorState State => state.State;

    private GroupCommit Commit => _commit ??= new GroupCommit(Write, RetryDelay, time, ex =>
    {
        logger.LogWarning(ex, "Creator {CreatorId} lost an ETag race; deactivating", this.GetPrimaryKeyString());
        DeactivateOnIdle();
    });

    public async Task Credit(GiftDelivery gift)
    {
        if (gift.CreatorId != this.GetPrimaryKeyString())
            throw new LiveInteractException(ErrorCodes.BadRequest, "gift is for another creator");
        if (State.AppliedUpTo.TryGetValue(gift.SenderId, out var upTo) && upTo >= gift.TransferSeq)
        {
            await Commit.Durable();
            return;
        }
        State.Coins += gift.Coins;
        State.Gifts += gift.Count;
        State.AppliedUpTo[gift.SenderId] = gift.TransferSeq;
        // Not acknowledged until written; a caller that gives up (timeout) sends it again and meets the dedupe above.
        await Commit.Commit();
    }

    public async Task EraseSender(string userId, string pseudonym)
    {
        if (!new Privacy.Erasure(userId, pseudonym).Rekey(State.AppliedUpTo)) return;
        await Commit.Commit();
    }

    public Task<CreatorEarnings> GetEarnings() =>
        Task.FromResult(new CreatorEarnings(this.GetPrimaryKeyString(), State.Coins, State.Gifts));

    private async Task Write()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not Orleans.Storage.InconsistentStateException)
        {
            logger.LogWarning(ex, "Creator {CreatorId} could not store credits; retrying", this.GetPrimaryKeyString());
            throw;
        }
    }
}
