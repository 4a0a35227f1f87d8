using System.Threading.RateLimiting;
using LiveInteract.Contracts.Errors;
using LiveInteract.Server.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Abuse;

/// <summary>
/// ASP.NET Core rate limiting on the REST API: a per-IP window on every /api request, and named per-user policies
/// (per IP when there is no user) on the expensive routes. A refusal is a 429 problem with code <c>rate_limited</c>
/// and a Retry-After header, logged at Debug by the middleware (no stack trace).
/// </summary>
public static class RestRateLimiting
{
    public const string Tokens = "tokens";
    public const string AnonymousViewers = "anonymous-viewers";
    public const string RoomCreation = "room-creation";
    public const string Snapshots = "snapshots";
    public const string TopUps = "topups";
    public const string Battles = "battles";

    public static WebApplicationBuilder AddRestRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RestLimitOptions>().BindConfiguration(RestLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RestLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api")
                    ? Window("ip:" + Ip(http), limits.PerIp)
                    : RateLimitPartition.GetNoLimiter("none"));
            limiter.AddPolicy(Tokens, http => Window("ip:" + Ip(http), limits.Tokens));
            // On the hub: only connections without a token (each one mints an identity, like a guest token) are counted.
            limiter.AddPolicy(AnonymousViewers, http => AnonymousViewerMiddleware.IsAnonymous(http.User)
                ? Window("ip:" + Ip(http), limits.AnonymousViewers)
                : RateLimitPartition.GetNoLimiter("signed-in"));
            limiter.AddPolicy(RoomCreation, http => Window(Caller(http), limits.RoomCreation));
            limiter.AddPolicy(Snapshots, http => Window(Caller(http), limits.Snapshots));
            limiter.AddPolicy(TopUps, http => Window(Caller(http), limits.TopUps));
            limiter.AddPolicy(Battles, http => Window(Caller(http), limits.Battles));
            limiter.OnRejected = async (context, cancel) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { status = 429, title = "too many requests, slow down", code = ErrorCodes.RateLimited }, cancel);
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> Window(string key, RestRate rate) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rate.Permits,
            Window = TimeSpan.FromSeconds(rate.WindowSeconds),
            QueueLimit = 0,
        });

    private static string Caller(HttpContext http) =>
        http.User.FindFirst(LiveClaims.UserId)?.Value is { Length: > 0 } user ? "user:" + user : "ip:" + Ip(http);

    private static string Ip(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
