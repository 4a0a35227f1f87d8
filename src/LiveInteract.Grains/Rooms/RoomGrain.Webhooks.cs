using System.Text.Json;
using LiveInteract.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Rooms;

/// <summary>The room's side of webhooks: hand an event to <see cref="IRoomWebhooksGrain"/>; a failure there is logged, never the room's.</summary>
public sealed partial class RoomGrain
{
    private IRoomWebhooksGrain Webhooks => GrainFactory.GetGrain<IRoomWebhooksGrain>(RoomId);

    private async Task PublishWebhook(string type, object data)
    {
        try { await Webhooks.Publish(type, Now.ToUnixTimeMilliseconds(), JsonSerializer.Serialize(data)); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Room {RoomId}: webhook {Type} not queued", RoomId, type);
        }
    }

    /// <summary>A stored gift joins this second's gift.received batch.</summary>
    private async Task GiftWebhook(GiftDelivery gift)
    {
        try { await Webhooks.Gift(gift.SenderId, gift.SenderName, gift.Gift.Id, gift.Count, gift.Coins, Now.ToUnixTimeMilliseconds()); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Room {RoomId}: gift webhook not queued", RoomId);
        }
    }

    /// <summary>room.ended's headline figures.</summary>
    private object EndedFigures() => new
    {
        title = State.Title,
        creatorId = State.CreatorId,
        startedAt = State.StartedAt,
        endedAt = State.EndedAt,
        durationSeconds = State.StartedAt is { } started && State.EndedAt is { } ended ? (ended - started) / 1000 : 0,
        comments = State.Comments,
        likes = State.Likes,
        giftCoins = GiftState.Board.TotalCoins,
        topGifters = GiftState.Board.Top.Take(3),
    };
}
