using LiveInteract.Contracts.Insights;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>The at-risk flags of the service (one grain, key <see cref="Key"/>): kept newest, bounded; flags are rare.</summary>
[Alias("li.IRiskGrain")]
public interface IRiskGrain : IGrainWithStringKey
{
    public const string Key = "risk";

    [Alias("Add")] Task Add(RiskFlag flag);

    /// <summary>Flags with At &gt;= <paramref name="since"/> (unix ms), oldest first, at most <paramref name="limit"/>.</summary>
    [Alias("List"), ReadOnly] Task<RiskPage> List(long since, int limit);

    /// <summary>Flags naming the user (in their accounts or evidence).</summary>
    [Alias("ForUser"), ReadOnly] Task<IReadOnlyList<RiskFlag>> ForUser(string userId);

    /// <summary>Replaces the user by <paramref name="pseudonym"/> in every flag (their evidence text removed); returns how many changed.</summary>
    [Alias("EraseUser")] Task<int> EraseUser(string userId, string pseudonym);
}
