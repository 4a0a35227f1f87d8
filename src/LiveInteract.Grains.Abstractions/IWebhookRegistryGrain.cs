using LiveInteract.Contracts.Webhooks;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>The operator's registered webhook endpoints (one grain, key <see cref="Key"/>).</summary>
[Alias("li.IWebhookRegistryGrain")]
public interface IWebhookRegistryGrain : IGrainWithStringKey
{
    public const string Key = "default";

    /// <summary>Adds an endpoint (already validated by the caller); fails when the registry is full.</summary>
    [Alias("Add")] Task Add(WebhookEndpoint endpoint);
    [Alias("Remove")] Task<bool> Remove(string endpointId);
    [Alias("List"), ReadOnly] Task<IReadOnlyList<WebhookEndpoint>> List();
}
