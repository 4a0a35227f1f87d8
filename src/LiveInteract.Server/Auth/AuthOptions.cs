using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Auth;

/// <summary>Token settings ("Auth" section).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC key, at least 32 bytes. Empty in Local: a random key is made once and kept in the data folder.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The issuer tokens must name. The server's own tokens carry it; with <see cref="Jwks"/> set, it is the identity provider's issuer.</summary>
    [Required] public string Issuer { get; set; } = "liveinteract";

    /// <summary>The audience tokens must name (empty: <see cref="Issuer"/>).</summary>
    public string Audience { get; set; } = "";

    public string EffectiveAudience => string.IsNullOrEmpty(Audience) ? Issuer : Audience;

    /// <summary>
    /// An external identity provider's signing keys: a JWKS document as a file path or an http(s) URL. Tokens it
    /// signs (RS256 or ES256) are accepted next to the server's own; their claims are mapped by the settings below.
    /// </summary>
    public string Jwks { get; set; } = "";

    /// <summary>A JWKS URL must be https unless this is false (a loopback test issuer).</summary>
    public bool JwksRequireHttps { get; set; } = true;

    /// <summary>How often a JWKS URL is fetched again (a token with an unknown key id also triggers a fetch, at most every 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>External tokens: the claim that holds the user id.</summary>
    [Required] public string UserIdClaim { get; set; } = "sub";

    /// <summary>External tokens: the claim that holds the display name (missing: the user id).</summary>
    [Required] public string NameClaim { get; set; } = "name";

    /// <summary>External tokens: the claim that holds the role (one value or several).</summary>
    [Required] public string RoleClaim { get; set; } = "role";

    /// <summary>External role value -> viewer, creator or guest; values not listed keep their name if it is one of ours, else <see cref="DefaultRole"/>.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    [RegularExpression("^(viewer|creator|guest)$")] public string DefaultRole { get; set; } = "viewer";

    /// <summary>External tokens: the claim listing the room ids the user moderates (an array or space-separated).</summary>
    [Required] public string ModeratorOfClaim { get; set; } = "mod";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// <c>POST /api/auth/token</c> issues guest tokens to anyone who asks. Unset: on in Local, off in Cluster (so not
    /// set in appsettings.json: a value there would override the per-profile default).
    /// </summary>
    public bool? GuestTokens { get; set; }

    /// <summary>
    /// A WebSocket connection to the live hub without a token gets a fresh watch-only guest identity
    /// (<see cref="AnonymousViewerMiddleware"/>). Unset: on in Local, off in Cluster, like <see cref="GuestTokens"/>.
    /// </summary>
    public bool? AnonymousViewers { get; set; }

    [Range(1, 64)] public int MaxDisplayNameLength { get; set; } = 32;

    /// <summary>How often each silo refreshes its copy of the revocation list: a revocation takes effect everywhere within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RevocationCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
