using LiveInteract.Contracts.Errors;

namespace LiveInteract.Server.Rooms;

/// <summary>
/// Every route with a <c>{roomId}</c> (REST, video, clips, ingest, operations) answers 404 for an id that was never
/// issued before its handler runs, so no handler can forget the check and no grain is activated for it.
/// Runs after the rate limiter: a flood of unknown ids is also limited like any other lookup.
/// </summary>
public sealed class UnknownRoomMiddleware(RequestDelegate next, RoomIdIssuer ids)
{
    // Not async: a hub connection's request lasts as long as the connection, and an awaiting middleware keeps its
    // state machine per connected viewer for that long.
    public Task InvokeAsync(HttpContext context) =>
        context.GetRouteValue("roomId") is string roomId && !ids.IsIssued(roomId)
            ? Results.Problem(title: "room not found", statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.NotFound }).ExecuteAsync(context)
            : next(context);
}
