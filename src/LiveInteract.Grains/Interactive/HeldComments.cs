using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Interactive;

namespace LiveInteract.Grains.Interactive;

/// <summary>
/// Comments the keyword filter held for review (kept in the room's moderation state): at most a capacity (the oldest
/// is dropped when full), each until it expires. Expired items are never listed or approved; they are removed on the
/// next change.
/// </summary>
[GenerateSerializer, Alias("li.HeldComments")]
public sealed class HeldComments
{
    [Id(0)] public List<HeldComment> Items { get; set; } = [];
    [Id(1)] public long LastNumber { get; set; }

    public HeldComment Hold(string userId, string displayName, string text, long now, TimeSpan expiry, int capacity)
    {
        Expire(now);
        if (Items.Count >= capacity) Items.RemoveRange(0, Items.Count - capacity + 1);
        LastNumber++;
        var held = new HeldComment($"h{LastNumber}", userId, displayName, text, now, now + (long)expiry.TotalMilliseconds);
        Items.Add(held);
        return held;
    }

    /// <summary>Removes and returns the held comment; unknown or expired ones are refused.</summary>
    public HeldComment Take(string? heldId, long now)
    {
        Expire(now);
        var index = Items.FindIndex(h => h.HeldId == heldId);
        if (index < 0) throw new LiveInteractException(ErrorCodes.NotFound, "held comment not found");
        var held = Items[index];
        Items.RemoveAt(index);
        return held;
    }

    /// <summary>The held comments that have not expired, oldest first.</summary>
    public IReadOnlyList<HeldComment> List(long now) => [.. Items.Where(h => h.ExpiresAt > now)];

    /// <summary>Drops expired items; true when any was dropped.</summary>
    public bool Expire(long now) => Items.RemoveAll(h => h.ExpiresAt <= now) > 0;
}
