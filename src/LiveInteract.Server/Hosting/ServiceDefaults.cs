namespace LiveInteract.Server.Hosting;

/// <summary>Health endpoints and problem details shared by every LiveInteract host.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        return app;
    }
}
