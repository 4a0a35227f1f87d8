using LiveInteract.Server.Abuse;

namespace LiveInteract.Server.Media;

/// <summary>
/// How many clips a user may make: a token bucket per user, looser for the room's creator and moderators than for
/// viewers (a GIF costs the silo about a second of CPU). Bounded: past <see cref="MaxUsers"/> users the buckets are
/// dropped and start full again, which at worst lets a user make one clip early.
/// </summary>
public sealed class ClipRateLimiter(double viewerPerMinute, double staffPerMinute, TimeProvider time)
{
    public const int MaxUsers = 10_000;

    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TryTake(string userId, bool staff)
    {
        TokenBucket bucket;
        lock (_gate)
        {
            var key = (staff ? "s:" : "v:") + userId;
            if (!_buckets.TryGetValue(key, out bucket!))
            {
                if (_buckets.Count >= MaxUsers)
                {
                    _buckets.Clear();
                }

                bucket = staff
                    ? new TokenBucket(staffPerMinute / 60, Math.Max(1, (int)Math.Ceiling(staffPerMinute / 2)), time)
                    : new TokenBucket(viewerPerMinute / 60, 1, time);
                _buckets[key] = bucket;
            }
        }

        return bucket.TryTake();
    }
}
