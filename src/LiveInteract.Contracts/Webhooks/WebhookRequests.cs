namespace LiveInteract.Contracts.Webhooks;

/// <summary><c>POST /api/service/webhooks</c>: where, which event types, and optionally the signing secret (made here when absent).</summary>
public sealed record WebhookRegistration(string? Url, IReadOnlyList<string>? Events, string? Secret);

/// <summary>The created endpoint; <see cref="Secret"/> is shown only in this answer.</summary>
public sealed record WebhookCreated(string Id, string Url, IReadOnlyList<string> Events, string Secret, long CreatedAt);

/// <summary>A registered endpoint as listed (no secret).</summary>
public sealed record WebhookListing(string Id, string Url, IReadOnlyList<string> Events, long CreatedAt);

/// <summary><c>POST /api/service/webhooks/{id}/replay</c>: event ids from the delivery log to send again.</summary>
public sealed record WebhookReplayRequest(IReadOnlyList<string>? EventIds);

public sealed record WebhookReplayed(int Replayed);
