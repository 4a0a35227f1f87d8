namespace LiveInteract.Server.Relays;

/// <summary>
/// The users with at least one connection in a room on this silo, and who arrived or left since the last
/// <see cref="Take"/>. Written by the relay's loop, read by the registry's report loop. A user who comes and goes
/// within one report interval cancels out (their sub-interval visit is not counted); bounded by the room's viewers.
/// </summary>
public sealed class RoomPresence
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    private readonly HashSet<string> _joined = new(StringComparer.Ordinal);
    private readonly HashSet<string> _left = new(StringComparer.Ordinal);

    public void Joined(string userId)
    {
        lock (_lock)
        {
            if (_present.Add(userId) && !_left.Remove(userId)) _joined.Add(userId);
        }
    }

    public void Left(string userId)
    {
        lock (_lock)
        {
            if (_present.Remove(userId) && !_joined.Remove(userId)) _left.Add(userId);
        }
    }

    /// <summary>The changes since the last call; with <paramref name="full"/>, everyone present as joined instead.</summary>
    public (IReadOnlyList<string> Joined, IReadOnlyList<string> Left) Take(bool full)
    {
        lock (_lock)
        {
            string[] joined = full ? [.. _present] : [.. _joined];
            string[] left = full ? [] : [.. _left];
            _joined.Clear();
            _left.Clear();
            return (joined, left);
        }
    }
}
