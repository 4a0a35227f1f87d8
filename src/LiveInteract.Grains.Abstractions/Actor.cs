using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Abstractions;

/// <summary>The acting user as the server authenticated them; never taken from the client's payload.</summary>
[GenerateSerializer, Immutable, Alias("li.Actor")]
public sealed record Actor([property: Id(0)] string UserId, [property: Id(1)] string DisplayName)
{
    /// <summary>The token's role (<see cref="Roles"/>); a guest may watch but not interact.</summary>
    [Id(2)] public string Role { get; init; } = Roles.Viewer;

    /// <summary>Rooms the token says its holder moderates (granted by the operator's backend, not by the room).</summary>
    [Id(3)] public IReadOnlyList<string>? ModeratorOf { get; init; }

    /// <summary>The client's device id header, when it sent one (the device risk signals; docs/INSIGHTS.md).</summary>
    [Id(4)] public string? DeviceId { get; init; }
}
