namespace LiveInteract.Contracts.Service;

/// <summary>The answer to a revocation: tokens with <c>iat</c> at or before <paramref name="NotBefore"/> (unix seconds) are refused.</summary>
public sealed record RevokeResponse(string UserId, long NotBefore);
