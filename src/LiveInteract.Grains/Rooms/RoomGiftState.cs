namespace LiveInteract.Grains.Rooms;

/// <summary>
/// A room's gifts ("room-gifts" state): the board with its per-sender dedupe marks, and the battle the room is in
/// (its score grows with gifts, so they are written together). Written only when a gift or battle update changes it.
/// </summary>
[GenerateSerializer, Alias("li.RoomGiftState")]
public sealed class RoomGiftState
{
    [Id(0)] public GiftBoard Board { get; set; } = new();
    [Id(1)] public RoomBattle? Battle { get; set; }
}
