namespace LiveInteract.Grains.Webhooks;

/// <summary>
/// When to try a failed delivery again: exponential back-off from <see cref="WebhookOptions.FirstRetryDelay"/>,
/// capped at <see cref="WebhookOptions.MaxRetryDelay"/>, with full jitter in [50%, 100%] of the delay so that many
/// failed deliveries do not come back at once; given up once the first attempt is older than
/// <see cref="WebhookOptions.RetryFor"/>.
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan Delay(int failedAttempts, WebhookOptions options, double random01)
    {
        var exponent = Math.Min(Math.Max(failedAttempts - 1, 0), 30);
        var delay = Math.Min(options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.5 + 0.5 * Math.Clamp(random01, 0, 1)));
    }

    public static bool GiveUp(DateTimeOffset firstAttempt, DateTimeOffset now, WebhookOptions options) => now - firstAttempt >= options.RetryFor;
}
