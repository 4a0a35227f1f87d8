using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Rooms;

[GenerateSerializer, Alias("li.RoomDirectoryState")]
public sealed class RoomDirectoryState
{
    [Id(0)] public Dictionary<string, RoomListing> Live { get; set; } = [];
}
