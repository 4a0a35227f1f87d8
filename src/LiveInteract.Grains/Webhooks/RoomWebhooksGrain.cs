using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Webhooks;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Webhooks;

/// <summary>
/// A room's webhook events on their way to the endpoints' outboxes. The endpoint list is cached for a few seconds, so
/// with no endpoints a room's call costs one in-memory check. Gifts are summed for one second, then published as one
/// <c>gift.received</c>: the sum lives in memory for that second (a crash of this silo in it loses that batch's webhook,
/// never the gifts themselves, which are money and stored by the wallets and the room).
/// </summary>
public sealed class RoomWebhooksGrain(TimeProvider time, ILogger<RoomWebhooksGrain> logger) : Grain, IRoomWebhooksGrain
{
    private static readonly TimeSpan EndpointCacheFor = TimeSpan.FromSeconds(2);
    private readonly GiftBatch _gifts = new();
    private IReadOnlyList<WebhookEndpoint> _endpoints = [];
    private DateTimeOffset _endpointsAt = DateTimeOffset.MinValue;
    private IGrainTimer? _giftTimer;

    private string RoomId => this.GetPrimaryKeyString();

    public async Task Publish(string type, long at, string dataJson)
    {
        var targets = await Subscribers(type);
        if (targets.Count == 0) return;
        var e = new WebhookEvent("evt_" + Guid.NewGuid().ToString("N"), type, at, RoomId, dataJson);
        await Task.WhenAll(targets.Select(t => GrainFactory.GetGrain<IWebhookOutboxGrain>(t.Id).Enqueue(t, [e])));
    }

    public async Task Gift(string senderId, string senderName, string giftId, int count, long coins, long at)
    {
        if ((await Subscribers(WebhookEventTypes.GiftReceived)).Count == 0) return;
        _gifts.Add(senderId, senderName, giftId, count, coins, at);
        _giftTimer ??= this.RegisterGrainTimer(_ => FlushGifts(), new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromSeconds(1),
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    private async Task FlushGifts()
    {
        _giftTimer?.Dispose();
        _giftTimer = null;
        if (_gifts.IsEmpty) return;
        var (at, json) = (_gifts.FirstAt, _gifts.ToJson());
        _gifts.Clear();
        try { await Publish(WebhookEventTypes.GiftReceived, at, json); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Room {RoomId}: gift.received could not be queued", RoomId);
        }
    }

    private async Task<IReadOnlyList<WebhookEndpoint>> Subscribers(string type)
    {
        var now = time.GetUtcNow();
        if (now - _endpointsAt > EndpointCacheFor)
        {
            _endpoints = await GrainFactory.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).List();
            _endpointsAt = now;
        }
        return [.. _endpoints.Where(e => e.Events.Contains(type))];
    }
}
