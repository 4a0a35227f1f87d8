using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Abuse;

public static class AbuseProtectionSetup
{
    /// <summary>
    /// Hub message limits and size cap, connection cap, token expiry on long connections, the Origin allow-list
    /// options, and log levels that keep tokens and message bodies out of the logs.
    /// </summary>
    public static WebApplicationBuilder AddAbuseProtection(this WebApplicationBuilder builder)
    {
        var abuse = builder.Services.AddOptions<AbuseOptions>().BindConfiguration(AbuseOptions.Section).ValidateDataAnnotations();
        abuse.Validate(o => !o.Validate().Any(), "Abuse: every message limit needs PerSecond, Burst, UserPerSecond and UserBurst above 0").ValidateOnStart();
        builder.Services.AddOptions<OriginOptions>().BindConfiguration(OriginOptions.Section)
            .Validate(o => o.Allowed.All(a => Uri.TryCreate(a, UriKind.Absolute, out _)), "Origins:Allowed entries must be absolute origins like https://host")
            .ValidateOnStart();
        builder.Services.AddSingleton<UserConnections>();
        builder.Services.AddOptions<HubOptions>().Configure<Microsoft.Extensions.Options.IOptions<AbuseOptions>>((hub, limits) =>
        {
            hub.MaximumReceiveMessageSize = limits.Value.MaxMessageBytes;
            hub.AddFilter<TokenExpiryHubFilter>();
            hub.AddFilter<RateLimitHubFilter>();
        });

        // Request lines carry ?access_token= (hub WebSockets) and SignalR's debug logs print invocation arguments
        // (message bodies): these categories never log below the levels set here, whatever the default level is.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections", LogLevel.Information);
        // SignalR logs every exception a hub method ends with at Error, stack trace included. Here each one is a
        // HubException made on purpose: an expected refusal (validation, role, ban, limits), or HubErrorFilter's
        // "server error", whose cause that filter has already logged at Error. Measured: one Error per refusal.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        return builder;
    }

    public static IApplicationBuilder UseOriginAllowList(this IApplicationBuilder app) => app.UseMiddleware<OriginAllowListMiddleware>();
}
