using System.Text.Json;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Risk;

/// <summary>How any grain raises a flag: stored in the risk grain, then queued as the room's <c>risk.flagged</c> webhook.</summary>
public static class RiskFlags
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task Raise(this IGrainFactory grains, RiskFlag flag, long now)
    {
        await grains.GetGrain<IRiskGrain>(IRiskGrain.Key).Add(flag);
        if (flag.RoomId is { } roomId)
            await grains.GetGrain<IRoomWebhooksGrain>(roomId).Publish(WebhookEventTypes.RiskFlagged, now, JsonSerializer.Serialize(flag, Json));
    }
}
