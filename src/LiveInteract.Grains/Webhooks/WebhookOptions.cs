using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Webhooks;

/// <summary>Webhook delivery ("Webhooks" section).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>One attempt (connect, send, response headers) longer than this fails and is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")] public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")] public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a failing delivery is retried (at least 24 h in production).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")] public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(25);

    /// <summary>How often an outbox with pending events looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events an endpoint's outbox holds; more are refused (and logged) rather than growing storage without bound.</summary>
    [Range(1, 1_000_000)] public int MaxPending { get; set; } = 10_000;

    /// <summary>Deliveries (and delivered events, for replay) kept per endpoint.</summary>
    [Range(1, 10_000)] public int LogSize { get; set; } = 200;

    [Range(1, 1000)] public int MaxEndpoints { get; set; } = 50;

    /// <summary>Rooms whose head event one outbox tick tries at once.</summary>
    [Range(1, 256)] public int MaxParallelAttempts { get; set; } = 16;

    [Range(16, 1024)] public int MinSecretLength { get; set; } = 32;

    /// <summary>Loopback receivers (tests, a receiver on the same machine); off in production.</summary>
    public bool AllowLoopback { get; set; }
}
