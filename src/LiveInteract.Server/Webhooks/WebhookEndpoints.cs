using System.Security.Cryptography;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Webhooks;
using LiveInteract.Server.Service;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Webhooks;

/// <summary>Webhook endpoints of the service API (API key required): register, list, remove, delivery log, replay.</summary>
public static class WebhookEndpoints
{
    private const int MaxReplay = 100;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ServiceApi.Routes + "/webhooks").WithTags("Webhooks").RequireAuthorization(ServiceApi.Policy);

        group.MapPost("/", async (WebhookRegistration request, IGrainFactory grains, IOptions<WebhookOptions> options, TimeProvider time) =>
        {
            var o = options.Value;
            if (WebhookUrlPolicy.Check(request.Url, o.AllowLoopback) is { } reason) throw new LiveInteractException(ErrorCodes.BadRequest, reason);
            var events = (request.Events ?? []).Distinct(StringComparer.Ordinal).ToArray();
            if (events.Length == 0) throw new LiveInteractException(ErrorCodes.BadRequest, "events must name at least one event type");
            if (events.FirstOrDefault(e => !WebhookEventTypes.All.Contains(e)) is { } unknown)
                throw new LiveInteractException(ErrorCodes.BadRequest, $"unknown event type '{Clip(unknown)}'; known: {string.Join(", ", WebhookEventTypes.All)}");
            var secret = request.Secret;
            if (secret is not null && (secret.Length < o.MinSecretLength || secret.Length > 256))
                throw new LiveInteractException(ErrorCodes.BadRequest, $"secret must be {o.MinSecretLength} to 256 characters (or leave it out and one is made)");
            secret ??= "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var endpoint = new WebhookEndpoint("wh_" + Guid.NewGuid().ToString("N"), request.Url!, events, secret, time.GetUtcNow().ToUnixTimeMilliseconds());
            await grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).Add(endpoint);
            return Results.Created($"{ServiceApi.Routes}/webhooks/{endpoint.Id}",
                new WebhookCreated(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.Secret, endpoint.CreatedAt));
        })
        .WithSummary("Register a webhook endpoint {url, events, secret?}; the answer shows the signing secret once");

        group.MapGet("/", async (IGrainFactory grains) =>
            (await grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).List())
                .Select(e => new WebhookListing(e.Id, e.Url, e.Events, e.CreatedAt)).ToList())
            .WithSummary("The registered webhook endpoints (without secrets)");

        group.MapDelete("/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).Remove(Clip(id)) ? Results.NoContent() : throw NotFound())
            .WithSummary("Remove an endpoint; its waiting events are dropped");

        group.MapGet("/{id}/deliveries", async (string id, int? limit, IGrainFactory grains) =>
        {
            await Require(grains, id);
            return await grains.GetGrain<IWebhookOutboxGrain>(id).View(limit ?? 100);
        })
        .WithSummary("The endpoint's delivery log, newest first, and how many events wait");

        group.MapPost("/{id}/replay", async (string id, WebhookReplayRequest request, IGrainFactory grains) =>
        {
            await Require(grains, id);
            var ids = request.EventIds ?? [];
            if (ids.Count is 0 or > MaxReplay) throw new LiveInteractException(ErrorCodes.BadRequest, $"eventIds must name 1 to {MaxReplay} events");
            return new WebhookReplayed(await grains.GetGrain<IWebhookOutboxGrain>(id).Replay(ids));
        })
        .WithSummary("Send delivered events again (by id, from the delivery log)");

        return app;
    }

    private static async Task Require(IGrainFactory grains, string id)
    {
        var endpoints = await grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).List();
        if (!endpoints.Any(e => e.Id == id)) throw NotFound();
    }

    private static LiveInteractException NotFound() => new(ErrorCodes.NotFound, "no such webhook endpoint");

    private static string Clip(string s) => s.Length > 64 ? s[..64] : s;
}
