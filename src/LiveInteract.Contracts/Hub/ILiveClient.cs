using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Hub;

/// <summary>The server-to-client methods of the <c>/hubs/live</c> hub.</summary>
public interface ILiveClient
{
    /// <summary>New events of a room in seq order, and the room's counters.</summary>
    Task Events(EventBatch batch);

    Task ViewerCount(string roomId, int count);

    /// <summary>The room ended; no more events will follow.</summary>
    Task RoomEnded(string roomId);

    /// <summary>This connection was removed from the room (the user was banned); it gets no more events from it.</summary>
    Task Kicked(string roomId, string reason);

    /// <summary>
    /// This connection fell behind in the room (it did not read its socket fast enough for the server's per-viewer
    /// budget) and was taken out of the room's live stream. Every event up to <paramref name="lastSeq"/> was sent before
    /// this message; nothing after it follows until the client calls <c>JoinRoom(roomId, lastSeq)</c>, which replays
    /// the rest by seq and makes it live again. See docs/PROTOCOL.md.
    /// </summary>
    Task Lagged(string roomId, long lastSeq);
}

/// <summary>Names shared by server and clients.</summary>
public static class HubRoutes
{
    public const string Live = "/hubs/live";
}
