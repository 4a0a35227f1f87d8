using System.Globalization;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Risk;

/// <summary>
/// A ring of accounts that only ever gift one room: young accounts, each of which has given at least
/// <see cref="RiskOptions.GiftRingMinCoins"/> and every coin of it to the same room, at least
/// <see cref="RiskOptions.GiftRingAccounts"/> of them within <see cref="RiskOptions.GiftRingWindow"/>. Two halves, both
/// plain: each wallet keeps a <see cref="GiftRoomTally"/> and reports itself once when it qualifies (one call per
/// account, not per gift); the room's insights grain collects the reports here and flags the ring once.
/// </summary>
public sealed class GiftRingDetector(string roomId, RiskOptions options)
{
    private readonly List<GiftRingMember> _members = [];

    /// <summary>The wallet's half: adds a gift line; the member report when this account now qualifies.</summary>
    public static GiftRingMember? Observe(string userId, GiftRoomTally tally, LedgerEntry entry, RiskOptions options)
    {
        if (entry.Seq == 1) tally.FirstAt = entry.At;
        if (entry.Kind != LedgerKind.Gift || entry.RoomId is not { } room || tally.ManyRooms) return null;
        if (tally.RoomId is null) tally.RoomId = room;
        else if (tally.RoomId != room)
        {
            tally.ManyRooms = true;
            return null;
        }
        tally.Coins -= entry.Coins; // gift lines carry negative coins
        if (tally.Reported || tally.Coins < options.GiftRingMinCoins) return null;
        // A wallet whose first line came before its tally existed is not young.
        if (tally.FirstAt == 0 || entry.At - tally.FirstAt > (long)options.GiftRingMaxAccountAge.TotalMilliseconds) return null;
        tally.Reported = true;
        return new GiftRingMember(userId, room, entry.CreatorId ?? "", tally.Coins, tally.FirstAt, entry.At);
    }

    /// <summary>The room's half: a qualifying account; a flag when the ring is complete (then it starts over).</summary>
    public RiskFlag? Add(GiftRingMember member)
    {
        var cutoff = member.At - (long)options.GiftRingWindow.TotalMilliseconds;
        _members.RemoveAll(m => m.At < cutoff || m.UserId == member.UserId);
        _members.Add(member);
        if (_members.Count > options.GiftRingAccounts * 4) _members.RemoveAt(0);
        if (_members.Count < options.GiftRingAccounts) return null;
        var ring = _members.ToArray();
        _members.Clear();
        var oldest = (member.At - ring.Min(m => m.FirstAt)) / 3_600_000d;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{ring.Length} accounts, none older than {oldest:0.#} h, gave {ring.Sum(m => m.Coins)} coins only ever to room {roomId} (creator {member.CreatorId}), all within {options.GiftRingWindow.TotalMinutes:0} min");
        return new RiskFlag($"risk_{Guid.NewGuid():N}", RiskSignals.GiftRing, reason, member.At, roomId,
            [.. ring.Select(m => m.UserId)], [.. ring.Select(m => new RiskEvidence(m.UserId, $"gifts:{roomId}:since:{m.FirstAt}", m.At, Coins: m.Coins))]);
    }
}

/// <summary>Which rooms a wallet has gifted ("wallet" state): one room so far, or many; and whether it reported itself.</summary>
[GenerateSerializer, Alias("li.GiftRoomTally")]
public sealed class GiftRoomTally
{
    /// <summary>The time of the wallet's first ledger line; 0 when the wallet is older than this tally.</summary>
    [Id(0)] public long FirstAt { get; set; }
    [Id(1)] public string? RoomId { get; set; }
    [Id(2)] public bool ManyRooms { get; set; }
    [Id(3)] public long Coins { get; set; }
    [Id(4)] public bool Reported { get; set; }
}
