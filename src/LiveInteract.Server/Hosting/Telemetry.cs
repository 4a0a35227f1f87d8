using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LiveInteract.Server.Hosting;

/// <summary>
/// Metrics (Orleans, ASP.NET Core, Kestrel, SignalR connections and LiveInteract's own) in Prometheus text at
/// <c>/metrics</c>; traces across HTTP -> hub -> grain calls, collected and exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddLiveInteractTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveMetrics>();
        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.Orleans", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
                    // The transport's block pool is LiveInteract's own (TrimmingBlockPoolFactory, on the LiveInteract meter).
                    "Microsoft.AspNetCore.SignalR", LiveMetrics.MeterName)
                .AddPrometheusExporter());
        // Traces only when they go somewhere: a tracer that listens creates an activity for every request (a viewer's
        // WebSocket holds one for its whole life) and for every grain call, which a join ramp paid for with nothing
        // exported (docs/BENCHMARKS.md, issue 14).
        if (TracesExported(builder.Configuration))
            otel.WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddOtlpExporter())
                .WithMetrics(m => m.AddOtlpExporter());
        return builder;
    }

    /// <summary>True when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: traces (and Orleans' trace propagation) are on.</summary>
    public static bool TracesExported(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static WebApplication MapLiveInteractTelemetry(this WebApplication app)
    {
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Operations.OperationsOptions>>().Value.RestrictTelemetry)
            metrics.RequireAuthorization(Service.ServiceApi.Policy);
        return app;
    }
}
