using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Users;

/// <summary>The revocation list's bounds, bound from the "Revocations" section and validated at start-up.</summary>
public sealed class RevocationOptions
{
    public const string Section = "Revocations";

    /// <summary>
    /// How long a revocation is kept: past it every token it refused has expired (our tokens live at most 30 days,
    /// <c>Auth:TokenLifetime</c>; set it to the longest lifetime an external provider issues if that is longer).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Revoked users kept at once; a revocation past it (with none old enough to drop) is refused with 503.</summary>
    [Range(100, 10_000_000)]
    public int MaxUsers { get; set; } = 100_000;
}
