using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Abuse;

/// <summary>Hub message limits ("Abuse" section), validated at start-up. See docs/MODERATION.md.</summary>
public sealed class AbuseOptions
{
    public const string Section = "Abuse";

    /// <summary>Largest hub message accepted; a bigger one closes that connection. Comments need ~1.2 KB, blocked-word lists more.</summary>
    [Range(1024, 1024 * 1024)] public int MaxMessageBytes { get; set; } = 16 * 1024;

    /// <summary>Open hub connections one user may hold on one server.</summary>
    [Range(1, 1000)] public int MaxConnectionsPerUser { get; set; } = 5;

    /// <summary>Rooms one hub connection may have joined at once (the web client shows one; a lobby preview a few).</summary>
    [Range(1, 1000)] public int MaxRoomsPerConnection { get; set; } = 10;

    public MessageLimit Comments { get; set; } = new() { PerSecond = 2, Burst = 5, UserPerSecond = 3, UserBurst = 8 };
    public MessageLimit Likes { get; set; } = new() { PerSecond = 10, Burst = 20, UserPerSecond = 20, UserBurst = 40 };
    public MessageLimit Gifts { get; set; } = new() { PerSecond = 5, Burst = 10, UserPerSecond = 5, UserBurst = 10 };
    /// <summary>Every other hub method (join, leave, moderation).</summary>
    public MessageLimit Other { get; set; } = new() { PerSecond = 20, Burst = 40, UserPerSecond = 40, UserBurst = 80 };

    public IEnumerable<string> Validate()
    {
        foreach (var (name, limit) in new[] { ("Comments", Comments), ("Likes", Likes), ("Gifts", Gifts), ("Other", Other) })
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(limit, new ValidationContext(limit), results, validateAllProperties: true))
                foreach (var r in results) yield return $"{Section}:{name}: {r.ErrorMessage}";
        }
    }
}

/// <summary>Two token buckets for one kind of message: one per connection, one per user across their connections.</summary>
public sealed class MessageLimit
{
    [Range(0.01, 100_000)] public double PerSecond { get; set; }
    [Range(1, 100_000)] public int Burst { get; set; }
    [Range(0.01, 100_000)] public double UserPerSecond { get; set; }
    [Range(1, 100_000)] public int UserBurst { get; set; }
}
