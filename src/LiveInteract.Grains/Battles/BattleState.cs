using LiveInteract.Contracts.Battles;

namespace LiveInteract.Grains.Battles;

[GenerateSerializer, Alias("li.BattleState")]
public sealed class BattleState
{
    [Id(0)] public BattleStatus Status { get; set; }
    /// <summary>[0] is the inviting room, [1] the invited one.</summary>
    [Id(1)] public List<BattleSide> Sides { get; set; } = [];
    [Id(2)] public int DurationSeconds { get; set; }
    [Id(3)] public long InvitedAt { get; set; }
    [Id(4)] public long? EndsAt { get; set; }
    [Id(5)] public string? WinnerRoomId { get; set; }
    [Id(6)] public string? EndReason { get; set; }
}
