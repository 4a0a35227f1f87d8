using LiveInteract.Contracts.Battles;

namespace LiveInteract.Grains.Rooms;

/// <summary>The battle a room is in (running) and the coins gifted in the room since it started.</summary>
[GenerateSerializer, Alias("li.RoomBattle")]
public sealed class RoomBattle
{
    [Id(0)] public string BattleId { get; set; } = "";
    [Id(1)] public BattleStatus Status { get; set; }
    [Id(2)] public long Score { get; set; }
}
