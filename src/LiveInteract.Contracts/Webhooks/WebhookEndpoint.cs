namespace LiveInteract.Contracts.Webhooks;

/// <summary>A registered receiver: where events go, which types, and the secret that signs them.</summary>
[GenerateSerializer, Immutable, Alias("li.WebhookEndpoint")]
public sealed record WebhookEndpoint(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string Secret,
    [property: Id(4)] long CreatedAt);
