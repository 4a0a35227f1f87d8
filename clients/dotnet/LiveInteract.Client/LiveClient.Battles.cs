using LiveInteract.Client.Json;
using LiveInteract.Client.Rest;
using LiveInteract.Contracts.Battles;

namespace LiveInteract.Client;

// Gift battles between two live rooms (REST under /api/battles). Scores and the result also arrive in both rooms'
// event streams as BattleEvent, so viewers need none of these calls.
public sealed partial class LiveClient
{
    /// <summary>
    /// Invites <paramref name="opponentRoomId"/> to a timed gift battle with <paramref name="roomId"/> (that room's creator
    /// only; both rooms live). <paramref name="durationSeconds"/> null: the server's default length.
    /// </summary>
    public Task<BattleEvent> InviteBattleAsync(string roomId, string opponentRoomId, int? durationSeconds = null, CancellationToken cancellationToken = default) =>
        _rest.PostAsync("api/battles",
            RestApi.Body(new BattleInviteRequest(roomId, opponentRoomId, durationSeconds), LiveJsonContext.Default.BattleInviteRequest),
            LiveJsonContext.Default.BattleEvent, cancellationToken);

    /// <summary>A battle: sides, scores, end time, result (<c>GET /api/battles/{id}</c>).</summary>
    public Task<BattleEvent> GetBattleAsync(string battleId, CancellationToken cancellationToken = default) =>
        _rest.GetAsync(BattlePath(battleId), LiveJsonContext.Default.BattleEvent, cancellationToken);

    /// <summary>Accepts an invitation (the invited room's creator): the clock starts.</summary>
    public Task<BattleEvent> AcceptBattleAsync(string battleId, CancellationToken cancellationToken = default) =>
        _rest.PostAsync(BattlePath(battleId) + "/accept", null, LiveJsonContext.Default.BattleEvent, cancellationToken);

    /// <summary>Declines an invitation (the invited creator) or withdraws it (the inviting one).</summary>
    public Task<BattleEvent> DeclineBattleAsync(string battleId, CancellationToken cancellationToken = default) =>
        _rest.PostAsync(BattlePath(battleId) + "/decline", null, LiveJsonContext.Default.BattleEvent, cancellationToken);

    private static string BattlePath(string battleId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(battleId);
        return "api/battles/" + Uri.EscapeDataString(battleId);
    }
}
