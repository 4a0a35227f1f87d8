namespace LiveInteract.Contracts.Webhooks;

/// <summary>
/// One delivery attempt in an endpoint's log: the event, the attempt number, the outcome (<c>delivered</c>,
/// <c>failed</c>: will retry, <c>gave_up</c>: retries exhausted, <c>refused</c>: the outbox was full), the HTTP status
/// if one came back, a short reason, and the time.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.WebhookDeliveryRecord")]
public sealed record WebhookDeliveryRecord(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] string RoomId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] string Outcome,
    [property: Id(5)] int? Status,
    [property: Id(6)] string Reason,
    [property: Id(7)] long At);

/// <summary>An endpoint's queue and log as the service API shows them.</summary>
[GenerateSerializer, Immutable, Alias("li.WebhookOutboxView")]
public sealed record WebhookOutboxView(
    [property: Id(0)] int Pending,
    [property: Id(1)] IReadOnlyList<WebhookDeliveryRecord> Log);
