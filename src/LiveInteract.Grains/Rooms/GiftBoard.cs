using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Gifts;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// A room's gift standings, kept in the room's state: the total, every gifter's sum (for the top 10), each sender's
/// current combo streak and, per sender, the highest transfer seq applied (the dedupe of redelivered gifts). Bounded by
/// <c>Gifts:MaxBoardSenders</c>: past it the least recently gifting senders are forgotten (<see cref="SenderMarks"/>),
/// never one in the top 10; a forgotten sender's next gift starts a new sum.
/// </summary>
[GenerateSerializer, Alias("li.GiftBoard")]
public sealed class GiftBoard
{
    public const int TopSize = 10;
    private const int CombosBeforePrune = 256;

    [Id(0)] public long TotalCoins { get; set; }
    [Id(1)] public long GiftCount { get; set; }
    [Id(2)] public Dictionary<string, TopGifter> Gifters { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public Dictionary<string, long> AppliedUpTo { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public Dictionary<string, Combo> Combos { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public List<TopGifter> Top { get; set; } = [];
    /// <summary>Sender -> unix ms of their last gift here: what the bound evicts by.</summary>
    [Id(6)] public Dictionary<string, long> LastGiftAt { get; set; } = new(StringComparer.Ordinal);

    public bool IsApplied(GiftDelivery gift) =>
        AppliedUpTo.TryGetValue(gift.SenderId, out var upTo) && upTo >= gift.TransferSeq;

    /// <summary>Adds the gift; returns its combo and whether the top-10 board changed.</summary>
    public GiftApplied Apply(GiftDelivery gift, long now, TimeSpan comboWindow, int maxSenders)
    {
        SenderMarks.Mark(AppliedUpTo, LastGiftAt, gift.SenderId, gift.TransferSeq, now);
        TotalCoins += gift.Coins;
        GiftCount += gift.Count;

        var sum = Gifters.TryGetValue(gift.SenderId, out var gifter) ? gifter.Coins : 0;
        Gifters[gift.SenderId] = new TopGifter(gift.SenderId, gift.SenderName, sum + gift.Coins);

        var window = (long)comboWindow.TotalMilliseconds;
        if (Combos.TryGetValue(gift.SenderId, out var combo) && combo.GiftId == gift.Gift.Id && now - combo.LastAt <= window)
        {
            combo.Count += gift.Count;
            combo.LastAt = now;
        }
        else
        {
            if (Combos.Count >= CombosBeforePrune) PruneCombos(now - window);
            combo = new Combo { GiftId = gift.Gift.Id, ComboId = $"{gift.SenderId}:{gift.TransferSeq}", Count = gift.Count, LastAt = now };
            Combos[gift.SenderId] = combo;
        }

        var top = Gifters.Values
            .OrderByDescending(g => g.Coins)
            .ThenBy(g => g.UserId, StringComparer.Ordinal)
            .Take(TopSize)
            .ToList();
        var changed = !top.SequenceEqual(Top);
        Top = top;
        foreach (var forgotten in SenderMarks.Trim(AppliedUpTo, LastGiftAt, maxSenders, keep: s => Top.Exists(t => t.UserId == s)))
        {
            Gifters.Remove(forgotten);
            Combos.Remove(forgotten);
        }
        return new GiftApplied(combo.ComboId, combo.Count, changed);
    }

    public GiftBoardView View(string? battleId) => new([.. Top], TotalCoins, GiftCount, battleId);

    private void PruneCombos(long before)
    {
        foreach (var (sender, combo) in Combos.ToList())
            if (combo.LastAt < before) Combos.Remove(sender);
    }

    [GenerateSerializer, Alias("li.GiftBoard.Combo")]
    public sealed class Combo
    {
        [Id(0)] public string GiftId { get; set; } = "";
        [Id(1)] public string ComboId { get; set; } = "";
        [Id(2)] public int Count { get; set; }
        [Id(3)] public long LastAt { get; set; }
    }
}

/// <summary>The outcome of applying one gift to a board.</summary>
public readonly record struct GiftApplied(string ComboId, int ComboCount, bool BoardChanged);
