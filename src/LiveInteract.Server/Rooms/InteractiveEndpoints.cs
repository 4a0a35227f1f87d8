using LiveInteract.Grains.Abstractions;
using LiveInteract.Server.Auth;

namespace LiveInteract.Server.Rooms;

/// <summary>REST reads of interactive LIVE: the Q&amp;A list and the held comments awaiting review.</summary>
public static class InteractiveEndpoints
{
    public static IEndpointRouteBuilder MapInteractiveEndpoints(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/rooms/{roomId}").WithTags("Interactive").RequireAuthorization();

        rooms.MapGet("/questions", async (string roomId, string? sort, HttpContext http, IGrainFactory grains) =>
        {
            var room = grains.GetGrain<IRoomGrain>(RoomIds.Validate(roomId));
            var actor = http.User.ToActor();
            // The same gate as joining: a banned user reads nothing of the room.
            await room.EnsureCanJoin(actor);
            return await room.GetQuestions(actor, sort);
        })
        .WithSummary("The room's questions, ?sort=top (most upvotes first, the default) or ?sort=new (newest first)");

        rooms.MapGet("/held", (string roomId, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IRoomGrain>(RoomIds.Validate(roomId)).GetHeldComments(http.User.ToActor()))
            .WithSummary("Comments the keyword filter held for review, oldest first (creator and moderators only)");

        return app;
    }
}
