using LiveInteract.Contracts.Gifts;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>A creator's earnings (key = user id). Credits come from wallet outboxes and are applied at most once.</summary>
[Alias("li.ICreatorGrain")]
public interface ICreatorGrain : IGrainWithStringKey
{
    /// <summary>Applies the gift if this creator has not applied it yet; a repeat is acknowledged and ignored.</summary>
    [Alias("Credit")] Task Credit(GiftDelivery gift);

    [Alias("GetEarnings"), ReadOnly] Task<CreatorEarnings> GetEarnings();

    /// <summary>Erase of a sender: its dedupe mark moves to <paramref name="pseudonym"/> (kept, so nothing is credited twice).</summary>
    [Alias("EraseSender")] Task EraseSender(string userId, string pseudonym);
}
