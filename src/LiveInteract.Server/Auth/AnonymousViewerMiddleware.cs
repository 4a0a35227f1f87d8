using System.Globalization;
using System.Security.Claims;
using LiveInteract.Contracts.Hub;
using LiveInteract.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Auth;

/// <summary>
/// Watching without signing in: a WebSocket connection to the live hub (or its negotiate request) that carries no token
/// at all gets a fresh guest identity, role <c>guest</c> (join and watch; docs/MODERATION.md), valid for
/// <c>Auth:TokenLifetime</c> like a token. Most of a live's audience never writes, and for them this saves a sign-in
/// request, a token and its validation per viewer (docs/BENCHMARKS.md, "Watching without a token").
/// A request that presents a token keeps it: an invalid or expired one is refused (401), never downgraded, so a client
/// learns that its sign-in failed. Long polling and server-sent events are left out: each of their requests would get
/// another identity. Each identity counts against <c>RestLimits:AnonymousViewers</c> per IP address.
/// </summary>
public sealed class AnonymousViewerMiddleware(RequestDelegate next, IOptions<AuthOptions> auth, IOptions<HostingOptions> hosting, TimeProvider time)
{
    public const string AuthenticationType = "anonymous";
    public const string DisplayName = "guest";

    private readonly bool _enabled = auth.Value.AnonymousViewers ?? !hosting.Value.IsCluster;

    public async Task InvokeAsync(HttpContext context)
    {
        // "No token at all" is the bearer handler's own verdict (its result for this request is cached): it alone knows
        // where a token may come from, and a token it refused is a failure, not none.
        if (_enabled && context.User.Identity?.IsAuthenticated != true && IsHubConnection(context.Request)
            && (await context.AuthenticateAsync()).None)
        {
            var expires = time.GetUtcNow() + auth.Value.TokenLifetime;
            var identity = new Identity(Principal(expires), expires);
            context.Features.Set<IHttpAuthenticationFeature>(identity);
            context.Features.Set<IAuthenticateResultFeature>(identity);
        }
        await next(context);
    }

    public static bool IsAnonymous(ClaimsPrincipal user) => user.Identity?.AuthenticationType == AuthenticationType;

    // The upgrade header, not HttpContext.WebSockets: SignalR adds the WebSocket middleware inside its own endpoint.
    private static bool IsHubConnection(HttpRequest request) =>
        request.Path.StartsWithSegments(HubRoutes.Live, out var rest)
        && (string.Equals(request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
            || (HttpMethods.IsPost(request.Method) && rest == "/negotiate"));

    private static ClaimsPrincipal Principal(DateTimeOffset expires) => new(new ClaimsIdentity(
    [
        new Claim(LiveClaims.UserId, TokenService.NewUserId()),
        new Claim(LiveClaims.Name, DisplayName),
        new Claim(LiveClaims.Role, LiveClaims.Guest),
        // Read by TokenExpiryHubFilter as for a token; the ticket below carries it to CloseOnAuthenticationExpiration.
        new Claim("exp", expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ], AuthenticationType, LiveClaims.Name, LiveClaims.Role));

    /// <summary>
    /// The request's user and authentication result, as the authentication middleware sets them for a token: SignalR reads
    /// the result's expiry to close the connection when the identity runs out.
    /// </summary>
    private sealed class Identity(ClaimsPrincipal user, DateTimeOffset expires) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } =
            AuthenticateResult.Success(new AuthenticationTicket(user, new AuthenticationProperties { ExpiresUtc = expires }, AuthenticationType));

        public ClaimsPrincipal? User { get; set; } = user;
    }
}
