using LiveInteract.Client.Connection;

namespace LiveInteract.Client.Tests;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delays_grow_exponentially_within_the_jitter_and_stop_growing_at_the_cap()
    {
        var backoff = new ReconnectBackoff { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2), Multiplier = 2, Jitter = 0.1 };
        double[] expected = [100, 200, 400, 800, 1600, 2000, 2000];
        for (var attempt = 0; attempt < expected.Length; attempt++)
        {
            for (var sample = 0; sample < 50; sample++)
                Assert.InRange(backoff.DelayFor(attempt).TotalMilliseconds, expected[attempt] * 0.9, expected[attempt] * 1.1);
        }
        Assert.InRange(backoff.DelayFor(10_000).TotalMilliseconds, 1800, 2200); // no overflow, no limit on attempts
    }

    [Fact]
    public void Jitter_spreads_clients_that_lost_the_same_server()
    {
        var backoff = new ReconnectBackoff { InitialDelay = TimeSpan.FromSeconds(1), Jitter = 0.2 };
        var delays = Enumerable.Range(0, 100).Select(_ => backoff.DelayFor(0)).Distinct().Count();
        Assert.True(delays > 50, $"only {delays} distinct delays");
    }
}
