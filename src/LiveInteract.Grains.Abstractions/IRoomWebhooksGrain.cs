using LiveInteract.Contracts.Webhooks;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// A room's webhook events on their way to the endpoints' outboxes (key: the room id). The room calls it; it costs
/// the room nothing when no endpoint wants the event. Gifts are summed and sent as one <c>gift.received</c> per second.
/// </summary>
[Alias("li.IRoomWebhooksGrain")]
public interface IRoomWebhooksGrain : IGrainWithStringKey
{
    /// <summary>An event other than a gift: handed to every subscribed endpoint's outbox before this returns.</summary>
    [Alias("Publish")] Task Publish(string type, long at, string dataJson);

    /// <summary>One gift, added to this second's <c>gift.received</c> batch.</summary>
    [Alias("Gift")] Task Gift(string senderId, string senderName, string giftId, int count, long coins, long at);
}
