using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Abuse;

/// <summary>
/// This server's open hub connections per user: enforces <see cref="AbuseOptions.MaxConnectionsPerUser"/> and holds
/// the per-user rate buckets, which live exactly as long as the user has a connection here.
/// </summary>
public sealed class UserConnections(IOptions<AbuseOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, UserEntry> _users = new(StringComparer.Ordinal);

    /// <summary>Counts a new connection; false (and nothing counted) when the user is at the cap.</summary>
    public bool TryAdd(string userId)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var entry)) _users[userId] = entry = new UserEntry();
            if (entry.Connections >= options.Value.MaxConnectionsPerUser)
            {
                if (entry.Connections == 0) _users.Remove(userId);
                return false;
            }
            entry.Connections++;
            return true;
        }
    }

    public void Remove(string userId)
    {
        lock (_lock)
        {
            if (_users.TryGetValue(userId, out var entry) && --entry.Connections <= 0) _users.Remove(userId);
        }
    }

    /// <summary>The user's bucket for <paramref name="kind"/>, or null when the user has no counted connection.</summary>
    public TokenBucket? Bucket(string userId, MessageKind kind, MessageLimit limit)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var entry)) return null;
            return entry.Buckets[(int)kind] ??= new TokenBucket(limit.UserPerSecond, limit.UserBurst, time);
        }
    }

    private sealed class UserEntry
    {
        public int Connections;
        public readonly TokenBucket?[] Buckets = new TokenBucket?[Enum.GetValues<MessageKind>().Length];
    }
}

/// <summary>The kinds of hub message with separate limits.</summary>
public enum MessageKind { Comment, Like, Gift, Other }
