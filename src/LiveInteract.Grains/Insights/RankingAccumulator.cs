using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// This silo's gift sums per ranking window since the last flush, fed by the room insights grains on this silo (from
/// the stored gift events, never a grain call per gift) and emptied by <see cref="RankingFlusher"/> into one
/// <see cref="RankingDelta"/> per window. Thread-safe; bounded by the gifts of one flush interval.
/// </summary>
public sealed class RankingAccumulator
{
    private readonly Lock _lock = new();
    private Dictionary<string, WindowSums> _windows = new(StringComparer.Ordinal);

    public void Add(string creatorId, string creatorName, string senderId, string senderName, long coins, DateTimeOffset at)
    {
        if (coins <= 0) return;
        lock (_lock)
        {
            foreach (var period in RankingWindows.Periods)
            {
                var key = RankingWindows.Key(period, at);
                if (!_windows.TryGetValue(key, out var sums)) _windows[key] = sums = new WindowSums();
                Sum(sums.Creators, creatorId, creatorName, coins);
                Sum(sums.Gifters, senderId, senderName, coins);
            }
        }
    }

    /// <summary>Empties the sums: (window key, creators, gifters) per window touched since the last call.</summary>
    public IReadOnlyList<(string Window, IReadOnlyList<RankingCredit> Creators, IReadOnlyList<RankingCredit> Gifters)> Take()
    {
        Dictionary<string, WindowSums> taken;
        lock (_lock)
        {
            if (_windows.Count == 0) return [];
            taken = _windows;
            _windows = new Dictionary<string, WindowSums>(StringComparer.Ordinal);
        }
        return [.. taken.Select(w => (w.Key,
            (IReadOnlyList<RankingCredit>)[.. w.Value.Creators.Select(c => new RankingCredit(c.Key, c.Value.Name, c.Value.Coins))],
            (IReadOnlyList<RankingCredit>)[.. w.Value.Gifters.Select(c => new RankingCredit(c.Key, c.Value.Name, c.Value.Coins))]))];
    }

    private static void Sum(Dictionary<string, (string Name, long Coins)> sums, string id, string name, long coins) =>
        sums[id] = (name, sums.GetValueOrDefault(id).Coins + coins);

    private sealed class WindowSums
    {
        public Dictionary<string, (string Name, long Coins)> Creators { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (string Name, long Coins)> Gifters { get; } = new(StringComparer.Ordinal);
    }
}
