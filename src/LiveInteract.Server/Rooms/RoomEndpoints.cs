using LiveInteract.Grains.Risk;
using LiveInteract.Server.Insights;
using Microsoft.Extensions.Options;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Abuse;
using LiveInteract.Server.Auth;

namespace LiveInteract.Server.Rooms;

public static class RoomEndpoints
{
    public static IEndpointRouteBuilder MapRoomEndpoints(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/rooms").WithTags("Rooms").RequireAuthorization();

        rooms.MapPost("/", async (CreateRoomRequest request, HttpContext http, IGrainFactory grains, RoomIdIssuer ids) =>
        {
            var roomId = ids.New();
            var snapshot = await grains.GetGrain<IRoomGrain>(roomId).Create(http.User.ToActor(), request.Title ?? "");
            return TypedResults.Created($"/api/rooms/{roomId}", snapshot);
        })
        .RequireAuthorization(LiveClaims.CreatorPolicy)
        .RequireRateLimiting(RestRateLimiting.RoomCreation)
        .WithSummary("Create a room (creators only)");

        rooms.MapGet("/", (IGrainFactory grains, int? limit) =>
            grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).List(limit ?? 100))
        .WithSummary("Live rooms, most viewers first (limit 1-500, default 100)");

        rooms.MapGet("/{roomId}", async (string roomId, long? lastSeq, HttpContext http, IGrainFactory grains) =>
        {
            // The same call as joining over the hub (a banned user reads nothing of the room here either), up to now.
            return await grains.GetGrain<IRoomGrain>(RoomIds.Validate(roomId)).Join(http.User.ToActor(), lastSeq, long.MaxValue);
        })
        .WithSummary("A room's snapshot, with buffered events after lastSeq (refused to users banned from the room)")
        .RequireRateLimiting(RestRateLimiting.Snapshots);

        rooms.MapPost("/{roomId}/start", (string roomId, HttpContext http, IGrainFactory grains, IOptions<RiskOptions> risk) =>
            grains.GetGrain<IRoomGrain>(RoomIds.Validate(roomId)).Start(http.User.ToActor().WithDevice(http, risk.Value)))
            .WithSummary("Go live (the room's creator only)");

        rooms.MapPost("/{roomId}/end", (string roomId, HttpContext http, IGrainFactory grains) =>
            grains.GetGrain<IRoomGrain>(RoomIds.Validate(roomId)).End(http.User.ToActor()))
            .WithSummary("End the live (the room's creator only)");

        return app;
    }
}
