namespace LiveInteract.Contracts.Webhooks;

/// <summary>
/// One event as delivered: <see cref="Id"/> is unique (receivers dedupe by it: delivery is at least once),
/// <see cref="At"/> is when it happened (unix ms), <see cref="Data"/> is the event's JSON object, already serialized.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] long At,
    [property: Id(3)] string RoomId,
    [property: Id(4)] string DataJson);
