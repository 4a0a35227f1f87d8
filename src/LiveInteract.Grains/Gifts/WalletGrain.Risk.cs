using System.Text.Json;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Risk;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Gifts;

/// <summary>The wallet's at-risk signal: a fresh account giving most of its coins to one creator (docs/INSIGHTS.md).</summary>
public sealed partial class WalletGrain
{
    private static readonly JsonSerializerOptions RiskJson = new(JsonSerializerDefaults.Web);

    /// <summary>Feeds a new ledger line to the fresh-account tally (stored with it); a flag to report once stored.</summary>
    private RiskFlag? ObserveRisk(LedgerEntry entry) =>
        FreshAccountGiftingDetector.Observe(UserId, State.FreshAccount, entry, State.Ledger, riskOptions.Value, entry.At);

    /// <summary>After the gift is stored: the flag is stored and sent as risk.flagged. Never fails the gift.</summary>
    private async Task ReportRisk(RiskFlag flag, long now)
    {
        try
        {
            await GrainFactory.GetGrain<IRiskGrain>(IRiskGrain.Key).Add(flag);
            if (flag.RoomId is { } roomId)
                await GrainFactory.GetGrain<IRoomWebhooksGrain>(roomId).Publish(WebhookEventTypes.RiskFlagged, now, JsonSerializer.Serialize(flag, RiskJson));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Wallet {UserId}: risk flag {FlagId} not stored or not queued", UserId, flag.Id);
        }
    }
}
