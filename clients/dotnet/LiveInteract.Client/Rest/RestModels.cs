namespace LiveInteract.Client.Rest;

internal sealed record CreateRoomRequest(string Title);

/// <summary>The server's problem JSON: <c>title</c> is the short message, <c>code</c> the stable error code.</summary>
internal sealed record ProblemResponse(string? Title, int? Status, string? Code, string? Detail);
