using LiveInteract.Grains.Abstractions;
using LiveInteract.Server.Auth;

namespace LiveInteract.Server.Rooms;

public static class ModerationEndpoints
{
    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder app)
    {
        var moderation = app.MapGroup("/api/rooms/{roomId}/moderation").WithTags("Moderation").RequireAuthorization();

        moderation.MapGet("/", (string roomId, long? before, int? limit, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IRoomGrain>(RoomIds.Validate(roomId)).GetModerationLog(http.User.ToActor(), before, limit ?? 50))
            .WithSummary("The room's moderation audit log, newest first, paged by ?before=<id>&limit=<1..200> (creator and moderators only)");

        return app;
    }
}
