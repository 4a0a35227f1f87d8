using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Insights;
using LiveInteract.Grains.Interactive;
using LiveInteract.Grains.Privacy;
using LiveInteract.Grains.Risk;
using LiveInteract.Grains.Rooms;
using LiveInteract.Grains.Storage;
using LiveInteract.Grains.Users;
using LiveInteract.Grains.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveInteract.Grains.Hosting;

/// <summary>
/// Everything the grains take from dependency injection, registered in one place (one such extension per layer):
/// the options of rooms, moderation, interactive LIVE, gifts, webhooks, insights, rankings, risk, privacy and token revocations, each validated by its data annotations when the host
/// starts, the gift catalog, the webhook sender, and the system clock unless a test registered its own.
/// Grains get these through their constructors (<c>IOptions&lt;T&gt;</c>), never from the service provider.
/// Storage and the room event log are not here: the host picks them (SQLite, Redis) per deployment.
/// </summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>Registers the grains' services with the options' defaults; callers may <c>Configure</c> on top.</summary>
    public static IServiceCollection AddLiveInteractGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RoomOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModerationOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InteractiveOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddGifts().ValidateOnStart();
        services.AddOptions<WebhookOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RevocationOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WebhookSender>();
        services.AddInsights();
        services.AddOptions<PrivacyOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IStorageCheckpoint, NoStorageCheckpoint>();
        return services;
    }

    /// <summary>As above, with each options class bound from its section of <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddLiveInteractGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLiveInteractGrains();
        services.AddOptions<RoomOptions>().Bind(configuration.GetSection(RoomOptions.Section));
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section));
        services.AddOptions<InteractiveOptions>().Bind(configuration.GetSection(InteractiveOptions.Section));
        services.AddOptions<GiftOptions>().Bind(configuration.GetSection(GiftOptions.Section));
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.AddOptions<InsightsOptions>().Bind(configuration.GetSection(InsightsOptions.Section));
        services.AddOptions<RankingOptions>().Bind(configuration.GetSection(RankingOptions.Section));
        services.AddOptions<RiskOptions>().Bind(configuration.GetSection(RiskOptions.Section));
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section));
        services.AddOptions<RevocationOptions>().Bind(configuration.GetSection(RevocationOptions.Section));
        return services;
    }
}
