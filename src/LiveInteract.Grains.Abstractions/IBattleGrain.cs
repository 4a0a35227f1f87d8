using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Rooms;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// A timed gift battle between two live rooms (key = battle id). The inviting room's creator invites, the other
/// room's creator accepts; the battle runs for its duration and both rooms see the running scores and the result.
/// </summary>
[Alias("li.IBattleGrain")]
public interface IBattleGrain : IGrainWithStringKey
{
    [Alias("Invite")] Task<BattleEvent> Invite(Actor creator, string roomId, string opponentRoomId, int durationSeconds);
    [Alias("Accept")] Task<BattleEvent> Accept(Actor creator);
    [Alias("Decline")] Task<BattleEvent> Decline(Actor creator);
    [Alias("Get"), ReadOnly] Task<BattleEvent> Get();

    /// <summary>A room's absolute score (coins since the battle started). One-way: rooms never wait on the battle.</summary>
    [Alias("ReportScore"), OneWay] Task ReportScore(string roomId, long score);

    /// <summary>A room in this battle ended: the battle ends now with the scores so far. One-way for the same reason.</summary>
    [Alias("RoomEnded"), OneWay] Task RoomEnded(string roomId);
}
