using LiveInteract.Contracts.Webhooks;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// One endpoint's durable outbox (key: the endpoint id): events are stored before <see cref="Enqueue"/> returns and
/// delivered at least once, in order per room, with retries and back-off; a delivery log and a replay call.
/// </summary>
[Alias("li.IWebhookOutboxGrain")]
public interface IWebhookOutboxGrain : IGrainWithStringKey
{
    [Alias("Enqueue")] Task Enqueue(WebhookEndpoint endpoint, IReadOnlyList<WebhookEvent> events);

    /// <summary>Queues already delivered events again (by id, from the kept history); returns how many were found.</summary>
    [Alias("Replay")] Task<int> Replay(IReadOnlyList<string> eventIds);

    [Alias("View"), ReadOnly] Task<WebhookOutboxView> View(int limit);

    /// <summary>Stops delivering and forgets the queue (the endpoint was removed).</summary>
    [Alias("Close")] Task Close();
}
