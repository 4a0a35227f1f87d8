using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// A user's token cut-off (key = user id): tokens issued at or before <see cref="GetNotBefore"/> (unix seconds, the
/// JWT <c>iat</c> resolution) are refused. 0 means never revoked.
/// </summary>
[Alias("li.ITokenRevocationGrain")]
public interface ITokenRevocationGrain : IGrainWithStringKey
{
    /// <summary>Refuses every token of this user issued up to now; returns the new cut-off.</summary>
    [Alias("Revoke")] Task<long> Revoke();

    [Alias("GetNotBefore"), ReadOnly] Task<long> GetNotBefore();
}
