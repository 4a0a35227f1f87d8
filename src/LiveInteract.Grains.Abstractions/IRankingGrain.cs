using LiveInteract.Contracts.Insights;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// One window of the leaderboards (key = "{period}:{window start, unix ms}"), holding both boards. Silos merge their
/// summed gifts into it every <c>Rankings:FlushInterval</c>: one call per window per silo, never one per gift.
/// </summary>
[Alias("li.IRankingGrain")]
public interface IRankingGrain : IGrainWithStringKey
{
    /// <summary>Adds a silo's sums; a repeat of the same (silo, batch) is ignored, so a retried merge counts once.</summary>
    [Alias("Merge")] Task Merge(RankingDelta delta);

    [Alias("Top"), ReadOnly] Task<IReadOnlyList<RankingEntry>> Top(string board, int limit);

    [Alias("ExportUser"), ReadOnly] Task<IReadOnlyList<LiveInteract.Contracts.Privacy.RankingUserLine>> ExportUser(string userId);

    /// <summary>Moves the user's lines to <paramref name="pseudonym"/> with the name removed; false when they had none.</summary>
    [Alias("EraseUser")] Task<bool> EraseUser(string userId, string pseudonym);
}

/// <summary>A silo's sums for one window since its last merge.</summary>
[GenerateSerializer, Immutable, Alias("li.RankingDelta")]
public sealed record RankingDelta(
    [property: Id(0)] string SiloId,
    [property: Id(1)] long Batch,
    [property: Id(2)] IReadOnlyList<RankingCredit> Creators,
    [property: Id(3)] IReadOnlyList<RankingCredit> Gifters);

[GenerateSerializer, Immutable, Alias("li.RankingCredit")]
public sealed record RankingCredit([property: Id(0)] string UserId, [property: Id(1)] string DisplayName, [property: Id(2)] long Coins);
