using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Privacy;

/// <summary>
/// One erase (docs/PRIVACY.md): the user's id is replaced by <see cref="Pseudonym"/> (random, stored nowhere beside
/// the id, so nothing links it back), their display name by <see cref="ErasedName"/>, and their own words (comments,
/// questions, held comments, text quoted as risk evidence) by "". Amounts, times and other users are left as they
/// were, so totals still add up. Plain rules, tested without a silo; each grain applies them to what it stores.
/// </summary>
public sealed record Erasure(string UserId, string Pseudonym)
{
    public const string ErasedName = "[erased]";

    public static Erasure For(string userId) => new(userId, $"erased-{Guid.NewGuid():N}");

    public bool Names(string? id) => id == UserId;

    public string Id(string id) => id == UserId ? Pseudonym : id;

    /// <summary>Replaces the id wherever it occurs inside <paramref name="text"/> (combo ids, risk reasons).</summary>
    public string InText(string text) => text.Replace(UserId, Pseudonym, StringComparison.Ordinal);

    /// <summary>The event with the user removed, or null when it does not name them.</summary>
    public RoomEvent? Scrub(RoomEvent e)
    {
        var byUser = Names(e.UserId);
        var scrubbed = e switch
        {
            CommentEvent c when byUser => c with { Text = "" },
            QuestionEvent q when byUser => q with { Text = "" },
            GiftEvent g when byUser => g with { ComboId = InText(g.ComboId) },
            EffectEvent f when byUser => f with { ComboId = InText(f.ComboId) },
            UserMutedEvent m when Names(m.TargetUserId) => m with { TargetUserId = Pseudonym },
            UserBannedEvent b when Names(b.TargetUserId) => b with { TargetUserId = Pseudonym },
            UserUnbannedEvent u when Names(u.TargetUserId) => u with { TargetUserId = Pseudonym },
            ModeratorAddedEvent a when Names(a.TargetUserId) => a with { TargetUserId = Pseudonym },
            ModeratorRemovedEvent r when Names(r.TargetUserId) => r with { TargetUserId = Pseudonym },
            GiftBoardEvent board when board.Top.Any(t => Names(t.UserId)) => board with { Top = [.. board.Top.Select(Scrub)] },
            PinnedEvent p when Names(p.Item.UserId) => p with { Item = Scrub(p.Item) },
            _ => e,
        };
        if (byUser) scrubbed = scrubbed with { UserId = Pseudonym, DisplayName = ErasedName };
        return ReferenceEquals(scrubbed, e) ? null : scrubbed;
    }

    /// <summary>True when the event was written by the user or names them (what an export lists).</summary>
    public bool Mentions(RoomEvent e) => Names(e.UserId) || Names(RoomEventUsers.Target(e)) || e switch
    {
        GiftBoardEvent board => board.Top.Any(t => Names(t.UserId)),
        PinnedEvent p => Names(p.Item.UserId),
        _ => false,
    };

    public TopGifter Scrub(TopGifter gifter) => Names(gifter.UserId) ? new TopGifter(Pseudonym, ErasedName, gifter.Coins) : gifter;

    public PinnedItem Scrub(PinnedItem item) => Names(item.UserId) ? item with { Text = "", UserId = Pseudonym, DisplayName = ErasedName } : item;

    public ModerationRecord Scrub(ModerationRecord record) => record with
    {
        ActorId = Id(record.ActorId),
        ActorName = Names(record.ActorId) ? ErasedName : record.ActorName,
        TargetUserId = record.TargetUserId is { } target ? Id(target) : null,
    };

    public bool Mentions(ModerationRecord record) => Names(record.ActorId) || Names(record.TargetUserId);

    /// <summary>The flag with the user's id replaced everywhere (reason included) and the text of their evidence removed.</summary>
    public RiskFlag Scrub(RiskFlag flag) => flag with
    {
        Reason = InText(flag.Reason),
        UserIds = [.. flag.UserIds.Select(Id)],
        Evidence = [.. flag.Evidence.Select(e => Names(e.UserId) ? e with { UserId = Pseudonym, Text = e.Text is null ? null : "" } : e)],
    };

    public bool Mentions(RiskFlag flag) => flag.UserIds.Contains(UserId) || flag.Evidence.Any(e => Names(e.UserId));

    /// <summary>Moves <paramref name="map"/>'s entry for the user to the pseudonym; false when it had none.</summary>
    public bool Rekey<T>(IDictionary<string, T> map, Func<T, T>? change = null)
    {
        if (!map.Remove(UserId, out var value)) return false;
        map[Pseudonym] = change is null ? value : change(value);
        return true;
    }

    /// <summary>Replaces the user in <paramref name="set"/> by the pseudonym; false when they were not in it.</summary>
    public bool Rekey(ISet<string> set)
    {
        if (!set.Remove(UserId)) return false;
        set.Add(Pseudonym);
        return true;
    }
}
