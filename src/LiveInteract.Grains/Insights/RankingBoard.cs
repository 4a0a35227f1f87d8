using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Privacy;
using LiveInteract.Grains.Privacy;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// The rules of one ranking window, testable without a silo: adds silo deltas once each (per silo, batches only go
/// up), keeps at most <c>maxEntries</c> per board (dropping the smallest) and answers the top.
/// </summary>
public sealed class RankingBoard(RankingWindowState state, int maxEntries)
{
    private const int MaxSilos = 256;

    /// <summary>False when this (silo, batch) was merged before.</summary>
    public bool Merge(RankingDelta delta)
    {
        if (state.MergedUpTo.TryGetValue(delta.SiloId, out var upTo) && upTo >= delta.Batch) return false;
        if (!state.MergedUpTo.ContainsKey(delta.SiloId) && state.MergedUpTo.Count >= MaxSilos)
            state.MergedUpTo.Remove(state.MergedUpTo.MinBy(s => s.Value).Key);
        state.MergedUpTo[delta.SiloId] = delta.Batch;
        Add(state.Creators, delta.Creators);
        Add(state.Gifters, delta.Gifters);
        return true;
    }

    public IReadOnlyList<RankingEntry> Top(string board, int limit)
    {
        var entries = board switch
        {
            RankingNames.Creators => state.Creators,
            RankingNames.Gifters => state.Gifters,
            _ => throw new ArgumentOutOfRangeException(nameof(board), board, "board must be creators or gifters"),
        };
        return [.. entries.OrderByDescending(e => e.Value.Coins).ThenBy(e => e.Key, StringComparer.Ordinal).Take(limit)
            .Select((e, i) => new RankingEntry(i + 1, e.Key, e.Value.Name, e.Value.Coins))];
    }

    /// <summary>The user's lines on both boards (export).</summary>
    public IReadOnlyList<RankingUserLine> Lines(string window, string userId) =>
        [.. Boards().Select(b => (b.Name, Tally: b.Entries.GetValueOrDefault(userId))).Where(b => b.Tally is not null)
            .Select(b => new RankingUserLine(window, b.Name, b.Tally!.Name, b.Tally.Coins))];

    /// <summary>Erase: the user's lines move to the pseudonym without a name; the sums stay. False when they had none.</summary>
    public bool Erase(Erasure erasure)
    {
        var changed = false;
        foreach (var (_, entries) in Boards())
            changed |= erasure.Rekey(entries, t =>
            {
                t.Name = Erasure.ErasedName;
                return t;
            });
        return changed;
    }

    private (string Name, Dictionary<string, GiftTally> Entries)[] Boards() =>
        [(RankingNames.Creators, state.Creators), (RankingNames.Gifters, state.Gifters)];

    private void Add(Dictionary<string, GiftTally> board, IReadOnlyList<RankingCredit> credits)
    {
        foreach (var credit in credits)
        {
            if (!board.TryGetValue(credit.UserId, out var tally))
            {
                if (board.Count >= maxEntries) board.Remove(board.MinBy(e => e.Value.Coins).Key);
                board[credit.UserId] = tally = new GiftTally();
            }
            tally.Name = credit.DisplayName;
            tally.Coins += credit.Coins;
        }
    }
}

/// <summary>One ranking window as stored: both boards and, per silo, the last merged batch.</summary>
[GenerateSerializer, Alias("li.RankingWindowState")]
public sealed class RankingWindowState
{
    [Id(0)] public Dictionary<string, GiftTally> Creators { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, GiftTally> Gifters { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, long> MergedUpTo { get; set; } = new(StringComparer.Ordinal);
}
