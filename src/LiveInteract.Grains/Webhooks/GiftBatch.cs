using System.Text.Json;

namespace LiveInteract.Grains.Webhooks;

/// <summary>
/// One second of a room's gifts, summed for one <c>gift.received</c> event: totals, per gift, and per sender
/// (the top <see cref="MaxSenders"/> by coins, so a gift rush makes a bounded event).
/// </summary>
public sealed class GiftBatch
{
    public const int MaxSenders = 50;
    private readonly Dictionary<string, (int Count, long Coins)> _byGift = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, int Count, long Coins)> _bySender = new(StringComparer.Ordinal);

    public long FirstAt { get; private set; }
    public bool IsEmpty => _byGift.Count == 0;

    public void Add(string senderId, string senderName, string giftId, int count, long coins, long at)
    {
        if (IsEmpty) FirstAt = at;
        var g = _byGift.GetValueOrDefault(giftId);
        _byGift[giftId] = (g.Count + count, g.Coins + coins);
        var s = _bySender.GetValueOrDefault(senderId, (senderName, 0, 0));
        _bySender[senderId] = (senderName, s.Count + count, s.Coins + coins);
    }

    public string ToJson()
    {
        var data = new
        {
            gifts = _byGift.Values.Sum(g => g.Count),
            coins = _byGift.Values.Sum(g => g.Coins),
            byGift = _byGift.OrderByDescending(g => g.Value.Coins).Select(g => new { giftId = g.Key, count = g.Value.Count, coins = g.Value.Coins }),
            senders = _bySender.Count,
            topSenders = _bySender.OrderByDescending(s => s.Value.Coins).Take(MaxSenders)
                .Select(s => new { userId = s.Key, displayName = s.Value.Name, count = s.Value.Count, coins = s.Value.Coins }),
        };
        return JsonSerializer.Serialize(data);
    }

    public void Clear()
    {
        _byGift.Clear();
        _bySender.Clear();
    }
}
