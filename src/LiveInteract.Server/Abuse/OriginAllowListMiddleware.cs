using LiveInteract.Contracts.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Abuse;

/// <summary>
/// Refuses (403) a request that carries an <c>Origin</c> header not on the allow-list when it targets a protected
/// path prefix or is a WebSocket upgrade. Requests without <c>Origin</c> (native apps, the .NET SDK, the CLI) pass:
/// only browsers send it, and they are what a foreign page would use to ride on a viewer's token.
/// The server's own origin (same host) is always allowed.
/// </summary>
public sealed class OriginAllowListMiddleware(RequestDelegate next, IOptionsMonitor<OriginOptions> options, ILogger<OriginAllowListMiddleware> logger)
{
    // Not async: a hub connection's request lasts as long as the connection, and an awaiting middleware keeps its
    // state machine per connected viewer for that long (docs/BENCHMARKS.md "Memory per viewer").
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && Applies(context) && !IsAllowed(origin, context.Request))
        {
            // The origin is not secret; the path is logged without its query (which may hold access_token).
            logger.LogWarning("Refused origin {Origin} for {Path}", origin, context.Request.Path.Value);
            throw new LiveInteractException(ErrorCodes.Forbidden, "origin not allowed");
        }
        return next(context);
    }

    private bool Applies(HttpContext context)
    {
        if (IsWebSocketUpgrade(context)) return true;
        foreach (var prefix in options.CurrentValue.EffectivePathPrefixes)
            if (context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    // Checked on the raw request: context.WebSockets only knows upgrades once a WebSockets middleware ran.
    private static bool IsWebSocketUpgrade(HttpContext context) =>
        context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase)
        || context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true, Protocol: var protocol }
            && string.Equals(protocol, "websocket", StringComparison.OrdinalIgnoreCase);

    private bool IsAllowed(string origin, HttpRequest request)
    {
        foreach (var allowed in options.CurrentValue.Allowed)
            if (string.Equals(origin.TrimEnd('/'), allowed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
