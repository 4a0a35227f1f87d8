using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Users;

/// <summary>
/// Holds the revoked users (see <see cref="ITokenRevocationListGrain"/>). Each change gets the next version, so a silo
/// asks only for what it has not seen. Entries older than <see cref="RevocationOptions.Retention"/> are dropped on the
/// next revocation: every token they refused has expired.
/// </summary>
public sealed class TokenRevocationListGrain(
    [PersistentState("revocations", StorageNames.Default)] IPersistentState<TokenRevocationListState> state,
    IOptions<RevocationOptions> options,
    TimeProvider time) : Grain, ITokenRevocationListGrain
{
    private TokenRevocationListState State => state.State;

    public async Task<RevokedUser> Revoke(string userId)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        DropExpired(now);
        var users = State.Users;
        if (!users.ContainsKey(userId) && users.Count >= options.Value.MaxUsers)
            throw new LiveInteractException(ErrorCodes.Unavailable, $"the revocation list is full ({options.Value.MaxUsers} users); raise Revocations:MaxUsers or shorten Revocations:Retention");
        var entry = new RevokedUser(userId, Math.Max(now, users.GetValueOrDefault(userId)?.NotBefore ?? 0), ++State.Version);
        users[userId] = entry;
        await state.WriteStateAsync();
        return entry;
    }

    public Task<RevocationUpdate> GetSince(long version) =>
        Task.FromResult(new RevocationUpdate(State.Version, [.. State.Users.Values.Where(u => u.Version > version)]));

    private void DropExpired(long now)
    {
        var cutoff = now - (long)options.Value.Retention.TotalSeconds;
        foreach (var expired in State.Users.Values.Where(u => u.NotBefore < cutoff).ToList())
            State.Users.Remove(expired.UserId);
    }
}

[GenerateSerializer, Alias("li.TokenRevocationListState")]
public sealed class TokenRevocationListState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public Dictionary<string, RevokedUser> Users { get; set; } = new(StringComparer.Ordinal);
}
