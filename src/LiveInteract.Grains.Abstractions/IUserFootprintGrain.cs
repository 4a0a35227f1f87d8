using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// Where a user left data (key = user id): the rooms they watched, wrote in, gifted in, moderated or were moderated in,
/// or created. The index an export or an erase walks (docs/PRIVACY.md); fed by each live's insights grain once per
/// user and activation, never per event. Bounded by <c>Privacy:MaxRoomsPerUser</c>.
/// </summary>
[Alias("li.IUserFootprintGrain")]
public interface IUserFootprintGrain : IGrainWithStringKey
{
    [Alias("Add"), OneWay] Task Add(string roomId, long at);

    /// <summary>The rooms, oldest first.</summary>
    [Alias("Rooms"), ReadOnly] Task<IReadOnlyList<string>> Rooms();

    /// <summary>Forgets everything (the last step of an erase).</summary>
    [Alias("Clear")] Task Clear();
}
