using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Abuse;

/// <summary>REST request limits ("RestLimits" section): body sizes and per-user / per-IP rates. See docs/MODERATION.md.</summary>
public sealed class RestLimitOptions
{
    public const string Section = "RestLimits";

    /// <summary>Largest request body on /api without a user token (token issuance, service API), checked before reading.</summary>
    [Range(256, 1024 * 1024)] public int MaxAnonymousBodyBytes { get; set; } = 4 * 1024;

    /// <summary>Largest request body on /api with a user token.</summary>
    [Range(1024, 16 * 1024 * 1024)] public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Every /api request from one IP address.</summary>
    public RestRate PerIp { get; set; } = new() { Permits = 600, WindowSeconds = 60 };

    /// <summary><c>POST /api/auth/token</c> per IP address.</summary>
    public RestRate Tokens { get; set; } = new() { Permits = 20, WindowSeconds = 60 };

    /// <summary>Hub connections (WebSocket or negotiate) without a token, each a new guest identity, per IP address.</summary>
    public RestRate AnonymousViewers { get; set; } = new() { Permits = 60, WindowSeconds = 60 };

    /// <summary><c>POST /api/rooms</c> per user.</summary>
    public RestRate RoomCreation { get; set; } = new() { Permits = 10, WindowSeconds = 60 };

    /// <summary><c>GET /api/rooms/{roomId}</c> per user.</summary>
    public RestRate Snapshots { get; set; } = new() { Permits = 120, WindowSeconds = 60 };

    /// <summary><c>POST /api/wallet/topup</c> per user.</summary>
    public RestRate TopUps { get; set; } = new() { Permits = 10, WindowSeconds = 60 };

    /// <summary><c>POST /api/battles</c>, accept and decline, per user.</summary>
    public RestRate Battles { get; set; } = new() { Permits = 20, WindowSeconds = 60 };
}

/// <summary>A fixed window: at most <see cref="Permits"/> requests per <see cref="WindowSeconds"/>.</summary>
public sealed class RestRate
{
    [Range(1, 10_000_000)] public int Permits { get; set; }
    [Range(1, 3600)] public int WindowSeconds { get; set; }
}
