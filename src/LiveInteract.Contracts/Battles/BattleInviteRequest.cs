namespace LiveInteract.Contracts.Battles;

/// <summary><c>POST /api/battles</c>: the inviting room, the invited room, and the length (null: the server's default).</summary>
public sealed record BattleInviteRequest(string? RoomId, string? OpponentRoomId, int? DurationSeconds);
