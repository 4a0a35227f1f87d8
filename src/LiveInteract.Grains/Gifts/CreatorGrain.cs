using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;

namespace LiveInteract.Grains.Gifts;

/// <summary>A creator's earnings. A credit is stored before it is acknowledged, and a repeat is acknowledged without effect.</summary>
public sealed class CreatorGrain(
    [PersistentState("creator", StorageNames.Default)] IPersistentState<CreatorState> state) : Grain, ICreatorGrain
{
    private CreatorState State => state.State;

    public async Task Credit(GiftDelivery gift)
    {
        if (gift.CreatorId != this.GetPrimaryKeyString())
            throw new LiveInteractException(ErrorCodes.BadRequest, "gift is for another creator");
        if (State.AppliedUpTo.TryGetValue(gift.SenderId, out var upTo) && upTo >= gift.TransferSeq) return;
        State.Coins += gift.Coins;
        State.Gifts += gift.Count;
        State.AppliedUpTo[gift.SenderId] = gift.TransferSeq;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not acknowledged: forget it in memory too, the wallet will send it again.
            await state.ReadStateAsync();
            throw;
        }
    }

    public Task<CreatorEarnings> GetEarnings() =>
        Task.FromResult(new CreatorEarnings(this.GetPrimaryKeyString(), State.Coins, State.Gifts));
}
