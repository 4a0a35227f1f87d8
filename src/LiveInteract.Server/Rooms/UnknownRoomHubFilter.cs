using System.Collections.Concurrent;
using System.Reflection;
using LiveInteract.Contracts.Errors;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Rooms;

/// <summary>
/// The hub's side of <see cref="UnknownRoomMiddleware"/>: a hub method's <c>roomId</c> argument that was never issued
/// is refused with "room not found" before the method runs (a new hub method with a roomId is covered without a line).
/// </summary>
public sealed class UnknownRoomHubFilter(RoomIdIssuer ids) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, int> RoomIdPosition = new();

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Leaving touches no grain and is a no-op for a room the connection is not in, whatever the id.
        var position = RoomIdPosition.GetOrAdd(invocationContext.HubMethod, static m => m.Name == nameof(Hubs.LiveHub.LeaveRoom) ? -1 :
            Array.FindIndex(m.GetParameters(), p => p.Name == "roomId" && p.ParameterType == typeof(string)));
        if (position >= 0 && position < invocationContext.HubMethodArguments.Count
            && !ids.IsIssued(invocationContext.HubMethodArguments[position] as string))
            throw new LiveInteractException(ErrorCodes.NotFound, "room not found");
        return next(invocationContext);
    }
}
