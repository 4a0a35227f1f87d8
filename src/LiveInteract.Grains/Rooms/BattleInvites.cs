using LiveInteract.Contracts.Errors;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// A room's battle invitations waiting for an answer, and the rooms it cools down with. Rules: one outgoing invite at a
/// time; at most <see cref="MaxIncoming"/> incoming ones; a room with invites pending can still invite and be invited
/// (only a running battle makes it busy); after a pair's invite is declined or expires, neither room of the pair can
/// invite the other until the cool-down ends. Invites expire by themselves; every list here is bounded.
/// </summary>
[GenerateSerializer, Alias("li.BattleInvites")]
public sealed class BattleInvites
{
    public const int MaxIncoming = 8;

    /// <summary>Cool-downs remembered; the one ending first is forgotten when a new one would pass this.</summary>
    public const int MaxCooldowns = 32;

    [Id(0)] public List<PendingInvite> Pending { get; set; } = [];

    /// <summary>Other room id -> unix ms until which this pair may not battle-invite each other.</summary>
    [Id(1)] public Dictionary<string, long> CooldownUntil { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Records an invite this room sends (<paramref name="outgoing"/>) or receives; throws if a rule refuses it.</summary>
    public void Offer(string battleId, string otherRoomId, bool outgoing, long nowMs, long expiresAtMs)
    {
        Forget(nowMs);
        if (CooldownUntil.TryGetValue(otherRoomId, out var until))
            throw new LiveInteractException(ErrorCodes.Conflict,
                $"these rooms' last battle invite was declined or expired; they can invite each other again in {(until - nowMs + 999) / 1000} s");
        if (outgoing && Pending.Any(p => p.Outgoing))
            throw new LiveInteractException(ErrorCodes.Conflict, "this room already has a battle invite waiting for an answer");
        if (!outgoing && Pending.Count(p => !p.Outgoing) >= MaxIncoming)
            throw new LiveInteractException(ErrorCodes.Conflict, "that room has too many battle invites waiting; try again later");
        Pending.Add(new PendingInvite(battleId, otherRoomId, outgoing, expiresAtMs));
    }

    /// <summary>The invite was answered or withdrawn. A declined or expired one starts the pair's cool-down.</summary>
    public void Close(string battleId, string otherRoomId, long nowMs, long? cooldownUntilMs)
    {
        Pending.RemoveAll(p => p.BattleId == battleId);
        if (cooldownUntilMs is not { } until) return;
        Forget(nowMs);
        if (!CooldownUntil.ContainsKey(otherRoomId) && CooldownUntil.Count >= MaxCooldowns)
            CooldownUntil.Remove(CooldownUntil.MinBy(c => c.Value).Key);
        CooldownUntil[otherRoomId] = until;
    }

    public bool IsPending(string battleId) => Pending.Exists(p => p.BattleId == battleId);

    /// <summary>The newest invitation still waiting (what a room shows when it is not in a running battle).</summary>
    public PendingInvite? Newest(long nowMs) => Pending.LastOrDefault(p => p.ExpiresAtMs > nowMs);

    private void Forget(long nowMs)
    {
        Pending.RemoveAll(p => p.ExpiresAtMs <= nowMs);
        foreach (var ended in CooldownUntil.Where(c => c.Value <= nowMs).Select(c => c.Key).ToList()) CooldownUntil.Remove(ended);
    }
}

[GenerateSerializer, Immutable, Alias("li.PendingInvite")]
public sealed record PendingInvite(
    [property: Id(0)] string BattleId,
    [property: Id(1)] string OtherRoomId,
    [property: Id(2)] bool Outgoing,
    [property: Id(3)] long ExpiresAtMs);
