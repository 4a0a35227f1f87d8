namespace LiveInteract.Client.Auth;

/// <summary>A token the server issued (<c>POST /api/auth/token</c>). <see cref="ExpiresAt"/> is unix ms.</summary>
public sealed record AuthToken(string Token, string UserId, string DisplayName, string Role, long ExpiresAt)
{
    public DateTimeOffset ExpiresAtUtc => DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt);
}

/// <summary>What a guest asks to be: a viewer, or a creator who may open rooms.</summary>
public enum UserRole
{
    Viewer,
    Creator,
}

internal sealed record TokenRequest(string Name, string Role);
