namespace LiveInteract.Contracts.Service;

/// <summary><c>POST /api/service/tokens</c>: a token for one of the operator's real users.</summary>
public sealed record ServiceTokenRequest(string? UserId, string? DisplayName, string? Role, IReadOnlyList<string>? ModeratorOf);
