using System.Diagnostics;
using HdrHistogram;
using LiveInteract.LoadTests.Running;

namespace LiveInteract.LoadTests.Tests;

public sealed class DeliveryTrackerTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Each_number_counts_once_and_a_repeat_is_a_duplicate_not_a_delivery()
    {
        var counters = new RunCounters();
        var tracker = new DeliveryTracker(counters, discard: 0);
        // 5000 is far past the first words of the bitset: it grows.
        foreach (var number in new[] { 0, 63, 64, 5000, 63, 5000, 5000 }) tracker.Received(number, sentAt: 10, joinedAt: 5, receivedAt: 12);

        Assert.Equal(4, counters.DeliveredCount);
        Assert.Equal(3, tracker.Duplicates);
        Assert.All(new[] { 0, 63, 64, 5000 }, n => Assert.True(tracker.HasReceived(n)));
        Assert.All(new[] { 1, 62, 65, 4999, 5001, 1_000_000 }, n => Assert.False(tracker.HasReceived(n)));
    }

    [Fact]
    public void Latency_is_recorded_only_for_comments_sent_after_the_join()
    {
        var counters = new RunCounters();
        counters.RampEnded(0, TimeSpan.Zero); // steady state from the start: every timed comment is in the run's histogram
        var tracker = new DeliveryTracker(counters, discard: 0);
        var joined = 100 * Second;
        tracker.Received(1, sentAt: 50 * Second, joinedAt: 0, receivedAt: 51 * Second);         // while joining
        tracker.Received(2, sentAt: 99 * Second, joinedAt: joined, receivedAt: 101 * Second);    // sent before the join
        tracker.Received(3, sentAt: joined, joinedAt: joined, receivedAt: joined + Second / 4);  // sent after it: 250 ms

        Assert.Equal(3, counters.DeliveredCount);
        var latency = counters.Latency.Total;
        Assert.Equal(1, latency.TotalCount);
        Assert.InRange(latency.GetMaxValue(), 249_000, 251_000); // microseconds
    }

    [Fact]
    public void The_discard_hook_drops_the_first_deliveries_sent_after_the_join_so_they_are_lost()
    {
        var counters = new RunCounters();
        var tracker = new DeliveryTracker(counters, discard: 2);
        tracker.Received(1, sentAt: 10, joinedAt: 0, receivedAt: 11);  // before the join: kept
        tracker.Received(2, sentAt: 30, joinedAt: 20, receivedAt: 31);  // dropped
        tracker.Received(3, sentAt: 40, joinedAt: 20, receivedAt: 41);  // dropped
        tracker.Received(4, sentAt: 50, joinedAt: 20, receivedAt: 51);  // the hook is used up: kept
        tracker.Received(2, sentAt: 30, joinedAt: 20, receivedAt: 60);  // a redelivery of a dropped one is a first delivery

        Assert.Equal(2, tracker.Discarded);
        Assert.Equal([true, true, false, true], new[] { 1, 2, 3, 4 }.Select(tracker.HasReceived));
        Assert.Equal((3L, 0L), (counters.DeliveredCount, tracker.Duplicates));
    }
}
