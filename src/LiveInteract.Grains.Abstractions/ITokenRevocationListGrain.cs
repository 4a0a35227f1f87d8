using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// The cluster's one list of revoked users (key <see cref="Key"/>), each with a cut-off: tokens issued at or before it
/// (unix seconds, the JWT <c>iat</c> resolution) are refused. Every silo polls it for what changed since the version
/// it holds and answers "revoked?" from its own copy, so checking a token never calls a grain. Revocations are rare;
/// a grain per user would cost an activation and a storage read for every signed-in viewer.
/// </summary>
[Alias("li.ITokenRevocationListGrain")]
public interface ITokenRevocationListGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    /// <summary>Refuses every token of this user issued up to now; returns the entry with its new cut-off.</summary>
    [Alias("Revoke")] Task<RevokedUser> Revoke(string userId);

    /// <summary>Entries changed after <paramref name="version"/> (all of them for 0), and the list's version now.</summary>
    [Alias("GetSince"), ReadOnly] Task<RevocationUpdate> GetSince(long version);
}

[GenerateSerializer, Alias("li.RevokedUser")]
public sealed record RevokedUser([property: Id(0)] string UserId, [property: Id(1)] long NotBefore, [property: Id(2)] long Version);

[GenerateSerializer, Alias("li.RevocationUpdate")]
public sealed record RevocationUpdate([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<RevokedUser> Users);
