namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// The rooms a creator holds open (created or live, not ended), key = creator user id. Bounded by
/// <c>Rooms:MaxOpenRoomsPerCreator</c>: a room claims a place when it is created and gives it back when it ends.
/// </summary>
[Alias("li.ICreatorRoomsGrain")]
public interface ICreatorRoomsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes a place for <paramref name="roomId"/>, or throws <c>too_many_rooms</c> naming the open rooms when the
    /// creator holds the maximum (places of rooms that have ended or were never stored are reclaimed first).
    /// </summary>
    [Alias("Open")] Task Open(string roomId);

    /// <summary>Gives the room's place back (the room ended).</summary>
    [Alias("Close")] Task Close(string roomId);
}
