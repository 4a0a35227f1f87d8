using Orleans.Concurrency;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Abstractions;

/// <summary>The list of live rooms (a single grain, key <see cref="Key"/>), fed by the rooms themselves.</summary>
[Alias("li.IRoomDirectoryGrain")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "live";

    /// <summary>The most rooms one <see cref="List"/> returns.</summary>
    public const int MaxListed = 500;

    [Alias("Upsert")] Task Upsert(RoomListing listing);
    [Alias("Remove")] Task Remove(string roomId);

    /// <summary>Live rooms, most viewers first: at most <paramref name="limit"/>, which must be 1-<see cref="MaxListed"/> (bad_request otherwise).</summary>
    [Alias("List"), ReadOnly] Task<IReadOnlyList<RoomListing>> List(int limit);
}
