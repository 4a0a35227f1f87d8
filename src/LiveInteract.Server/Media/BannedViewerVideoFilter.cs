using LiveInteract.Grains.Abstractions;
using LiveInteract.Server.Auth;

namespace LiveInteract.Server.Media;

/// <summary>
/// Video reads (HLS, preview, thumbnail, clip files) are public by design: a CDN caches them and an &lt;img&gt; or a
/// player fetches them without a token, so a ban cannot follow a user who leaves the token out (docs/MODERATION.md).
/// A request that does carry a token speaks for its user, and a user banned from the room is refused (403) there
/// too. Anonymous reads cost no grain call.
/// </summary>
public sealed class BannedViewerVideoFilter(IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && http.GetRouteValue("roomId") is string roomId)
            await grains.GetGrain<IRoomGrain>(roomId).EnsureCanJoin(http.User.ToActor());
        return await next(context);
    }
}
