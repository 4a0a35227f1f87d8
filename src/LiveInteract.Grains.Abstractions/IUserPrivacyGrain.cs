using LiveInteract.Contracts.Privacy;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// Export and erase of one user's data (key = user id): walks the user's footprint and asks every grain that stores
/// something about them (rooms, live insights, creators' histories, ranking windows, risk flags, wallet, earnings,
/// token cut-off). One grain per user, so an export never interleaves with that user's erase. docs/PRIVACY.md.
/// </summary>
[Alias("li.IUserPrivacyGrain")]
public interface IUserPrivacyGrain : IGrainWithStringKey
{
    [Alias("Export")] Task<UserDataExport> Export();

    /// <summary>Refused (conflict) while the wallet still has gifts being delivered: their dedupe marks carry the id.</summary>
    [Alias("Erase")] Task<UserEraseResult> Erase();
}

/// <summary>What a live's insights hold about a user, and the ranking windows its gifts could have reached.</summary>
[GenerateSerializer, Immutable, Alias("li.LivePrivacyData")]
public sealed record LivePrivacyData(
    [property: Id(0)] string CreatorId,
    [property: Id(1)] LiveInteract.Contracts.Privacy.LiveUserData? User,
    [property: Id(2)] IReadOnlyList<string> RankingWindows);
