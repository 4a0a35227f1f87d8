using LiveInteract.Contracts.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Abuse;

/// <summary>
/// Caps request bodies on /api before anything reads them: a declared Content-Length over the cap is refused with 413
/// at once, and Kestrel's body limit is lowered to the cap so a chunked body stops there too. Requests without a
/// user token (token issuance, the service API) get a few KB; signed-in ones more.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RestLimitOptions> options)
{
    // Other paths pass through without an async state machine: a hub connection's request would keep it for its whole life.
    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") ? LimitAsync(context) : next(context);

    private async Task LimitAsync(HttpContext context)
    {
        var limit = context.User.Identity?.IsAuthenticated == true ? options.Value.MaxBodyBytes : options.Value.MaxAnonymousBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsJsonAsync(new { status = 413, title = $"request body is larger than {limit} bytes", code = ErrorCodes.BadRequest });
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        await next(context);
    }
}
