using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveInteract.Grains.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>Insights and rankings: options, the insights clock (a test may register its own first), this silo's ranking sums and their flusher.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddOptions<InsightsOptions>().BindConfiguration(InsightsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RankingOptions>().BindConfiguration(RankingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Risk.RiskOptions>().BindConfiguration(Risk.RiskOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(new InsightsClock(TimeProvider.System));
        services.AddSingleton<RankingAccumulator>();
        services.AddSingleton<RankingFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<RankingFlusher>());
        return services;
    }
}
