using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Gifts;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>The gift and battle side of a room (implemented by the room grain; <see cref="IRoomGrain"/> extends it).</summary>
[Alias("li.IRoomGifts")]
public interface IRoomGifts : IGrainWithStringKey
{
    /// <summary>Who a gift in this room pays and whether the room takes gifts.</summary>
    [Alias("GetGiftTarget"), ReadOnly] Task<GiftTarget> GetGiftTarget();

    /// <summary>Shows a debited gift: event, combo, board, total. Applied at most once per (sender, transfer seq).</summary>
    [Alias("ApplyGift")] Task ApplyGift(GiftDelivery gift);

    /// <summary>A battle this room is in changed; the room records it and shows it to its viewers.</summary>
    [Alias("OnBattle")] Task OnBattle(BattleEvent update);

    /// <summary>Coins gifted in this room since <paramref name="battleId"/> started (0 if the room is not in it).</summary>
    [Alias("GetBattleScore"), ReadOnly] Task<long> GetBattleScore(string battleId);
}
