using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Storage;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// The live-room list. Rooms push their listing when they start, end and (at most once a second) when
/// their counts change. Only membership changes are written; counts are refreshed by the rooms anyway. Bounded by
/// <see cref="RoomOptions.MaxListedRooms"/>: past it a newly live room is not listed (it stays reachable by its id).
/// </summary>
public sealed class RoomDirectoryGrain(
    [PersistentState("directory", StorageNames.Default)] IPersistentState<RoomDirectoryState> state,
    Microsoft.Extensions.Options.IOptions<RoomOptions> options) : Grain, IRoomDirectoryGrain
{
    public async Task Upsert(RoomListing listing)
    {
        var added = !state.State.Live.ContainsKey(listing.RoomId);
        if (added && state.State.Live.Count >= options.Value.MaxListedRooms) return;
        state.State.Live[listing.RoomId] = listing;
        if (added) await state.WriteStateAsync();
    }

    public async Task Remove(string roomId)
    {
        if (state.State.Live.Remove(roomId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RoomListing>> List(int limit)
    {
        // Said, not clamped: a client asking for -1 or 10,000 rooms has a bug it should hear about.
        if (limit is < 1 or > IRoomDirectoryGrain.MaxListed)
        {
            throw new LiveInteractException(ErrorCodes.BadRequest, $"limit must be between 1 and {IRoomDirectoryGrain.MaxListed}");
        }

        IReadOnlyList<RoomListing> rooms = [.. state.State.Live.Values
            .OrderByDescending(r => r.Viewers)
            .ThenByDescending(r => r.Likes)
            .ThenBy(r => r.RoomId, StringComparer.Ordinal)
            .Take(limit)];
        return Task.FromResult(rooms);
    }
}
