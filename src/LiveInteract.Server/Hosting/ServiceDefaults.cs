using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace LiveInteract.Server.Hosting;

/// <summary>Health endpoints and problem details shared by every LiveInteract host.</summary>
public static class ServiceDefaults
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyHealthCheck>("cluster", tags: [Ready]);
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// <c>/healthz/live</c>: the process is up (restart it if not). <c>/healthz/ready</c> and <c>/healthz</c>: the silo
    /// joined its cluster and storage answers (send it traffic only then).
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return app;
    }
}
