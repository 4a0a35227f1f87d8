using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// A creator's open rooms. The list is the bound itself (at most <see cref="RoomOptions.MaxOpenRoomsPerCreator"/> ids).
/// A place can outlive its room when a room's end could not reach this grain, or its creation failed after the claim:
/// when the list is full, each listed room is asked for its status and the ended or missing ones are dropped first.
/// </summary>
public sealed class CreatorRoomsGrain(
    [PersistentState("creator-rooms", StorageNames.Default)] IPersistentState<CreatorRoomsState> state,
    IOptions<RoomOptions> options) : Grain, ICreatorRoomsGrain
{
    private List<string> Rooms => state.State.OpenRooms;

    public async Task Open(string roomId)
    {
        if (Rooms.Contains(roomId)) return;
        var max = options.Value.MaxOpenRoomsPerCreator;
        if (Rooms.Count >= max) await DropClosedRooms();
        if (Rooms.Count >= max)
        {
            throw new LiveInteractException(ErrorCodes.TooManyRooms,
                $"a creator can have at most {max} open rooms (created or live); end one first: {string.Join(", ", Rooms)}");
        }
        Rooms.Add(roomId);
        await state.WriteStateAsync();
    }

    public async Task Close(string roomId)
    {
        if (Rooms.Remove(roomId)) await state.WriteStateAsync();
    }

    private async Task DropClosedRooms()
    {
        var closed = new List<string>();
        foreach (var roomId in Rooms)
        {
            try
            {
                var room = await GrainFactory.GetGrain<IRoomGrain>(roomId).GetGiftTarget();
                if (room.Status == RoomStatus.Ended) closed.Add(roomId);
            }
            catch (LiveInteractException e) when (e.Code == ErrorCodes.NotFound)
            {
                closed.Add(roomId);
            }
        }
        if (closed.Count == 0) return;
        Rooms.RemoveAll(closed.Contains);
        await state.WriteStateAsync();
    }
}

[GenerateSerializer, Alias("li.CreatorRoomsState")]
public sealed class CreatorRoomsState
{
    /// <summary>Room ids, oldest first; never more than <see cref="RoomOptions.MaxOpenRoomsPerCreator"/> (lowering the option only refuses new rooms).</summary>
    [Id(0)] public List<string> OpenRooms { get; set; } = [];
}
