using System.Collections.Concurrent;
using System.Security.Claims;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Users;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Auth;

/// <summary>
/// Answers "was this token revoked?" for every authenticated request and hub call from this silo's copy of the
/// cluster's revocation list (<see cref="ITokenRevocationListGrain"/>), which it refreshes every
/// <see cref="AuthOptions.RevocationCheckInterval"/> with what changed since the version it holds. A revocation
/// reaches every silo within that interval (the silo that takes it, at once), and checking a token never calls a grain.
/// </summary>
public sealed class TokenRevocations(
    IGrainFactory grains,
    IOptions<AuthOptions> options,
    IOptions<RevocationOptions> revocationOptions,
    TimeProvider time,
    ILogger<TokenRevocations> logger) : BackgroundService
{
    // Bounded like the list it copies (Revocations:MaxUsers); entries past Revocations:Retention are dropped.
    private readonly ConcurrentDictionary<string, long> _notBefore = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private long _version;
    private volatile bool _loaded;

    private ITokenRevocationListGrain List => grains.GetGrain<ITokenRevocationListGrain>(ITokenRevocationListGrain.Key);

    /// <summary>True when the principal's token was issued at or before its user's cut-off (no <c>iat</c>: unknown age, refused once revoked).</summary>
    public async ValueTask<bool> IsRevoked(ClaimsPrincipal? user)
    {
        var userId = user?.FindFirst(LiveClaims.UserId)?.Value;
        if (string.IsNullOrEmpty(userId)) return false;
        if (!_loaded) await Refresh();
        if (!_notBefore.TryGetValue(userId, out var notBefore)) return false;
        return !long.TryParse(user!.FindFirst("iat")?.Value, out var issuedAt) || issuedAt <= notBefore;
    }

    public async Task<long> Revoke(string userId)
    {
        var entry = await List.Revoke(userId);
        Remember(userId, entry.NotBefore);
        return entry.NotBefore;
    }

    /// <summary>A cut-off the list just gave another caller (an erase): this silo refuses the tokens at once.</summary>
    public void Remember(string userId, long notBefore) => _notBefore.AddOrUpdate(userId, notBefore, (_, held) => Math.Max(held, notBefore));

    /// <summary>Takes the list's changes since the version this silo holds (all of it the first time).</summary>
    public async Task Refresh()
    {
        await _refreshing.WaitAsync();
        try
        {
            var update = await List.GetSince(_version);
            // A list older than what this silo saw (its storage was reset): start over from all of it.
            if (update.Version < _version) update = await List.GetSince(0);
            foreach (var user in update.Users)
                _notBefore.AddOrUpdate(user.UserId, user.NotBefore, (_, held) => Math.Max(held, user.NotBefore));
            _version = update.Version;
            _loaded = true;
            var expired = time.GetUtcNow().ToUnixTimeSeconds() - (long)revocationOptions.Value.Retention.TotalSeconds;
            foreach (var (userId, notBefore) in _notBefore)
                if (notBefore < expired) _notBefore.TryRemove(userId, out _);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevocationCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await Refresh(); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The cluster may not be up yet, or be moving the list's grain: the next tick tries again.
                    logger.LogInformation("Revocation list not refreshed: {Reason}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
