using LiveInteract.Grains.Rooms;

namespace LiveInteract.Grains.Tests;

public sealed class BatchIntervalPolicyTests
{
    private static readonly RoomOptions Options = new()
    {
        BatchInterval = TimeSpan.FromMilliseconds(25),
        MaxBatchInterval = TimeSpan.FromMilliseconds(100),
        DeliveriesPerSecondPerBatchStep = 50_000,
        EventsPerSecondPerBatchStep = 200,
    };

    private static double Ms(int viewers, double eventsPerSecond) => BatchIntervalPolicy.For(Options, viewers, eventsPerSecond).TotalMilliseconds;

    [Fact]
    public void A_big_audience_with_few_events_keeps_a_short_tick()
    {
        Assert.Equal(25, Ms(10_000, 0));
        Assert.Equal(25, Ms(0, 1));
        // 1,000 viewers x 20 comments/s = 20,000 deliveries/s: 0.4 + 0.1 steps more.
        Assert.Equal(38, Ms(1_000, 20));
    }

    [Fact]
    public void The_tick_grows_with_deliveries_and_events_up_to_its_cap()
    {
        Assert.Equal(48, Ms(2_000, 20));      // 40,000 deliveries/s
        Assert.Equal(100, Ms(10_000, 20));    // 200,000 deliveries/s: capped
        Assert.Equal(50, Ms(0, 200));         // a write per tick still batches a flood of events
        Assert.True(Ms(5_000, 100) > Ms(5_000, 10));
    }
}
