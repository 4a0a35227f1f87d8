using LiveInteract.Contracts.Auth;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveInteract.Server.Auth;

/// <summary>Issues the JWTs the REST API and the hub accept. Claims: sub (user id), name, role.</summary>
public sealed class TokenService(SigningKeyStore keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public AuthToken Issue(string userId, string displayName, string role) => Issue(userId, displayName, role, options.Value.TokenLifetime);

    /// <summary>A token that also names the rooms its holder moderates (service API).</summary>
    public AuthToken Issue(string userId, string displayName, string role, IReadOnlyList<string> moderatorOf) =>
        Issue(userId, displayName, role, options.Value.TokenLifetime, moderatorOf);

    /// <summary>A token valid for <paramref name="lifetime"/> from now (negative: already expired, for tests of expiry handling).</summary>
    public AuthToken Issue(string userId, string displayName, string role, TimeSpan lifetime, IReadOnlyList<string>? moderatorOf = null)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var issued = lifetime > TimeSpan.Zero ? now : expires - TimeSpan.FromMinutes(1);
        List<Claim> claims = [
            new Claim(LiveClaims.UserId, userId),
            new Claim(LiveClaims.Name, displayName),
            new Claim(LiveClaims.Role, role),
        ];
        foreach (var room in moderatorOf ?? []) claims.Add(new Claim(LiveClaims.ModeratorOf, room));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.EffectiveAudience,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AuthToken(token, userId, displayName, role, expires.ToUnixTimeMilliseconds());
    }

    /// <summary>A fresh guest user id: unguessable, URL-safe.</summary>
    public static string NewUserId() => "u_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
