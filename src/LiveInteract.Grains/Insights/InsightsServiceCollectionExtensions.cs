using LiveInteract.Grains.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LiveInteract.Grains.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Insights, rankings and risk (called by AddLiveInteractGrains, which binds their sections): options validated at
    /// start-up, the insights clock (a test may register its own first), this silo's ranking sums and their flusher.
    /// Idempotent.
    /// </summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RankingAccumulator))) return services;
        services.AddOptions<InsightsOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RankingOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RiskOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(new InsightsClock(TimeProvider.System));
        services.AddSingleton<RankingAccumulator>();
        services.AddSingleton<RankingFlusher>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RankingFlusher>());
        return services;
    }
}
