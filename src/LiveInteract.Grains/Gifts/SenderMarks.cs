namespace LiveInteract.Grains.Gifts;

/// <summary>
/// The bound on per-sender dedupe marks (sender -> highest transfer seq applied) that rooms and creators keep. Each mark
/// has a last-seen time; past <c>max + max/8</c> senders the least recently seen are forgotten down to <c>max</c>
/// (trimmed in steps, so a full map is not sorted on every gift). A sender's redelivery comes seconds after the
/// first attempt (a wallet redelivers only until acknowledged), when that sender is among the most recently seen, so
/// forgetting the least recent cannot let a repeat through unless <c>max</c> other senders arrived in between.
/// </summary>
public static class SenderMarks
{
    /// <summary>Records that <paramref name="senderId"/>'s transfer <paramref name="transferSeq"/> was applied at <paramref name="now"/>.</summary>
    public static void Mark(Dictionary<string, long> appliedUpTo, Dictionary<string, long> lastSeenAt, string senderId, long transferSeq, long now)
    {
        appliedUpTo[senderId] = transferSeq;
        lastSeenAt[senderId] = now;
    }

    /// <summary>Forgets the least recently seen senders (never one <paramref name="keep"/> names) when over the bound; returns them.</summary>
    public static IReadOnlyList<string> Trim(Dictionary<string, long> appliedUpTo, Dictionary<string, long> lastSeenAt, int max, Func<string, bool>? keep = null)
    {
        if (appliedUpTo.Count <= max + max / 8) return [];
        // Marks stored before last-seen times existed count as the oldest.
        var forgotten = appliedUpTo.Keys
            .Where(s => keep is null || !keep(s))
            .OrderBy(s => lastSeenAt.GetValueOrDefault(s))
            .Take(appliedUpTo.Count - max)
            .ToList();
        foreach (var sender in forgotten)
        {
            appliedUpTo.Remove(sender);
            lastSeenAt.Remove(sender);
        }
        return forgotten;
    }
}
