using System.Text.Json.Serialization;

namespace LiveInteract.Contracts.Auth;

/// <summary><c>POST /api/auth/token</c>: a display name and a role (viewer, creator or guest; null: viewer).</summary>
public sealed record TokenRequest(string? Name, string? Role);

/// <summary>A token the server issued (<c>POST /api/auth/token</c>). <see cref="ExpiresAt"/> is unix ms.</summary>
public sealed record AuthToken(string Token, string UserId, string DisplayName, string Role, long ExpiresAt)
{
    /// <summary><see cref="ExpiresAt"/> as a time; not on the wire.</summary>
    [JsonIgnore]
    public DateTimeOffset ExpiresAtUtc => DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt);
}
