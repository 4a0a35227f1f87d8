using System.Collections.Concurrent;
using System.Security.Claims;
using LiveInteract.Grains.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Auth;

/// <summary>
/// Answers "was this token revoked?" for every authenticated request and hub call. The cut-off lives in one grain
/// per user; each silo caches it for <see cref="AuthOptions.RevocationCheckInterval"/>, so a revocation reaches every
/// silo within that interval at the cost of one grain call per active user per interval.
/// </summary>
public sealed class TokenRevocations(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (long NotBefore, long FetchedAt)> _cache = new(StringComparer.Ordinal);

    /// <summary>True when the principal's token was issued at or before its user's cut-off (no <c>iat</c>: unknown age, refused once revoked).</summary>
    public async ValueTask<bool> IsRevoked(ClaimsPrincipal? user)
    {
        var userId = user?.FindFirst(LiveClaims.UserId)?.Value;
        if (string.IsNullOrEmpty(userId)) return false;
        var notBefore = await NotBefore(userId);
        if (notBefore == 0) return false;
        return !long.TryParse(user!.FindFirst("iat")?.Value, out var issuedAt) || issuedAt <= notBefore;
    }

    public async Task<long> Revoke(string userId)
    {
        var notBefore = await grains.GetGrain<ITokenRevocationGrain>(userId).Revoke();
        Remember(userId, notBefore);
        return notBefore;
    }

    /// <summary>A cut-off the revocation grain just set for another caller (an erase): this silo refuses at once.</summary>
    public void Remember(string userId, long notBefore) => _cache[userId] = (notBefore, time.GetUtcNow().ToUnixTimeMilliseconds());

    private async ValueTask<long> NotBefore(string userId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_cache.TryGetValue(userId, out var cached) && now - cached.FetchedAt < (long)options.Value.RevocationCheckInterval.TotalMilliseconds)
            return cached.NotBefore;
        var notBefore = await grains.GetGrain<ITokenRevocationGrain>(userId).GetNotBefore();
        // Bounded: a silo never holds more than MaxCachedRevocations entries; past that it starts over (only costs lookups).
        if (_cache.Count >= options.Value.MaxCachedRevocations) _cache.Clear();
        _cache[userId] = (notBefore, now);
        return notBefore;
    }
}
