using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Privacy;

/// <summary>The rooms a user left data in ("user-footprint" state), bounded by <see cref="PrivacyOptions.MaxRoomsPerUser"/>.</summary>
public sealed class UserFootprintGrain(
    [PersistentState("user-footprint", StorageNames.Default)] IPersistentState<UserFootprintState> state,
    IOptions<PrivacyOptions> options) : Grain, IUserFootprintGrain
{
    public async Task Add(string roomId, long at)
    {
        // A footprint is written once per user and live and read only for an export or erase: no activation stays
        // behind (every viewer of a live would otherwise keep one for the collection age, ~2 KiB each).
        DeactivateOnIdle();
        var rooms = state.State.Rooms;
        if (rooms.ContainsKey(roomId)) return;
        if (rooms.Count >= options.Value.MaxRoomsPerUser) rooms.Remove(rooms.MinBy(r => r.Value).Key);
        rooms[roomId] = at;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Rooms() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Rooms.OrderBy(r => r.Value).Select(r => r.Key)]);

    public Task Clear() => state.ClearStateAsync();
}

/// <summary>Room id to when the user was first seen there (unix ms).</summary>
[GenerateSerializer, Alias("li.UserFootprintState")]
public sealed class UserFootprintState
{
    [Id(0)] public Dictionary<string, long> Rooms { get; set; } = new(StringComparer.Ordinal);
}
