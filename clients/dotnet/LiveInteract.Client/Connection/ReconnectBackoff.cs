namespace LiveInteract.Client.Connection;

/// <summary>
/// Delays between reconnect attempts: exponential from <see cref="InitialDelay"/> up to <see cref="MaxDelay"/>,
/// with random jitter so thousands of phones that lost the same server do not return in one wave.
/// There is no attempt limit: a phone in a tunnel reconnects when it comes out (SignalR's own policy gives
/// up after four tries). Stop trying with <c>DisconnectAsync</c> or by disposing the client.
/// </summary>
public sealed class ReconnectBackoff
{
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    public double Multiplier { get; init; } = 2;

    /// <summary>Each delay is scaled by a random factor in [1 - Jitter, 1 + Jitter].</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The delay before attempt <paramref name="attempt"/> (0 = the first retry after a drop).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var exponent = Math.Min(attempt, 30);
        var ms = Math.Min(InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, exponent), MaxDelay.TotalMilliseconds);
        var jitter = 1 + Jitter * (Random.Shared.NextDouble() * 2 - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, ms * jitter));
    }
}
