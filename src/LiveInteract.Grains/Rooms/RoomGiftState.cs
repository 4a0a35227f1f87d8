namespace LiveInteract.Grains.Rooms;

/// <summary>
/// A room's gifts ("room-gifts" state): the board with its per-sender dedupe marks, and the battle the room is in
/// (its score grows with gifts, so they are written together) with the invitations waiting for an answer. Written only
/// when a gift or battle update changes it.
/// </summary>
[GenerateSerializer, Alias("li.RoomGiftState")]
public sealed class RoomGiftState
{
    [Id(0)] public GiftBoard Board { get; set; } = new();
    /// <summary>The running battle (invitations are in <see cref="Invites"/>, so they never make a room busy).</summary>
    [Id(1)] public RoomBattle? Battle { get; set; }
    [Id(2)] public BattleInvites Invites { get; set; } = new();
}
