using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Webhooks;

/// <summary>The registered endpoints, at most <see cref="WebhookOptions.MaxEndpoints"/>.</summary>
[GenerateSerializer, Alias("li.WebhookRegistryState")]
public sealed class WebhookRegistryState
{
    [Id(0)] public List<WebhookEndpoint> Endpoints { get; set; } = [];
}

public sealed class WebhookRegistryGrain(
    [PersistentState("webhook-registry", StorageNames.Default)] IPersistentState<WebhookRegistryState> state,
    IOptions<WebhookOptions> options) : Grain, IWebhookRegistryGrain
{
    public async Task Add(WebhookEndpoint endpoint)
    {
        if (state.State.Endpoints.Count >= options.Value.MaxEndpoints)
            throw new LiveInteractException(ErrorCodes.Conflict, $"at most {options.Value.MaxEndpoints} webhook endpoints; remove one first");
        state.State.Endpoints.Add(endpoint);
        await state.WriteStateAsync();
    }

    public async Task<bool> Remove(string endpointId)
    {
        if (state.State.Endpoints.RemoveAll(e => e.Id == endpointId) == 0) return false;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IWebhookOutboxGrain>(endpointId).Close();
        return true;
    }

    public Task<IReadOnlyList<WebhookEndpoint>> List() => Task.FromResult<IReadOnlyList<WebhookEndpoint>>([.. state.State.Endpoints]);
}
