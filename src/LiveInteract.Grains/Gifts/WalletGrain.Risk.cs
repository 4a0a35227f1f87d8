using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Risk;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Gifts;

/// <summary>
/// The wallet's at-risk signals (docs/INSIGHTS.md): a fresh account giving most of its coins to one creator, and its
/// half of the gift ring (this account gives only to one room).
/// </summary>
public sealed partial class WalletGrain
{
    private RiskFlag? _riskFlag;
    private GiftRingMember? _ringMember;

    /// <summary>Feeds a new ledger line to the at-risk tallies (stored with it); their findings wait for the write.</summary>
    private void ObserveRisk(LedgerEntry entry)
    {
        _riskFlag ??= FreshAccountGiftingDetector.Observe(UserId, State.FreshAccount, entry, State.Ledger, riskOptions.Value, entry.At);
        _ringMember ??= GiftRingDetector.Observe(UserId, State.GiftRooms, entry, riskOptions.Value);
    }

    /// <summary>The write failed: the tallies are reloaded with the state, and nothing they found happened.</summary>
    private void ForgetRisk() => (_riskFlag, _ringMember) = (null, null);

    /// <summary>
    /// After the gift is stored: a qualifying gift-ring member goes to the room's insights (one-way), a flag is stored
    /// and sent as risk.flagged. Never fails the gift.
    /// </summary>
    private async Task ReportRisk(long now)
    {
        var (flag, member) = (_riskFlag, _ringMember);
        ForgetRisk();
        try
        {
            if (member is not null) await GrainFactory.GetGrain<IRoomInsightsGrain>(member.RoomId).ReportGiftRingMember(member);
            if (flag is not null) await GrainFactory.Raise(flag, now);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Wallet {UserId}: a risk finding was not stored or not queued", UserId);
        }
    }
}
