namespace LiveInteract.Client.Rest;

// Request bodies of the REST API, in the server's JSON shape (camelCase).

internal sealed record CreateRoomRequest(string Title);

/// <summary><c>POST /api/wallet/topup</c>.</summary>
internal sealed record TopUpRequest(long Coins);

/// <summary><c>POST /api/battles</c>: the inviting room, the invited room, and the length (null: the server's default).</summary>
internal sealed record BattleInviteRequest(string RoomId, string OpponentRoomId, int? DurationSeconds);

/// <summary>The server's problem JSON: <c>title</c> is the short message, <c>code</c> the stable error code.</summary>
internal sealed record ProblemResponse(string? Title, int? Status, string? Code, string? Detail);
