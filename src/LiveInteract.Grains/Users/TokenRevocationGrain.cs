using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;

namespace LiveInteract.Grains.Users;

/// <summary>Stores one number per revoked user; silos cache it briefly (see the server's TokenRevocations).</summary>
public sealed class TokenRevocationGrain(
    [PersistentState("revocation", StorageNames.Default)] IPersistentState<TokenRevocationState> state,
    TimeProvider time) : Grain, ITokenRevocationGrain
{
    public async Task<long> Revoke()
    {
        state.State.NotBefore = Math.Max(state.State.NotBefore, time.GetUtcNow().ToUnixTimeSeconds());
        await state.WriteStateAsync();
        return state.State.NotBefore;
    }

    public Task<long> GetNotBefore() => Task.FromResult(state.State.NotBefore);
}

[GenerateSerializer, Alias("li.TokenRevocationState")]
public sealed class TokenRevocationState
{
    /// <summary>Unix seconds; tokens with <c>iat</c> at or before it are refused.</summary>
    [Id(0)] public long NotBefore { get; set; }
}
