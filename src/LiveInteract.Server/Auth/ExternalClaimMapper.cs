using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveInteract.Server.Auth;

/// <summary>
/// Turns an identity provider's claims into ours (sub, name, role, mod), as configured in <see cref="AuthOptions"/>.
/// Pure: testable without a server. <c>iat</c> and <c>exp</c> are kept (revocation and hub expiry read them).
/// </summary>
public static partial class ExternalClaimMapper
{
    /// <summary>Most room ids read from one token's moderator claim.</summary>
    public const int MaxModeratorRooms = 50;

    private static readonly string[] RoleRank = [LiveClaims.Guest, LiveClaims.Viewer, LiveClaims.Creator];

    public static ClaimsIdentity? Map(ClaimsPrincipal principal, AuthOptions options)
    {
        var subject = principal.FindFirst(options.UserIdClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject)) return null;
        var userId = SafeUserId(subject);
        var name = principal.FindFirst(options.NameClaim)?.Value;
        if (string.IsNullOrWhiteSpace(name)) name = subject;
        name = LiveInteract.Grains.Text.TextSanitizer.Clean(name);
        if (name.Length > options.MaxDisplayNameLength) name = name[..options.MaxDisplayNameLength];
        if (name.Length == 0) name = userId;

        // Several role values: the strongest one we know wins.
        var role = principal.FindAll(options.RoleClaim)
            .Select(c => MapRole(c.Value, options))
            .MaxBy(r => Array.IndexOf(RoleRank, r)) ?? options.DefaultRole;

        var rooms = principal.FindAll(options.ModeratorOfClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(r => RoomIdPattern().IsMatch(r))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxModeratorRooms);

        List<Claim> claims = [new(LiveClaims.UserId, userId), new(LiveClaims.Name, name), new(LiveClaims.Role, role)];
        if (role != LiveClaims.Guest) claims.AddRange(rooms.Select(r => new Claim(LiveClaims.ModeratorOf, r)));
        foreach (var kept in new[] { "iat", "exp", "iss", "aud" })
            claims.AddRange(principal.FindAll(kept).Select(c => new Claim(kept, c.Value)));
        return new ClaimsIdentity(claims, "external", LiveClaims.Name, LiveClaims.Role);
    }

    private static string MapRole(string value, AuthOptions options)
    {
        if (options.RoleMap.TryGetValue(value, out var mapped)) return mapped;
        return value is LiveClaims.Viewer or LiveClaims.Creator or LiveClaims.Guest ? value : options.DefaultRole;
    }

    /// <summary>
    /// Our user ids are 1-64 of [A-Za-z0-9_-] (rooms moderate by them); a provider's subject that is not (e.g.
    /// "auth0|123") becomes "x_" + 32 hex digits of its SHA-256, stable across logins.
    /// </summary>
    public static string SafeUserId(string subject) =>
        RoomIdPattern().IsMatch(subject) ? subject : "x_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RoomIdPattern();
}
