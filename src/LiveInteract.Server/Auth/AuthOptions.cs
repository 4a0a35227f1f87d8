using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Auth;

/// <summary>Token settings ("Auth" section).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC key, at least 32 bytes. Empty in Local: a random key is made once and kept in the data folder.</summary>
    public string SigningKey { get; set; } = "";

    [Required] public string Issuer { get; set; } = "liveinteract";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary><c>POST /api/auth/token</c> issues guest tokens to anyone who asks. Unset: on in Local, off in Cluster.</summary>
    public bool? GuestTokens { get; set; }

    [Range(1, 64)] public int MaxDisplayNameLength { get; set; } = 32;

    /// <summary>How long a silo trusts its cached copy of a user's revocation cut-off: a revocation takes effect everywhere within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RevocationCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Users whose cut-off one silo caches at most (past it the cache starts over).</summary>
    [Range(100, 10_000_000)] public int MaxCachedRevocations { get; set; } = 100_000;
}
