using LiveInteract.Grains.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveInteract.Server.Hosting;

/// <summary>Ready when a grain call that reads storage answers: the silo joined its cluster and storage is reachable.</summary>
public sealed class ClusterReadyHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).List(1).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("cluster or storage unreachable", ex);
        }
    }
}
